import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/index.js";
import { UpdatePersonInput, type PersonSummary } from "./contracts.js";
import { personSummary } from "./presenters.js";
import { memberships, persons } from "./tables.js";

/** Corrects an official's name or contact; allowed to editors over any organisation the person serves in. */
export async function updatePerson({ ctx, input }: { ctx: Ctx; input: { id: string; patch: z.input<typeof UpdatePersonInput> } }): Promise<PersonSummary> {
  const patch = UpdatePersonInput.parse(input.patch);
  const orgs = await ctx.db.selectDistinct({ id: memberships.organizationId }).from(memberships).where(eq(memberships.personId, input.id));
  await requireAnyPermission(ctx, "registry:person.write", orgs.length ? orgs.map((o) => ({ kind: "org" as const, id: o.id })) : [NATION]);
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(persons).where(eq(persons.id, input.id)).for("update").limit(1);
    if (!before) throw new NotFoundError("person", input.id);
    const next = {
      honorificTh: patch.honorificTh === undefined ? before.honorificTh : patch.honorificTh,
      nameTh: patch.nameTh ?? before.nameTh,
      nameEn: patch.nameEn ?? before.nameEn,
      email: patch.email === undefined ? before.email : patch.email,
    };
    const [row] = await tx.db
      .update(persons)
      .set({ ...next, searchText: searchText(next.nameTh, next.nameEn), updatedAt: tx.now() })
      .where(eq(persons.id, input.id))
      .returning();
    const out = personSummary(row!);
    await writeAudit(tx, { action: "registry.person.update", entityType: "person", entityId: input.id, before: personSummary(before), after: out });
    return out;
  });
}
