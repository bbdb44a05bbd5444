import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { redactPersonalData } from "./case-rules.js";
import { CONSENT_VERSION } from "./contracts.js";
import { caseEvents, caseReporters, cases } from "./tables.js";

/** How long reporters' personal data is kept after a case closes, unless the deployment sets CASES_RETENTION_DAYS. */
export const DEFAULT_RETENTION_DAYS = 365;
const DAY = 86_400_000;
let retention = DEFAULT_RETENTION_DAYS;

/** Sets the retention period (server start-up, from the environment; tests). */
export function setRetentionDays(days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new Error(`retention must be a whole number of days ≥ 1, not ${days}`);
  retention = days;
}

/** The retention period in days after a case closes. */
export const retentionDays = (): number => retention;

/**
 * The version of the consent a reporter agrees to: the text's version and the period it names, so the record says
 * which period they were told (a change of CASES_RETENTION_DAYS is a new consent text).
 */
export const consentVersion = (): string => `${CONSENT_VERSION}-r${retention}`;

/**
 * Deletes reporters' personal data of cases closed more than the retention period ago: their name, phone, e-mail,
 * account link and rating comment; the case's own description becomes its redacted public text, its address goes,
 * its exact point is coarsened to the public board's ~100 m, and texts meant for the reporter or staff are redacted.
 * What stays identifies no one (category, area, timeline, status, rating, photos without metadata), so statistics
 * and the public board are unchanged. One audit record per case, without the deleted values. Idempotent.
 */
export async function purgePersonalData({ ctx, limit = 500 }: { ctx: Ctx; limit?: number }): Promise<{ cases: number; reporters: number }> {
  const cutoff = new Date(ctx.now().getTime() - retention * DAY);
  // closed long enough ago, with a reporter not yet purged (merged cases are closed too and carry their own reporters' trace)
  const due = await ctx.db
    .selectDistinct({ id: cases.id })
    .from(cases)
    .innerJoin(caseReporters, eq(caseReporters.caseId, cases.id))
    .where(and(eq(cases.status, "closed"), isNotNull(cases.closedAt), lt(cases.closedAt, cutoff), isNull(caseReporters.purgedAt)))
    .limit(limit);
  let purgedCases = 0;
  let purgedReporters = 0;
  for (const { id } of due) {
    const n = await withTransaction(ctx, async (tx) => {
      const [c] = await tx.db.select().from(cases).where(eq(cases.id, id)).for("update").limit(1);
      // reopened since it was listed, or closed again recently: not due
      if (!c || c.status !== "closed" || !c.closedAt || c.closedAt >= cutoff) return 0;
      const reporters = await tx.db.select().from(caseReporters).where(and(eq(caseReporters.caseId, id), isNull(caseReporters.purgedAt)));
      if (!reporters.length) return 0;
      // every reporter's name is redacted, including those already purged earlier (merged in, or a second pass)
      const names = (await tx.db.select({ name: caseReporters.name }).from(caseReporters).where(eq(caseReporters.caseId, id))).map((r) => r.name);
      await tx.db
        .update(caseReporters)
        .set({ name: null, phone: null, email: null, accountId: null, notify: false, ratingComment: null, purgedAt: tx.now(), updatedAt: tx.now() })
        .where(inArray(caseReporters.id, reporters.map((r) => r.id)));
      await tx.db
        .update(cases)
        .set({
          descriptionTh: c.publicText,
          searchText: c.publicSearchText || c.publicRef,
          addressTh: "",
          lat: c.lat === null ? null : Math.round(c.lat * 1000) / 1000,
          lon: c.lon === null ? null : Math.round(c.lon * 1000) / 1000,
          updatedAt: tx.now(),
        })
        .where(eq(cases.id, id));
      const texts = await tx.db
        .select({ id: caseEvents.id, textTh: caseEvents.textTh })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, id), ne(caseEvents.visibility, "public"), sql`${caseEvents.textTh} <> ''`));
      for (const e of texts) {
        const redacted = redactPersonalData(e.textTh, names);
        if (redacted !== e.textTh) await tx.db.update(caseEvents).set({ textTh: redacted }).where(eq(caseEvents.id, e.id));
      }
      await writeAudit(tx, {
        action: "cases.case.purge-personal-data",
        entityType: "case",
        entityId: id,
        provinceCode: c.provinceCode,
        after: { reporters: reporters.length, closedAt: c.closedAt.toISOString(), retentionDays: retention },
      });
      return reporters.length;
    });
    if (n) {
      purgedCases++;
      purgedReporters += n;
    }
  }
  return { cases: purgedCases, reporters: purgedReporters };
}
