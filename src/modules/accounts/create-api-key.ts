import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { CreateApiKeyInput, type ApiKeyView } from "./contracts.js";
import { apiKeyView } from "./api-keys.js";
import { randomToken, sha256 } from "./crypto.js";
import { validateGrant } from "./grant-role.js";
import { apiKeys } from "./tables.js";

/** Creates an API key for a machine client; the secret is returned once and only its hash is kept. */
export async function createApiKey({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateApiKeyInput> }): Promise<ApiKeyView & { secret: string }> {
  const i = CreateApiKeyInput.parse(input);
  for (const g of i.grants) await requirePermission(ctx, "accounts:api-key.manage", parseScopeKey(g.scope) ?? { kind: "nation" });
  return withTransaction(ctx, async (tx) => {
    for (const [n, g] of i.grants.entries()) await validateGrant(tx, g, `grants.${n}.scope`);
    const secret = `cw_${randomToken(30)}`;
    const id = newId();
    const [row] = await tx.db
      .insert(apiKeys)
      .values({ id, name: i.name, prefix: secret.slice(0, 10), keyHash: sha256(secret), grants: i.grants, createdBy: ctx.actor.id, createdAt: tx.now() })
      .returning();
    const view = apiKeyView(row!);
    await writeAudit(tx, { action: "accounts.api-key.create", entityType: "api-key", entityId: id, after: view });
    return { ...view, secret };
  });
}
