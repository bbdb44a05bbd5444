import type { Ctx } from "../../platform/ctx.js";
import { describeScopes } from "../registry/index.js";
import type { GrantView } from "./contracts.js";

export async function grantViews(ctx: Ctx, rows: { id: string; role: string; scope: string; createdAt: Date }[]): Promise<GrantView[]> {
  const names = await describeScopes(ctx, rows.map((r) => r.scope));
  return rows.map((r) => ({
    id: r.id,
    role: r.role as GrantView["role"],
    scope: r.scope,
    scopeNameTh: names.get(r.scope)?.nameTh ?? null,
    scopeNameEn: names.get(r.scope)?.nameEn ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Where a user lands after login: the page of their own scope. */
export function homeOf(grants: { role: string; scope: string }[]): string {
  for (const g of grants) {
    const m = /^area:province:(\d{2})$/.exec(g.scope);
    if (m) return `/provinces/${m[1]}`;
  }
  for (const g of grants) {
    if (g.scope.startsWith("area:")) return `/areas/${encodeURIComponent(g.scope.slice(5))}`;
    if (g.scope.startsWith("org:")) return `/organizations/${encodeURIComponent(g.scope.slice(4))}`;
  }
  return "/";
}
