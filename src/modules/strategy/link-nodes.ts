import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation } from "../../platform/errors.js";
import { LinkNodesInput } from "./contracts.js";
import { assertServesUpward, mustFindNode, nodeScope, writeOperation } from "./rules.js";
import { strategyLinks } from "./tables.js";

/** Says that one node serves (or is part of) another higher in the cascade; the editor of the lower node decides. */
export async function linkNodes({ ctx, input }: { ctx: Ctx; input: z.input<typeof LinkNodesInput> }): Promise<{ fromId: string; toId: string; kind: string }> {
  const i = LinkNodesInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const from = await mustFindNode(tx, i.fromId, "fromId");
    await requirePermission(tx, writeOperation(from.kind as never), nodeScope(from));
    const to = await mustFindNode(tx, i.toId, "toId");
    assertServesUpward(from.kind as never, to.kind as never, "toId");
    const [dup] = await tx.db.select().from(strategyLinks).where(and(eq(strategyLinks.fromId, from.id), eq(strategyLinks.toId, to.id))).limit(1);
    if (dup) throw new ConflictError("strategy.link-exists", "มีการเชื่อมโยงนี้อยู่แล้ว", "These nodes are already linked");
    await tx.db.insert(strategyLinks).values({ fromId: from.id, toId: to.id, kind: i.kind, createdAt: tx.now() });
    await writeAudit(tx, { action: "strategy.link.create", entityType: "strategy-node", entityId: from.id, provinceCode: from.provinceCode, after: { serves: to.id, kind: i.kind } });
    return { fromId: from.id, toId: to.id, kind: i.kind };
  });
}

/** Removes a link; a provincial goal keeps at least one thing it serves. */
export async function unlinkNodes({ ctx, input }: { ctx: Ctx; input: { fromId: string; toId: string } }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const from = await mustFindNode(tx, input.fromId, "fromId");
    await requirePermission(tx, writeOperation(from.kind as never), nodeScope(from));
    const links = await tx.db.select().from(strategyLinks).where(eq(strategyLinks.fromId, from.id)).for("update");
    const link = links.find((l) => l.toId === input.toId);
    if (!link) throw new NotFoundError("strategy-link", `${input.fromId} → ${input.toId}`);
    if (from.kind === "provincial_goal" && links.length === 1) {
      throw new RuleViolation("strategy.goal-unlinked", "เป้าหมายของจังหวัดต้องเชื่อมโยงกับรายการที่สูงกว่าอย่างน้อยหนึ่งรายการ เพิ่มการเชื่อมโยงใหม่ก่อนลบรายการนี้", "A provincial goal must keep serving at least one node: link another first");
    }
    await tx.db.delete(strategyLinks).where(and(eq(strategyLinks.fromId, from.id), eq(strategyLinks.toId, input.toId)));
    await writeAudit(tx, { action: "strategy.link.delete", entityType: "strategy-node", entityId: from.id, provinceCode: from.provinceCode, before: { serves: link.toId, kind: link.kind } });
  });
}
