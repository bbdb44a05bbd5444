import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { ROLE_SCOPES } from "../../platform/auth/policy.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { GrantRoleInput, type GrantView } from "./contracts.js";
import { grantViews } from "./grant-views.js";
import { accountClosed } from "./self.js";
import { accounts, grants } from "./tables.js";

/** Checks that the scope exists and suits the role (a governor is granted at a province, a ministry officer at a ministry …). */
export async function validateGrant(ctx: Ctx, g: z.output<typeof GrantRoleInput>, path = "scope"): Promise<{ provinceCode: string | null }> {
  const ref = parseScopeKey(g.scope);
  if (!ref) throw new ValidationError([{ path, code: "scope.invalid", messageTh: "ขอบเขตไม่ถูกต้อง", messageEn: "Invalid scope" }]);
  const d = await ctx.scopes.describe(ref);
  if (!d.exists) throw new ValidationError([{ path, code: "scope.unknown", messageTh: `ไม่พบขอบเขต ${g.scope}`, messageEn: `Unknown scope ${g.scope}` }]);
  const allowed = ROLE_SCOPES[g.role];
  const fits = allowed.includes(d.classification!) || (ref.kind === "org" && allowed.includes("org"));
  if (!fits) {
    throw new RuleViolation("grant.scope-mismatch", `บทบาท ${g.role} ต้องกำหนดที่ขอบเขตประเภท ${allowed.join(", ")}`, `Role ${g.role} must be granted at a ${allowed.join(" / ")} scope (got ${d.classification})`, {
      allowed,
      got: d.classification,
    });
  }
  return { provinceCode: await ctx.scopes.provinceOf(ref) };
}

/** Grants a role at a scope to an account; the granting administrator's own scope must contain it. */
export async function grantRole({ ctx, input }: { ctx: Ctx; input: { accountId: string } & z.input<typeof GrantRoleInput> }): Promise<GrantView> {
  const g = GrantRoleInput.parse({ role: input.role, scope: input.scope });
  const ref = parseScopeKey(g.scope);
  if (!ref) throw new ValidationError([{ path: "scope", code: "scope.invalid", messageTh: "ขอบเขตไม่ถูกต้อง", messageEn: "Invalid scope" }]);
  await requirePermission(ctx, "accounts:grant", ref);
  return withTransaction(ctx, async (tx) => {
    const [acc] = await tx.db.select({ id: accounts.id, closedAt: accounts.closedAt }).from(accounts).where(eq(accounts.id, input.accountId)).limit(1);
    if (!acc) throw new NotFoundError("account", input.accountId);
    if (acc.closedAt) throw accountClosed();
    const { provinceCode } = await validateGrant(tx, g);
    const [dup] = await tx.db
      .select({ id: grants.id })
      .from(grants)
      .where(and(eq(grants.accountId, acc.id), eq(grants.role, g.role), eq(grants.scope, g.scope), isNull(grants.revokedAt)))
      .limit(1);
    if (dup) throw new ConflictError("grant.exists", "ผู้ใช้มีสิทธิ์นี้อยู่แล้ว", "The account already holds this grant");
    const id = newId();
    const [row] = await tx.db.insert(grants).values({ id, accountId: acc.id, role: g.role, scope: g.scope, provinceCode, grantedBy: ctx.actor.id, createdAt: tx.now() }).returning();
    await writeAudit(tx, { action: "accounts.grant.create", entityType: "account", entityId: acc.id, provinceCode, after: { grantId: id, role: g.role, scope: g.scope } });
    const [view] = await grantViews(tx, [row!]);
    return view!;
  });
}
