import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { searchText } from "../../platform/thai/index.js";
import { CreatePostInput, type PostSummary } from "./contracts.js";
import { postSummary } from "./presenters.js";
import { checkWithRefs, dateOrderError, mustFindArea, mustFindOrganization } from "./refs.js";
import { posts } from "./tables.js";

/** Creates a post in an organisation (governor of a province, head of an agency …). */
export async function createPost({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreatePostInput> & { id?: string; isDemo?: boolean } }): Promise<PostSummary> {
  const i = CreatePostInput.parse(input);
  await checkWithRefs(ctx, () => requirePermission(ctx, "registry:post.write", { kind: "org", id: i.organizationId }), [{ field: "organizationId", kind: "org", id: i.organizationId }]);
  if (i.startDate && i.endDate && i.endDate < i.startDate) throw dateOrderError("endDate");
  return withTransaction(ctx, async (tx) => {
    const org = await mustFindOrganization(tx, i.organizationId, "organizationId");
    const area = i.areaId ? await mustFindArea(tx, i.areaId, "areaId") : null;
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(posts)
      .values({
        id,
        role: i.role,
        labelTh: i.labelTh,
        labelEn: i.labelEn,
        organizationId: org.id,
        areaId: area?.id ?? org.areaId,
        provinceCode: area?.provinceCode ?? org.provinceCode,
        startDate: i.startDate ?? null,
        endDate: i.endDate ?? null,
        isDemo: input.isDemo ?? false,
        searchText: searchText(i.labelTh, i.labelEn),
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const out = postSummary(row!);
    await writeAudit(tx, { action: "registry.post.create", entityType: "post", entityId: id, provinceCode: out.provinceCode, after: out });
    return out;
  });
}
