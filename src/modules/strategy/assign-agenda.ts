import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea } from "../registry/index.js";
import { provinceScope } from "./agenda-rules.js";
import { AssignAgendaInput, type AgendaAssignmentSummary } from "./contracts.js";
import { assignmentSummary } from "./presenters.js";
import { agendaAssignments, strategyNodes } from "./tables.js";

const field = (path: string, code: string, th: string, en: string) => new ValidationError([{ path, code, messageTh: th, messageEn: en }]);

/** The government assigns an agenda (or the province's own pain point) to a CEO governor, who answers with a proposal. */
export async function assignAgenda({ ctx, input }: { ctx: Ctx; input: z.input<typeof AssignAgendaInput> & { id?: string; isDemo?: boolean } }): Promise<AgendaAssignmentSummary> {
  const i = parseInput(AssignAgendaInput, input);
  return withTransaction(ctx, async (tx) => {
    // an unknown province is a typo, not a refusal: the registry is public, so saying so reveals nothing
    const province = await lookupArea(tx, `province:${i.provinceCode}`);
    if (!province || province.classification !== "province") throw field("provinceCode", "ref.unknown-area", `ไม่พบจังหวัดรหัส ${i.provinceCode}`, `Unknown province ${i.provinceCode}`);
    await requirePermission(tx, "strategy:agenda.assign", provinceScope(i.provinceCode));
    // the node's row lock serialises two assignments of the same agenda
    const [node] = await tx.db.select().from(strategyNodes).where(eq(strategyNodes.id, i.agendaNodeId)).for("update").limit(1);
    if (!node) throw field("agendaNodeId", "strategy.unknown-node", `ไม่พบรายการในยุทธศาสตร์ ${i.agendaNodeId}`, `Unknown strategy node ${i.agendaNodeId}`);
    if (node.kind !== "government_agenda" && node.kind !== "pain_point") {
      throw field("agendaNodeId", "strategy.agenda.not-assignable", "มอบหมายได้เฉพาะวาระของรัฐบาลหรือประเด็นปัญหาของพื้นที่", `Only a government agenda or an area pain point can be assigned, not a ${node.kind}`);
    }
    if (node.kind === "pain_point" && node.provinceCode !== i.provinceCode) {
      throw field("agendaNodeId", "strategy.agenda.other-province", "ประเด็นปัญหานี้เป็นของจังหวัดอื่น", "This pain point belongs to another province");
    }
    const [dup] = await tx.db.select({ id: agendaAssignments.id }).from(agendaAssignments).where(and(eq(agendaAssignments.agendaNodeId, node.id), eq(agendaAssignments.provinceCode, i.provinceCode))).limit(1);
    if (dup) throw new ConflictError("strategy.agenda.already-assigned", "วาระนี้มอบหมายให้จังหวัดนี้แล้ว", "This agenda is already assigned to this province", { assignmentId: dup.id });
    const [row] = await tx.db
      .insert(agendaAssignments)
      .values({
        id: input.id ?? newId(),
        agendaNodeId: node.id,
        provinceCode: i.provinceCode,
        titleTh: i.titleTh ?? node.nameTh,
        titleEn: i.titleEn ?? node.nameEn,
        assignedOn: i.assignedOn ?? bangkokToday(tx.now()),
        assignedBy: tx.actor.name,
        status: "draft",
        currentVersion: 1,
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const out = assignmentSummary(row!, node);
    await writeAudit(tx, { action: "strategy.agenda.assign", entityType: "agenda-assignment", entityId: out.id, provinceCode: out.provinceCode, after: { agendaNodeId: out.agendaNodeId, provinceCode: out.provinceCode, titleTh: out.titleTh, assignedOn: out.assignedOn } });
    return out;
  });
}
