import { and, eq, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { caseReporters } from "./tables.js";

/** A reporter's e-mail address for the mailer ("reporter:<id>" resolved at send time); null when purged or none given. */
export async function reporterContact(ctx: Ctx, reporterId: string): Promise<{ email: string | null } | null> {
  const [r] = await ctx.db.select({ email: caseReporters.email }).from(caseReporters).where(and(eq(caseReporters.id, reporterId), isNull(caseReporters.purgedAt))).limit(1);
  return r ? { email: r.email } : null;
}
