import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { POLICY } from "../../platform/auth/policy.js";
import { scopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { accountsHolding } from "../accounts/index.js";
import { caseScopes, mustGetCase } from "./case-rules.js";

/**
 * The people a case may be assigned to: accounts whose grant reaches the case as a handler (its office, its
 * district's centre, its province; a nation-wide administrator is left out of the list though allowed).
 */
export async function listAssignees({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<{ items: { id: string; displayName: string; role: string }[] }> {
  const c = await mustGetCase(ctx, input.id);
  await requireAnyPermission(ctx, "cases:assign", caseScopes(c));
  const keys = new Set<string>();
  for (const s of caseScopes(c)) {
    keys.add(scopeKey(s));
    for (const a of await ctx.scopes.ancestors(s)) if (a !== "nation") keys.add(a);
  }
  const rows = await accountsHolding(ctx, POLICY["cases:handle"] as readonly string[], [...keys]);
  const seen = new Set<string>();
  return { items: rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, displayName: r.displayName, role: r.role })) };
}
