import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { notify } from "../../platform/notify/notify.js";
import { STATUS_TH, type CaseRow } from "./case-rules.js";
import type { CaseStatus } from "./contracts.js";
import { caseReporters } from "./tables.js";

/**
 * Tells the reporters who asked for e-mail that their case moved (one notification per reporter and occasion; the
 * mailer resolves `reporter:<id>` to the address, so the address never sits in the notification).
 */
export async function notifyReporters(ctx: Ctx, c: CaseRow, e: { kind: string; textTh?: string; occasion: string }): Promise<number> {
  const rows = await ctx.db
    .select({ id: caseReporters.id })
    .from(caseReporters)
    .where(and(eq(caseReporters.caseId, c.id), eq(caseReporters.notify, true), isNotNull(caseReporters.email), isNull(caseReporters.purgedAt)));
  const status = STATUS_TH[c.status as CaseStatus] ?? c.status;
  for (const r of rows) {
    await notify(ctx, {
      dedupeKey: `case:${c.id}:${e.occasion}:${r.id}`,
      recipient: `reporter:${r.id}`,
      provinceCode: c.provinceCode,
      kind: "cases.status",
      subjectTh: `เรื่อง ${c.publicRef}: ${status}`,
      subjectEn: `Case ${c.publicRef}: ${c.status.replace("_", " ")}`,
      bodyTh: e.textTh ?? null,
      link: `/board/${encodeURIComponent(c.publicRef)}`,
      entityType: "case",
      entityId: c.id,
    });
  }
  return rows.length;
}
