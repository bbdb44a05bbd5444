import { and, avg, eq, isNotNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RateCaseInput } from "./contracts.js";
import { mustGetCase, recordEvent } from "./case-rules.js";
import { requireReporter } from "./reporter-auth.js";
import { caseReporters, cases } from "./tables.js";

/**
 * A reporter rates the outcome 1–5 once the case is resolved (changing their rating later is allowed). Rating a
 * resolved case accepts the outcome and closes it; the case's rating is the mean of its reporters' ratings.
 */
export async function rateCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ publicRef: string; status: string; rating: number | null }> {
  const { id, ...rest } = input;
  const i = parseInput(RateCaseInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    const r = await requireReporter(tx, c, i.trackingCode);
    if (!["resolved", "closed"].includes(c.status)) throw new RuleViolation("cases.rate-before-resolution", "ให้คะแนนได้หลังหน่วยงานดำเนินการเสร็จ", "A case can be rated once it is resolved");
    const now = tx.now();
    await tx.db.update(caseReporters).set({ rating: i.rating, ratingComment: i.commentTh ?? null, ratedAt: now, updatedAt: now }).where(eq(caseReporters.id, r.id));
    const [m] = await tx.db.select({ v: avg(caseReporters.rating) }).from(caseReporters).where(and(eq(caseReporters.caseId, c.id), isNotNull(caseReporters.rating)));
    const rating = m?.v === null || m?.v === undefined ? null : Math.round(Number(m.v) * 100) / 100;
    const closes = c.status === "resolved";
    await tx.db.update(cases).set({ rating, ...(closes ? { status: "closed", closedAt: now } : {}), version: c.version + 1, updatedAt: now }).where(eq(cases.id, c.id));
    await recordEvent(tx, c, { kind: "rated", visibility: "public", fromStatus: c.status, toStatus: closes ? "closed" : c.status, textTh: `ผู้แจ้งให้คะแนน ${i.rating}/5`, actorLabelTh: "ผู้แจ้ง", data: { rating: i.rating } });
    if (i.commentTh) await recordEvent(tx, c, { kind: "rating-comment", visibility: "internal", textTh: i.commentTh, actorLabelTh: "ผู้แจ้ง" });
    await writeAudit(tx, { action: "cases.case.rate", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { status: c.status, rating: c.rating }, after: { status: closes ? "closed" : c.status, rating, reporterId: r.id } });
    return { publicRef: c.publicRef, status: closes ? "closed" : c.status, rating };
  });
}
