import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError, type FieldError } from "../../platform/errors.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations, lookupOverseer, requireProvince } from "../registry/index.js";
import { SubmitEmergencyInput, type EmergencyRequestView } from "./contracts-funds.js";
import { emergencyViews, mustGetEmergency } from "./emergency-rules.js";
import { actorId, bahtText, todayOf, toSatang } from "./funds-rules.js";
import { emergencyRequests, projects } from "./tables.js";

/**
 * The governor or the strategy office asks for the emergency central fund (amount, justification, subdistricts,
 * urgency). The request names the deputy PM overseeing the province on the day, whose yearly cap it will count on.
 */
export async function submitEmergencyRequest({ ctx, input }: { ctx: Ctx; input: SubmitEmergencyInput & { id?: string; isDemo?: boolean } }): Promise<EmergencyRequestView> {
  const i = parseInput(SubmitEmergencyInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    await requireProvince(tx, i.provinceCode);
    await requirePermission(tx, "planning:emergency.request", provinceScope(i.provinceCode));
    const errors: FieldError[] = [];
    const orgId = i.requestingOrgId ?? `prov:${i.provinceCode}`;
    const org = (await lookupOrganizations(tx, [orgId])).get(orgId);
    if (!org) errors.push({ path: "requestingOrgId", code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${orgId}`, messageEn: `Unknown organisation ${orgId}` });
    else if (org.provinceCode !== i.provinceCode) errors.push({ path: "requestingOrgId", code: "planning.owner-other-province", messageTh: `${org.nameTh} ไม่ใช่หน่วยงานในจังหวัด`, messageEn: `${org.nameEn || org.nameTh} is not in the province` });
    const areas = await lookupAreas(tx, i.areaCodes.map((c) => `subdistrict:${c}`));
    i.areaCodes.forEach((c, k) => {
      if (!areas.has(`subdistrict:${c}`)) errors.push({ path: `areaCodes.${k}`, code: "ref.unknown-area", messageTh: `ไม่พบตำบลรหัส ${c}`, messageEn: `Unknown subdistrict ${c}` });
      else if (!c.startsWith(i.provinceCode)) errors.push({ path: `areaCodes.${k}`, code: "planning.area-other-province", messageTh: `ตำบล ${c} อยู่นอกจังหวัด`, messageEn: `Subdistrict ${c} lies outside the province` });
    });
    const today = todayOf(tx);
    const submittedOn = i.submittedOn ?? today;
    if (submittedOn > today) errors.push({ path: "submittedOn", code: "planning.date-in-future", messageTh: "วันที่ยื่นต้องไม่เกินวันนี้", messageEn: "The submission date is in the future" });
    if (i.projectId) {
      const [p] = await tx.db.select().from(projects).where(eq(projects.id, i.projectId)).limit(1);
      if (!p) errors.push({ path: "projectId", code: "ref.unknown-project", messageTh: `ไม่พบโครงการ ${i.projectId}`, messageEn: `Unknown project ${i.projectId}` });
      else if (p.provinceCode !== i.provinceCode || p.fiscalYear !== fiscalYearOf(submittedOn)) errors.push({ path: "projectId", code: "planning.emergency.project-mismatch", messageTh: `โครงการ ${p.code} ไม่ใช่โครงการของจังหวัดนี้ในปีงบประมาณ ${fiscalYearOf(submittedOn)}`, messageEn: `Project ${p.code} is not the province's project of FY ${fiscalYearOf(submittedOn)}` });
      else if (["rejected", "cancelled", "completed"].includes(p.status)) errors.push({ path: "projectId", code: "planning.project-closed", messageTh: `โครงการ ${p.code} ปิดแล้วหรือไม่ได้รับอนุมัติ`, messageEn: `Project ${p.code} is closed or was not approved` });
    }
    if (errors.length) throw new ValidationError(errors);
    const overseer = await lookupOverseer(tx, i.provinceCode, submittedOn);
    const row = {
      id,
      fiscalYear: fiscalYearOf(submittedOn),
      provinceCode: i.provinceCode,
      requestingOrgId: orgId,
      titleTh: i.titleTh,
      amount: bahtText(toSatang(i.amount)),
      justificationTh: i.justificationTh,
      areaCodes: i.areaCodes,
      urgency: i.urgency,
      status: "submitted",
      deputyPmPostId: overseer?.postId ?? null,
      submittedOn,
      projectId: i.projectId ?? null,
      isDemo: input.isDemo ?? false,
      createdBy: actorId(tx),
    };
    await tx.db.insert(emergencyRequests).values(row);
    await writeAudit(tx, { action: "planning.emergency.submit", entityType: "emergency-request", entityId: id, provinceCode: i.provinceCode, after: row });
  });
  return (await emergencyViews(ctx, [await mustGetEmergency(ctx, id)]))[0]!;
}
