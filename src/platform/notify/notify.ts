import { and, asc, eq, isNull, like, lte, or, sql } from "drizzle-orm";
import { newId, type Ctx } from "../ctx.js";
import { notifications } from "./tables.js";

/** A reminder or notice; `dedupeKey` names the occasion, so the same occasion is never recorded twice. */
export type NotifyInput = {
  /** e.g. "round-due:<agreementId>:6:7"; unique across all notifications */
  dedupeKey: string;
  /** scope key ("area:province:57", "org:…") or "user:<id>" */
  recipient: string;
  provinceCode?: string | null;
  /** what it is about, e.g. "performance.round-due" */
  kind: string;
  subjectTh: string;
  subjectEn: string;
  bodyTh?: string | null;
  bodyEn?: string | null;
  /** a path in the web app */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
};

/**
 * Records a notification unless one with the same dedupe key exists (insert … on conflict do nothing), so a
 * job that runs twice — after a restart, a retry, or in two processes at once — creates it once.
 */
export async function notify(ctx: Ctx, n: NotifyInput): Promise<{ created: boolean; id: string | null }> {
  const rows = await ctx.db
    .insert(notifications)
    .values({
      id: newId(ctx.now().getTime()),
      dedupeKey: n.dedupeKey,
      recipient: n.recipient,
      provinceCode: n.provinceCode ?? null,
      kind: n.kind,
      subjectTh: n.subjectTh,
      subjectEn: n.subjectEn,
      bodyTh: n.bodyTh ?? null,
      bodyEn: n.bodyEn ?? null,
      link: n.link ?? null,
      entityType: n.entityType ?? null,
      entityId: n.entityId ?? null,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return { created: rows.length > 0, id: rows[0]?.id ?? null };
}

/** What a mailer is handed: the notification, addressed to a scope or a user; the mailer resolves the addresses. */
export type MailMessage = {
  id: string;
  recipient: string;
  kind: string;
  subjectTh: string;
  subjectEn: string;
  bodyTh: string | null;
  bodyEn: string | null;
  link: string | null;
};

/** What a mailer did with a notification: handed it on, or found no address for its recipient (done, not retried). */
export type MailOutcome = "sent" | "no-address";

/** Hands notifications on (e-mail, a chat bot…); throws when it could not, so the notification stays pending. */
export interface Mailer {
  send(message: MailMessage): Promise<void | MailOutcome>;
}

type InfoLog = { info(obj: object, msg: string): void };

/** The default mailer: sends nothing, logs that it would have (subject and kind only, no addresses or bodies). */
export function logMailer(log?: InfoLog): Mailer {
  return {
    async send(m) {
      log?.info({ notification: m.id, kind: m.kind, subject: m.subjectEn }, "notification ready (no mail transport configured)");
    },
  };
}

/** How long a run holds a notification it is handing on: one cut off by a crash is taken up again after this. */
export const NOTIFICATION_CLAIM_MS = 2 * 60_000;

/** What one delivery pass did; `held` counts notifications another run is handing on (or a crashed one was). */
export type DeliveryResult = { sent: number; failed: number; noAddress?: number; held?: number };

/**
 * Hands the notifications not yet sent (of kinds starting with `kindPrefix`, e.g. "performance.") to the mailer,
 * oldest first. Each is claimed for NOTIFICATION_CLAIM_MS before it is sent (another run skips it and counts it
 * as `held`) and marked sent only after the mailer returned; a failed send releases it at once. A run cut off
 * by a crash between the two leaves a claim that lapses, and a later run hands the notification on again: at
 * least once, never lost; the mailer gives every copy the same Message-ID (server/mailer.ts).
 */
export async function deliverPending(ctx: Ctx, mailer: Mailer, opts: { kindPrefix?: string; limit?: number } = {}): Promise<DeliveryResult> {
  const prefix = (opts.kindPrefix ?? "").replace(/[\\%_]/g, (c) => `\\${c}`);
  const now = ctx.now();
  const free = or(isNull(notifications.claimedUntil), lte(notifications.claimedUntil, now));
  const pending = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(isNull(notifications.sentAt), prefix ? like(notifications.kind, `${prefix}%`) : undefined))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .limit(opts.limit ?? 500);
  let sent = 0;
  let failed = 0;
  let noAddress = 0;
  let held = 0;
  for (const { id } of pending) {
    const [claimed] = await ctx.db
      .update(notifications)
      .set({ claimedUntil: new Date(now.getTime() + NOTIFICATION_CLAIM_MS), attempts: sql`${notifications.attempts} + 1` })
      .where(and(eq(notifications.id, id), isNull(notifications.sentAt), free))
      .returning();
    if (!claimed) {
      // sent by another run since the list was read, or still claimed (by a live run, or one a crash cut off)
      const [still] = await ctx.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
      if (still) held++;
      continue;
    }
    try {
      const outcome = await mailer.send({
        id: claimed.id,
        recipient: claimed.recipient,
        kind: claimed.kind,
        subjectTh: claimed.subjectTh,
        subjectEn: claimed.subjectEn,
        bodyTh: claimed.bodyTh,
        bodyEn: claimed.bodyEn,
        link: claimed.link,
      });
      await ctx.db.update(notifications).set({ sentAt: ctx.now(), delivery: outcome ?? "sent", claimedUntil: null }).where(eq(notifications.id, id));
      if (outcome === "no-address") noAddress++;
      else sent++;
    } catch {
      await ctx.db.update(notifications).set({ claimedUntil: null }).where(eq(notifications.id, id));
      failed++;
    }
  }
  return { sent, failed, ...(noAddress ? { noAddress } : {}), ...(held ? { held } : {}) };
}

/**
 * For a job after deliverPending: throws when something is left to hand on (a failed send, or a claim a run cut
 * off by a crash still holds), so pg-boss retries the run (1, 2, 4 minutes) rather than waiting for its next tick.
 */
export function throwIfUndelivered(r: DeliveryResult, what = "notification(s)"): void {
  if (r.failed) throw new Error(`${r.failed} ${what} could not be handed to the mailer`);
  if (r.held) throw new Error(`${r.held} ${what} still claimed by another run (or one a crash cut off); retrying once the claim lapses`);
}
