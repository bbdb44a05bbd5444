import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import type { apiKeys } from "./tables.js";
import type { ApiKeyView } from "./contracts.js";

export function apiKeyView(r: typeof apiKeys.$inferSelect): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    grants: r.grants as ApiKeyView["grants"],
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revoked: !!r.revokedAt,
  };
}

/** Refuses actors who manage API keys nowhere (401 anonymous, 403 others) before anything is looked up. */
export function requireKeyManagerSomewhere(ctx: Ctx): void {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  const scopes = scopesFor(ctx, "accounts:api-key.manage");
  if (scopes !== null && scopes.length === 0) throw new ForbiddenError("accounts:api-key.manage");
}

/** An administrator manages a key when every grant it carries lies within the administrator's scope. */
export async function mayManageKey(ctx: Ctx, keyGrants: readonly { scope: string }[]): Promise<boolean> {
  for (const g of keyGrants) if (!(await hasPermission(ctx, "accounts:api-key.manage", parseScopeKey(g.scope) ?? { kind: "nation" }))) return false;
  return true;
}
