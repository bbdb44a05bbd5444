import { and, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { partners } from "./tables.js";

export type PartnerRef = { id: string; provinceCode: string; kind: string; nameTh: string; nameEn: string };

/** Many partners at once, for other modules that name them (a committee seat held by a partner): a map by id of those that exist. */
export async function lookupPartners(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, PartnerRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db.select({ id: partners.id, provinceCode: partners.provinceCode, kind: partners.kind, nameTh: partners.nameTh, nameEn: partners.nameEn }).from(partners).where(inArray(partners.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A partner's id from its province and Thai name (unique in a province), for other modules' demo seeds and imports. */
export async function partnerIdByName(ctx: Ctx, provinceCode: string, nameTh: string): Promise<string | null> {
  const [row] = await ctx.db.select({ id: partners.id }).from(partners).where(and(eq(partners.provinceCode, provinceCode), eq(partners.nameTh, nameTh))).limit(1);
  return row?.id ?? null;
}
