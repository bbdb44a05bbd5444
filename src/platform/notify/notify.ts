import { and, asc, eq, isNull, like } from "drizzle-orm";
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

/**
 * Hands the notifications not yet sent (of kinds starting with `kindPrefix`, e.g. "performance.") to the mailer,
 * oldest first. Each is claimed by setting `sent_at` before
 * it is sent (a second process or run skips it), and released again if the mailer throws, so a failed send is
 * tried on the next run; a crash between claim and send loses that one mail rather than sending it twice.
 */
export async function deliverPending(ctx: Ctx, mailer: Mailer, opts: { kindPrefix?: string; limit?: number } = {}): Promise<{ sent: number; failed: number; noAddress?: number }> {
  const prefix = (opts.kindPrefix ?? "").replace(/[\\%_]/g, (c) => `\\${c}`);
  const pending = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(isNull(notifications.sentAt), prefix ? like(notifications.kind, `${prefix}%`) : undefined))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .limit(opts.limit ?? 500);
  let sent = 0;
  let failed = 0;
  let noAddress = 0;
  for (const { id } of pending) {
    const [claimed] = await ctx.db
      .update(notifications)
      .set({ sentAt: ctx.now() })
      .where(and(eq(notifications.id, id), isNull(notifications.sentAt)))
      .returning();
    if (!claimed) continue;
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
      await ctx.db.update(notifications).set({ delivery: outcome ?? "sent" }).where(eq(notifications.id, id));
      if (outcome === "no-address") noAddress++;
      else sent++;
    } catch {
      await ctx.db.update(notifications).set({ sentAt: null }).where(eq(notifications.id, id));
      failed++;
    }
  }
  return noAddress ? { sent, failed, noAddress } : { sent, failed };
}
