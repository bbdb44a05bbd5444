import { and, inArray, lt, not, sql } from "drizzle-orm";
import { writeAudit } from "../audit/audit.js";
import { withTransaction, type Ctx } from "../ctx.js";
import { webhookSettings } from "./settings.js";
import { webhookAttempts, webhookDeliveries, webhookEvents } from "./tables.js";

const DAY = 86_400_000;

export type PurgeResult = { deliveries: number; attempts: number; events: number; batches: number; retentionDays: number; cutoff: string };

/** When a settled delivery settled: delivered, or its last (given-up) attempt; the same expression as its index. */
const settledAt = sql`coalesce(${webhookDeliveries.deliveredAt}, ${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`;

/** Deletes one batch in one transaction: settled deliveries, their attempts, and events nothing else points to. */
async function purgeBatch(ctx: Ctx, cutoff: Date, limit: number): Promise<{ deliveries: number; attempts: number; events: number }> {
  return withTransaction(ctx, async (tx) => {
    const due = tx.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ["succeeded", "gave_up"]), not(webhookDeliveries.isDemo), lt(settledAt, cutoff)))
      .limit(limit);
    // the status is checked again on the row deleted: a redelivery claimed it meanwhile → it stays
    const gone = await tx.db
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.id, due), inArray(webhookDeliveries.status, ["succeeded", "gave_up"])))
      .returning({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId });
    const attempts = gone.length ? await tx.db.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, gone.map((g) => g.id))).returning({ id: webhookAttempts.id }) : [];
    const eventIds = [...new Set(gone.map((g) => g.eventId))];
    // an event still owed to another subscription (pending there) stays with it
    const events = eventIds.length
      ? await tx.db
          .delete(webhookEvents)
          .where(and(inArray(webhookEvents.id, eventIds), sql`not exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${webhookEvents.id})`))
          .returning({ id: webhookEvents.id })
      : [];
    return { deliveries: gone.length, attempts: attempts.length, events: events.length };
  });
}

/** Deletes old events that no delivery points to any more (their subscription was deleted), one batch. */
async function purgeOrphanEvents(ctx: Ctx, cutoff: Date, limit: number): Promise<number> {
  const due = ctx.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(lt(webhookEvents.occurredAt, cutoff), not(webhookEvents.isDemo), sql`not exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${webhookEvents.id})`))
    .limit(limit);
  const gone = await ctx.db
    .delete(webhookEvents)
    .where(and(inArray(webhookEvents.id, due), sql`not exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${webhookEvents.id})`))
    .returning({ id: webhookEvents.id });
  return gone.length;
}

/**
 * Retention (job `webhooks.purge-deliveries`): deletes deliveries that succeeded or were given up more than
 * WEBHOOKS_RETENTION_DAYS ago, with their attempts and the events no other delivery needs, in batches of `batch`
 * (one transaction each). Pending and sending deliveries, their events, and the demo's are never deleted. One
 * audit record (the system's) per run that deleted anything, with the counts — also when a batch fails midway.
 */
export async function purgeSettledDeliveries(ctx: Ctx, opts: { batch?: number } = {}): Promise<PurgeResult> {
  const limit = opts.batch ?? 1000;
  const retentionDays = webhookSettings().retentionDays;
  const cutoff = new Date(ctx.now().getTime() - retentionDays * DAY);
  const out: PurgeResult = { deliveries: 0, attempts: 0, events: 0, batches: 0, retentionDays, cutoff: cutoff.toISOString() };
  const audit = () =>
    out.deliveries + out.events > 0
      ? withTransaction(ctx, (tx) => writeAudit(tx, { action: "webhooks.deliveries.purge", entityType: "webhook-delivery", entityId: "retention", after: { ...out } }))
      : Promise.resolve();
  try {
    for (;;) {
      const r = await purgeBatch(ctx, cutoff, limit);
      out.deliveries += r.deliveries;
      out.attempts += r.attempts;
      out.events += r.events;
      if (r.deliveries > 0) out.batches++;
      if (r.deliveries < limit) break;
    }
    for (;;) {
      const n = await withTransaction(ctx, (tx) => purgeOrphanEvents(tx, cutoff, limit));
      out.events += n;
      if (n > 0) out.batches++;
      if (n < limit) break;
    }
  } catch (e) {
    await audit().catch(() => {});
    throw e;
  }
  await audit();
  return out;
}
