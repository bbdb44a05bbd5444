import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ScreenEmergencyInput, type EmergencyRequestView } from "./contracts-funds.js";
import { checkVersion, emergencyViews, mustGetEmergency, type Screening } from "./emergency-rules.js";
import { actorId, bahtText, bahtWords, todayOf, toSatang } from "./funds-rules.js";
import { emergencyRequests } from "./tables.js";

/** The screening working group's recommendation on a request: support (with the amount it recommends) or not. */
export async function screenEmergencyRequest({ ctx, input }: { ctx: Ctx; input: ScreenEmergencyInput }): Promise<EmergencyRequestView> {
  const i = parseInput(ScreenEmergencyInput, input);
  await withTransaction(ctx, async (tx) => {
    const r = await mustGetEmergency(tx, i.id, true);
    await requirePermission(tx, "planning:emergency.screen", provinceScope(r.provinceCode));
    checkVersion(r, i.version);
    if (r.status !== "submitted" && r.status !== "screened") {
      throw new RuleViolation("planning.emergency.not-screenable", "คำขอนี้ได้รับการพิจารณาแล้ว กลั่นกรองใหม่ไม่ได้", "The request has been decided: it can no longer be screened");
    }
    let recommended: string | null = null;
    if (i.recommendation === "support") {
      if (i.recommendedAmount === undefined) throw new ValidationError([{ path: "recommendedAmount", code: "planning.emergency.amount-required", messageTh: "ระบุวงเงินที่เห็นควรสนับสนุน", messageEn: "Give the amount the group recommends" }]);
      const a = toSatang(i.recommendedAmount);
      if (a > toSatang(r.amount)) {
        throw new ValidationError([{ path: "recommendedAmount", code: "planning.emergency.over-requested", messageTh: `วงเงินที่เสนอเกินวงเงินที่ขอ (${bahtWords(toSatang(r.amount), "th")})`, messageEn: `The recommended amount exceeds the amount requested (${bahtWords(toSatang(r.amount), "en")})` }]);
      }
      recommended = bahtText(a);
    }
    const screening: Screening = { recommendation: i.recommendation, recommendedAmount: recommended, noteTh: i.noteTh ?? "", screenedOn: todayOf(tx), screenedBy: actorId(tx) };
    await tx.db.update(emergencyRequests).set({ screening, status: "screened", version: sql`${emergencyRequests.version} + 1`, updatedAt: tx.now() }).where(eq(emergencyRequests.id, r.id));
    await writeAudit(tx, { action: "planning.emergency.screen", entityType: "emergency-request", entityId: r.id, provinceCode: r.provinceCode, before: { status: r.status, screening: r.screening }, after: { status: "screened", screening } });
  });
  return (await emergencyViews(ctx, [await mustGetEmergency(ctx, i.id)]))[0]!;
}
