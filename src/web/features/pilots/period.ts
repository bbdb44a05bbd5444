import { fiscalQuarterOf, fiscalYearOf } from "../../../platform/thai/fiscal-year.js";
import { fromBuddhistYear } from "../../../platform/thai/dates.js";
import type { Lang } from "../../i18n/index.js";

type T = (key: string, vars?: Record<string, unknown>) => string;

/**
 * A period (its last day) as a reader names it: a fiscal year when every period of the series ends on
 * 30 September, a fiscal quarter when every period ends a quarter, otherwise the date itself.
 */
export function periodLabeller(periods: readonly string[], lang: Lang, t: T, date: (d: string) => string): (period: string) => string {
  const yearly = periods.length > 0 && periods.every((p) => p.endsWith("-09-30")) && new Set(periods.map((p) => p.slice(0, 4))).size === periods.length;
  const quarterly = !yearly && periods.length > 0 && periods.every((p) => /-(03-31|06-30|09-30|12-31)$/.test(p));
  const year = (p: string) => (lang === "th" ? fiscalYearOf(p) : fromBuddhistYear(fiscalYearOf(p)));
  if (yearly) return (p) => t("pilots.periodYear", { year: year(p) });
  if (quarterly) return (p) => t("pilots.periodQuarter", { q: fiscalQuarterOf(p), year: year(p) });
  return (p) => date(p);
}
