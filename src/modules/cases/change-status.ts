import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import type { CaseStatus } from "./contracts.js";
import { actorLabel, assertStatus, assertVersion, mustGetCase, recordEvent, requireHandler, type CaseRow } from "./case-rules.js";
import { notifyReporters } from "./notify-reporters.js";
import { cases } from "./tables.js";

export type StatusChange = {
  id: string;
  version?: number;
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** the audit action and the timeline's event kind, e.g. "accept" */
  action: string;
  textTh?: string;
  /** extra columns to set with the status */
  set?: (c: CaseRow, now: Date) => Partial<CaseRow>;
  /** checks after the case is read and locked (e.g. the after-photo belongs to it) */
  check?: (tx: Ctx, c: CaseRow) => Promise<void>;
  eventData?: Record<string, unknown>;
  /** who may: the case's handlers (default) or a caller-made check */
  authorize?: (tx: Ctx, c: CaseRow) => Promise<void>;
};

/**
 * Moves a case along its lifecycle: permission (its handlers), version, allowed status, then the change, its
 * public timeline entry, the reporters' notification and the audit record in one transaction.
 */
export async function changeStatus(ctx: Ctx, s: StatusChange): Promise<CaseRow> {
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, s.id, { lock: true });
    await (s.authorize ? s.authorize(tx, c) : requireHandler(tx, c));
    assertVersion(c, s.version);
    assertStatus(c, s.from, s.action);
    if (s.check) await s.check(tx, c);
    const now = tx.now();
    const patch = { ...(s.set?.(c, now) ?? {}), status: s.to, version: c.version + 1, updatedAt: now };
    const [after] = await tx.db.update(cases).set(patch).where(eq(cases.id, c.id)).returning();
    await recordEvent(tx, c, { kind: s.action, visibility: "public", fromStatus: c.status, toStatus: s.to, textTh: s.textTh ?? "", actorLabelTh: await actorLabel(tx, c), data: s.eventData });
    await notifyReporters(tx, after!, { kind: s.action, textTh: s.textTh, occasion: `v${after!.version}` });
    await writeAudit(tx, { action: `cases.case.${s.action}`, entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { status: c.status, version: c.version }, after: { status: s.to, version: c.version + 1, ...(s.eventData ?? {}) } });
    return after!;
  });
}
