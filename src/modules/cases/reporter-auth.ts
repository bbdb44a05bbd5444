import { and, eq, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { trackingHash, type CaseRow } from "./case-rules.js";
import { caseReporters } from "./tables.js";

export type ReporterRow = typeof caseReporters.$inferSelect;

/**
 * The reporter acting on their case: a logged-in citizen who reported it, or whoever holds its tracking code.
 * Anyone else gets 401 (nothing proven) or 403 (a code or account that is not this case's).
 */
export async function requireReporter(ctx: Ctx, c: CaseRow, trackingCode?: string): Promise<ReporterRow> {
  const mine = and(eq(caseReporters.caseId, c.id), isNull(caseReporters.purgedAt));
  if (trackingCode) {
    const [r] = await ctx.db.select().from(caseReporters).where(and(mine, eq(caseReporters.trackingHash, trackingHash(trackingCode)))).limit(1);
    if (r) return r;
    throw new ForbiddenError("cases:reporter");
  }
  if (ctx.actor.kind === "user" && ctx.actor.id) {
    const [r] = await ctx.db.select().from(caseReporters).where(and(mine, eq(caseReporters.accountId, ctx.actor.id))).limit(1);
    if (r) return r;
    throw new ForbiddenError("cases:reporter");
  }
  throw new UnauthorizedError("cases.reporter-required", "กรุณาเข้าสู่ระบบด้วยบัญชีที่แจ้งเรื่อง หรือใส่รหัสติดตามเรื่อง", "Log in with the account that reported the case, or give its tracking code");
}
