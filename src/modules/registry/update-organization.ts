import { invalidateCached } from "../../platform/cache.js";
import { ORG_CACHE } from "./lookup-area.js";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError, RuleViolation } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/index.js";
import { UpdateOrganizationInput, type OrganizationSummary } from "./contracts.js";
import { organizationSummary } from "./presenters.js";
import { checkWithRefs, dateOrderError, mustFindArea, mustFindOrganization, requireAreaWithinReach } from "./refs.js";
import { organizations } from "./tables.js";

/** Edits an organisation; moving it needs the right over both where it is and where it goes. */
export async function updateOrganization({ ctx, input }: { ctx: Ctx; input: { id: string; patch: z.input<typeof UpdateOrganizationInput> } }): Promise<OrganizationSummary> {
  const patch = UpdateOrganizationInput.parse(input.patch);
  await requirePermission(ctx, "registry:organization.write", { kind: "org", id: input.id });
  const dest: ScopeRef[] = [];
  if (patch.parentId) dest.push({ kind: "org", id: patch.parentId });
  if (patch.areaId) dest.push({ kind: "area", id: patch.areaId });
  if (dest.length) {
    await checkWithRefs(ctx, () => requireAnyPermission(ctx, "registry:organization.write", dest), [
      { field: "parentId", kind: "org", id: patch.parentId },
      { field: "areaId", kind: "area", id: patch.areaId },
    ]);
  }
  const result = await withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(organizations).where(eq(organizations.id, input.id)).for("update").limit(1);
    if (!before) throw new NotFoundError("organization", input.id);
    const parent = patch.parentId ? await mustFindOrganization(tx, patch.parentId, "parentId") : undefined;
    if (parent) {
      // refuse cycles: the new parent may not lie beneath this organisation
      const ancestors = await tx.scopes.ancestors({ kind: "org", id: parent.id });
      if (parent.id === before.id || ancestors.has(`org:${before.id}`)) {
        throw new RuleViolation("organization.parent-cycle", "หน่วยงานแม่ต้องไม่อยู่ภายใต้หน่วยงานนี้", "The parent may not be beneath this organisation");
      }
    }
    const area = patch.areaId ? await mustFindArea(tx, patch.areaId, "areaId") : undefined;
    if (area) {
      const owner = parent ?? (before.parentId ? await mustFindOrganization(tx, before.parentId, "parentId") : null);
      await requireAreaWithinReach(tx, area, owner);
    }
    const next = {
      nameTh: patch.nameTh ?? before.nameTh,
      nameEn: patch.nameEn ?? before.nameEn,
      abbreviation: patch.abbreviation === undefined ? before.abbreviation : patch.abbreviation,
      parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
      areaId: patch.areaId === undefined ? before.areaId : patch.areaId,
      officeTypeId: patch.officeTypeId === undefined ? before.officeTypeId : patch.officeTypeId,
      foundingDate: patch.foundingDate === undefined ? before.foundingDate : patch.foundingDate,
      dissolutionDate: patch.dissolutionDate === undefined ? before.dissolutionDate : patch.dissolutionDate,
    };
    if (next.foundingDate && next.dissolutionDate && next.dissolutionDate < next.foundingDate) throw dateOrderError("dissolutionDate");
    const provinceCode = area !== undefined ? (area?.provinceCode ?? null) : patch.areaId === null ? (parent?.provinceCode ?? null) : before.provinceCode;
    const [row] = await tx.db
      .update(organizations)
      .set({ ...next, provinceCode, searchText: searchText(next.nameTh, next.nameEn, next.abbreviation), updatedAt: tx.now() })
      .where(eq(organizations.id, input.id))
      .returning();
    tx.scopes.invalidate();
    const out = organizationSummary(row!);
    await writeAudit(tx, { action: "registry.organization.update", entityType: "organization", entityId: input.id, provinceCode: out.provinceCode, before: organizationSummary(before), after: out });
    return out;
  });
  invalidateCached(ctx, ORG_CACHE);
  return result;
}
