import { z } from "zod";

/** The families of records the read model sums (one refresh unit each). */
export const FAMILIES = ["cases", "budget", "kpis", "permits", "agreements", "committees", "deadlines", "requests"] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * The figures an operation centre reads, each a sum or a ratio of summed measures of one family.
 * `better`: which way is good (for colouring and for "worst first"); `unit`: how to show it.
 */
export type MetricDef = {
  family: Family;
  num: string;
  den?: string;
  /** multiply the ratio (100 for a percentage) */
  scale?: number;
  unit: "count" | "percent" | "baht" | "score" | "days" | "rating";
  better: "up" | "down" | "none";
  /** measured per organisation (so it has a function); false for the province's own (agreements, committees' cadence) */
  byFunction: boolean;
  /** has a value per agenda */
  byAgenda: boolean;
  th: string;
  en: string;
};

export const METRICS = {
  "cases.received": { family: "cases", num: "cases.received", unit: "count", better: "none", byFunction: true, byAgenda: false, th: "เรื่องร้องเรียนที่รับ", en: "Cases received" },
  "cases.on_time_pct": { family: "cases", num: "cases.resolved_on_time", den: "cases.resolved", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: false, th: "แก้ไขเสร็จภายในมาตรฐานเวลา", en: "Resolved within the service level" },
  "cases.open_overdue": { family: "cases", num: "cases.open_overdue", unit: "count", better: "down", byFunction: true, byAgenda: false, th: "เรื่องค้างเกินกำหนด", en: "Open cases past their due time" },
  "cases.satisfaction": { family: "cases", num: "cases.rating_sum", den: "cases.rating_n", unit: "rating", better: "up", byFunction: true, byAgenda: false, th: "ความพึงพอใจของประชาชน (1–5)", en: "Citizens' satisfaction (1–5)" },
  "budget.total": { family: "budget", num: "budget.total", unit: "baht", better: "none", byFunction: true, byAgenda: true, th: "งบประมาณโครงการ", en: "Project budget" },
  "budget.disbursed_pct": { family: "budget", num: "budget.disbursed", den: "budget.total", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: true, th: "เบิกจ่ายแล้ว", en: "Disbursed" },
  "budget.vs_plan_pct": { family: "budget", num: "budget.disbursed", den: "budget.planned", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: true, th: "เบิกจ่ายเทียบแผนถึงวันนี้", en: "Disbursed against the plan to date" },
  "kpi.on_target_pct": { family: "kpis", num: "kpi.on_target", den: "kpi.with_target", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: true, th: "ตัวชี้วัดที่ถึงค่าเป้าหมาย", en: "KPIs at their target" },
  "kpi.reported_pct": { family: "kpis", num: "kpi.reported", den: "kpi.count", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: true, th: "ตัวชี้วัดที่รายงานผลแล้ว", en: "KPIs reported" },
  "permits.on_time_pct": { family: "permits", num: "permits.decided_on_time", den: "permits.decided", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: false, th: "คำขออนุญาตที่พิจารณาทันตามกฎหมาย", en: "Permits decided within the statutory period" },
  "permits.turnaround": { family: "permits", num: "permits.turnaround_days", den: "permits.decided", unit: "days", better: "down", byFunction: true, byAgenda: false, th: "ระยะเวลาพิจารณาเฉลี่ย", en: "Average permit turnaround" },
  "permits.delegated_pct": { family: "permits", num: "permits.delegated", den: "permits.received", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: false, th: "คำขอที่ตัดสินในจังหวัดตามการมอบอำนาจ", en: "Permits decided in the province under delegation" },
  "permits.open_overdue": { family: "permits", num: "permits.open_overdue", unit: "count", better: "down", byFunction: true, byAgenda: false, th: "คำขออนุญาตค้างเกินกำหนดตามกฎหมาย", en: "Permits past their statutory deadline" },
  "agreement.score": { family: "agreements", num: "agreement.score_sum", den: "agreement.score_n", unit: "score", better: "up", byFunction: false, byAgenda: false, th: "คะแนนคำรับรองการปฏิบัติราชการ (รอบล่าสุดที่ปิด)", en: "Performance agreement score (latest closed round)" },
  "committees.late": { family: "committees", num: "committees.late", unit: "count", better: "down", byFunction: false, byAgenda: false, th: "คณะกรรมการที่ประชุมล่าช้ากว่ารอบ", en: "Committees late on their cadence" },
  "committees.actions_overdue": { family: "committees", num: "committees.actions_overdue", unit: "count", better: "down", byFunction: true, byAgenda: false, th: "มติที่ต้องดำเนินการค้างเกินกำหนด", en: "Committee action items overdue" },
  "deadlines.on_time_pct": { family: "deadlines", num: "deadlines.on_time", den: "deadlines.due", scale: 100, unit: "percent", better: "up", byFunction: true, byAgenda: false, th: "กำหนดเวลาตามกฎหมายของวงจรงบประมาณที่ทำทันกำหนด", en: "Budget-cycle statutory deadlines met on time" },
  "deadlines.open_overdue": { family: "deadlines", num: "deadlines.overdue", unit: "count", better: "down", byFunction: true, byAgenda: false, th: "กำหนดเวลาตามกฎหมายของวงจรงบประมาณที่เลยกำหนด", en: "Budget-cycle statutory deadlines overdue" },
  "delegation.request_turnaround": { family: "requests", num: "requests.turnaround_days", den: "requests.decided", unit: "days", better: "down", byFunction: false, byAgenda: false, th: "ระยะเวลาพิจารณาคำขอรับมอบอำนาจเพิ่มเฉลี่ย (ยื่นถึงมติคณะรัฐมนตรี)", en: "Average turnaround of requests for more delegated authority (submission to Cabinet decision)" },
} as const satisfies Record<string, MetricDef>;
export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];
export const MetricIdSchema = z.enum(METRIC_IDS);

