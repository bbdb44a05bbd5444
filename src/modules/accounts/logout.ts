import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { sessions } from "./tables.js";

/** Revokes the current session (a no-op for anonymous callers). */
export async function logout({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  const sid = ctx.actor.sessionId;
  if (!sid || !ctx.actor.id) return;
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(sessions).set({ revokedAt: tx.now() }).where(eq(sessions.id, sid));
    await writeAudit(tx, { action: "accounts.logout", entityType: "account", entityId: ctx.actor.id!, after: { sessionId: sid } });
  });
}
