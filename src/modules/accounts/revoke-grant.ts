import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { grants } from "./tables.js";

/** Revokes a grant (kept as a revoked row: who held what, when, stays answerable). */
export async function revokeGrant({ ctx, input }: { ctx: Ctx; input: { accountId: string; grantId: string } }): Promise<void> {
  const [g] = await ctx.db.select().from(grants).where(and(eq(grants.id, input.grantId), eq(grants.accountId, input.accountId), isNull(grants.revokedAt))).limit(1);
  if (!g) throw new NotFoundError("grant", input.grantId);
  await requirePermission(ctx, "accounts:grant", parseScopeKey(g.scope) ?? NATION);
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(grants).set({ revokedAt: tx.now() }).where(eq(grants.id, g.id));
    await writeAudit(tx, { action: "accounts.grant.revoke", entityType: "account", entityId: g.accountId, provinceCode: g.provinceCode, before: { grantId: g.id, role: g.role, scope: g.scope } });
  });
}
