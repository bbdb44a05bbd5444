import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { apiKeys } from "./tables.js";

/** Revokes an API key at once: its next request is refused. */
export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  await requirePermission(ctx, "accounts:api-key.manage", NATION);
  await withTransaction(ctx, async (tx) => {
    const [k] = await tx.db.select().from(apiKeys).where(eq(apiKeys.id, input.id)).limit(1);
    if (!k || k.revokedAt) throw new NotFoundError("api-key", input.id);
    await tx.db.update(apiKeys).set({ revokedAt: tx.now() }).where(eq(apiKeys.id, k.id));
    await writeAudit(tx, { action: "accounts.api-key.revoke", entityType: "api-key", entityId: k.id, before: { revoked: false }, after: { revoked: true } });
  });
}
