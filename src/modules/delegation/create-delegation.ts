import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganization } from "../registry/index.js";
import { CreateDelegationInput, type DelegationView } from "./contracts.js";
import { delegationView, loadNames } from "./presenters.js";
import { chainViolations, capOf, delegateLabel, delegateScope, delegationRule, mustGetDelegation, mustGetPower, todayOf, type Delegation } from "./rules.js";
import { delegations } from "./tables.js";

export type CreateDelegationExtra = { id?: string; isDemo?: boolean; requestId?: string | null };

/**
 * Issues a delegation instrument: a root one from the power's central authority, or an onward one from the
 * delegate of `parentId`, which may never be wider than its parent (area, amount, dates) and needs the parent's
 * leave to delegate onward. The issuer must hold `delegation:instrument.write` where the delegator sits.
 */
export async function createDelegation({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateDelegationInput> & CreateDelegationExtra }): Promise<DelegationView> {
  return issue(ctx, input, (tx, issuerScope) => requirePermission(tx, "delegation:instrument.write", issuerScope));
}

/**
 * Internal, never a route: issues an instrument under the same rules for a caller that has already checked its
 * own, different permission — recording the Cabinet's approval of a request creates the instrument it approves,
 * and the person who records it (OPDC) does not issue instruments otherwise.
 */
export async function issueDelegation({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateDelegationInput> & CreateDelegationExtra }): Promise<DelegationView> {
  return issue(ctx, input, async () => {});
}

