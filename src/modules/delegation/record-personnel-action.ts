import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError, type FieldError } from "../../platform/errors.js";
import { formatThaiDate } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import { checkAuthority } from "./check-authority.js";
import { PERSONNEL_KIND_POWER, RecordPersonnelActionInput, type PersonnelActionView } from "./contracts-personnel.js";
import { CENTRAL_RECORDER_ROLES, DECIDER_GRANT_ROLES, holdsAs, personnelActionViews } from "./personnel-rules.js";
import { delegationRule, mustGetPower } from "./rules.js";
import { personnelActions } from "./tables.js";

const OP = "delegation:personnel.write" as const;

/**
 * Records a personnel action (transfer, appointment, special local recruitment, temporary hire, minor discipline)
 * after checking it against the delegations on its effective date: when delegated, only the deciding post (the
 * governor, or a vice governor holding an onward instrument) records it, with the instrument it relied on; when
 * not, a province is told where the matter goes and only the ministry or department records it as a central decision.
 */
export async function recordPersonnelAction({ ctx, input }: { ctx: Ctx; input: z.input<typeof RecordPersonnelActionInput> & { id?: string; isDemo?: boolean } }): Promise<PersonnelActionView> {
  const i = parseInput(RecordPersonnelActionInput, input);
  const fromOrgId = i.fromOrgId ?? null;
  const toOrgId = i.toOrgId ?? null;
  const fields: FieldError[] = [];
  const need = (path: "fromOrgId" | "toOrgId", th: string, en: string) => fields.push({ path, code: "delegation.personnel.org-required", messageTh: th, messageEn: en });
  if (i.kind === "transfer") {
    if (!fromOrgId) need("fromOrgId", "การย้ายต้องระบุหน่วยงานต้นทาง", "A transfer names the organisation it is from");
    if (!toOrgId) need("toOrgId", "การย้ายต้องระบุหน่วยงานปลายทาง", "A transfer names the organisation it is to");
    if (fromOrgId && fromOrgId === toOrgId) fields.push({ path: "toOrgId", code: "delegation.personnel.same-org", messageTh: "หน่วยงานต้นทางและปลายทางต้องต่างกัน", messageEn: "The organisations transferred from and to must differ" });
  } else if (i.kind === "minor-discipline") {
    if (!fromOrgId) need("fromOrgId", "ต้องระบุหน่วยงานที่ข้าราชการผู้นั้นสังกัด", "Name the organisation where the official serves");
    if (toOrgId) fields.push({ path: "toOrgId", code: "delegation.personnel.org-not-expected", messageTh: "การดำเนินการทางวินัยไม่มีหน่วยงานปลายทาง", messageEn: "A disciplinary action has no destination organisation" });
  } else if (!toOrgId) {
    need("toOrgId", "ต้องระบุหน่วยงานที่บรรจุหรือจ้าง", "Name the organisation of the post");
  }
  if (fields.length) throw new ValidationError(fields);
  const powerCode = PERSONNEL_KIND_POWER[i.kind];

  return withTransaction(ctx, async (tx) => {
    const power = await mustGetPower(tx, powerCode);
    const orgIds = [fromOrgId, toOrgId].filter((x): x is string => x !== null);
    // nobody without the operation somewhere near the matter (the province, the agencies, the central authority) gets further
    const near: ScopeRef[] = [{ kind: "area", id: `province:${i.provinceCode}` }, ...orgIds.map((id) => ({ kind: "org" as const, id })), { kind: "org", id: power.centralOrgId }];
    await requireAnyPermission(tx, OP, near);
    const orgs = await lookupOrganizations(tx, orgIds);
    const unknown: FieldError[] = [];
    for (const [path, id] of [["fromOrgId", fromOrgId], ["toOrgId", toOrgId]] as const) {
      if (id && !orgs.has(id)) unknown.push({ path, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${id}`, messageEn: `Unknown organisation ${id}` });
    }
    if (unknown.length) throw new ValidationError(unknown);

    const answer = await checkAuthority({ ctx: tx, input: { powerCode, provinceCode: i.provinceCode, date: i.effectiveOn } });
    let decided: Pick<typeof personnelActions.$inferInsert, "route" | "deciderDelegationId" | "deciderInstrumentNo" | "deciderLabelTh" | "deciderLabelEn" | "deciderScope">;
    if (answer.decision === "delegated") {
      let mine: (typeof answer.deciders)[number] | undefined;
      for (const d of answer.deciders) {
        const scope = parseScopeKey(d.scope);
        if (scope && (await holdsAs(tx, OP, DECIDER_GRANT_ROLES[d.role], scope))) {
          mine = d;
          break;
        }
      }
      if (!mine) {
        const who = answer.deciders.map((d) => ({ th: `${d.labelTh} (${d.chain.at(-1)!.instrumentNo})`, en: `${d.labelEn} (${d.chain.at(-1)!.instrumentNo})` }));
        throw delegationRule(
          "delegation.personnel.not-decider",
          `เรื่องนี้อยู่ในอำนาจของ ${who.map((w) => w.th).join(" หรือ ")} ตามคำสั่งมอบอำนาจ ผู้บันทึกต้องเป็นผู้รับมอบอำนาจ`,
          `This is decided by ${who.map((w) => w.en).join(" or ")} under the delegation: only the delegate records it`,
          { status: 403, details: { deciders: answer.deciders.map((d) => ({ delegationId: d.delegationId, labelTh: d.labelTh, labelEn: d.labelEn, scope: d.scope })) } },
        );
      }
      // a provincial decision acts on the province's own offices only
      const prov = (await lookupAreas(tx, [`province:${i.provinceCode}`])).get(`province:${i.provinceCode}`)!;
      const outside: FieldError[] = [];
      for (const [path, id] of [["fromOrgId", fromOrgId], ["toOrgId", toOrgId]] as const) {
        if (id && orgs.get(id)!.provinceCode !== i.provinceCode) outside.push({ path, code: "delegation.personnel.org-outside-province", messageTh: `${orgs.get(id)!.nameTh} ไม่ใช่หน่วยงานในจังหวัด${prov.nameTh}`, messageEn: `${orgs.get(id)!.nameEn} is not an office in ${prov.nameEn}` });
      }
      if (outside.length) throw delegationRule("delegation.personnel.org-outside-province", "ผู้ว่าราชการจังหวัดสั่งได้เฉพาะหน่วยงานในจังหวัดตามที่ได้รับมอบอำนาจ", "A provincial decision covers only the province's own offices", { fields: outside });
      decided = { route: "delegated", deciderDelegationId: mine.delegationId, deciderInstrumentNo: mine.chain.at(-1)!.instrumentNo, deciderLabelTh: mine.labelTh, deciderLabelEn: mine.labelEn, deciderScope: mine.scope };
    } else {
      let central = false;
      for (const id of [power.centralOrgId, ...orgIds]) if (!central && (await holdsAs(tx, OP, CENTRAL_RECORDER_ROLES, { kind: "org", id }))) central = true;
      if (!central) {
        const c = answer.central;
        throw delegationRule(
          "delegation.personnel.not-delegated",
          `${power.nameTh} (มีผลวันที่ ${formatThaiDate(i.effectiveOn, { locale: "th", style: "long" })}): ${answer.explanationTh}`,
          `${power.nameEn || power.nameTh} (effective ${formatThaiDate(i.effectiveOn, { locale: "en", style: "long" })}): ${answer.explanationEn}`,
          { details: { powerCode, central: c, notApplicable: answer.notApplicable } },
        );
      }
      decided = { route: "central", deciderDelegationId: null, deciderInstrumentNo: null, deciderLabelTh: answer.central.authorityTh, deciderLabelEn: answer.central.authorityEn, deciderScope: `org:${answer.central.orgId}` };
    }

    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(personnelActions)
      .values({
        id,
        provinceCode: i.provinceCode,
        kind: i.kind,
        powerCode,
        personName: i.personName,
        positionTh: i.positionTh,
        fromOrgId,
        toOrgId,
        detailsTh: i.detailsTh,
        effectiveOn: i.effectiveOn,
        orderNo: i.orderNo,
        status: "recorded",
        ...decided,
        createdBy: tx.actor.id ?? tx.actor.kind,
        createdByName: tx.actor.name,
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    const [view] = await personnelActionViews(tx, [row!]);
    await writeAudit(tx, { action: "delegation.personnel.record", entityType: "personnel-action", entityId: id, provinceCode: i.provinceCode, after: view });
    return view!;
  });
}
