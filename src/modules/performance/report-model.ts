/**
 * What a round report shows, independent of its format (XLSX in report-xlsx.ts, Thai PDF in report-pdf.ts):
 * the agreement, the round with its self-assessment, and the scoring engine's explained RoundScore.
 */
import type { RoundScore } from "./scoring.js";

export type ReportParty = { role: string; nameTh: string; nameEn: string };

export type RoundReport = {
  agreement: {
    id: string;
    titleTh: string;
    titleEn: string;
    /** Buddhist-era fiscal year, e.g. 2569 */
    fiscalYear: number;
    kind: "provincial" | "cluster";
    areaNameTh: string;
    areaNameEn: string;
    provinceCode: string | null;
    parties: ReportParty[];
    status: "draft" | "signed";
    version: number;
    signedAt: string | null;
    schemeType: "five-level" | "pb-pt";
    isDemo: boolean;
  };
  round: {
    round: 6 | 9 | 12;
    /** ISO dates */
    periodEnd: string;
    dueDate: string;
    status: "open" | "submitted" | "closed";
    selfAssessmentTh: string | null;
    evidence: { name: string; url: string | null }[];
    closedAt: string | null;
  };
  /** per item: the KPI code and unit when the item is a KPI, for display beside the engine's explanation */
  itemInfo: Record<string, { kpiCode: string | null; unit: string | null }>;
  score: RoundScore;
  /** ISO timestamp and who asked for the report */
  generatedAt: string;
  generatedByName: string;
};
