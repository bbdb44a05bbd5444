import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { lookupArea, lookupOrganization } from "../registry/index.js";
import { CreateCommitteeInput } from "./contracts.js";
import { committeeScope } from "./load.js";
import { committees } from "./tables.js";

/** Sets up a committee of a province (its seats are added one by one: see add-seat.ts). */
export async function createCommittee({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateCommitteeInput> }): Promise<{ id: string }> {
  const i = CreateCommitteeInput.parse(input);
  await requirePermission(ctx, "committees:manage", committeeScope(i));
  const province = await lookupArea(ctx, `province:${i.provinceCode}`);
  if (!province) throw new ValidationError([{ path: "provinceCode", code: "province.unknown", messageTh: "ไม่พบจังหวัดนี้", messageEn: "No such province" }]);
  if (i.registryOrgId) {
    const org = await lookupOrganization(ctx, i.registryOrgId);
    if (!org || org.classification !== "committee" || org.provinceCode !== i.provinceCode)
      throw new ValidationError([{ path: "registryOrgId", code: "committee.registry-org", messageTh: "หน่วยงานในทะเบียนต้องเป็นคณะกรรมการของจังหวัดนี้", messageEn: "The registry organisation must be a committee of this province" }]);
  }
  return withTransaction(ctx, async (tx) => {
    const id = newId(tx.now().getTime());
    const row = { id, kind: i.kind, provinceCode: i.provinceCode, registryOrgId: i.registryOrgId ?? null, nameTh: i.nameTh, nameEn: i.nameEn ?? "", cadenceDays: i.cadenceDays, createdAt: tx.now() };
    await tx.db.insert(committees).values(row);
    await writeAudit(tx, { action: "committees.committee.create", entityType: "committee", entityId: id, provinceCode: i.provinceCode, after: row });
    return { id };
  });
}
