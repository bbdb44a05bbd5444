import type { Me } from "../../../modules/accounts/contracts.js";
import { POLICY } from "../../../platform/auth/policy.js";

/**
 * Provinces a user's grants for `op` name directly (area:province:XX); `null` when a grant reaches wider
 * (a ministry, the nation), so any province may be chosen and the server checks the scope.
 */
export function grantProvinces(me: Me | undefined, op: keyof typeof POLICY): string[] | null {
  const roles = POLICY[op];
  if (!me?.authenticated || roles === "public") return [];
  const grants = me.grants.filter((g) => (roles as readonly string[]).includes(g.role));
  const codes = new Set<string>();
  for (const g of grants) {
    const m = /^area:province:(\d{2})$/.exec(g.scope);
    if (m) codes.add(m[1]!);
    else if (!/^area:district:/.test(g.scope)) return null;
  }
  return [...codes].sort();
}
