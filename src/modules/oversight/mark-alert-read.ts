import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MarkAlertReadInput } from "./contracts-alerts.js";
import { oversightAlertReads, oversightAlerts } from "./tables.js";

/**
 * Marks an alert read (or unread again) for the calling account. The alert must lie where the reader may read the
 * operation centre (its province, or its organisation's function); the mark is the account's own and audited.
 */
export async function markAlertRead({ ctx, alertId, input }: { ctx: Ctx; alertId: string; input?: z.input<typeof MarkAlertReadInput> }): Promise<{ id: string; read: boolean }> {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  const [alert] = await ctx.db
    .select({ id: oversightAlerts.id, provinceCode: oversightAlerts.provinceCode, orgId: oversightAlerts.orgId })
    .from(oversightAlerts)
    .where(eq(oversightAlerts.id, alertId))
    .limit(1);
  if (!alert) throw new NotFoundError("oversight-alert", alertId);
  // the province's readers, or the function's (a ministry's grant covers its offices in every province)
  const targets: ScopeRef[] = [provinceScope(alert.provinceCode), ...(alert.orgId ? [{ kind: "org" as const, id: alert.orgId }] : [])];
  await requireAnyPermission(ctx, "oversight:read", targets);
  const i = parseInput(MarkAlertReadInput, input ?? {});
  const account = ctx.actor.id;
  if (ctx.actor.kind !== "user" || !account) throw new ForbiddenError("oversight:read");
  return withTransaction(ctx, async (tx) => {
    const where = and(eq(oversightAlertReads.accountId, account), eq(oversightAlertReads.alertId, alert.id));
    const [before] = await tx.db.select({ at: oversightAlertReads.readAt }).from(oversightAlertReads).where(where).limit(1);
    if (i.read && !before) await tx.db.insert(oversightAlertReads).values({ accountId: account, alertId: alert.id, readAt: ctx.now() }).onConflictDoNothing();
    if (!i.read && before) await tx.db.delete(oversightAlertReads).where(where);
    await writeAudit(tx, { action: "oversight.alert.mark-read", entityType: "oversight-alert", entityId: alert.id, provinceCode: alert.provinceCode, before: { read: Boolean(before) }, after: { read: i.read } });
    return { id: alert.id, read: i.read };
  });
}
