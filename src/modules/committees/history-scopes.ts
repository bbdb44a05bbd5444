import { eq } from "drizzle-orm";
import { NATION, provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { committees } from "./tables.js";

/** Where a committee's history may be read: its province (an unknown id: national readers only). */
export async function committeeHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [c] = await ctx.db.select({ provinceCode: committees.provinceCode }).from(committees).where(eq(committees.id, id)).limit(1);
  return [c ? provinceScope(c.provinceCode) : NATION];
}
