import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { isUniqueViolation } from "../../platform/db/unique-violation.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { checkRegistryOrg, partnerNameTaken } from "./checks.js";
import { UpdatePartnerInput, type PartnerView } from "./contracts.js";
import { getPartner } from "./get-partner.js";
import { partnerScope, requirePartner } from "./load.js";
import { partners } from "./tables.js";

const FIELDS = ["kind", "nameTh", "nameEn", "registryOrgId", "website", "focusTh", "focusEn"] as const;

const staleVersion = (current: number, given: number) =>
  new ConflictError("networks.partner-version-conflict", "ข้อมูลภาคีถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง", "Someone else changed this partner meanwhile: reload and edit again", { current, given });

/** Edits a partner (never its province) by the province's governor's office; the version read must still be current. */
export async function updatePartner({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdatePartnerInput }): Promise<PartnerView> {
  const i = UpdatePartnerInput.parse(input);
  const found = await requirePartner(ctx, id);
  await requirePermission(ctx, "networks:manage", partnerScope(found));
  if (i.registryOrgId) await checkRegistryOrg(ctx, i.registryOrgId);
  try {
    await withTransaction(ctx, async (tx) => {
      // the row is locked while it is compared and changed: two editors of one version cannot both win
      const [p] = await tx.db.select().from(partners).where(eq(partners.id, id)).limit(1).for("update");
      if (!p) throw new NotFoundError("partner", id);
      if (p.version !== i.version) throw staleVersion(p.version, i.version);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const k of FIELDS) {
        const v = i[k];
        if (v === undefined || v === p[k]) continue;
        before[k] = p[k];
        after[k] = v;
      }
      if (Object.keys(after).length === 0) return; // nothing changed: no new version, no record
      await tx.db
        .update(partners)
        .set({ ...after, version: p.version + 1, updatedAt: tx.now() })
        .where(eq(partners.id, p.id));
      await writeAudit(tx, { action: "networks.partner.update", entityType: "partner", entityId: p.id, provinceCode: p.provinceCode, before: { ...before, version: p.version }, after: { ...after, version: p.version + 1 } });
    });
  } catch (e) {
    // renamed to a name the province already has (also two renames at once): the unique index answers
    if (isUniqueViolation(e)) throw partnerNameTaken();
    throw e;
  }
  return getPartner({ ctx, id });
}
