import type { Ctx } from "../ctx.js";
import { ForbiddenError, UnauthorizedError } from "../errors.js";
import { POLICY, type Operation } from "./policy.js";
import { scopeKey, type ScopeRef } from "./scope.js";

/** May the actor perform `op` on something in `target`? A grant covers everything beneath its scope. */
export async function hasPermission(ctx: Ctx, op: Operation, target: ScopeRef | ScopeRef[]): Promise<boolean> {
  const allowed = POLICY[op];
  if (allowed === "public") return true;
  if (ctx.actor.kind === "system") return true;
  const grants = ctx.actor.grants.filter((g) => (allowed as readonly string[]).includes(g.role));
  if (grants.length === 0) return false;
  const targets = Array.isArray(target) ? target : [target];
  if (grants.some((g) => g.scope === "nation")) return true;
  for (const t of targets) {
    const ancestors = t.kind === "nation" ? new Set(["nation"]) : await ctx.scopes.ancestors(t);
    ancestors.add(scopeKey(t));
    if (!grants.some((g) => ancestors.has(g.scope))) return false;
  }
  return true;
}

/** First line of every use case: throws 401 for anonymous actors and 403 when the grant does not reach. */
export async function requirePermission(ctx: Ctx, op: Operation, target: ScopeRef | ScopeRef[]): Promise<void> {
  if (await hasPermission(ctx, op, target)) return;
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError(op);
}

/** Scope keys the actor holds `op` in (for filtering lists); null means everywhere. */
export function scopesFor(ctx: Ctx, op: Operation): string[] | null {
  const allowed = POLICY[op];
  if (allowed === "public" || ctx.actor.kind === "system") return null;
  const keys = ctx.actor.grants.filter((g) => (allowed as readonly string[]).includes(g.role)).map((g) => g.scope);
  return keys.includes("nation") ? null : keys;
}

/** True when the actor holds `op` over at least one of the targets (e.g. a new office's parent or its area). */
export async function hasAnyPermission(ctx: Ctx, op: Operation, targets: ScopeRef[]): Promise<boolean> {
  for (const t of targets) if (await hasPermission(ctx, op, t)) return true;
  return false;
}

export async function requireAnyPermission(ctx: Ctx, op: Operation, targets: ScopeRef[]): Promise<void> {
  if (await hasAnyPermission(ctx, op, targets.length ? targets : [{ kind: "nation" }])) return;
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError(op);
}
