import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { hasAnyPermission, hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { NotFoundError } from "../../platform/errors.js";
import type { PersonDetail } from "./contracts.js";
import { personSummary } from "./presenters.js";
import { membershipViews } from "./queries.js";
import { mayReadHistory } from "./history-scopes.js";
import { memberships, persons } from "./tables.js";

/** An official with every post held and its tenure; the contact e-mail only for registry editors. */
export async function getPerson({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<PersonDetail> {
  await requirePermission(ctx, "registry:read", NATION);
  const [row] = await ctx.db.select().from(persons).where(eq(persons.id, input.id)).limit(1);
  if (!row) throw new NotFoundError("person", input.id);
  const views = await membershipViews(ctx, eq(memberships.personId, row.id) as never);
  const targets = views.length ? views.map((v) => ({ kind: "org" as const, id: v.organization.id })) : [NATION];
  const canSeeContact = ctx.actor.kind !== "anonymous" && (await hasAnyPermission(ctx, "registry:person.write", targets));
  const endMemberships: string[] = [];
  if (ctx.actor.kind !== "anonymous") {
    for (const v of views) if (!v.endDate && (await hasPermission(ctx, "registry:membership.write", { kind: "org", id: v.organization.id }))) endMemberships.push(v.id);
  }
  return { ...personSummary(row), email: canSeeContact ? row.email : null, memberships: views, may: { edit: canSeeContact, endMemberships, history: await mayReadHistory(ctx, "person", row.id) } };
}