const ScopeKey = z
  .string()
  .trim()
  .max(140)
  .regex(/^(nation|area:[a-z_]+:[0-9A-Za-z_-]+|org:[0-9A-Za-z_.:-]+|dpm:[0-9A-Za-z_.:-]+)$/, "scope is nation, area:<kind>:<code>, org:<id> or dpm:<deputy PM's post id>");
const FiscalYear = z.coerce.number().int().min(2540).max(2700);
const ProvinceCode = z.string().regex(/^\d{2}$/, "province is the two-digit province code");

export const DashboardInput = z.object({ scope: ScopeKey.optional(), fiscalYear: FiscalYear.optional() });
export const MatrixInput = z.object({
  metric: MetricIdSchema,
  fiscalYear: FiscalYear.optional(),
  /** rows: ministries or departments */
  rows: z.enum(["ministry", "department"]).default("ministry"),
  /** columns: provinces, or the clusters and regions they form */
  columns: z.enum(["province", "cluster", "region"]).default("province"),
  agenda: z.string().trim().min(1).max(120).optional(),
  scope: ScopeKey.optional(),
});
export const MapInput = z.object({ metric: MetricIdSchema, fiscalYear: FiscalYear.optional(), agenda: z.string().trim().min(1).max(120).optional(), scope: ScopeKey.optional() });
export const RecordsInput = z.object({
  metric: MetricIdSchema,
  fiscalYear: FiscalYear.optional(),
  province: ProvinceCode.optional(),
  /** a matrix column of clusters or regions: the area's id (e.g. "cluster:NE4"), its provinces within the scope */
  area: z.string().trim().regex(/^(cluster|region):[0-9A-Za-z_-]+$/, "area is a cluster or region id").optional(),
  /** an organisation, department or ministry: its records (and those of every office under it) */
  org: z.string().trim().min(1).max(120).optional(),
  agenda: z.string().trim().min(1).max(120).optional(),
  /** a month of the dashboard's "by month" table ("2026-11" or "2026-11-01"): cases received in it (cases metrics only) */
  month: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, "month is YYYY-MM").optional(),
  scope: ScopeKey.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const Named = { nameTh: z.string(), nameEn: z.string() };
/** `dpm`: the provinces a deputy prime minister's post oversees (key `dpm:<post id>`, named by the post) */
export const DashboardScope = z.object({ key: z.string(), kind: z.enum(["nation", "dpm", "region", "cluster", "province", "ministry", "department", "office"]), ...Named });
export type DashboardScope = z.infer<typeof DashboardScope>;

export const MetricValue = z.object({ metric: MetricIdSchema, value: z.number().nullable(), num: z.number(), den: z.number().nullable() });
export type MetricValue = z.infer<typeof MetricValue>;

export const Dashboard = z.object({
  scope: DashboardScope,
  fiscalYear: z.number().int(),
  /** the oldest roll-up behind these figures, and how many provinces' records changed since (the job is catching up) */
  asOf: z.string().nullable(),
  pending: z.number().int(),
  figures: z.array(MetricValue),
  provinces: z.array(z.object({ code: z.string(), ...Named, values: z.record(z.string(), z.number().nullable()) })),
  functions: z.array(z.object({ id: z.string(), kind: z.enum(["ministry", "department"]), ...Named, values: z.record(z.string(), z.number().nullable()) })),
  agendas: z.array(z.object({ id: z.string(), ...Named, values: z.record(z.string(), z.number().nullable()) })),
  months: z.array(z.object({ month: z.string(), received: z.number(), resolved: z.number(), resolvedOnTime: z.number() })),
  /**
   * The clusters' own performance agreements of the fiscal year, for every cluster wholly inside the scope (a cluster's
   * dashboard: its own), with the latest closed round's score (null before a round closes). A province's agreement is
   * in the figures (`agreement.score`); a function's dashboard has none.
   */
  clusterAgreements: z.array(z.object({ id: z.string(), clusterId: z.string(), clusterNameTh: z.string(), clusterNameEn: z.string(), titleTh: z.string(), titleEn: z.string(), status: z.string(), round: z.number().int().nullable(), score: z.number().nullable() })),
  isDemo: z.boolean(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const Matrix = z.object({
  metric: MetricIdSchema,
  fiscalYear: z.number().int(),
  agenda: z.object({ id: z.string(), ...Named }).nullable(),
  rowKind: z.enum(["ministry", "department"]),
  columnKind: z.enum(["province", "cluster", "region"]),
  rows: z.array(z.object({ id: z.string(), ...Named })),
  columns: z.array(z.object({ id: z.string(), code: z.string(), ...Named, provinces: z.array(z.string()) })),
  /** one per row × column that has records; value null when its denominator is 0 */
  cells: z.array(z.object({ row: z.string(), column: z.string(), value: z.number().nullable(), num: z.number(), den: z.number().nullable() })),
  rowTotals: z.array(MetricValue.extend({ row: z.string() })),
  columnTotals: z.array(MetricValue.extend({ column: z.string() })),
  total: MetricValue,
  /** the column with the worst total (for "which province is worst on this agenda") */
  worstColumn: z.string().nullable(),
  asOf: z.string().nullable(),
});
export type Matrix = z.infer<typeof Matrix>;

export const MetricMap = z.object({
  metric: MetricIdSchema,
  fiscalYear: z.number().int(),
  provinces: z.array(z.object({ code: z.string(), ...Named, value: z.number().nullable(), num: z.number(), den: z.number().nullable() })),
  /** the value range, for the legend */
  min: z.number().nullable(),
  max: z.number().nullable(),
  asOf: z.string().nullable(),
});
export type MetricMap = z.infer<typeof MetricMap>;

/** A record behind a figure: never a citizen's identity (a case shows its public text only). */
export const RecordRow = z.object({
  id: z.string(),
  kind: z.enum(["case", "project", "kpi", "permit", "agreement", "committee", "action-item", "deadline", "delegation-request"]),
  ref: z.string(),
  titleTh: z.string(),
  titleEn: z.string(),
  provinceCode: z.string(),
  orgId: z.string().nullable(),
  orgNameTh: z.string().nullable(),
  orgNameEn: z.string().nullable(),
  status: z.string(),
  date: z.string().nullable(),
  /** what the record adds to the figure, e.g. "resolved 3 days late", a percentage, an amount */
  value: z.string().nullable(),
  /** true when the record counts against the figure (late, overdue, off target, behind) */
  flagged: z.boolean(),
  link: z.string(),
});
export type RecordRow = z.infer<typeof RecordRow>;
export const RecordPage = z.object({ items: z.array(RecordRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type RecordPage = z.infer<typeof RecordPage>;
/** An administrator's rebuild: every family and province unless narrowed. */
export const RebuildInput = z
  .object({
    families: z.array(z.enum(FAMILIES)).min(1).max(FAMILIES.length).optional(),
    provinces: z.array(ProvinceCode).min(1).max(77).optional(),
  })
  .strict();
export const MyScopes = z.object({ scopes: z.array(DashboardScope), landing: z.string().nullable() });
export type MyScopes = z.infer<typeof MyScopes>;
