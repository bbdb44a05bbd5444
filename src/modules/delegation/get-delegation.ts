import { eq } from "drizzle-orm";
import { z } from "zod";
import { hasPermission, requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { IsoDate, type DelegateRole, type DelegationDetail } from "./contracts.js";
import { delegationView, loadNames, powerView } from "./presenters.js";
import { PROVINCIAL_ROLES, delegateScope, mustGetDelegation, mustGetPower, statusOn, todayOf, type Delegation } from "./rules.js";
import { mayReadDelegationHistory } from "./history-scopes.js";
import { issuerScopeOf } from "./revoke-delegation.js";
import { delegations } from "./tables.js";

const GetDelegationInput = z.object({ id: z.string().min(1).max(120), on: IsoDate.optional() });

/** One instrument with its chain: every ancestor from the central authority down, and every onward delegation beneath it. */
export async function getDelegation({ ctx, input }: { ctx: Ctx; input: z.input<typeof GetDelegationInput> }): Promise<DelegationDetail> {
  const i = parseInput(GetDelegationInput, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const on = i.on ?? todayOf(ctx);
  const d = await mustGetDelegation(ctx, i.id);
  const power = await mustGetPower(ctx, d.powerCode);
  // the whole tree shares root_id: one indexed read, then walk it in memory
  const tree = await ctx.db.select().from(delegations).where(eq(delegations.rootId, d.rootId));
  const byId = new Map(tree.map((r) => [r.id, r]));
  const ancestors: Delegation[] = [];
  for (let cur = d.parentId ? byId.get(d.parentId) : undefined; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) ancestors.unshift(cur);
  const children = new Map<string, Delegation[]>();
  for (const r of tree) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const descendants: Delegation[] = [];
  const walk = (id: string) => {
    for (const c of (children.get(id) ?? []).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id))) {
      descendants.push(c);
      walk(c.id);
    }
  };
  walk(d.id);
  const inForce = statusOn(d, on) === "in-force" && ancestors.every((a) => statusOn(a, on) === "in-force");
  const names = await loadNames(ctx, [d, ...ancestors, ...descendants], [power]);
  const mayRevoke = d.revokedFrom === null && (await hasPermission(ctx, "delegation:instrument.write", await issuerScopeOf(ctx, d)));
  const mySubScope = parseScopeKey(delegateScope(d));
  // an instrument to every governor is delegated onward by each governor for their own province
  const everyProvince = d.provinceCode === null && PROVINCIAL_ROLES.includes(d.delegateRole as DelegateRole);
  const mayWriteAt = everyProvince ? (scopesFor(ctx, "delegation:instrument.write") ?? ["nation"]).some((k) => k === "nation" || k.startsWith("area:province:")) : mySubScope !== null && (await hasPermission(ctx, "delegation:instrument.write", mySubScope));
  const maySub = inForce && d.maySubdelegate && mayWriteAt;
  return {
    ...delegationView(d, power, names, on),
    power: powerView(power, names, 0),
    ancestors: ancestors.map((a) => delegationView(a, power, names, on)),
    descendants: descendants.map((c) => delegationView(c, power, names, on)),
    may: { subdelegate: maySub, revoke: mayRevoke, history: await mayReadDelegationHistory(ctx, d, power.centralOrgId) },
  };
}
