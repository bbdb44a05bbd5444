import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { PmDecideEmergencyInput, type EmergencyRequestView } from "./contracts-funds.js";
import { checkVersion, emergencyViews, fundRequestedProject, mustGetEmergency } from "./emergency-rules.js";
import { actorId, todayOf } from "./funds-rules.js";
import { emergencyRequests } from "./tables.js";

/** Records the prime minister's decision on a request referred over a deputy PM's cap (it does not count on that cap). */
export async function pmDecideEmergencyRequest({ ctx, input }: { ctx: Ctx; input: PmDecideEmergencyInput }): Promise<EmergencyRequestView> {
  const i = parseInput(PmDecideEmergencyInput, input);
  await withTransaction(ctx, async (tx) => {
    const r = await mustGetEmergency(tx, i.id, true);
    await requirePermission(tx, "planning:emergency.pm-decide", provinceScope(r.provinceCode));
    checkVersion(r, i.version);
    if (r.status !== "referred_to_pm") throw new RuleViolation("planning.emergency.not-referred", "คำขอนี้ไม่ได้อยู่ระหว่างเสนอนายกรัฐมนตรี", "The request is not awaiting the prime minister");
    const change = { status: i.decision === "approve" ? "pm_approved" : "rejected", decidedOn: todayOf(tx), decidedBy: actorId(tx), decisionNoteTh: [r.decisionNoteTh, i.noteTh].filter(Boolean).join(" — ") };
    await tx.db.update(emergencyRequests).set({ ...change, version: sql`${emergencyRequests.version} + 1`, updatedAt: tx.now() }).where(eq(emergencyRequests.id, r.id));
    if (change.status === "pm_approved") await fundRequestedProject(tx, r);
    await writeAudit(tx, { action: "planning.emergency.pm-decide", entityType: "emergency-request", entityId: r.id, provinceCode: r.provinceCode, before: { status: r.status }, after: change });
  });
  return (await emergencyViews(ctx, [await mustGetEmergency(ctx, i.id)]))[0]!;
}
