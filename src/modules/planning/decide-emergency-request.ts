import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOverseer } from "../registry/index.js";
import { DEPUTY_PM_YEARLY_CAP_BAHT } from "./contracts.js";
import { DecideEmergencyInput, type EmergencyDecision } from "./contracts-funds.js";
import { checkVersion, decisionAmount, emergencyViews, fundRequestedProject, mustGetEmergency, type Screening } from "./emergency-rules.js";
import { actorId, bahtText, todayOf, toSatang } from "./funds-rules.js";
import { emergencyCapLedger, emergencyRequests } from "./tables.js";

const CAP = BigInt(DEPUTY_PM_YEARLY_CAP_BAHT) * 100n;

/**
 * The deputy PM's office decides a screened request. Approve: the area's deputy PM (the post overseeing the
 * province today) approves when that post's approvals in the fiscal year plus this one stay within 100 M baht;
 * otherwise the request is referred to the prime minister. The post's ledger row is locked for the check, so
 * concurrent approvals serialise and the cap holds. Refer sends it to the PM outright; reject ends it.
 */
export async function decideEmergencyRequest({ ctx, input }: { ctx: Ctx; input: DecideEmergencyInput }): Promise<EmergencyDecision> {
  const i = parseInput(DecideEmergencyInput, input);
  const out = await withTransaction(ctx, async (tx) => {
    const r = await mustGetEmergency(tx, i.id, true);
    await requirePermission(tx, "planning:emergency.approve", provinceScope(r.provinceCode));
    checkVersion(r, i.version);
    if (r.status !== "screened") {
      throw new RuleViolation("planning.emergency.not-awaiting", r.status === "submitted" ? "คำขอยังไม่ผ่านการกลั่นกรองของคณะทำงาน" : "คำขอนี้ได้รับการพิจารณาแล้ว", r.status === "submitted" ? "The working group has not screened the request yet" : "The request has already been decided");
    }
    const screening = r.screening as Screening;
    if (i.decision === "approve" && screening.recommendation !== "support") {
      throw new RuleViolation("planning.emergency.not-supported", "คณะทำงานกลั่นกรองไม่สนับสนุนคำขอนี้ อนุมัติไม่ได้ (ส่งนายกรัฐมนตรีหรือไม่อนุมัติ)", "The working group did not support this request: it cannot be approved (refer it to the PM or reject it)");
    }
    const today = todayOf(tx);
    const overseer = await lookupOverseer(tx, r.provinceCode, today);
    const postId = overseer?.postId ?? r.deputyPmPostId;
    if (!postId && i.decision === "approve") {
      throw new RuleViolation("planning.emergency.no-overseer", "ไม่มีรองนายกรัฐมนตรีที่กำกับดูแลจังหวัดนี้ ต้องเสนอนายกรัฐมนตรี", "No deputy prime minister oversees this province: refer the request to the prime minister");
    }
    let approvedTotal = 0n;
    let status: "approved" | "referred_to_pm" | "rejected" = i.decision === "reject" ? "rejected" : "referred_to_pm";
    if (postId) {
      // one ledger row per deputy PM and year, locked for the rest of the transaction: approvals queue here
      await tx.db.insert(emergencyCapLedger).values({ deputyPmPostId: postId, fiscalYear: r.fiscalYear }).onConflictDoNothing();
      const [ledger] = await tx.db.select().from(emergencyCapLedger).where(and(eq(emergencyCapLedger.deputyPmPostId, postId), eq(emergencyCapLedger.fiscalYear, r.fiscalYear))).for("update");
      approvedTotal = toSatang(ledger!.approvedTotal);
      if (i.decision === "approve") {
        const amount = toSatang(decisionAmount(r));
        if (approvedTotal + amount <= CAP) {
          status = "approved";
          approvedTotal += amount;
          await tx.db.update(emergencyCapLedger).set({ approvedTotal: bahtText(approvedTotal), approvals: sql`${emergencyCapLedger.approvals} + 1`, updatedAt: tx.now() }).where(and(eq(emergencyCapLedger.deputyPmPostId, postId), eq(emergencyCapLedger.fiscalYear, r.fiscalYear)));
        }
      }
    }
    const auto = i.decision === "approve" && status === "referred_to_pm";
    const note = auto ? [`เกินวงเงินอนุมัติของรองนายกรัฐมนตรี (อนุมัติแล้ว ${bahtText(approvedTotal)} บาท ในปีงบประมาณ ${r.fiscalYear}) จึงเสนอนายกรัฐมนตรี`, i.noteTh].filter(Boolean).join(" — ") : (i.noteTh ?? "");
    const change = { status, deputyPmPostId: postId, decidedOn: today, decidedBy: actorId(tx), decisionNoteTh: note };
    await tx.db.update(emergencyRequests).set({ ...change, version: sql`${emergencyRequests.version} + 1`, updatedAt: tx.now() }).where(eq(emergencyRequests.id, r.id));
    if (status === "approved") await fundRequestedProject(tx, r);
    await writeAudit(tx, { action: `planning.emergency.${status === "approved" ? "approve" : status === "rejected" ? "reject" : "refer"}`, entityType: "emergency-request", entityId: r.id, provinceCode: r.provinceCode, before: { status: r.status }, after: { ...change, amount: decisionAmount(r), approvedTotal: bahtText(approvedTotal), capExceeded: auto } });
    return { status, approvedTotal };
  });
  const request = (await emergencyViews(ctx, [await mustGetEmergency(ctx, i.id)]))[0]!;
  const headroom = CAP - out.approvedTotal;
  return { outcome: out.status === "approved" ? "approved" : out.status === "rejected" ? "rejected" : "referred", request, approvedTotal: bahtText(out.approvedTotal), headroom: bahtText(headroom < 0n ? 0n : headroom) };
}
