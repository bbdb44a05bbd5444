import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { oversightAlerts } from "./tables.js";

/** An alert as other modules may show it (a committee's agenda item): its title, rule, severity, whether it is still open, and its record's page. */
export type AlertRef = { id: string; provinceCode: string; rule: string; severity: string; titleTh: string; titleEn: string; status: "open" | "resolved"; link: string };

/** Many alerts at once, for other modules that link to them: a map by id of those that exist. */
export async function lookupAlerts(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, AlertRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: oversightAlerts.id, provinceCode: oversightAlerts.provinceCode, rule: oversightAlerts.rule, severity: oversightAlerts.severity, titleTh: oversightAlerts.titleTh, titleEn: oversightAlerts.titleEn, resolvedAt: oversightAlerts.resolvedAt, link: oversightAlerts.link })
    .from(oversightAlerts)
    .where(inArray(oversightAlerts.id, list));
  return new Map(rows.map(({ resolvedAt, ...r }) => [r.id, { ...r, status: resolvedAt ? "resolved" : "open" }]));
}
