import { z } from "zod";

/** The provincial report's periods: the 6-month (October–March) and the 12-month (the whole fiscal year) report. */
export const REPORT_PERIODS = ["6", "12"] as const;
/** pdf: the full report; brief: the one-page executive brief. */
export const REPORT_FORMATS = ["pdf", "brief"] as const;

export const ProvinceReportQuery = z.object({
  provinceCode: z.string().regex(/^\d{2}$/, "provinceCode is the two-digit province code"),
  fiscalYear: z.coerce.number().int().min(2540).max(2700),
  period: z.enum(REPORT_PERIODS, { error: "period is 6 or 12 (months)" }),
  format: z.enum(REPORT_FORMATS, { error: "format is pdf or brief" }).default("pdf"),
});
export type ProvinceReportQuery = z.infer<typeof ProvinceReportQuery>;

