import { eq } from "drizzle-orm";
import { NATION, provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { partners } from "./tables.js";

/** Where a partner's history (its agreements and contributions too) may be read: its province (an unknown id: national readers only). */
export async function partnerHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [p] = await ctx.db.select({ provinceCode: partners.provinceCode }).from(partners).where(eq(partners.id, id)).limit(1);
  return [p ? provinceScope(p.provinceCode) : NATION];
}
