import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, NotFoundError } from "../../platform/errors.js";
import { apiKeyView, mayManageKey, requireKeyManagerSomewhere } from "./api-keys.js";
import { apiKeys } from "./tables.js";

/** Revokes an API key at once (its next request is refused); allowed to administrators over all its grants. */
export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  requireKeyManagerSomewhere(ctx);
  await withTransaction(ctx, async (tx) => {
    const [k] = await tx.db.select().from(apiKeys).where(eq(apiKeys.id, input.id)).for("update").limit(1);
    if (!k || k.revokedAt) throw new NotFoundError("api-key", input.id);
    if (!(await mayManageKey(tx, apiKeyView(k).grants))) throw new ForbiddenError("accounts:api-key.manage");
    await tx.db.update(apiKeys).set({ revokedAt: tx.now() }).where(eq(apiKeys.id, k.id));
    await writeAudit(tx, { action: "accounts.api-key.revoke", entityType: "api-key", entityId: k.id, before: { revoked: false }, after: { revoked: true } });
  });
}
