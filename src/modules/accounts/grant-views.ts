import { rolesAllowed } from "../../platform/auth/policy.js";
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

/** Grant scopes that open an operation-centre dashboard: the nation, a region, cluster or province, an organisation. */
const DASHBOARD_SCOPE = /^(nation|area:(province|cluster|region):[^:]+|org:.+)$/;

/**
 * Where a user lands after login: staff whose grant opens a dashboard land on /oversight (which opens the widest one
 * their grants reach); others (a citizen, a district's centre) on the page of their own scope.
 */
export function homeOf(grants: { role: string; scope: string }[]): string {
  const readers = rolesAllowed("oversight:read");
  if (readers !== "public" && grants.some((g) => (readers as readonly string[]).includes(g.role) && DASHBOARD_SCOPE.test(g.scope))) return "/oversight";
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
