import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import { CreateCommitteeInput, type CommitteeDetail } from "./contracts-personnel.js";
import { committeeDetail, committeeSummaries, RECRUITMENT_SCOPE } from "./personnel-rules.js";
import { delegationRule, todayOf } from "./rules.js";
import { recruitmentCommitteeMembers, recruitmentCommittees } from "./tables.js";

/**
 * Appoints a recruitment committee (it takes candidates and draws a shortlist) or a selection committee (it decides
 * among one recruitment committee's shortlist), with its members: exactly one chair, at least three in all.
 * Needs `delegation:recruitment.write` at the Ministry of Interior.
 */
export async function createCommittee({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateCommitteeInput> & { id?: string; isDemo?: boolean } }): Promise<CommitteeDetail> {
  const i = parseInput(CreateCommitteeInput, input);
  const fields: FieldError[] = [];
  const chairs = i.members.filter((m) => m.role === "chair").length;
  if (chairs !== 1) fields.push({ path: "members", code: "delegation.committee.one-chair", messageTh: `คณะกรรมการต้องมีประธานหนึ่งคนพอดี (ระบุมา ${chairs} คน)`, messageEn: `A committee has exactly one chair (${chairs} given)` });
  const seen = new Set<string>();
  i.members.forEach((m, k) => {
    const key = m.name.replace(/\s+/g, " ").toLowerCase();
    if (seen.has(key)) fields.push({ path: `members.${k}.name`, code: "delegation.committee.duplicate-member", messageTh: `${m.name} อยู่ในรายชื่อแล้ว`, messageEn: `${m.name} is already listed` });
    seen.add(key);
  });
  const parentId = i.parentCommitteeId ?? null;
  if (i.kind === "selection" && !parentId) fields.push({ path: "parentCommitteeId", code: "delegation.committee.parent-required", messageTh: "คณะกรรมการคัดเลือกต้องระบุคณะกรรมการสรรหาที่เสนอรายชื่อ", messageEn: "A selection committee names the recruitment committee whose shortlist it decides on" });
  if (i.kind === "recruitment" && parentId) fields.push({ path: "parentCommitteeId", code: "delegation.committee.parent-not-allowed", messageTh: "คณะกรรมการสรรหาไม่มีคณะกรรมการต้นเรื่อง", messageEn: "A recruitment committee has no parent committee" });
  if (i.appointedOn > todayOf(ctx)) fields.push({ path: "appointedOn", code: "delegation.committee.future-date", messageTh: "วันที่แต่งตั้งต้องไม่เกินวันนี้", messageEn: "The appointment date may not be in the future" });
  if (fields.length) throw new ValidationError(fields);

  return withTransaction(ctx, async (tx) => {
    await requirePermission(tx, "delegation:recruitment.write", RECRUITMENT_SCOPE);
    let provinceCode = i.provinceCode ?? null;
    if (parentId) {
      const [parent] = await tx.db.select().from(recruitmentCommittees).where(eq(recruitmentCommittees.id, parentId)).for("update").limit(1);
      if (!parent) throw new ValidationError([{ path: "parentCommitteeId", code: "delegation.committee.unknown-parent", messageTh: `ไม่พบคณะกรรมการสรรหา ${parentId}`, messageEn: `No recruitment committee ${parentId}` }]);
      if (parent.kind !== "recruitment") throw delegationRule("delegation.committee.parent-not-recruitment", "คณะกรรมการคัดเลือกต้องต่อจากคณะกรรมการสรรหา", "A selection committee follows a recruitment committee", { fields: [{ path: "parentCommitteeId", code: "delegation.committee.parent-not-recruitment", messageTh: "ไม่ใช่คณะกรรมการสรรหา", messageEn: "Not a recruitment committee" }] });
      if (parent.status === "decided") throw new ConflictError("delegation.committee.decided", "การสรรหานี้มีผลการคัดเลือกแล้ว", "This recruitment has already been decided");
      const [child] = await tx.db.select({ id: recruitmentCommittees.id }).from(recruitmentCommittees).where(eq(recruitmentCommittees.parentCommitteeId, parentId)).limit(1);
      if (child) throw new ConflictError("delegation.committee.selection-exists", "การสรรหานี้มีคณะกรรมการคัดเลือกแล้ว", "This recruitment already has a selection committee", { selectionCommitteeId: child.id });
      if (i.provinceCode === undefined) provinceCode = parent.provinceCode;
      const mismatch: FieldError[] = [];
      if (provinceCode !== parent.provinceCode) mismatch.push({ path: "provinceCode", code: "delegation.committee.parent-mismatch", messageTh: "จังหวัดต้องตรงกับคณะกรรมการสรรหา", messageEn: "The province must match the recruitment committee's" });
      if (i.appointedOn < parent.appointedOn) mismatch.push({ path: "appointedOn", code: "delegation.committee.before-parent", messageTh: `แต่งตั้งก่อนคณะกรรมการสรรหา (${parent.appointedOn}) ไม่ได้`, messageEn: `It may not be appointed before the recruitment committee (${parent.appointedOn})` });
      if (mismatch.length) throw delegationRule("delegation.committee.parent-mismatch", "คณะกรรมการคัดเลือกไม่สอดคล้องกับคณะกรรมการสรรหา", "The selection committee does not match its recruitment committee", { fields: mismatch });
    }
    const refs: FieldError[] = [];
    if (provinceCode && !(await lookupAreas(tx, [`province:${provinceCode}`])).has(`province:${provinceCode}`)) refs.push({ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${provinceCode}`, messageEn: `Unknown province code ${provinceCode}` });
    const orgs = await lookupOrganizations(tx, i.members.map((m) => m.orgId).filter((x): x is string => !!x));
    i.members.forEach((m, k) => {
      if (m.orgId && !orgs.has(m.orgId)) refs.push({ path: `members.${k}.orgId`, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${m.orgId}`, messageEn: `Unknown organisation ${m.orgId}` });
    });
    if (refs.length) throw new ValidationError(refs);

    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(recruitmentCommittees)
      .values({
        id,
        kind: i.kind,
        provinceCode,
        titleTh: i.titleTh,
        titleEn: i.titleEn,
        positionTh: i.positionTh,
        appointedOn: i.appointedOn,
        orderNo: i.orderNo,
        status: i.kind === "recruitment" ? "open" : "appointed",
        parentCommitteeId: parentId,
        createdBy: tx.actor.id ?? tx.actor.kind,
        createdByName: tx.actor.name,
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    await tx.db.insert(recruitmentCommitteeMembers).values(i.members.map((m, k) => ({ id: `${id}:m${k + 1}`, committeeId: id, ord: k + 1, name: m.name, role: m.role, positionTh: m.positionTh, orgId: m.orgId ?? null })));
    const [summary] = await committeeSummaries(tx, [row!]);
    await writeAudit(tx, { action: "delegation.committee.create", entityType: "recruitment-committee", entityId: id, provinceCode, after: { ...summary, members: i.members.map((m) => ({ name: m.name, role: m.role, positionTh: m.positionTh })) } });
    return committeeDetail(tx, row!, true);
  });
}
