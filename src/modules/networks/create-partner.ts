import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { isUniqueViolation } from "../../platform/db/unique-violation.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { lookupArea } from "../registry/index.js";
import { checkRegistryOrg, partnerNameTaken } from "./checks.js";
import { CreatePartnerInput } from "./contracts.js";
import { partnerScope } from "./load.js";
import { partners } from "./tables.js";

/** Adds a partner organisation to a province's network (organisations only: nothing personal is kept). */
export async function createPartner({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreatePartnerInput> }): Promise<{ id: string }> {
  const i = CreatePartnerInput.parse(input);
  await requirePermission(ctx, "networks:manage", partnerScope(i));
  if (!(await lookupArea(ctx, `province:${i.provinceCode}`))) throw new ValidationError([fieldError("provinceCode", "province.unknown", "ไม่พบจังหวัดนี้", "No such province")]);
  if (i.registryOrgId) await checkRegistryOrg(ctx, i.registryOrgId);
  try {
    return await withTransaction(ctx, async (tx) => {
      const id = newId(tx.now().getTime());
      const row = {
        id,
        provinceCode: i.provinceCode,
        kind: i.kind,
        nameTh: i.nameTh,
        nameEn: i.nameEn ?? "",
        registryOrgId: i.registryOrgId ?? null,
        website: i.website ?? null,
        focusTh: i.focusTh ?? "",
        focusEn: i.focusEn ?? "",
        createdAt: tx.now(),
      };
      await tx.db.insert(partners).values(row);
      await writeAudit(tx, { action: "networks.partner.create", entityType: "partner", entityId: id, provinceCode: i.provinceCode, after: row });
      return { id };
    });
  } catch (e) {
    // the same name twice in a province (also two requests at once): the unique index answers
    if (isUniqueViolation(e)) throw partnerNameTaken();
    throw e;
  }
}
