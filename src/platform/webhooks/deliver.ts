import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { writeAudit } from "../audit/audit.js";
import { newId, withTransaction, type Ctx } from "../ctx.js";
import { notify } from "../notify/notify.js";
import { webhookSettings } from "./settings.js";
import { signedHeaders } from "./signing.js";
import { webhookAttempts, webhookDeliveries, webhookEvents, webhookSubscriptions } from "./tables.js";
import { postPinned } from "./post.js";
import { SecretUnreadableError } from "./secret-box.js";
import { openSubscriptionSecrets, sealOnUse } from "./secrets.js";
import { checkUrlShape, guardedLookup } from "./url-safety.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is given up (7 attempts, ~33 h). */
export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 24 * HOUR];
/** A subscription whose deliveries have failed without a success for this long is paused and its owner told. */
export const PAUSE_AFTER_FAILING_MS = 3 * 24 * HOUR;
/** A receiver must answer within this time. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A claim lasts this long: a process that died mid-send leaves the delivery to the next run after it. */
const CLAIM_MS = 2 * MINUTE;
/** The answer is read up to 64 KB (then cut off) and its first 2 KB kept for the delivery log. */
const MAX_RESPONSE_READ = 64 * 1024;
const MAX_RESPONSE_KEPT = 2048;

export type AttemptResult = { deliveryId: string; ok: boolean; statusCode: number | null; latencyMs: number | null; error: string | null; status: "succeeded" | "pending" | "gave_up" };

type Claimed = { id: string; attempts: number; eventId: string; subscriptionId: string };

/**
 * Why an attempt failed, as a stable code the web app translates: `timeout`, `redirect-not-followed`, `http-error`
 * (see the status code), a URL-safety code (`webhooks.url.private-address` …, also when the connection's own
 * lookup refuses), `webhooks.secret-unreadable` (WEBHOOKS_SECRET_KEY does not open the stored secret), or
 * `network:<code>` (ECONNREFUSED …).
 */
export type AttemptError = string;

/** One HTTP POST of a claimed delivery, recorded: the attempt row, the delivery's new state, the subscription's health. */
async function attempt(ctx: Ctx, d: Claimed, trigger: "scheduled" | "manual", timeoutMs = DELIVERY_TIMEOUT_MS): Promise<AttemptResult> {
  const [row] = await ctx.db
    .select({ payload: webhookEvents.payload, sub: webhookSubscriptions })
    .from(webhookEvents)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, d.subscriptionId))
    .where(eq(webhookEvents.id, d.eventId))
    .limit(1);
  const now = ctx.now();
  let statusCode: number | null = null;
  let latencyMs: number | null = null;
  let excerpt = "";
  let error: string | null = null;
  if (!row) error = "missing";
  else {
    const s = webhookSettings();
    try {
      // the shape (and an IP literal) here; a name is resolved and checked once, by the connection's own lookup
      const url = checkUrlShape(row.sub.url, s.allowPrivate);
      // a secret no configured key opens fails the attempt here: nothing is sent with a wrong signature
      const { secret, previous } = openSubscriptionSecrets(row.sub);
      // a row from before sealing is sealed now; if that write fails, the next use tries again
      await sealOnUse(ctx, row.sub).catch(() => {});
      const body = JSON.stringify(row.payload);
      const until = row.sub.previousSecretExpiresAt;
      const secrets = [secret, ...(previous && until && until.getTime() > now.getTime() ? [previous] : [])];
      const started = performance.now();
      // the socket connects only to an address that lookup checked: no second resolution to rebind in between
      const res = await postPinned(url, {
        headers: { "content-type": "application/json", "user-agent": "Changwat-Webhooks/1.0", ...signedHeaders(secrets, d.eventId, Math.floor(now.getTime() / 1000), body) },
        body,
        lookup: guardedLookup({ allowPrivate: s.allowPrivate, resolve: s.resolve }),
        timeoutMs,
        maxRead: MAX_RESPONSE_READ,
      });
      statusCode = res.status;
      excerpt = res.body.slice(0, MAX_RESPONSE_KEPT);
      latencyMs = Math.round(performance.now() - started);
      if (res.status >= 300 && res.status < 400) error = "redirect-not-followed";
      else if (res.status >= 400 || res.status < 200) error = "http-error";
    } catch (e) {
      const err = e as Error & { code?: string; fields?: { code: string }[]; cause?: { code?: string } };
      error =
        err.fields?.[0]?.code ??
        (err instanceof SecretUnreadableError ? err.code : err.name === "TimeoutError" ? "timeout" : `network:${typeof err.code === "string" ? err.code : (err.cause?.code ?? err.name)}`.slice(0, 100));
    }
  }
  const ok = error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
  return record(ctx, d, { ok, statusCode, latencyMs, excerpt, error, trigger, now });
}

