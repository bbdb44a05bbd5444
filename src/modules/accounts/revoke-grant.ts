import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../platform/errors.js";
import { grants } from "./tables.js";

/** Revokes a grant (kept as a revoked row: who held what, when, stays answerable). */
export async function revokeGrant({ ctx, input }: { ctx: Ctx; input: { accountId: string; grantId: string } }): Promise<void> {
  // Callers who may grant nowhere are refused before the grant is looked up (a 404 would tell them it does not exist).
  const where = scopesFor(ctx, "accounts:grant");
  if (where !== null && where.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("accounts:grant");
  }
  await withTransaction(ctx, async (tx) => {
    const [g] = await tx.db
      .select()
      .from(grants)
      .where(and(eq(grants.id, input.grantId), eq(grants.accountId, input.accountId), isNull(grants.revokedAt)))
      .for("update")
      .limit(1);
    if (!g) throw new NotFoundError("grant", input.grantId);
    // the revoker's own grant must contain the revoked grant's scope
    await requirePermission(tx, "accounts:grant", parseScopeKey(g.scope) ?? NATION);
    await tx.db.update(grants).set({ revokedAt: tx.now() }).where(eq(grants.id, g.id));
    await writeAudit(tx, { action: "accounts.grant.revoke", entityType: "account", entityId: g.accountId, provinceCode: g.provinceCode, before: { grantId: g.id, role: g.role, scope: g.scope } });
  });
}
