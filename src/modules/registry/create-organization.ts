import { invalidateCached } from "../../platform/cache.js";
import { ORG_CACHE } from "./lookup-area.js";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/index.js";
import { CreateOrganizationInput, type OrganizationSummary } from "./contracts.js";
import { organizationSummary } from "./presenters.js";
import { checkWithRefs, dateOrderError, mustFindArea, mustFindOrganization, requireAreaWithinReach } from "./refs.js";
import { organizations } from "./tables.js";

/** Creates an organisation under a parent and/or in an area; the actor needs the right over one of them. */
export async function createOrganization({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateOrganizationInput> & { isDemo?: boolean } }): Promise<OrganizationSummary> {
  const i = CreateOrganizationInput.parse(input);
  const targets: ScopeRef[] = [];
  if (i.parentId) targets.push({ kind: "org", id: i.parentId });
  if (i.areaId) targets.push({ kind: "area", id: i.areaId });
  await checkWithRefs(ctx, () => requireAnyPermission(ctx, "registry:organization.write", targets), [
    { field: "parentId", kind: "org", id: i.parentId },
    { field: "areaId", kind: "area", id: i.areaId },
  ]);
  if (i.foundingDate && i.dissolutionDate && i.dissolutionDate < i.foundingDate) throw dateOrderError("dissolutionDate");
  const result = await withTransaction(ctx, async (tx) => {
    const parent = i.parentId ? await mustFindOrganization(tx, i.parentId, "parentId") : null;
    const area = i.areaId ? await mustFindArea(tx, i.areaId, "areaId") : null;
    if (area) await requireAreaWithinReach(tx, area, parent);
    const id = i.id ?? newId();
    const [existing] = await tx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).limit(1);
    if (existing) throw new ConflictError("organization.exists", `มีหน่วยงานรหัส ${id} อยู่แล้ว`, `An organisation with id ${id} already exists`);
    const [row] = await tx.db
      .insert(organizations)
      .values({
        id,
        classification: i.classification,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        abbreviation: i.abbreviation ?? null,
        parentId: parent?.id ?? null,
        areaId: area?.id ?? null,
        provinceCode: area?.provinceCode ?? parent?.provinceCode ?? null,
        officeTypeId: i.officeTypeId ?? null,
        foundingDate: i.foundingDate ?? null,
        dissolutionDate: i.dissolutionDate ?? null,
        isDemo: input.isDemo ?? false,
        searchText: searchText(i.nameTh, i.nameEn, i.abbreviation),
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const out = organizationSummary(row!);
    await writeAudit(tx, { action: "registry.organization.create", entityType: "organization", entityId: id, provinceCode: out.provinceCode, after: out });
    return out;
  });
  invalidateCached(ctx, ORG_CACHE);
  return result;
}
