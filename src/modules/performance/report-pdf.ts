/**
 * The round report as an A4 Thai PDF (pdfmake 0.3 on pdfkit, Sarabun embedded: platform/pdf/thai-pdf.ts).
 */
import { DEMO_RED, HEAD_FILL, INK, LATIN_FONT, MUTED, RULE, THAI_FONT, ZWSP, fontRuns, renderPdf, t, type Node } from "../../platform/pdf/thai-pdf.js";
import { formatThaiDate } from "../../platform/thai/dates.js";
import { fiscalYearRange, formatFiscalYear } from "../../platform/thai/fiscal-year.js";
import {
  AGREEMENT_STATUS,
  COMPONENT,
  DEMO_LABEL,
  ITEM_STATUS,
  KIND,
  REPORT_TITLE,
  ROUND_STATUS,
  resultText,
  roundLabel,
  schemeLabel,
  scoreText,
  weightPercentText,
  weightedText,
  partyRole,
} from "./report-labels.js";
import type { RoundReport } from "./report-model.js";
import type { ItemScore } from "./scoring.js";

function bilingual(th: string, en: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { stack: [t(th, { bold: true }), t(en, { fontSize: 7.5, color: MUTED, bold: false })], ...style };
}

function factsTable(r: RoundReport): Node {
  const a = r.agreement;
  const rd = r.round;
  const row = (th: string, en: string, value: Node): Node[] => [
    { stack: [t(th, { bold: true }), t(en, { fontSize: 7.5, color: MUTED })] },
    value,
  ];
  const fy = fiscalYearRange(a.fiscalYear);
  const signed = a.signedAt ? ` เมื่อ ${formatThaiDate(a.signedAt)}` : "";
  const rows: Node[][] = [
    row("ปีงบประมาณ", "Fiscal year", t(`${formatFiscalYear(a.fiscalYear)} (${formatThaiDate(fy.start)} – ${formatThaiDate(fy.end)})`)),
    row("พื้นที่", "Area", { text: [...fontRuns(`${a.areaNameTh} (${KIND[a.kind].th})  `), ...fontRuns(`${a.areaNameEn}${a.provinceCode ? ` · TH-${a.provinceCode}` : ""}`).map((x) => (x.text === ZWSP ? x : { ...x, color: MUTED, fontSize: 8 }))] }),
    row("คู่คำรับรอง", "Parties", {
      stack: a.parties.map((p) => ({ text: [...fontRuns(`${partyRole(p.role).th}: `), ...fontRuns(p.nameTh).map((x) => ({ ...x, bold: true }))] })),
    }),
    row("วิธีการให้คะแนน", "Scoring scheme", t(schemeLabel(a.schemeType).th)),
    row("รอบการประเมิน", "Round", t(`${roundLabel(rd.round).th} · สิ้นสุดรอบ ${formatThaiDate(rd.periodEnd)} · กำหนดส่ง ${formatThaiDate(rd.dueDate)}`)),
    row("สถานะ", "Status", t(`รอบการประเมิน: ${ROUND_STATUS[rd.status].th}${rd.closedAt ? ` เมื่อ ${formatThaiDate(rd.closedAt)}` : ""} · คำรับรอง: ${AGREEMENT_STATUS[a.status].th} ฉบับที่ ${a.version}${signed}`)),
  ];
  return {
    table: { widths: [78, "*"], body: rows },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, hLineColor: () => "#d1d5db", paddingTop: () => 3, paddingBottom: () => 3, paddingLeft: () => 2 },
    margin: [0, 0, 0, 12],
  };
}

function itemRow(r: RoundReport, it: ItemScore, n: number): Node[] {
  const d = r.score.decimals;
  const code = r.itemInfo[it.itemId]?.kpiCode;
  const unit = r.itemInfo[it.itemId]?.unit ?? null;
  const right = { alignment: "right" };
  return [
    t(String(n), { alignment: "center" }),
    {
      stack: [
        { text: [...(code ? [{ text: `${code}  `, font: LATIN_FONT, color: MUTED, fontSize: 8 }] : []), ...fontRuns(it.nameTh)] },
        t(it.nameEn, { fontSize: 7.5, color: MUTED }),
      ],
    },
    t(weightPercentText(it.weightBasisPoints), right),
    it.result === null ? t(ITEM_STATUS[it.status].th, { ...right, color: MUTED, fontSize: 8 }) : t(resultText(it.result, unit), right),
    t(scoreText(it.score, d), right),
    t(weightedText(it.weightedScore, d), right),
  ];
}

