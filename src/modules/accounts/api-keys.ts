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
