import { like, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { addBusinessDays } from "../../platform/thai/deadlines.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { checkAuthority } from "./check-authority.js";
import { ReceivePermitApplicationInput, type PermitApplicationDetail } from "./contracts-permits.js";
import { getPermitApplication } from "./get-permit-application.js";
import { loadNames } from "./presenters.js";
import { loadHolidays, permitContext, permitListItem, receptionScope } from "./permit-rules.js";
import { delegationRule, mustGetPower, todayOf } from "./rules.js";
import { permitApplicants, permitApplications } from "./tables.js";

export type ReceivePermitExtra = { id?: string; isDemo?: boolean };

/**
 * Records an application for a permit or approval at the counter and routes it with the authority check on the
 * day of reception: to the most local post holding the power in the province, or to the central authority. The
 * service level of that route sets the due date in business days (public holidays skipped); the tracking code
 * (PM-<province>-<fiscal year B.E.>-<number>) is what the applicant quotes. The identity goes to its own table.
 */
export async function receivePermitApplication({ ctx, input }: { ctx: Ctx; input: z.input<typeof ReceivePermitApplicationInput> & ReceivePermitExtra }): Promise<PermitApplicationDetail> {
  const i = parseInput(ReceivePermitApplicationInput, input);
  const districtCode = i.districtCode ?? null;
  // a mistyped place is the counter's input error (400), not a missing permission: areas are public
  const names = await loadNames(ctx, [], [], [`province:${i.provinceCode}`, ...(districtCode ? [`district:${districtCode}`] : [])]);
  if (!names.province(i.provinceCode)) throw new ValidationError([{ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${i.provinceCode}`, messageEn: `Unknown province code ${i.provinceCode}` }]);
  if (districtCode && !names.district(districtCode)) throw new ValidationError([{ path: "districtCode", code: "ref.unknown-area", messageTh: `ไม่พบอำเภอรหัส ${districtCode}`, messageEn: `Unknown district code ${districtCode}` }]);
  await requirePermission(ctx, "delegation:permit.receive", receptionScope({ provinceCode: i.provinceCode, districtCode }));
  const id = await withTransaction(ctx, async (tx) => {
    const today = todayOf(tx);
    const receivedOn = i.receivedOn ?? today;
    if (receivedOn > today) {
      throw delegationRule("delegation.permit.date-in-future", `วันที่รับคำขอต้องไม่เกินวันนี้ (${today})`, `The date of reception may not be in the future (today is ${today})`, { fields: [{ path: "receivedOn", code: "delegation.permit.date-in-future", messageTh: "เป็นวันในอนาคต", messageEn: "In the future" }] });
    }
    const power = await mustGetPower(tx, i.powerCode);
    if (!power.isPermit) {
      throw delegationRule("delegation.permit.not-a-permit", `อำนาจ ${power.code} ไม่ใช่การอนุญาตที่ประชาชนหรือผู้ประกอบการยื่นคำขอได้`, `Power ${power.code} is not a permit or approval that citizens or businesses apply for`, { fields: [{ path: "powerCode", code: "delegation.permit.not-a-permit", messageTh: "ไม่ใช่อำนาจการอนุญาต", messageEn: "Not a permit power" }] });
    }
    const answer = await checkAuthority({ ctx: tx, input: { powerCode: power.code, provinceCode: i.provinceCode, districtCode: districtCode ?? undefined, amount: i.amount, date: receivedOn } });
    // an instrument with a cap applies only to amounts within it: without the amount it cannot be routed to that post
    if (i.amount === undefined && answer.deciders.some((d) => d.amountCap !== null)) {
      throw delegationRule("delegation.permit.amount-required", "คำขอนี้ต้องระบุวงเงิน เพราะคำสั่งมอบอำนาจกำหนดวงเงินไว้", "This application needs its amount: the delegation instruments set an amount cap", { fields: [{ path: "amount", code: "delegation.permit.amount-required", messageTh: "ต้องระบุวงเงิน", messageEn: "The amount is needed" }] });
    }
    const decider = answer.decision === "delegated" ? answer.deciders[0]! : null;
    const route = decider ? "delegated" : "central";
    // a power whose service level is missing for this route borrows the other one's
    const slaDays = route === "delegated" ? (power.slaDaysDelegated ?? power.slaDaysCentral) : (power.slaDaysCentral ?? power.slaDaysDelegated);
    if (slaDays === null) {
      throw delegationRule("delegation.permit.no-service-level", `อำนาจ ${power.code} ยังไม่ได้กำหนดระยะเวลาให้บริการ`, `Power ${power.code} has no service level yet`, { fields: [{ path: "powerCode", code: "delegation.permit.no-service-level", messageTh: "ไม่มีระยะเวลาให้บริการ", messageEn: "No service level" }] });
    }
    const dueOn = addBusinessDays(receivedOn, slaDays, await loadHolidays(tx));

    // numbers run per province and fiscal year; the lock serialises counters that reach for the same prefix
    const prefix = `PM-${i.provinceCode}-${fiscalYearOf(receivedOn)}-`;
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${prefix}))`);
    const [{ last }] = (await tx.db
      .select({ last: sql<number>`coalesce(max(split_part(${permitApplications.trackingCode}, '-', 4)::int), 0)` })
      .from(permitApplications)
      .where(like(permitApplications.trackingCode, `${prefix}%`))) as [{ last: number }];
    const trackingCode = `${prefix}${String(Number(last) + 1).padStart(5, "0")}`;

    const appId = input.id ?? newId();
    const [row] = await tx.db
      .insert(permitApplications)
      .values({
        id: appId,
        trackingCode,
        provinceCode: i.provinceCode,
        districtCode,
        powerCode: power.code,
        applicantKind: i.applicantKind,
        subjectTh: i.subjectTh,
        amount: i.amount === undefined ? null : i.amount.toFixed(2),
        receivedOn,
        receivedBy: tx.actor.id ?? tx.actor.kind,
        receivedByName: tx.actor.name,
        route,
        deciderDelegationId: decider?.delegationId ?? null,
        deciderLabelTh: decider?.labelTh ?? answer.central.authorityTh,
        deciderLabelEn: decider?.labelEn ?? answer.central.authorityEn,
        deciderScope: decider?.scope ?? `org:${answer.central.orgId}`,
        slaDays,
        dueOn,
        status: "received",
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    await tx.db.insert(permitApplicants).values({ applicationId: appId, provinceCode: i.provinceCode, name: i.applicant.name, idNumber: i.applicant.idNumber ?? null, phone: i.applicant.phone ?? null, address: i.applicant.address ?? null });
    // the record without the applicant's identity (PDPA): audit payloads are read more widely than the case
    const view = permitListItem(row!, await permitContext(tx, [row!]), today);
    await writeAudit(tx, { action: "delegation.permit.receive", entityType: "permit-application", entityId: appId, provinceCode: i.provinceCode, after: { ...view, explanationTh: answer.explanationTh } });
    return appId;
  });
  return getPermitApplication({ ctx, input: { id } });
}
