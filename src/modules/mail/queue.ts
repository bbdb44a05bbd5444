import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { newId, type Ctx } from "../../platform/ctx.js";
import { composeMail, type MailContent } from "./compose.js";
import { mailSettings } from "./settings.js";
import { messageIdFor, type MailTransport } from "./transports.js";
import { mailQueue } from "./tables.js";

/** How long a sender holds a claimed message before another run may take it (a crash mid-send). */
const CLAIM_MINUTES = 5;
/** Retry after 1, 2, 4 … minutes, at most every 6 hours; a message is kept until the transport takes it. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(360, 2 ** Math.max(0, attempts - 1));
}

/**
 * Queues one bilingual message to one address, inside the caller's transaction: the mail exists exactly when
 * the change that asked for it (a token) was committed. Returns the queue id to send right after commit.
 */
export async function queueMail(ctx: Ctx, m: { kind: string; to: string; content: MailContent }): Promise<string> {
  const { subject, text, html } = composeMail(m.content, mailSettings().publicUrl);
  const id = newId(ctx.now().getTime());
  await ctx.db.insert(mailQueue).values({ id, kind: m.kind, toAddress: m.to, subject, textBody: text, htmlBody: html, createdAt: ctx.now(), nextAttemptAt: ctx.now() });
  return id;
}

/**
 * Sends queued messages that are due (or just these `ids`), each claimed first so two senders never send one
 * twice; a sent message is deleted, a failed one waits for its next attempt (retryDelayMinutes). A sender cut off
 * by a crash after the transport took the message but before the delete leaves a claim that lapses after
 * CLAIM_MINUTES: the message is sent again, with the same Message-ID (at least once; the receiver can drop it).
 */
export async function sendQueuedMail(ctx: Ctx, transport: MailTransport = mailSettings().transport, opts: { ids?: string[]; limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  if (opts.ids && !opts.ids.length) return { sent: 0, failed: 0 };
  const now = ctx.now();
  const due = and(lte(mailQueue.nextAttemptAt, now), or(isNull(mailQueue.claimedUntil), lte(mailQueue.claimedUntil, now)));
  const rows = await ctx.db
    .select({ id: mailQueue.id })
    .from(mailQueue)
    .where(and(due, opts.ids ? inArray(mailQueue.id, opts.ids) : undefined))
    .orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.id))
    .limit(opts.limit ?? 200);
  let sent = 0;
  let failed = 0;
  for (const { id } of rows) {
    const [m] = await ctx.db
      .update(mailQueue)
      .set({ claimedUntil: new Date(now.getTime() + CLAIM_MINUTES * 60_000), attempts: sql`${mailQueue.attempts} + 1` })
      .where(and(eq(mailQueue.id, id), due))
      .returning();
    if (!m) continue;
    try {
      await transport.send({ kind: m.kind, to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody, messageId: messageIdFor(["mail", m.id], transport.from) });
      await ctx.db.delete(mailQueue).where(eq(mailQueue.id, id));
      sent++;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      await ctx.db
        .update(mailQueue)
        .set({ claimedUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(m.attempts) * 60_000), lastError: typeof code === "string" ? code.slice(0, 60) : "send-failed" })
        .where(eq(mailQueue.id, id));
      failed++;
    }
  }
  return { sent, failed };
}
