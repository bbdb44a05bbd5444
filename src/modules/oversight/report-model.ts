/**
 * What the provincial 6- and 12-month report shows, independent of its layout (report-pdf.ts: the full report and the
 * one-page brief). Assembled by get-province-report.ts from the operation centre's roll-ups, the governor's cockpit,
 * the province's budget dashboard and its committees; nothing here is computed from the other modules' tables.
 */
export type Bi = { th: string; en: string };

export type ReportKpi = {
  code: string;
  nameTh: string;
  nameEn: string;
  unit: string;
  direction: "higher" | "lower";
  /** the standard (level-3) target of the period's round (6 or 12), else of the 12-month round */
  target: number | null;
  targetRound: 6 | 12 | null;
  /** the latest result of the fiscal year reported by the period's end */
  result: { value: number; periodEnd: string; verified: boolean } | null;
  /** null: no result or no target */
  met: boolean | null;
  agendaNodeId: string | null;
};

export type ReportAgenda = {
  id: string;
  nameTh: string;
  nameEn: string;
  /** assigned to the province (the governor answers it with a proposal and KPIs) */
  assigned: boolean;
  proposalStatus: string | null;
  kpis: number;
  met: number;
  notMet: number;
  noResult: number;
  budget: number | null;
  /** null when the roll-ups do not hold the period's figure (a 6-month report of a year already past) */
  disbursedPct: number | null;
};

export type ProvinceReport = {
  province: { code: string; nameTh: string; nameEn: string };
  fiscalYear: number;
  period: 6 | 12;
  /** ISO dates: the period, and the day its figures stand at (the period's end, or today while it runs) */
  periodStart: string;
  periodEnd: string;
  asOf: string;
  periodComplete: boolean;
  isDemo: boolean;
  generatedAt: string;
  generatedByName: string;
  /** the oldest roll-up behind the figures */
  rollupsAsOf: string | null;
  agendas: ReportAgenda[];
  kpis: ReportKpi[];
  agreement: { titleTh: string; titleEn: string; schemeType: "five-level" | "pb-pt"; scaleMax: number; rounds: { round: number; status: string; dueDate: string; total: number | null; live: boolean }[] } | null;
  /** earlier years' agreement totals (for the trend chart), oldest first */
  agreementHistory: { fiscalYear: number; round: number; total: number }[];
  budget: {
    total: number;
    disbursed: number;
    projects: number;
    disbursedPct: number | null;
    plannedToDate: number;
    /** the quarterly disbursement target in force at asOf (that of the last quarter ended) */
    targetPct: number | null;
    /** the months of the period: cumulative % disbursed (null: not begun), planned and the quarter targets */
    curve: { month: string; cumulativePct: number | null; plannedPct: number; targetPct: number | null }[];
    bySource: { source: string; amount: number }[];
    byAgency: { nameTh: string; nameEn: string; budget: number; disbursed: number }[];
    laggingProjects: { code: string; nameTh: string; disbursedPct: number; targetPct: number | null }[];
    laggingProjectsTotal: number;
  };
  cases: {
    received: number;
    resolved: number;
    resolvedOnTime: number;
    onTimePct: number | null;
    openOverdue: number;
    satisfaction: number | null;
    ratings: number;
    months: { month: string; received: number; resolved: number; resolvedOnTime: number }[];
  };
  permits: { received: number; decided: number; onTimePct: number | null; turnaroundDays: number | null; delegatedPct: number | null; openOverdue: number };
  committees: { nameTh: string; nameEn: string; lastHeldOn: string | null; status: "on_track" | "late"; daysLate: number; openActionItems: number; overdueActionItems: number }[];
  /** what comes next, soonest first: meetings, open action items, the next agreement round, KPI reports due */
  nextSteps: { kind: "meeting" | "action-item" | "round" | "kpi-report" | "budget"; date: string | null; overdue: boolean; title: Bi; owner: Bi | null }[];
};
