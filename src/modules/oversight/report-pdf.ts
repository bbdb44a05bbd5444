/**
 * The provincial 6- and 12-month report as an A4 Thai PDF (cover with contents, agenda progress, KPI table, charts,
 * budget, cases, committees, next steps) and the one-page executive brief. pdfmake with Sarabun embedded
 * (platform/pdf/thai-pdf.ts); charts are drawn with pdfmake's canvas, their labels set as Thai text beside them.
 */
import { DEMO_RED, HEAD_FILL, INK, LATIN_FONT, MUTED, RULE, THAI_FONT, fontRuns, renderPdf, t, type Node } from "../../platform/pdf/thai-pdf.js";
import { THAI_MONTHS_SHORT, formatThaiDate } from "../../platform/thai/dates.js";
import type { ProvinceReport, ReportKpi } from "./report-model.js";

type Style = Record<string, unknown>;
export const REPORT_DEMO_LABEL = { th: "ข้อมูลสาธิต (demo)", en: "Demonstration data, not official" };
const BLUE = "#2563eb";
const GREEN = "#15803d";
const AMBER = "#b45309";
const GREY = "#9ca3af";
const RED = "#b91c1c";

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const n = (x: number | null | undefined, suffix = "") => (x === null || x === undefined ? "–" : `${grouped.format(x)}${suffix}`);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${grouped.format(x)}%`);
const baht = (x: number) => `${grouped.format(x)} บาท`;
const mBaht = (x: number) => `${new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x / 1_000_000)} ล้านบาท`;
const thDate = (d: string) => formatThaiDate(d);
/** "ต.ค. 69": a fiscal month on a chart's axis */
const monthLabel = (m: string) => `${THAI_MONTHS_SHORT[Number(m.slice(5, 7)) - 1]} ${String(Number(m.slice(0, 4)) + 543).slice(2)}`;

export const periodLabel = (r: Pick<ProvinceReport, "period">) => (r.period === 6 ? { th: "รอบ 6 เดือน", en: "6-month report" } : { th: "รอบ 12 เดือน", en: "12-month report" });
const reportTitle = (r: ProvinceReport) => `รายงานผลการดำเนินงานจังหวัด${r.province.nameTh}`;

const PROPOSAL: Record<string, string> = { draft: "ร่างข้อเสนอ", submitted: "เสนอแล้ว", approved: "อนุมัติแล้ว", returned: "ส่งกลับแก้ไข", revised: "ปรับปรุงแล้ว" };
const SOURCE: Record<string, string> = { function: "งบกระทรวง/กรม (Function)", province: "งบจังหวัด", cluster: "งบกลุ่มจังหวัด", local: "งบองค์กรปกครองส่วนท้องถิ่น", matching: "งบสมทบ (Matching fund)", central: "งบกลาง", other: "อื่น ๆ" };
const ROUND_STATUS: Record<string, string> = { open: "ระหว่างรอบ", submitted: "ส่งรายงานแล้ว", closed: "ปิดรอบแล้ว" };

// ───────────── building blocks ─────────────

function heading(no: number, th: string, en: string): Node {
  return { text: [...fontRuns(`${no}. ${th}`), { text: `  ${en}`, font: LATIN_FONT, color: MUTED, fontSize: 9, bold: false }], bold: true, fontSize: 13, margin: [0, 10, 0, 6], headlineLevel: 1, tocItem: true };
}
function sub(th: string): Node {
  return t(th, { bold: true, fontSize: 10.5, margin: [0, 8, 0, 4], headlineLevel: 2 });
}
/** A sub-heading kept on one page with the block after it (so it never ends a page alone). */
function keep(...nodes: Node[]): Node {
  return { stack: nodes, unbreakable: true };
}
function note(th: string): Node {
  return t(th, { fontSize: 8, color: MUTED, margin: [0, 2, 0, 4] });
}
function head(th: string, en: string, style: Style = {}): Node {
  return { stack: [t(th, { bold: true }), t(en, { fontSize: 7, color: MUTED, bold: false })], ...style };
}
const rowsLayout = {
  hLineWidth: (i: number, node: { table: { headerRows?: number; body: unknown[] } }) => (i === 0 || i === (node.table.headerRows ?? 0) || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i <= 1 ? INK : RULE),
  fillColor: (i: number, node: { table: { headerRows?: number } }) => (i < (node.table.headerRows ?? 0) ? HEAD_FILL : null),
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  paddingLeft: () => 3,
  paddingRight: () => 3,
};
function table(widths: unknown[], header: Node[], rows: Node[][], extra: Style = {}): Node {
  return { table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths, body: [header, ...rows] }, layout: rowsLayout, margin: [0, 0, 0, 6], ...extra };
}
function emptyRow(cols: number, th: string): Node[] {
  return [{ ...t(th, { color: MUTED, alignment: "center" }), colSpan: cols }, ...Array.from({ length: cols - 1 }, () => "")];
}

/** A figure box: label, big value, small note. */
function figure(label: string, value: string, noteTh = "", color = INK): Node {
  return { stack: [t(label, { fontSize: 8, color: MUTED }), t(value, { fontSize: 14, bold: true, color }), ...(noteTh ? [t(noteTh, { fontSize: 7, color: MUTED })] : [])], alignment: "center" };
}
function figures(cells: Node[], margin = [0, 2, 0, 8]): Node {
  return {
    table: { widths: cells.map(() => "*"), body: [cells] },
    layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => RULE, vLineColor: () => RULE, paddingTop: () => 4, paddingBottom: () => 4 },
    margin,
    unbreakable: true,
  };
}

type Series = { label: string; color: string; values: (number | null)[]; kind?: "bar" | "line" };
/**
 * A vertical bar chart: categories along the bottom, one bar per bar-series per category, line series as a polyline,
 * optional target markers; the axis, value and category labels are Thai text nodes placed over the canvas.
 */
function barChart(o: { width: number; height: number; categories: string[]; series: Series[]; max: number; ticks: number[]; unit: string; markers?: { label: string; values: (number | null)[] }; refLine?: { label: string; value: number }; valueLabels?: boolean }): Node {
  const AXIS = 30;
  const TOP = 8;
  const plotW = o.width - AXIS;
  const plotH = o.height - TOP;
  const slot = plotW / o.categories.length;
  const bars = o.series.filter((s) => s.kind !== "line");
  const barW = Math.min(18, (slot * 0.72) / Math.max(1, bars.length));
  const y = (v: number) => TOP + plotH - (Math.min(v, o.max) / o.max) * plotH;
  const shapes: Style[] = [];
  const overlay: Node[] = [];
  for (const tick of o.ticks) {
    shapes.push({ type: "line", x1: AXIS, y1: y(tick), x2: o.width, y2: y(tick), lineWidth: tick === 0 ? 0.8 : 0.3, lineColor: tick === 0 ? INK : "#d1d5db" });
    overlay.push({ relativePosition: { x: 0, y: y(tick) - 5 }, columns: [{ width: AXIS - 4, ...t(`${grouped.format(tick)}${o.unit}`, { fontSize: 6.5, color: MUTED, alignment: "right" }) }] });
  }
  o.categories.forEach((_, ci) => {
    const x0 = AXIS + ci * slot + (slot - barW * bars.length) / 2;
    bars.forEach((s, si) => {
      const v = s.values[ci];
      if (v === null || v === undefined) return;
      const top = y(v);
      shapes.push({ type: "rect", x: x0 + si * barW, y: top, w: barW - 1, h: Math.max(0.5, TOP + plotH - top), color: s.color });
      if (o.valueLabels && v > 0) overlay.push({ relativePosition: { x: x0 + si * barW - 8, y: top - 9 }, columns: [{ width: barW + 15, ...t(grouped.format(v), { fontSize: 6, color: INK, alignment: "center" }) }] });
    });
    const m = o.markers?.values[ci];
    if (m !== null && m !== undefined) {
      const cx = AXIS + ci * slot + slot / 2;
      shapes.push({ type: "polyline", closePath: true, points: [{ x: cx, y: y(m) - 4 }, { x: cx + 4, y: y(m) }, { x: cx, y: y(m) + 4 }, { x: cx - 4, y: y(m) }], color: RED, lineColor: RED });
      overlay.push({ relativePosition: { x: cx + 5, y: y(m) - 5 }, columns: [{ width: 30, ...t(`${grouped.format(m)}${o.unit}`, { fontSize: 6, color: RED }) }] });
    }
  });
  for (const s of o.series.filter((x) => x.kind === "line")) {
    const pts = s.values.flatMap((v, ci) => (v === null ? [] : [{ x: AXIS + ci * slot + slot / 2, y: y(v) }]));
    if (pts.length > 1) shapes.push({ type: "polyline", points: pts, lineWidth: 1.4, lineColor: s.color, dash: { length: 3 } });
    for (const p of pts) shapes.push({ type: "ellipse", x: p.x, y: p.y, r1: 1.6, r2: 1.6, color: s.color });
  }
  const swatch = (kind: "bar" | "line" | "marker", color: string): Node =>
    kind === "line"
      ? { canvas: [{ type: "line", x1: 0, y1: 6, x2: 11, y2: 6, lineWidth: 1.4, lineColor: color, dash: { length: 3 } }] }
      : kind === "marker"
        ? { canvas: [{ type: "polyline", closePath: true, points: [{ x: 4, y: 2 }, { x: 8, y: 6 }, { x: 4, y: 10 }, { x: 0, y: 6 }], color }] }
        : { canvas: [{ type: "rect", x: 0, y: 2, w: 9, h: 8, color }] };
  const keys: [Node, string][] = o.series.map((s) => [swatch(s.kind === "line" ? "line" : "bar", s.color), s.label]);
  if (o.markers) keys.push([swatch("marker", RED), o.markers.label]);
  if (o.refLine) keys.push([swatch("line", RED), o.refLine.label]);
  // a label never wraps: pdfkit would otherwise break it at the word breaks the Thai runs carry
  // a narrow chart (the brief's half column) lists its keys one per line instead
  const narrow = o.width < 320;
  const legend: Node = { table: narrow ? { widths: [12, "*"], body: keys.map(([sw, label]) => [sw, t(label, { fontSize: 7.5 })]) } : { widths: keys.flatMap(() => [12, "auto", 10]), body: [keys.flatMap(([sw, label]) => [sw, t(label, { fontSize: 7.5, noWrap: true }), ""])] }, layout: { defaultBorder: false, paddingLeft: () => 0, paddingRight: () => 2, paddingTop: () => 0, paddingBottom: () => 0 } };
  if (o.refLine) shapes.push({ type: "line", x1: AXIS, y1: y(o.refLine.value), x2: o.width, y2: y(o.refLine.value), lineWidth: 1, lineColor: RED, dash: { length: 3 } });
  return {
    stack: [
      ...overlay,
      { canvas: shapes },
      { columns: [{ width: AXIS, text: "" }, ...o.categories.map((c) => ({ width: slot, ...t(slot < 30 ? c.split(" ")[0]! : c, { fontSize: 6.5, color: MUTED, alignment: "center" }) }))], columnGap: 0, margin: [0, 2, 0, 0] },
      { columns: [{ width: AXIS, text: "" }, { width: "*", stack: [legend] }], columnGap: 0, margin: [0, 3, 0, 0] },
    ],
    unbreakable: true,
    margin: [0, 4, 0, 8],
  };
}

/** 0, a quarter, half … of a round maximum above the largest value. */
function niceTicks(maxValue: number): { max: number; ticks: number[] } {
  if (maxValue <= 0) return { max: 4, ticks: [0, 1, 2, 3, 4] };
  const raw = maxValue / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const max = Math.ceil(maxValue / step) * step;
  return { max, ticks: Array.from({ length: Math.round(max / step) + 1 }, (_, i) => Math.round(i * step * 100) / 100) };
}

// ───────────── sections ─────────────

function kpiStatus(k: ReportKpi): { th: string; color: string } {
  if (!k.result) return { th: "ยังไม่รายงานผล", color: MUTED };
  if (k.met === null) return { th: "ไม่มีค่าเป้าหมาย", color: MUTED };
  return k.met ? { th: "ถึงเป้าหมาย", color: GREEN } : { th: "ต่ำกว่าเป้าหมาย", color: AMBER };
}
const kpiMet = (r: ProvinceReport) => ({ met: r.kpis.filter((k) => k.met === true).length, all: r.kpis.length, reported: r.kpis.filter((k) => k.result).length });
const agreementTotal = (r: ProvinceReport) => r.agreement?.rounds.find((x) => x.round === r.period) ?? null;
const agreementText = (r: ProvinceReport) => {
  const x = agreementTotal(r);
  if (!x || x.total === null) return "–";
  return `${x.total.toFixed(r.agreement!.schemeType === "pb-pt" ? 2 : 4)} / ${r.agreement!.scaleMax}`;
};

function summaryFigures(r: ProvinceReport): Node {
  const k = kpiMet(r);
  return figures([
    figure("ตัวชี้วัดที่ถึงเป้าหมาย", `${k.met} / ${k.all}`, `รายงานผลแล้ว ${k.reported} ตัวชี้วัด`),
    figure("เบิกจ่ายงบประมาณ", pct(r.budget.disbursedPct), r.budget.targetPct !== null ? `เป้าหมายไตรมาส ${pct(r.budget.targetPct)}` : "ยังไม่สิ้นไตรมาสแรก", r.budget.targetPct !== null && (r.budget.disbursedPct ?? 0) < r.budget.targetPct ? AMBER : INK),
    figure("เรื่องร้องเรียนแก้ไขทันเวลา", pct(r.cases.onTimePct), `รับเรื่อง ${n(r.cases.received)} เรื่อง`),
    figure("ความพึงพอใจ (1–5)", n(r.cases.satisfaction), `${n(r.cases.ratings)} การประเมิน`),
    figure(`คะแนนคำรับรองฯ ${periodLabel(r).th}`, agreementText(r), agreementTotal(r)?.live ? "คะแนนระหว่างรอบ" : ""),
  ]);
}

function agendaTable(r: ProvinceReport): Node[] {
  const rows = r.agendas.map((a) => [
    { stack: [t(a.nameTh, { bold: a.assigned }), t(a.nameEn, { fontSize: 7, color: MUTED })] },
    t(a.assigned ? `ได้รับมอบหมาย · ${PROPOSAL[a.proposalStatus ?? ""] ?? a.proposalStatus ?? ""}` : "โครงการและตัวชี้วัดที่สนับสนุน", { fontSize: 8 }),
    t(a.assigned ? `${a.met} / ${a.kpis}` : "–", { alignment: "center" }),
    t(a.assigned ? `${a.notMet} / ${a.noResult}` : "–", { alignment: "center" }),
    t(a.budget === null ? "–" : mBaht(a.budget), { alignment: "right" }),
    t(pct(a.disbursedPct), { alignment: "right" }),
  ]);
  const out: Node[] = [
    table(["*", 88, 44, 52, 70, 44], [head("วาระ / ประเด็นปัญหา", "Agenda or pain point"), head("สถานะ", "Status"), head("ถึงเป้า", "KPIs met", { alignment: "center" }), head("ไม่ถึง / ไม่มีผล", "Short / none", { alignment: "center" }), head("งบประมาณ", "Budget", { alignment: "right" }), head("เบิกจ่าย", "Disbursed", { alignment: "right" })], rows.length ? rows : [emptyRow(6, "ยังไม่มีวาระหรือประเด็นปัญหาของจังหวัด")]),
  ];
  if (r.agendas.some((a) => a.disbursedPct === null && a.budget !== null)) out.push(note("การเบิกจ่ายรายวาระมาจากข้อมูลสรุปรายปีของศูนย์ปฏิบัติการ จึงไม่แสดงในรายงานรอบ 6 เดือนของปีที่ผ่านไปแล้ว"));
  return out;
}

function kpiTable(r: ProvinceReport): Node {
  const rows = r.kpis.map((k) => {
    const s = kpiStatus(k);
    return [
      t(k.code, { fontSize: 8 }),
      { stack: [t(k.nameTh), t(k.nameEn, { fontSize: 7, color: MUTED })] },
      t(k.target === null ? "–" : `${n(k.target)} ${k.unit}`, { alignment: "right" }),
      { stack: [t(k.result ? `${n(k.result.value)} ${k.unit}` : "–", { alignment: "right" }), ...(k.result ? [t(`${thDate(k.result.periodEnd)}${k.result.verified ? "" : " (รอตรวจสอบ)"}`, { fontSize: 7, color: MUTED, alignment: "right" })] : [])] },
      t(s.th, { color: s.color, bold: true, fontSize: 8.5 }),
    ];
  });
  return table([52, "*", 72, 80, 62], [head("รหัส", "Code"), head("ตัวชี้วัด", "KPI"), head("ค่าเป้าหมาย", "Target", { alignment: "right" }), head("ผลการดำเนินงาน", "Result", { alignment: "right" }), head("สถานะ", "Status")], rows.length ? rows : [emptyRow(5, "จังหวัดยังไม่มีตัวชี้วัด")]);
}

/** KPI results as a percentage of their targets (lower-is-better KPIs: target ÷ result), 100 % marked. */
function kpiChart(r: ProvinceReport, width: number): Node | null {
  const ks = r.kpis.filter((k) => k.result && k.target);
  if (!ks.length) return null;
  const ratio = (k: ReportKpi) => Math.round((k.direction === "lower" ? k.target! / k.result!.value : k.result!.value / k.target!) * 1000) / 10;
  const values = ks.map(ratio);
  const { max, ticks } = niceTicks(Math.max(100, ...values));
  return barChart({ width, height: 110, categories: ks.map((k) => k.code), series: [{ label: "ผลการดำเนินงานเทียบค่าเป้าหมาย (ร้อยละ)", color: BLUE, values }], max, ticks, unit: "%", refLine: { label: "ค่าเป้าหมาย (100%)", value: 100 }, valueLabels: true });
}

function agreementBlock(r: ProvinceReport, width: number): Node[] {
  if (!r.agreement) return [note("จังหวัดยังไม่มีคำรับรองการปฏิบัติราชการของปีงบประมาณนี้")];
  const a = r.agreement;
  const rows = a.rounds.map((x) => [t(`รอบ ${x.round} เดือน`), t(ROUND_STATUS[x.status] ?? x.status), t(thDate(x.dueDate)), t(x.total === null ? "–" : `${x.total.toFixed(a.schemeType === "pb-pt" ? 2 : 4)}${x.live ? " (ระหว่างรอบ)" : ""}`, { alignment: "right" })]);
  const out: Node[] = [t(a.titleTh, { margin: [0, 0, 0, 4] }), table([70, 80, 80, "*"], [head("รอบ", "Round"), head("สถานะ", "Status"), head("กำหนดส่ง", "Due"), head(`คะแนน (เต็ม ${a.scaleMax})`, "Score", { alignment: "right" })], rows)];
  const hist = [...r.agreementHistory.map((h) => ({ fy: h.fiscalYear, total: h.total })), ...(agreementTotal(r)?.total != null ? [{ fy: r.fiscalYear, total: agreementTotal(r)!.total! }] : [])];
  if (hist.length > 1) {
    const ticks = a.scaleMax === 5 ? [0, 1, 2, 3, 4, 5] : [0, 25, 50, 75, 100];
    out.push(barChart({ width: Math.min(width, 260), height: 90, categories: hist.map((h) => `พ.ศ. ${h.fy}`), series: [{ label: `คะแนน${periodLabel(r).th}แต่ละปี`, color: GREEN, values: hist.map((h) => Math.round(h.total * 100) / 100) }], max: a.scaleMax, ticks, unit: "", valueLabels: true }));
  }
  return out;
}

function budgetChart(r: ProvinceReport, width: number, height = 120): Node {
  return barChart({
    width,
    height,
    categories: r.budget.curve.map((c) => monthLabel(c.month)),
    series: [
      { label: "เบิกจ่ายสะสม (ร้อยละของงบประมาณ)", color: BLUE, values: r.budget.curve.map((c) => c.cumulativePct) },
      { label: "แผนการเบิกจ่ายสะสม", color: GREY, values: r.budget.curve.map((c) => c.plannedPct), kind: "line" },
    ],
    max: 100,
    ticks: [0, 25, 50, 75, 100],
    unit: "%",
    markers: { label: "เป้าหมายรายไตรมาส", values: r.budget.curve.map((c) => c.targetPct) },
  });
}

function budgetSection(r: ProvinceReport, width: number): Node[] {
  const b = r.budget;
  const out: Node[] = [
    figures([
      figure("งบประมาณโครงการ", mBaht(b.total), `${n(b.projects)} โครงการ`),
      figure("เบิกจ่ายแล้ว", mBaht(b.disbursed), `ร้อยละ ${n(b.disbursedPct)}`),
      figure("แผนการเบิกจ่ายถึงวันนี้", mBaht(b.plannedToDate), b.plannedToDate > 0 ? `เบิกจ่ายได้ร้อยละ ${n(Math.round((b.disbursed / b.plannedToDate) * 10000) / 100)} ของแผน` : ""),
      figure("เป้าหมายไตรมาสล่าสุด", pct(b.targetPct), b.targetPct === null ? "ยังไม่สิ้นไตรมาสแรก" : (b.disbursedPct ?? 0) >= b.targetPct ? "ถึงเป้าหมาย" : "ต่ำกว่าเป้าหมาย", b.targetPct !== null && (b.disbursedPct ?? 0) < b.targetPct ? AMBER : INK),
    ]),
    keep(sub("การเบิกจ่ายสะสมรายเดือนเทียบแผนและเป้าหมาย"), budgetChart(r, width)),
    keep(sub("งบประมาณตามแหล่งงบประมาณ"), table(["*", 110], [head("แหล่งงบประมาณ", "Source"), head("จำนวนเงิน", "Amount", { alignment: "right" })], b.bySource.length ? b.bySource.map((s) => [t(SOURCE[s.source] ?? s.source), t(baht(s.amount), { alignment: "right" })]) : [emptyRow(2, "ไม่มีโครงการในปีงบประมาณนี้")])),
    keep(sub("งบประมาณและการเบิกจ่ายตามหน่วยงาน"), table(["*", 90, 90, 50], [head("หน่วยงาน", "Agency"), head("งบประมาณ", "Budget", { alignment: "right" }), head("เบิกจ่าย", "Disbursed", { alignment: "right" }), head("ร้อยละ", "%", { alignment: "right" })], b.byAgency.length ? b.byAgency.map((a) => [t(a.nameTh), t(baht(a.budget), { alignment: "right" }), t(baht(a.disbursed), { alignment: "right" }), t(a.budget > 0 ? pct(Math.round((a.disbursed / a.budget) * 10000) / 100) : "–", { alignment: "right" })]) : [emptyRow(4, "ไม่มีโครงการในปีงบประมาณนี้")])),
  ];
  if (b.laggingProjectsTotal > 0) {
    out.push(keep(sub(`โครงการที่เบิกจ่ายล่าช้า (${n(b.laggingProjectsTotal)} โครงการ${b.laggingProjectsTotal > b.laggingProjects.length ? ` แสดง ${b.laggingProjects.length} โครงการแรก` : ""})`), table([84, "*", 60, 60], [head("รหัส", "Code"), head("โครงการ", "Project"), head("เบิกจ่าย", "Disbursed", { alignment: "right" }), head("เป้าหมาย", "Target", { alignment: "right" })], b.laggingProjects.map((p) => [t(p.code, { fontSize: 8 }), t(p.nameTh), t(pct(p.disbursedPct), { alignment: "right" }), t(pct(p.targetPct), { alignment: "right" })]))));
  }
  return out;
}

function casesSection(r: ProvinceReport, width: number): Node[] {
  const c = r.cases;
  const p = r.permits;
  const maxV = Math.max(0, ...c.months.map((m) => m.received));
  const { max, ticks } = niceTicks(maxV);
  const monthsOfPeriod = r.budget.curve.map((m) => m.month);
  const byMonth = new Map(c.months.map((m) => [m.month, m]));
  return [
    figures([
      figure("เรื่องที่รับ", n(c.received), "เรื่อง"),
      figure("แก้ไขเสร็จ", n(c.resolved), `ทันเวลา ${n(c.resolvedOnTime)} เรื่อง`),
      figure("แก้ไขทันตามมาตรฐานเวลา", pct(c.onTimePct)),
      figure("เรื่องค้างเกินกำหนด", n(c.openOverdue), "เรื่อง", c.openOverdue > 0 ? AMBER : INK),
      figure("ความพึงพอใจ (1–5)", n(c.satisfaction), `${n(c.ratings)} การประเมิน`),
    ]),
    keep(sub("เรื่องร้องเรียนและคำขอรับบริการรายเดือน"), barChart({
      width,
      height: 100,
      categories: monthsOfPeriod.map(monthLabel),
      series: [
        { label: "รับเรื่อง", color: BLUE, values: monthsOfPeriod.map((m) => byMonth.get(m)?.received ?? (m <= r.asOf ? 0 : null)) },
        { label: "แก้ไขเสร็จทันเวลา", color: GREEN, values: monthsOfPeriod.map((m) => byMonth.get(m)?.resolvedOnTime ?? (m <= r.asOf ? 0 : null)) },
      ],
      max,
      ticks,
      unit: "",
      valueLabels: true,
    })),
    keep(sub("การอนุญาตตามกฎหมาย (ระยะเวลาตามที่กฎหมายกำหนด)"), table(["*", "*", "*", "*", "*"], [head("คำขอที่รับ", "Received"), head("พิจารณาแล้ว", "Decided"), head("ทันตามกฎหมาย", "On time"), head("ระยะเวลาเฉลี่ย", "Turnaround"), head("ค้างเกินกำหนด", "Overdue")], [[t(n(p.received)), t(n(p.decided)), t(pct(p.onTimePct)), t(p.turnaroundDays === null ? "–" : `${n(p.turnaroundDays)} วัน`), t(n(p.openOverdue), { color: p.openOverdue > 0 ? AMBER : INK })]]),
    note(`ตัดสินในจังหวัดตามการมอบอำนาจ ร้อยละ ${n(p.delegatedPct)} ของคำขอที่รับ`)),
  ];
}

function committeesTable(r: ProvinceReport): Node {
  const rows = r.committees.map((c) => [
    { stack: [t(c.nameTh), t(c.nameEn, { fontSize: 7, color: MUTED })] },
    t(c.lastHeldOn ? thDate(c.lastHeldOn) : "ยังไม่เคยประชุม"),
    t(c.status === "late" ? `ล่าช้า ${c.daysLate} วัน` : "ตามรอบ", { color: c.status === "late" ? AMBER : GREEN, bold: true }),
    t(`${c.openActionItems}${c.overdueActionItems ? ` (เกินกำหนด ${c.overdueActionItems})` : ""}`, { alignment: "center" }),
  ]);
  return table(["*", 70, 62, 80], [head("คณะกรรมการ", "Committee"), head("ประชุมล่าสุด", "Last held"), head("รอบการประชุม", "Cadence"), head("มติที่ต้องดำเนินการ", "Open action items", { alignment: "center" })], rows.length ? rows : [emptyRow(4, "ยังไม่มีคณะกรรมการในระบบ")]);
}

const STEP_KIND: Record<ProvinceReport["nextSteps"][number]["kind"], string> = { meeting: "ประชุม", "action-item": "มติที่ต้องดำเนินการ", round: "คำรับรองฯ", "kpi-report": "รายงานตัวชี้วัด", budget: "งบประมาณ" };
function nextStepsTable(r: ProvinceReport, limit: number, compact = false): Node {
  const rows = r.nextSteps.slice(0, limit).map((s) => [
    t(s.date ? thDate(s.date) : "–", { color: s.overdue ? RED : INK }),
    t(s.overdue ? `${STEP_KIND[s.kind]} · เกินกำหนด` : STEP_KIND[s.kind], { fontSize: 8, color: s.overdue ? RED : MUTED }),
    { stack: [t(s.title.th), ...(s.owner && !compact ? [t(`ผู้รับผิดชอบ: ${s.owner.th}`, { fontSize: 7.5, color: MUTED })] : [])] },
  ]);
  return table([62, 86, "*"], [head("วันที่", "Date"), head("ประเภท", "Kind"), head("สิ่งที่ต้องทำ", "What")], rows.length ? rows : [emptyRow(3, "ไม่มีงานที่ค้างหรือกำหนดไว้")]);
}

// ───────────── documents ─────────────

function frame(r: ProvinceReport, subtitle: string): Style {
  const demo = r.isDemo;
  const generated = formatThaiDate(r.generatedAt, { withTime: true });
  return {
    pageSize: "A4",
    pageOrientation: "portrait",
    language: "th-TH",
    info: { title: `${reportTitle(r)} ${subtitle} ปีงบประมาณ พ.ศ. ${r.fiscalYear}`, subject: `Province ${r.province.code} ${periodLabel(r).en}, FY ${r.fiscalYear}`, creator: "Changwat", producer: "Changwat" },
    defaultStyle: { font: LATIN_FONT, fontSize: 9.5, lineHeight: 1.25, color: INK },
    watermark: demo ? { text: "ข้อมูลสาธิต", font: THAI_FONT, color: DEMO_RED, opacity: 0.05, bold: true, fontSize: 96 } : undefined,
    footer: (page: number, pages: number) => ({
      columns: [t(`จัดทำเมื่อ ${generated}${r.generatedByName ? ` โดย ${r.generatedByName}` : ""}${demo ? ` · ${REPORT_DEMO_LABEL.th}` : ""}`, { fontSize: 7.5, color: MUTED }), t(`หน้า ${page} / ${pages}`, { fontSize: 8, color: MUTED, alignment: "right", width: 70 })],
      margin: [48, 16, 48, 0],
    }),
  };
}
function demoBanner(r: ProvinceReport): Node[] {
  if (!r.isDemo) return [];
  return [{ table: { widths: ["*"], body: [[t(`${REPORT_DEMO_LABEL.th} — รายงานนี้สร้างจากข้อมูลสาธิต ไม่ใช่ข้อมูลทางราชการ (${REPORT_DEMO_LABEL.en})`, { color: DEMO_RED, bold: true, alignment: "center" })]] }, layout: { hLineColor: () => DEMO_RED, vLineColor: () => DEMO_RED, paddingTop: () => 3, paddingBottom: () => 3 }, margin: [0, 0, 0, 10] }];
}
const periodText = (r: ProvinceReport) => `${thDate(r.periodStart)} – ${thDate(r.periodEnd)}`;
const asOfText = (r: ProvinceReport) => (r.periodComplete ? `ข้อมูล ณ สิ้นรอบ ${thDate(r.asOf)}` : `รายงานระหว่างรอบ: ข้อมูลถึงวันที่ ${thDate(r.asOf)}`);

const CONTENT_WIDTH = 595.28 - 96;

/** The full report: cover and contents, then seven sections. */
export async function renderProvinceReportPdf(r: ProvinceReport): Promise<Buffer> {
  const p = periodLabel(r);
  const runningHead = `${reportTitle(r)} · ${p.th} · ปีงบประมาณ พ.ศ. ${r.fiscalYear}`;
  const doc = {
    ...frame(r, p.th),
    pageMargins: [48, 50, 48, 52],
    header: (page: number) => ({
      columns: [t(page > 1 ? runningHead : "", { fontSize: 7.5, color: MUTED }), r.isDemo ? t(REPORT_DEMO_LABEL.th, { fontSize: 8, bold: true, color: DEMO_RED, alignment: "right", width: "auto" }) : { text: "", width: "auto" }],
      margin: [48, 22, 48, 0],
    }),
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): unknown[] }) => (node.headlineLevel === 1 || node.headlineLevel === 2) && nodes.getFollowingNodesOnPage().length === 0,
    content: [
      ...demoBanner(r),
      { text: "", margin: [0, 70, 0, 0] },
      t("ศูนย์ปฏิบัติการจังหวัด (POC)", { fontSize: 11, color: MUTED, alignment: "center" }),
      t(reportTitle(r), { fontSize: 22, bold: true, alignment: "center", margin: [0, 8, 0, 4] }),
      t(`${p.th} ปีงบประมาณ พ.ศ. ${r.fiscalYear}`, { fontSize: 16, bold: true, alignment: "center" }),
      t(`(${periodText(r)})`, { fontSize: 12, alignment: "center", margin: [0, 2, 0, 6] }),
      t(`${r.province.nameEn} (TH-${r.province.code}) — ${p.en}, fiscal year ${r.fiscalYear}`, { fontSize: 9, color: MUTED, alignment: "center" }),
      t(asOfText(r), { fontSize: 10.5, alignment: "center", margin: [0, 14, 0, 0], color: r.periodComplete ? INK : AMBER, bold: !r.periodComplete }),
      ...(r.rollupsAsOf ? [t(`ข้อมูลสรุปของศูนย์ปฏิบัติการปรับปรุงล่าสุด ${formatThaiDate(r.rollupsAsOf, { withTime: true })}`, { fontSize: 8.5, color: MUTED, alignment: "center" })] : []),
      { text: "", margin: [0, 40, 0, 0] },
      { toc: { title: t("สารบัญ", { bold: true, fontSize: 13, margin: [0, 0, 0, 6] }), numberStyle: { fontSize: 10 }, textStyle: { fontSize: 10 } }, margin: [60, 0, 60, 0] },
      { text: "", pageBreak: "after" },
      heading(1, "สรุปผลการดำเนินงาน", "Summary"),
      summaryFigures(r),
      heading(2, "ความก้าวหน้าตามวาระและประเด็นปัญหา", "Agenda progress"),
      ...agendaTable(r),
      heading(3, "ตัวชี้วัด: ค่าเป้าหมายและผลการดำเนินงาน", "KPIs: targets and results"),
      note(r.period === 6 ? "ค่าเป้าหมายระดับ 3 (มาตรฐาน) ของรอบ 6 เดือน หากไม่ได้กำหนดไว้ใช้ค่าเป้าหมายรอบ 12 เดือน; ผลการดำเนินงานคือผลล่าสุดของปีที่รายงานภายในรอบ" : "ค่าเป้าหมายระดับ 3 (มาตรฐาน) ของรอบ 12 เดือน; ผลการดำเนินงานคือผลล่าสุดของปีที่รายงานภายในรอบ"),
      kpiTable(r),
      ...(kpiChart(r, CONTENT_WIDTH) ? [keep(sub("ผลการดำเนินงานเทียบค่าเป้าหมาย"), kpiChart(r, CONTENT_WIDTH)!)] : []),
      keep(sub("คะแนนคำรับรองการปฏิบัติราชการ"), ...agreementBlock(r, CONTENT_WIDTH).slice(0, 2)),
      ...agreementBlock(r, CONTENT_WIDTH).slice(2),
      heading(4, "งบประมาณและการเบิกจ่าย", "Budget and disbursement"),
      note(`ข้อมูล ณ วันที่ ${thDate(r.asOf)} ตามแผนปฏิบัติการและผลการเบิกจ่ายของโครงการในจังหวัด`),
      ...budgetSection(r, CONTENT_WIDTH),
      heading(5, "บริการประชาชนและเรื่องร้องเรียน", "Citizens' cases and permits"),
      ...casesSection(r, CONTENT_WIDTH),
      heading(6, "คณะกรรมการและการประชุม", "Committees"),
      committeesTable(r),
      heading(7, "ขั้นตอนต่อไป", "Next steps"),
      nextStepsTable(r, 15),
    ],
  };
  return renderPdf(doc);
}

/** The executive brief: one A4 page with the headline figures, the disbursement curve, the KPIs and what comes next. */
export async function renderProvinceBriefPdf(r: ProvinceReport): Promise<Buffer> {
  const p = periodLabel(r);
  const width = CONTENT_WIDTH + 16;
  const issues: string[] = [];
  for (const k of r.kpis) if (k.met === false) issues.push(`${k.code} ${k.nameTh}: ${n(k.result!.value)} ${k.unit} (เป้าหมาย ${n(k.target)} ${k.unit})`);
  if (r.budget.targetPct !== null && (r.budget.disbursedPct ?? 0) < r.budget.targetPct) issues.push(`เบิกจ่ายร้อยละ ${n(r.budget.disbursedPct)} ต่ำกว่าเป้าหมายไตรมาสร้อยละ ${n(r.budget.targetPct)}`);
  if (r.budget.laggingProjectsTotal > 0) issues.push(`โครงการเบิกจ่ายล่าช้ากว่าแผนหรือเป้าหมาย ${n(r.budget.laggingProjectsTotal)} โครงการ`);
  if (r.cases.openOverdue > 0) issues.push(`เรื่องร้องเรียนค้างเกินกำหนด ${n(r.cases.openOverdue)} เรื่อง`);
  if (r.permits.openOverdue > 0) issues.push(`คำขออนุญาตค้างเกินกำหนดตามกฎหมาย ${n(r.permits.openOverdue)} เรื่อง`);
  for (const c of r.committees) if (c.status === "late") issues.push(`${c.nameTh} ประชุมล่าช้ากว่ารอบ ${c.daysLate} วัน`);
  const kpiRows = r.kpis.slice(0, 6).map((k) => {
    const s = kpiStatus(k);
    return [t(`${k.code} ${k.nameTh}`, { fontSize: 8 }), t(k.target === null ? "–" : `${n(k.target)} ${k.unit}`, { alignment: "right", fontSize: 8 }), t(k.result ? `${n(k.result.value)} ${k.unit}` : "–", { alignment: "right", fontSize: 8 }), t(s.th, { color: s.color, bold: true, fontSize: 8 })];
  });
  const doc = {
    ...frame(r, "สรุปสำหรับผู้บริหาร"),
    pageMargins: [40, 30, 40, 44],
    defaultStyle: { font: LATIN_FONT, fontSize: 8.5, lineHeight: 1.2, color: INK },
    content: [
      {
        columns: [
          { stack: [t(`สรุปสำหรับผู้บริหาร · ${reportTitle(r)}`, { fontSize: 14, bold: true }), t(`${p.th} ปีงบประมาณ พ.ศ. ${r.fiscalYear} (${periodText(r)}) · ${asOfText(r)}`, { fontSize: 9 }), t(`Executive brief — ${r.province.nameEn}, ${p.en}, FY ${r.fiscalYear}`, { fontSize: 7.5, color: MUTED })] },
          r.isDemo ? { width: 110, table: { widths: ["*"], body: [[t(REPORT_DEMO_LABEL.th, { color: DEMO_RED, bold: true, alignment: "center", fontSize: 9 })]] }, layout: { hLineColor: () => DEMO_RED, vLineColor: () => DEMO_RED } } : { width: 0, text: "" },
        ],
        margin: [0, 0, 0, 6],
      },
      summaryFigures(r),
      {
        columns: [
          { width: "*", stack: [t("การเบิกจ่ายสะสมเทียบแผนและเป้าหมาย", { bold: true, fontSize: 9.5 }), t(`${mBaht(r.budget.disbursed)} จาก ${mBaht(r.budget.total)} (${n(r.budget.projects)} โครงการ)`, { fontSize: 8, color: MUTED }), budgetChart(r, width / 2 - 10, 95)] },
          { width: "*", stack: [t("เรื่องร้องเรียนและการอนุญาต", { bold: true, fontSize: 9.5, margin: [0, 0, 0, 3] }), table(["*", 60], [head("รายการ", "Item"), head("ผล", "Value", { alignment: "right" })], [
            [t("เรื่องที่รับ / แก้ไขเสร็จ"), t(`${n(r.cases.received)} / ${n(r.cases.resolved)}`, { alignment: "right" })],
            [t("แก้ไขทันตามมาตรฐานเวลา"), t(pct(r.cases.onTimePct), { alignment: "right" })],
            [t("เรื่องค้างเกินกำหนด"), t(n(r.cases.openOverdue), { alignment: "right" })],
            [t("ความพึงพอใจของประชาชน (1–5)"), t(n(r.cases.satisfaction), { alignment: "right" })],
            [t("คำขออนุญาตพิจารณาทันตามกฎหมาย"), t(pct(r.permits.onTimePct), { alignment: "right" })],
            [t("ตัดสินในจังหวัดตามการมอบอำนาจ"), t(pct(r.permits.delegatedPct), { alignment: "right" })],
          ])] },
        ],
        columnGap: 16,
      },
      t("ตัวชี้วัดสำคัญ", { bold: true, fontSize: 9.5, margin: [0, 2, 0, 3] }),
      table(["*", 70, 76, 64], [head("ตัวชี้วัด", "KPI"), head("ค่าเป้าหมาย", "Target", { alignment: "right" }), head("ผล", "Result", { alignment: "right" }), head("สถานะ", "Status")], kpiRows.length ? kpiRows : [emptyRow(4, "จังหวัดยังไม่มีตัวชี้วัด")]),
      ...(r.kpis.length > 6 ? [note(`แสดง 6 จาก ${r.kpis.length} ตัวชี้วัด (ทั้งหมดอยู่ในรายงานฉบับเต็ม)`)] : []),
      t("ความก้าวหน้าตามวาระและประเด็นปัญหา", { bold: true, fontSize: 9.5, margin: [0, 2, 0, 3] }),
      table(["*", 60, 80, 50], [head("วาระ / ประเด็นปัญหา", "Agenda"), head("ตัวชี้วัดถึงเป้า", "KPIs met", { alignment: "center" }), head("งบประมาณ", "Budget", { alignment: "right" }), head("เบิกจ่าย", "Disbursed", { alignment: "right" })],
        r.agendas.length ? r.agendas.slice(0, 4).map((a) => [t(`${a.nameTh}${a.assigned ? " (ได้รับมอบหมาย)" : ""}`, { fontSize: 8 }), t(a.assigned ? `${a.met} / ${a.kpis}` : "–", { alignment: "center", fontSize: 8 }), t(a.budget === null ? "–" : mBaht(a.budget), { alignment: "right", fontSize: 8 }), t(pct(a.disbursedPct), { alignment: "right", fontSize: 8 })]) : [emptyRow(4, "ยังไม่มีวาระหรือประเด็นปัญหาของจังหวัด")]),
      {
        columns: [
          { width: "*", stack: [t("ประเด็นที่ต้องติดตาม", { bold: true, fontSize: 9.5, margin: [0, 0, 0, 3] }), issues.length ? { ul: issues.slice(0, 6).map((s) => t(s, { fontSize: 8 })) } : t("ไม่มีประเด็นที่ต่ำกว่าเป้าหมายหรือค้างเกินกำหนด", { fontSize: 8, color: MUTED })] },
          { width: "*", stack: [t("ขั้นตอนต่อไป", { bold: true, fontSize: 9.5, margin: [0, 0, 0, 3] }), r.nextSteps.length ? { ul: r.nextSteps.slice(0, 6).map((s) => t(`${s.date ? `${thDate(s.date)}: ` : ""}${s.title.th}${s.overdue ? " (เกินกำหนด)" : ""}`, { fontSize: 8, color: s.overdue ? RED : INK })) } : t("ไม่มีงานที่ค้างหรือกำหนดไว้", { fontSize: 8, color: MUTED })] },
        ],
        columnGap: 16,
        margin: [0, 4, 0, 0],
      },
    ],
  };
  return renderPdf(doc);
}