const ITEM_WIDTHS = [16, "*", 40, 70, 44, 54];
type Layout = Record<string, unknown>;
type TableNode = { table: { body: unknown[]; headerRows?: number } };

/** Thin rules between rows; firm under the headers, above the total and under a closing block (`closes`). */
function rowsLayout(headerRows: number, opts: { closes: boolean; total: boolean }): Layout {
  return {
    hLineWidth: (i: number, node: TableNode) => {
      const n = node.table.body.length;
      if (headerRows > 0 && (i === 0 || i === headerRows)) return 0.8;
      if (opts.closes && i === n) return 0.8;
      if (opts.total && i === n - 1) return 0.8;
      return 0.3;
    },
    vLineWidth: () => 0,
    hLineColor: (i: number) => (headerRows > 0 && i <= headerRows ? INK : RULE),
    fillColor: (i: number, node: TableNode) => (i === 0 && headerRows > 0 ? HEAD_FILL : opts.total && i === node.table.body.length - 1 ? "#f3f4f6" : null),
    paddingTop: () => 3,
    paddingBottom: () => 3,
    paddingLeft: () => 3,
    paddingRight: () => 3,
  };
}

/**
 * The KPI table, one per pb-pt component. Each is cut in two so nothing is left alone at a page's foot or head:
 * headers keep with the first item (keepWithHeaderRows), and the last item keeps with the subtotal and total.
 */
function itemsTables(r: RoundReport): Node[] {
  const s = r.score;
  const d = s.decimals;
  // pdfmake writes layout state into the nodes it lays out, so each table gets its own header cells.
  const head = (): Node[] => [
    bilingual("ที่", "No.", { alignment: "center" }),
    bilingual("ตัวชี้วัด", "KPI"),
    bilingual("น้ำหนัก\n(ร้อยละ)", "Weight (%)", { alignment: "right" }),
    bilingual("ผลการดำเนินงาน", "Result", { alignment: "right" }),
    bilingual(`คะแนน\n(เต็ม ${s.scale.max})`, "Score", { alignment: "right" }),
    bilingual("คะแนน\nถ่วงน้ำหนัก", "Weighted", { alignment: "right" }),
  ];
  const out: Node[] = [];
  let n = 0;
  const groups = s.schemeType === "pb-pt" ? (["performance", "potential"] as const) : ([null] as const);
  groups.forEach((g, gi) => {
    const headers: Node[][] = [head()];
    if (g !== null) {
      const cw = s.components?.[g]?.weight ?? 0;
      headers.push([{ ...t(`${COMPONENT[g].th} — น้ำหนักร้อยละ ${weightPercentText(Math.round(cw * 10_000))}`, { bold: true }), colSpan: 6, fillColor: "#f3f4f6" }, "", "", "", "", ""]);
    }
    const rows = s.items.filter((it) => g === null || it.component === g).map((it) => itemRow(r, it, ++n));
    const tail: Node[][] = rows.splice(-1, 1);
    if (g !== null) {
      const cs = s.components?.[g]?.score ?? null;
      tail.push([{ ...t(`คะแนน ${COMPONENT[g].en} (เฉลี่ยถ่วงน้ำหนักภายในองค์ประกอบ)`, { alignment: "right", color: MUTED }), colSpan: 4 }, "", "", "", t(scoreText(cs, d), { alignment: "right", bold: true }), ""]);
    }
    const last = gi === groups.length - 1;
    if (last) {
      const totalTh = s.schemeType === "pb-pt" ? "คะแนนรวม (เต็ม 100)" : "คะแนนรวมถ่วงน้ำหนัก (เต็ม 5)";
      const partial = s.complete ? "" : ` · รายงานผลแล้วร้อยละ ${weightPercentText(Math.round(s.reportedWeight * 10_000))} ของน้ำหนัก`;
      tail.push([
        { ...t(`${totalTh}${partial}`, { bold: true, alignment: "right" }), colSpan: 4 },
        "", "", "",
        { ...t(scoreText(s.total, d), { bold: true, alignment: "right", fontSize: 11 }), colSpan: 2 },
        "",
      ]);
    }
    const gap = last ? 8 : 10;
    if (rows.length === 0) {
      out.push({ table: { headerRows: headers.length, widths: ITEM_WIDTHS, body: [...headers, ...tail] }, layout: rowsLayout(headers.length, { closes: true, total: last }), unbreakable: true, margin: [0, 0, 0, gap] });
      return;
    }
    out.push({ table: { headerRows: headers.length, keepWithHeaderRows: 1, dontBreakRows: true, widths: ITEM_WIDTHS, body: [...headers, ...rows] }, layout: rowsLayout(headers.length, { closes: false, total: false }) });
    out.push({ table: { widths: ITEM_WIDTHS, body: tail }, layout: rowsLayout(0, { closes: true, total: last }), unbreakable: true, margin: [0, 0, 0, gap] });
  });
  return out;
}