async function record(ctx: Ctx, d: Claimed, r: { ok: boolean; statusCode: number | null; latencyMs: number | null; excerpt: string; error: string | null; trigger: "scheduled" | "manual"; now: Date }): Promise<AttemptResult> {
  return withTransaction(ctx, async (tx) => {
    const { now } = r;
    await tx.db.insert(webhookAttempts).values({ id: newId(now.getTime()), deliveryId: d.id, subscriptionId: d.subscriptionId, attempt: d.attempts, trigger: r.trigger, at: now, statusCode: r.statusCode, latencyMs: r.latencyMs, responseExcerpt: r.excerpt, error: r.error, ok: r.ok });
    const last = { lastStatusCode: r.statusCode, lastLatencyMs: r.latencyMs, lastError: r.error, lastAttemptAt: now, claimedUntil: null };
    if (r.ok) {
      await tx.db.update(webhookDeliveries).set({ ...last, status: "succeeded", deliveredAt: now }).where(eq(webhookDeliveries.id, d.id));
      await tx.db.update(webhookSubscriptions).set({ lastSuccessAt: now, consecutiveFailures: 0, failingSince: null }).where(eq(webhookSubscriptions.id, d.subscriptionId));
      return { deliveryId: d.id, ok: true, statusCode: r.statusCode, latencyMs: r.latencyMs, error: null, status: "succeeded" as const };
    }
    const delay = RETRY_DELAYS_MS[d.attempts - 1];
    const status = delay === undefined ? ("gave_up" as const) : ("pending" as const);
    await tx.db.update(webhookDeliveries).set({ ...last, status, ...(delay !== undefined ? { nextAttemptAt: new Date(now.getTime() + delay) } : {}) }).where(eq(webhookDeliveries.id, d.id));
    const [sub] = await tx.db
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`, lastFailureAt: now, failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookSubscriptions.id, d.subscriptionId))
      .returning();
    if (sub && sub.status === "active" && sub.failingSince && now.getTime() - sub.failingSince.getTime() >= PAUSE_AFTER_FAILING_MS) await pauseFailing(tx, sub);
    return { deliveryId: d.id, ok: false, statusCode: r.statusCode, latencyMs: r.latencyMs, error: r.error, status };
  });
}

/** Pauses a subscription that has failed for three days, tells its owner, and audits it as the system's act. */
async function pauseFailing(tx: Ctx, sub: typeof webhookSubscriptions.$inferSelect): Promise<void> {
  const now = tx.now();
  await tx.db.update(webhookSubscriptions).set({ status: "paused", pausedReason: "failing", version: sub.version + 1, updatedAt: now }).where(eq(webhookSubscriptions.id, sub.id));
  const host = (() => {
    try {
      return new URL(sub.url).host;
    } catch {
      return sub.url;
    }
  })();
  await notify(tx, {
    dedupeKey: `webhooks.paused:${sub.id}:${sub.version + 1}`,
    recipient: `user:${sub.createdBy}`,
    provinceCode: sub.provinceCode,
    kind: "webhooks.subscription-paused",
    subjectTh: `หยุดส่งเว็บฮุกไปยัง ${host} ชั่วคราว: ส่งไม่สำเร็จติดต่อกัน 3 วัน`,
    subjectEn: `Webhook to ${host} paused: deliveries failed for 3 days`,
    bodyTh: `ระบบพยายามส่งเหตุการณ์ไปยัง ${host} แต่ไม่สำเร็จติดต่อกันตั้งแต่ ${sub.failingSince?.toISOString()} (${sub.consecutiveFailures} ครั้ง) จึงหยุดส่งไว้ก่อน แก้ไขปลายทางแล้วกด "เปิดใช้งาน" เพื่อส่งต่อ`,
    bodyEn: `Deliveries to ${host} have failed since ${sub.failingSince?.toISOString()} (${sub.consecutiveFailures} in a row), so the subscription is paused. Fix the receiver, then resume it to continue.`,
    link: "/webhooks",
    entityType: "webhook-subscription",
    entityId: sub.id,
  });
  await writeAudit(tx, { action: "webhooks.subscription.auto-pause", entityType: "webhook-subscription", entityId: sub.id, provinceCode: sub.provinceCode, before: { status: "active" }, after: { status: "paused", pausedReason: "failing", failingSince: sub.failingSince?.toISOString(), consecutiveFailures: sub.consecutiveFailures } });
}

/**
 * Claims up to `limit` due deliveries of active subscriptions in one UPDATE … RETURNING over a
 * FOR UPDATE SKIP LOCKED selection: two processes (or two runs) never claim the same delivery.
 */
async function claimDue(ctx: Ctx, limit: number): Promise<Claimed[]> {
  const now = ctx.now();
  const due = ctx.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(
      and(
        eq(webhookSubscriptions.status, "active"),
        or(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)), and(eq(webhookDeliveries.status, "sending"), lt(webhookDeliveries.claimedUntil, now))),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { of: webhookDeliveries, skipLocked: true });
  return ctx.db
    .update(webhookDeliveries)
    .set({ status: "sending", claimedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(and(inArray(webhookDeliveries.id, due), or(eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.status, "sending"))))
    .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, subscriptionId: webhookDeliveries.subscriptionId });
}

/**
 * The delivery job's work: claims due deliveries in batches and POSTs them (a batch in parallel), until none
 * is due or `budgetMs` has passed. Each run is idempotent: a delivery is sent by whichever run claimed it.
 */
export async function deliverDue(ctx: Ctx, opts: { batch?: number; budgetMs?: number; timeoutMs?: number } = {}): Promise<{ sent: number; succeeded: number; failed: number; gaveUp: number }> {
  const started = Date.now();
  const out = { sent: 0, succeeded: 0, failed: 0, gaveUp: 0 };
  while (Date.now() - started < (opts.budgetMs ?? 45_000)) {
    const claimed = await claimDue(ctx, opts.batch ?? 10);
    if (claimed.length === 0) break;
    for (const r of await Promise.all(claimed.map((d) => attempt(ctx, d, "scheduled", opts.timeoutMs)))) {
      out.sent++;
      if (r.ok) out.succeeded++;
      else if (r.status === "gave_up") out.gaveUp++;
      else out.failed++;
    }
  }
  return out;
}

/**
 * Sends one delivery now, outside its schedule (a redelivery by hand or a test event): claims it first, so a
 * run of the job cannot send it at the same moment. Returns null when it is being sent already.
 */
export async function deliverNow(ctx: Ctx, deliveryId: string): Promise<AttemptResult | null> {
  const now = ctx.now();
  // a delivery sent by hand starts the retry schedule again (attempt 1) if this try fails
  const [d] = await ctx.db
    .update(webhookDeliveries)
    .set({ status: "sending", claimedUntil: new Date(now.getTime() + CLAIM_MS), attempts: 1 })
    .where(and(eq(webhookDeliveries.id, deliveryId), or(sql`${webhookDeliveries.status} <> 'sending'`, lt(webhookDeliveries.claimedUntil, now))))
    .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, eventId: webhookDeliveries.eventId, subscriptionId: webhookDeliveries.subscriptionId });
  return d ? attempt(ctx, d, "manual") : null;
}