async function issue(ctx: Ctx, input: z.input<typeof CreateDelegationInput> & CreateDelegationExtra, authorize: (tx: Ctx, issuerScope: ScopeRef) => Promise<void>): Promise<DelegationView> {
  const i = parseInput(CreateDelegationInput, input);
  const provinceCode = i.provinceCode ?? (i.districtCode ? i.districtCode.slice(0, 2) : null);
  const districtCode = i.districtCode ?? null;
  const delegateOrgId = i.delegateOrgId ?? null;
  const fields: FieldError[] = [];
  if (i.effectiveTo && i.effectiveTo < i.effectiveFrom) fields.push({ path: "effectiveTo", code: "delegation.period-order", messageTh: "วันสิ้นผลต้องไม่ก่อนวันเริ่มมีผล", messageEn: "The end date may not come before the start date" });
  if (districtCode && provinceCode && !districtCode.startsWith(provinceCode)) fields.push({ path: "districtCode", code: "delegation.district-outside-province", messageTh: `อำเภอ ${districtCode} ไม่อยู่ในจังหวัด ${provinceCode}`, messageEn: `District ${districtCode} is not in province ${provinceCode}` });
  if (districtCode && i.delegateRole !== "district_chief") fields.push({ path: "districtCode", code: "delegation.role-area", messageTh: "ระบุอำเภอได้เฉพาะการมอบให้นายอำเภอ", messageEn: "Only a district chief's delegation names a district" });
  if (i.delegateRole === "agency_head" && !delegateOrgId) fields.push({ path: "delegateOrgId", code: "delegation.role-org", messageTh: "ต้องระบุส่วนราชการของหัวหน้าส่วนราชการ", messageEn: "Name the agency whose head receives it" });
  if ((i.delegateRole === "governor" || i.delegateRole === "vice_governor" || i.delegateRole === "district_chief") && delegateOrgId) fields.push({ path: "delegateOrgId", code: "delegation.role-org", messageTh: "การมอบให้ผู้ว่าราชการจังหวัด รองผู้ว่าฯ หรือนายอำเภอ ไม่ระบุส่วนราชการ", messageEn: "A governor's, vice governor's or district chief's delegation names no agency" });
  if (i.delegateRole === "agency_head" && provinceCode) fields.push({ path: "provinceCode", code: "delegation.role-area", messageTh: "หัวหน้าส่วนราชการส่วนกลางไม่ผูกกับจังหวัด", messageEn: "A central agency head is not tied to a province" });
  if (fields.length) throw new ValidationError(fields);

  return withTransaction(ctx, async (tx) => {
    const power = await mustGetPower(tx, i.powerCode);
    const parent = i.parentId ? await mustGetDelegation(tx, i.parentId, true) : null;
    // who issues it: the central authority for a root, the parent's delegate (in this province) for an onward one
    let issuerScope: ScopeRef;
    if (parent) {
      if (parent.powerCode !== power.code) throw delegationRule("delegation.chain.other-power", "การมอบอำนาจช่วงต้องเป็นอำนาจเดียวกับคำสั่งต้นทาง", "An onward delegation must be of the same power as its parent", { fields: [{ path: "powerCode", code: "delegation.chain.other-power", messageTh: "ไม่ตรงกับคำสั่งต้นทาง", messageEn: "Differs from the parent" }] });
      const at = parent.provinceCode === null && provinceCode ? { ...parent, provinceCode } : parent;
      issuerScope = parseScopeKey(delegateScope(at))!;
    } else {
      issuerScope = { kind: "org", id: power.centralOrgId };
    }
    await authorize(tx, issuerScope);

    const names = await loadNames(tx, [{ provinceCode, districtCode, delegateOrgId, delegatorOrgId: parent ? null : power.centralOrgId }], [power], parent?.provinceCode ? [`province:${parent.provinceCode}`] : [], parent?.delegateOrgId ? [parent.delegateOrgId] : []);
    if (provinceCode && !names.province(provinceCode)) throw new ValidationError([{ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${provinceCode}`, messageEn: `Unknown province code ${provinceCode}` }]);
    if (districtCode && !names.district(districtCode)) throw new ValidationError([{ path: "districtCode", code: "ref.unknown-area", messageTh: `ไม่พบอำเภอรหัส ${districtCode}`, messageEn: `Unknown district code ${districtCode}` }]);
    if (delegateOrgId && !names.org(delegateOrgId)) throw new ValidationError([{ path: "delegateOrgId", code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${delegateOrgId}`, messageEn: `Unknown organisation ${delegateOrgId}` }]);
    if (i.delegateRole === "provincial_agency_head" && delegateOrgId) {
      // the head of a provincial office acts in its own province only
      const office = await lookupOrganization(tx, delegateOrgId);
      if (!provinceCode || office?.provinceCode !== provinceCode) throw new ValidationError([{ path: "delegateOrgId", code: "delegation.role-org", messageTh: `หน่วยงาน ${delegateOrgId} ไม่ใช่ส่วนราชการประจำจังหวัด${provinceCode ? ` ${provinceCode}` : ""}`, messageEn: `${delegateOrgId} is not a provincial office${provinceCode ? ` of province ${provinceCode}` : ""}` }]);
    }

    const child = { provinceCode, districtCode, amountCap: i.amountCap ?? null, effectiveFrom: i.effectiveFrom, effectiveTo: i.effectiveTo ?? null };
    let delegatorLabel: { th: string; en: string };
    if (parent) {
      const violations = chainViolations({ ...parent, amountCap: capOf(parent) }, child);
      if (samePost(parent, { delegateRole: i.delegateRole, delegateOrgId, provinceCode, districtCode })) violations.push({ path: "delegateRole", code: "delegation.chain.same-post", messageTh: "มอบอำนาจช่วงให้ตำแหน่งเดิมไม่ได้", messageEn: "An onward delegation must go to another post" });
      if (violations.length) throw delegationRule("delegation.chain.widens", "การมอบอำนาจช่วงกว้างกว่าที่ผู้มอบได้รับมอบ", "The onward delegation would give more than its delegator holds", { fields: violations });
      delegatorLabel = delegateLabel(parent.provinceCode === null && provinceCode ? { ...parent, provinceCode } : parent, names);
    } else {
      const org = names.org(power.centralOrgId);
      delegatorLabel = { th: org?.nameTh ?? power.centralOrgId, en: org?.nameEn ?? power.centralOrgId };
    }

    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(delegations)
      .values({
        id,
        powerCode: power.code,
        parentId: parent?.id ?? null,
        rootId: parent?.rootId ?? id,
        depth: parent ? parent.depth + 1 : 0,
        delegatorOrgId: parent ? null : power.centralOrgId,
        delegatorLabelTh: delegatorLabel.th,
        delegatorLabelEn: delegatorLabel.en,
        delegateRole: i.delegateRole,
        delegateOrgId,
        areaId: districtCode ? `district:${districtCode}` : provinceCode ? `province:${provinceCode}` : null,
        provinceCode,
        districtCode,
        amountCap: i.amountCap == null ? null : i.amountCap.toFixed(2),
        conditionsTh: i.conditionsTh,
        instrumentNo: i.instrumentNo,
        instrumentDate: i.instrumentDate,
        effectiveFrom: i.effectiveFrom,
        effectiveTo: i.effectiveTo ?? null,
        maySubdelegate: i.maySubdelegate,
        requestId: input.requestId ?? null,
        createdBy: tx.actor.id ?? tx.actor.kind,
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const view = delegationView(row!, power, names, todayOf(tx));
    await writeAudit(tx, { action: "delegation.instrument.create", entityType: "delegation", entityId: id, provinceCode, after: view });
    await emitEvent(tx, { type: "delegation.issued", provinceCode, entityType: "delegation", entityId: id, isDemo: row!.isDemo, data: { delegation: { id, powerCode: power.code, parentId: row!.parentId, depth: row!.depth, delegateRole: row!.delegateRole, delegateOrgId, provinceCode, districtCode, amountCap: row!.amountCap, instrumentNo: row!.instrumentNo, instrumentDate: row!.instrumentDate, effectiveFrom: row!.effectiveFrom, effectiveTo: row!.effectiveTo } } });
    return view;
  });
}

function samePost(a: Pick<Delegation, "delegateRole" | "delegateOrgId" | "provinceCode" | "districtCode">, b: Pick<Delegation, "delegateRole" | "delegateOrgId" | "provinceCode" | "districtCode">): boolean {
  return a.delegateRole === b.delegateRole && a.delegateOrgId === b.delegateOrgId && a.districtCode === b.districtCode && (a.provinceCode === b.provinceCode || a.provinceCode === null);
}
