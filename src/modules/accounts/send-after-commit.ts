import type { Ctx } from "../../platform/ctx.js";
import { sendQueuedMail } from "../mail/index.js";

/**
 * Sends the mail a committed change queued, right away; a failure leaves it queued for the retry job (so the
 * caller's answer never depends on the mail server). Inside an outer transaction the job sends it after commit.
 */
export async function sendAfterCommit(ctx: Ctx, ids: string[]): Promise<void> {
  if (ctx.inTransaction || !ids.length) return;
  try {
    await sendQueuedMail(ctx, undefined, { ids });
  } catch {
    // the rows stay queued: mail.send-queued retries them
  }
}
