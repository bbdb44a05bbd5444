import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganization } from "../registry/index.js";
import { TransferCaseInput } from "./contracts.js";
import { actorLabel, assertStatus, assertVersion, caseScopes, mustGetCase, recordEvent } from "./case-rules.js";
import { cases } from "./tables.js";

/**
 * Sends a case to another agency with a reason (the public timeline shows where and why). The old office loses
 * it, the person assigned is cleared, and the routing correction feeds the next training of the suggestions.
 */
export async function transferCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ id: string; assignedOrgId: string; version: number }> {
  const { id, ...rest } = input;
  const i = parseInput(TransferCaseInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    // the office holding the case may pass it on (agency_head, by cases:assign), as may the district and province
    await requireAnyPermission(tx, "cases:assign", caseScopes(c));
    assertVersion(c, i.version);
    assertStatus(c, ["received", "accepted", "in_progress", "reopened"], "transfer");
    if (i.orgId === c.assignedOrgId) throw new RuleViolation("cases.transfer-same-org", "เรื่องนี้อยู่ที่หน่วยงานนี้แล้ว", "The case is already with this organisation");
    const org = await lookupOrganization(tx, i.orgId);
    if (!org) throw new ValidationError([fieldError("orgId", "ref.unknown-organization", `ไม่พบหน่วยงาน ${i.orgId}`, `Unknown organisation ${i.orgId}`)]);
    const from = c.assignedOrgId ? await lookupOrganization(tx, c.assignedOrgId) : null;
    const now = tx.now();
    // a transfer back to "received" restarts the acceptance clock at the new office (the resolution clock keeps running)
    const acceptSpan = c.acceptDueAt.getTime() - c.receivedAt.getTime();
    await tx.db.update(cases).set({ assignedOrgId: org.id, assigneeAccountId: null, routedBy: "staff", status: c.status === "in_progress" ? "accepted" : c.status, acceptDueAt: new Date(now.getTime() + acceptSpan), version: c.version + 1, updatedAt: now }).where(eq(cases.id, c.id));
    await recordEvent(tx, c, { kind: "transferred", visibility: "public", textTh: `โอนเรื่องจาก ${from?.nameTh ?? c.assignedOrgId ?? "-"} ถึง ${org.nameTh}: ${i.reasonTh}`, actorLabelTh: await actorLabel(tx, c), data: { fromOrgId: c.assignedOrgId, toOrgId: org.id, reason: i.reasonTh } });
    await writeAudit(tx, { action: "cases.case.transfer", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { assignedOrgId: c.assignedOrgId, status: c.status }, after: { assignedOrgId: org.id, reason: i.reasonTh } });
    return { id: c.id, assignedOrgId: org.id, version: c.version + 1 };
  });
}
