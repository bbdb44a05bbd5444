import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/index.js";
import { lookupArea } from "../registry/index.js";
import { CreateNodeInput, KIND_SCOPE, type StrategyNodeSummary } from "./contracts.js";
import { nodeSummary } from "./presenters.js";
import { assertServesUpward, mustFindNode, writeOperation } from "./rules.js";
import { strategyLinks, strategyNodes } from "./tables.js";
import { eq } from "drizzle-orm";

const field = (path: string, code: string, th: string, en: string) => new ValidationError([{ path, code, messageTh: th, messageEn: en }]);

/** Adds a node to the cascade (a provincial goal must say what it serves); area strategies start as drafts. */
export async function createNode({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateNodeInput> & { id?: string; isDemo?: boolean } }): Promise<StrategyNodeSummary> {
  const i = CreateNodeInput.parse(input);
  const scopeKind = KIND_SCOPE[i.kind];
  if (scopeKind === "nation" && i.areaId) throw field("areaId", "strategy.area-not-allowed", "รายการระดับชาติไม่ระบุพื้นที่", "A national node has no area");
  if (scopeKind !== "nation" && !i.areaId) throw field("areaId", "strategy.area-required", "ต้องระบุพื้นที่ (ภาค กลุ่มจังหวัด หรือจังหวัด)", `A ${i.kind} belongs to a ${scopeKind}: give its areaId`);
  if (i.kind === "provincial_goal" && !i.serves.length) throw field("serves", "strategy.goal-unlinked", "เป้าหมายของจังหวัดต้องเชื่อมโยงกับยุทธศาสตร์หรือวาระที่สูงกว่าอย่างน้อยหนึ่งรายการ", "A provincial goal must serve at least one node above it");
  if (i.kind === "provincial_goal" && !i.mission) throw field("mission", "strategy.mission-required", "เป้าหมายของจังหวัดต้องระบุภารกิจหลักของจังหวัด", "A provincial goal carries one of the six provincial missions");
  await requirePermission(ctx, writeOperation(i.kind), i.areaId ? { kind: "area", id: i.areaId } : NATION);
  return withTransaction(ctx, async (tx) => {
    const area = i.areaId ? await lookupArea(tx, i.areaId) : null;
    if (i.areaId && (!area || area.classification !== scopeKind)) {
      throw field("areaId", "strategy.area-kind", `พื้นที่ต้องเป็น${scopeKind === "province" ? "จังหวัด" : scopeKind === "cluster" ? "กลุ่มจังหวัด" : "ภาค"}`, `The area must be a ${scopeKind}`);
    }
    const targets = [];
    for (const [n, s] of i.serves.entries()) {
      const to = await mustFindNode(tx, s.id, `serves.${n}.id`);
      assertServesUpward(i.kind, to.kind as never, `serves.${n}.id`);
      targets.push({ to, kind: s.kind });
    }
    const id = input.id ?? newId();
    const [exists] = await tx.db.select({ id: strategyNodes.id }).from(strategyNodes).where(eq(strategyNodes.id, id)).limit(1);
    if (exists) throw new ConflictError("strategy.node-exists", `มีรายการรหัส ${id} อยู่แล้ว`, `A node with id ${id} already exists`);
    const drafty = i.kind === "regional_strategy" || i.kind === "cluster_strategy" || i.kind === "provincial_strategy";
    const [row] = await tx.db
      .insert(strategyNodes)
      .values({
        id,
        kind: i.kind,
        code: i.code ?? null,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        descriptionTh: i.descriptionTh ?? null,
        descriptionEn: i.descriptionEn ?? null,
        areaId: area?.id ?? null,
        provinceCode: area?.provinceCode ?? null,
        mission: i.mission ?? null,
        fromYear: i.fromYear ?? null,
        toYear: i.toYear ?? null,
        status: drafty ? "draft" : "approved",
        isDemo: input.isDemo ?? false,
        searchText: searchText(i.nameTh, i.nameEn, i.code ?? ""),
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    for (const t of targets) await tx.db.insert(strategyLinks).values({ fromId: id, toId: t.to.id, kind: t.kind, createdAt: tx.now() });
    const out = nodeSummary(row!);
    await writeAudit(tx, { action: "strategy.node.create", entityType: "strategy-node", entityId: id, provinceCode: out.provinceCode, after: { ...out, serves: i.serves } });
    return out;
  });
}
