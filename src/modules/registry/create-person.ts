import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/index.js";
import { CreatePersonInput, type PersonSummary } from "./contracts.js";
import { personSummary } from "./presenters.js";
import { persons } from "./tables.js";

/** Records an official; any registry editor may, since a person is scoped by the posts they later hold. */
export async function createPerson({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreatePersonInput> & { id?: string; isDemo?: boolean } }): Promise<PersonSummary> {
  const i = CreatePersonInput.parse(input);
  const scopes = scopesFor(ctx, "registry:person.write");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("registry:person.write");
  }
  return withTransaction(ctx, async (tx) => {
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(persons)
      .values({
        id,
        honorificTh: i.honorificTh ?? null,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        email: i.email ?? null,
        isDemo: input.isDemo ?? false,
        searchText: searchText(i.nameTh, i.nameEn),
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const out = personSummary(row!);
    await writeAudit(tx, { action: "registry.person.create", entityType: "person", entityId: id, after: out });
    return out;
  });
}
