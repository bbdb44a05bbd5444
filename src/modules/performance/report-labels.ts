/** Bilingual labels and number texts shared by the round report's XLSX and PDF renderers. */
import type { RoundReport } from "./report-model.js";
import type { ItemScore } from "./scoring.js";

type Label = { th: string; en: string };

export const DEMO_LABEL: Label = { th: "ข้อมูลตัวอย่าง (demo)", en: "Sample data, not official" };

export const REPORT_TITLE: Label = { th: "รายงานผลการประเมินตามคำรับรองการปฏิบัติราชการ", en: "Performance agreement: round assessment report" };

export function schemeLabel(type: RoundReport["agreement"]["schemeType"]): Label {
  return type === "five-level"
    ? { th: "เกณฑ์การให้คะแนน 5 ระดับ (คะแนนเต็ม 5)", en: "Five-level scale (out of 5)" }
    : { th: "Performance Base ร้อยละ 70 + Potential Base ร้อยละ 30 (คะแนนเต็ม 100)", en: "Performance Base 70 % + Potential Base 30 % (out of 100)" };
}

export function roundLabel(round: 6 | 9 | 12): Label {
  return round === 12 ? { th: "รอบ 12 เดือน (รอบสุดท้าย)", en: "12-month round (final)" } : { th: `รอบ ${round} เดือน`, en: `${round}-month round` };
}

export const ROUND_STATUS: Record<RoundReport["round"]["status"], Label> = {
  open: { th: "เปิดรับรายงานผล", en: "Open" },
  submitted: { th: "ส่งรายงานผลแล้ว", en: "Submitted" },
  closed: { th: "ปิดรอบการประเมินแล้ว", en: "Closed" },
};

export const AGREEMENT_STATUS: Record<RoundReport["agreement"]["status"], Label> = {
  draft: { th: "ร่าง", en: "Draft" },
  signed: { th: "ลงนามแล้ว", en: "Signed" },
};

export const KIND: Record<RoundReport["agreement"]["kind"], Label> = {
  provincial: { th: "จังหวัด", en: "Province" },
  cluster: { th: "กลุ่มจังหวัด", en: "Province cluster" },
};

export const COMPONENT: Record<"performance" | "potential", Label> = {
  performance: { th: "องค์ประกอบที่ 1 Performance Base (ผลการดำเนินงาน)", en: "Performance Base" },
  potential: { th: "องค์ประกอบที่ 2 Potential Base (ศักยภาพในการดำเนินงาน)", en: "Potential Base" },
};

export const ITEM_STATUS: Record<ItemScore["status"], Label> = {
  scored: { th: "มีผลการดำเนินงาน", en: "Scored" },
  "no-result-minimum": { th: "ยังไม่รายงานผล (นับคะแนนต่ำสุด)", en: "No result (counted at the minimum)" },
  "no-result-excluded": { th: "ยังไม่รายงานผล (ไม่นำมาคิด)", en: "No result (left out)" },
};

/** A weight in basis points as a percentage, exactly: 1500 → "15", 1250 → "12.5", 333 → "3.33". */
export function weightPercentText(bp: number): string {
  const frac = bp % 100;
  return frac === 0 ? String(bp / 100) : `${Math.floor(bp / 100)}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** A score with exactly the scheme's decimals, as the engine prints it ("3.5000"). */
export function scoreText(x: number | null, decimals: number): string {
  return x === null ? "–" : x.toFixed(decimals);
}

/** A weighted score (weight × score, exact to decimals + 4) with trailing zeros trimmed down to `decimals`. */
export function weightedText(x: number | null, decimals: number): string {
  if (x === null) return "–";
  const s = x.toFixed(decimals + 4);
  const keep = s.length - 4;
  return s.slice(0, keep) + s.slice(keep).replace(/0+$/, "");
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** A measured result with digit grouping and its unit ("2,380 จุด"), or a dash when not reported. */
export function resultText(x: number | null, unit: string | null): string {
  if (x === null) return "ยังไม่รายงาน";
  return unit ? `${grouped.format(x)} ${unit}` : grouped.format(x);
}

const PARTY_ROLES: Record<string, { th: string; en: string }> = {
  deputy_pm: { th: "รองนายกรัฐมนตรี", en: "Deputy Prime Minister" },
  minister_interior: { th: "รัฐมนตรีว่าการกระทรวงมหาดไทย", en: "Minister of Interior" },
  governor: { th: "ผู้ว่าราชการจังหวัด", en: "Governor" },
  cluster_chair: { th: "ประธานกลุ่มจังหวัด", en: "Chair of the province cluster" },
  opdc: { th: "สำนักงาน ก.พ.ร.", en: "OPDC" },
};
/** A party's role as the report prints it (the stored code when unknown). */
export const partyRole = (role: string): { th: string; en: string } => PARTY_ROLES[role] ?? { th: role, en: role };
