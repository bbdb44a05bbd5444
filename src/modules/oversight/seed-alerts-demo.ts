import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { accountIdByUsername } from "../accounts/index.js";
import type { AlertRule, DigestFrequency } from "./contracts-alerts.js";
import { oversightAlertSubscriptions } from "./tables.js";

/** The demo's subscribers: the Buriram governor mailed daily for the province, the PMOC weekly for the nation. */
const DEMO_SUBSCRIPTIONS: { username: string; scope: string; rules: AlertRule[] | null; frequency: DigestFrequency }[] = [
  { username: "governor.buriram", scope: "area:province:31", rules: null, frequency: "daily" },
  { username: "pmoc", scope: "nation", rules: ["permit-overdue", "kpi-off-target", "disbursement-lagging", "sla-breach", "committee-late"], frequency: "weekly" },
];

/** Subscribes the demo accounts (rows marked is_demo, one audit record); skipped for an account already subscribed. */
export async function seedAlertSubscriptionsDemo(ctx: Ctx): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const rows = [];
    for (const s of DEMO_SUBSCRIPTIONS) {
      const id = await accountIdByUsername(tx, s.username);
      if (id) rows.push({ accountId: id, scope: s.scope, rules: s.rules, frequency: s.frequency, isDemo: true, createdAt: ctx.now(), updatedAt: ctx.now() });
    }
    if (!rows.length) return;
    const added = await tx.db.insert(oversightAlertSubscriptions).values(rows).onConflictDoNothing().returning({ accountId: oversightAlertSubscriptions.accountId });
    if (added.length) await writeAudit(tx, { action: "oversight.seed.demo", entityType: "oversight-alert-subscriptions", entityId: "demo", after: rows.map((r) => ({ accountId: r.accountId, scope: r.scope, rules: r.rules, frequency: r.frequency })) });
  });
}
