import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { cases } from "./tables.js";

/** A case as other modules may show it: its public reference, the public text and status, never the reporter. */
export type CaseRef = { id: string; publicRef: string; provinceCode: string; status: string; publicText: string };

/** Many cases at once, for other modules that link to them (a committee's agenda item): a map by id of those that exist. */
export async function lookupCases(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, CaseRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db.select({ id: cases.id, publicRef: cases.publicRef, provinceCode: cases.provinceCode, status: cases.status, publicText: cases.publicText }).from(cases).where(inArray(cases.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}
