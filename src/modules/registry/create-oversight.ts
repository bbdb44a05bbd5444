import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { CreateOversightInput } from "./contracts.js";
import { dateOrderError, mustFindArea, mustFindPost } from "./refs.js";
import { oversights } from "./tables.js";

/** Assigns an area (province, cluster or region) to a deputy prime minister's post for a period. */
export async function createOversight({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateOversightInput> & { id?: string; isDemo?: boolean } }): Promise<{ id: string }> {
  const i = CreateOversightInput.parse(input);
  await requirePermission(ctx, "registry:area.write", { kind: "area", id: i.areaId });
  if (i.endDate && i.endDate < i.startDate) throw dateOrderError("endDate");
  return withTransaction(ctx, async (tx) => {
    const post = await mustFindPost(tx, i.postId, "postId");
    if (post.role !== "deputy_prime_minister") throw new RuleViolation("oversight.not-deputy-pm", "มอบหมายพื้นที่ได้เฉพาะตำแหน่งรองนายกรัฐมนตรี", "Only a deputy prime minister's post oversees areas");
    const area = await mustFindArea(tx, i.areaId, "areaId");
    if (!["province", "cluster", "region"].includes(area.classification)) {
      throw new RuleViolation("oversight.area-kind", "พื้นที่ต้องเป็นจังหวัด กลุ่มจังหวัด หรือภาค", "The area must be a province, a cluster or a region");
    }
    const id = input.id ?? newId();
    const values = { id, postId: post.id, areaId: area.id, provinceCode: area.provinceCode, startDate: i.startDate, endDate: i.endDate ?? null, isDemo: input.isDemo ?? false };
    await tx.db.insert(oversights).values(values);
    await writeAudit(tx, { action: "registry.oversight.create", entityType: "post", entityId: post.id, provinceCode: area.provinceCode, after: values });
    return { id };
  });
}