function summary(r: RoundReport): Node[] {
  const s = r.score;
  const d = s.decimals;
  const out: Node[] = [];
  const cells: Node[] = [];
  const box = (label: string, en: string, value: string, extra: Record<string, unknown> = {}) => ({
    stack: [t(label, { fontSize: 8.5, color: MUTED }), t(value, { fontSize: 15, bold: true, ...extra }), t(en, { fontSize: 7, color: MUTED })],
    alignment: "center",
  });
  if (s.components) {
    cells.push(box("Performance Base", `weight ${weightPercentText(Math.round(s.components.performance.weight * 10_000))} %`, scoreText(s.components.performance.score, d)));
    cells.push(box("Potential Base", `weight ${weightPercentText(Math.round(s.components.potential.weight * 10_000))} %`, scoreText(s.components.potential.score, d)));
  }
  cells.push(box(s.schemeType === "pb-pt" ? "คะแนนรวม (เต็ม 100)" : "คะแนนรวม (เต็ม 5)", "Total", scoreText(s.total, d)));
  if (s.rating) cells.push(box("ระดับผลการประเมิน", s.rating.en, s.rating.th, { fontSize: 12 }));
  out.push({
    table: { widths: cells.map(() => "*"), body: [cells] },
    layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8, hLineColor: () => RULE, vLineColor: () => RULE, paddingTop: () => 5, paddingBottom: () => 5 },
    margin: [0, 2, 0, 6],
    unbreakable: true,
  });
  out.push(t(s.explanation.th, { fontSize: 9, color: INK, margin: [0, 0, 0, 12] }));
  return out;
}

function section(th: string, en: string): Node {
  return { text: [...fontRuns(th), { text: `  ${en}`, font: LATIN_FONT, color: MUTED, fontSize: 9, bold: false }], bold: true, fontSize: 12.5, margin: [0, 6, 0, 6], headlineLevel: 1 };
}

function explanations(r: RoundReport): Node {
  const rows: Node[][] = r.score.items.map((it, i) => {
    const code = r.itemInfo[it.itemId]?.kpiCode;
    return [
      t(`${i + 1}.`, { alignment: "right" }),
      { stack: [t(`${code ? `${code} ` : ""}${it.nameTh}`, { bold: true }), t(it.explanation.th, { color: INK })] },
    ];
  });
  return { table: { widths: [16, "*"], body: rows, dontBreakRows: true }, layout: "noBorders", fontSize: 9, margin: [0, 0, 0, 8] };
}

function selfAssessment(r: RoundReport): Node[] {
  const text = r.round.selfAssessmentTh?.trim();
  if (!text) return [t("— ยังไม่มีการประเมินตนเอง (no self-assessment yet) —", { color: MUTED, margin: [0, 0, 0, 8] })];
  return text.split(/\n+/).map((p) => t(p, { margin: [0, 0, 0, 6], leadingIndent: 24 }));
}

function evidence(r: RoundReport): Node {
  if (r.round.evidence.length === 0) return t("— ไม่มีเอกสารหลักฐานแนบ (no evidence attached) —", { color: MUTED });
  return {
    ol: r.round.evidence.map((e) => ({ stack: [t(e.name), ...(e.url ? [t(e.url, { fontSize: 8, color: "#1d4ed8", link: e.url })] : [])] })),
    margin: [0, 0, 0, 8],
  };
}

