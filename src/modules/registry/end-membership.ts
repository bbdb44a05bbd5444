import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { EndMembershipInput } from "./contracts.js";
import { dateOrderError } from "./refs.js";
import { memberships } from "./tables.js";

/** Ends a person's term in a post on a date (transfer, retirement). */
export async function endMembership({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof EndMembershipInput> }): Promise<{ id: string; endDate: string }> {
  const i = EndMembershipInput.parse({ endDate: input.endDate });
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(memberships).where(eq(memberships.id, input.id)).for("update").limit(1);
    if (!before) throw new NotFoundError("membership", input.id);
    await requirePermission(tx, "registry:membership.write", { kind: "org", id: before.organizationId });
    if (i.endDate < before.startDate) throw dateOrderError("endDate");
    await tx.db.update(memberships).set({ endDate: i.endDate, updatedAt: tx.now() }).where(eq(memberships.id, input.id));
    const b = { endDate: before.endDate };
    await writeAudit(tx, { action: "registry.membership.end", entityType: "membership", entityId: input.id, provinceCode: before.provinceCode, before: b, after: { endDate: i.endDate } });
    await writeAudit(tx, { action: "registry.membership.end", entityType: "person", entityId: before.personId, provinceCode: before.provinceCode, before: { membershipId: input.id, ...b }, after: { membershipId: input.id, endDate: i.endDate } });
    return { id: input.id, endDate: i.endDate };
  });
}
