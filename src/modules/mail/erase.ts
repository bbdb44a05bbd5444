import { inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { ErasureSubject } from "../../platform/module.js";
import { mailOutbox, mailQueue } from "./tables.js";

/**
 * Mail's part of closing an account (inside its transaction): mail still waiting to be sent to the account's addresses,
 * and the development outbox's copies of mail to them, are deleted. Mail already sent is not kept (rows go on sending).
 */
export async function eraseMailTo(ctx: Ctx, { emails }: ErasureSubject): Promise<Record<string, number>> {
  const to = [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter(Boolean);
  if (!to.length) return {};
  const queued = await ctx.db.delete(mailQueue).where(inArray(sql`lower(${mailQueue.toAddress})`, to)).returning({ id: mailQueue.id });
  const outbox = await ctx.db.delete(mailOutbox).where(inArray(sql`lower(${mailOutbox.toAddress})`, to)).returning({ id: mailOutbox.id });
  const out: Record<string, number> = {};
  if (queued.length) out["mail.queued"] = queued.length;
  if (outbox.length) out["mail.outbox"] = outbox.length;
  return out;
}