function signatures(): Node {
  const sig = (th: string, en: string): Node => ({
    stack: [
      t("ลงชื่อ ......................................................"),
      t("(......................................................)", { margin: [0, 6, 0, 0] }),
      t("ตำแหน่ง ..................................................", { margin: [0, 6, 0, 0] }),
      t("วันที่ ........ / ........ / ........", { margin: [0, 6, 0, 0] }),
      t(th, { bold: true, margin: [0, 4, 0, 0] }),
      t(en, { fontSize: 7.5, color: MUTED }),
    ],
    alignment: "center",
  });
  return { columns: [sig("ผู้รายงานผล", "Reported by"), sig("ผู้รับรองข้อมูล", "Certified by")], columnGap: 24, margin: [0, 28, 0, 0], unbreakable: true };
}

/** Renders a round report as an A4 portrait PDF in Thai (Buddhist-era dates, Sarabun embedded). */
export async function renderRoundReportPdf(report: RoundReport): Promise<Buffer> {
  const a = report.agreement;
  const demo = a.isDemo;
  const generated = formatThaiDate(report.generatedAt, { withTime: true });
  const runningHead = `${REPORT_TITLE.th} · ปีงบประมาณ พ.ศ. ${a.fiscalYear} · ${roundLabel(report.round.round).th}`;
  const doc = {
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: [48, 52, 48, 54],
    info: { title: `${REPORT_TITLE.en} — ${a.titleEn} — ${roundLabel(report.round.round).en}`, subject: a.titleTh, creator: "Changwat", producer: "Changwat" },
    language: "th-TH",
    defaultStyle: { font: LATIN_FONT, fontSize: 9.5, lineHeight: 1.2, color: INK },
    watermark: demo ? { text: "ข้อมูลตัวอย่าง", font: THAI_FONT, color: DEMO_RED, opacity: 0.06, bold: true, fontSize: 96 } : undefined,
    header: (page: number) => ({
      columns: [
        t(page > 1 ? runningHead : "", { fontSize: 7.5, color: MUTED }),
        demo ? t(DEMO_LABEL.th, { fontSize: 8, bold: true, color: DEMO_RED, alignment: "right", width: "auto" }) : { text: "", width: "auto" },
      ],
      margin: [48, 24, 48, 0],
    }),
    footer: (page: number, pages: number) => ({
      columns: [
        t(`จัดทำเมื่อ ${generated} โดย ${report.generatedByName}${demo ? ` · ${DEMO_LABEL.th}` : ""}`, { fontSize: 7.5, color: MUTED }),
        t(`หน้า ${page} / ${pages}`, { fontSize: 8, color: MUTED, alignment: "right", width: 70 }),
      ],
      margin: [48, 18, 48, 0],
    }),
    // A section heading never stays alone at the foot of a page.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): unknown[] }) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    content: [
      ...(demo
        ? [{
            table: { widths: ["*"], body: [[t(`${DEMO_LABEL.th} — เอกสารนี้สร้างจากข้อมูลตัวอย่าง ไม่ใช่ข้อมูลทางราชการ (${DEMO_LABEL.en})`, { color: DEMO_RED, bold: true, alignment: "center" })]] },
            layout: { hLineColor: () => DEMO_RED, vLineColor: () => DEMO_RED, paddingTop: () => 3, paddingBottom: () => 3 },
            margin: [0, 0, 0, 10],
          }]
        : []),
      t(REPORT_TITLE.th, { fontSize: 16, bold: true, alignment: "center" }),
      t(`${roundLabel(report.round.round).th} ปีงบประมาณ พ.ศ. ${a.fiscalYear}`, { fontSize: 13, bold: true, alignment: "center", margin: [0, 0, 0, 2] }),
      t(a.titleTh, { fontSize: 11, alignment: "center" }),
      t(a.titleEn, { fontSize: 8.5, color: MUTED, alignment: "center", margin: [0, 0, 0, 12] }),
      factsTable(report),
      section("1. ผลการประเมินตัวชี้วัด", "Scores by KPI"),
      ...itemsTables(report),
      ...summary(report),
      section("2. คำอธิบายการคิดคะแนน", "How each score was computed"),
      explanations(report),
      section("3. ผลการประเมินตนเอง", "Self-assessment"),
      ...selfAssessment(report),
      section("4. เอกสารหลักฐาน", "Evidence"),
      evidence(report),
      signatures(),
    ],
  };
  return renderPdf(doc);
}
