import { and, eq, isNull, or } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { AppError, type FieldError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import type { DelegateRole, DelegationStatus } from "./contracts.js";
import { delegations, powers } from "./tables.js";

export type Delegation = typeof delegations.$inferSelect;
export type Power = typeof powers.$inferSelect;

/** A broken delegation rule: a stable `delegation.*` code, Thai and English (422 unless said). */
export function delegationRule(code: string, messageTh: string, messageEn: string, opts: { status?: number; fields?: FieldError[]; details?: Record<string, unknown> } = {}): AppError {
  return new AppError(code, opts.status ?? 422, messageTh, messageEn, opts.fields, opts.details);
}

export const todayOf = (ctx: Ctx): string => bangkokToday(ctx.now());

/** The scope an instrument covers, as the chain rules compare it. */
export type Reach = {
  provinceCode: string | null;
  districtCode: string | null;
  amountCap: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
};

export const capOf = (d: { amountCap: string | null }): number | null => (d.amountCap === null ? null : Number(d.amountCap));

/**
 * What an onward delegation would widen beyond its parent: a delegate never holds more than its delegator
 * (area, amount, dates), and only a parent that allows onward delegation may be delegated from.
 */
export function chainViolations(parent: Reach & { maySubdelegate: boolean; revokedFrom: string | null }, child: Reach): FieldError[] {
  const out: FieldError[] = [];
  if (!parent.maySubdelegate) out.push({ path: "parentId", code: "delegation.chain.no-onward", messageTh: "คำสั่งมอบอำนาจต้นทางไม่อนุญาตให้มอบอำนาจช่วงต่อ", messageEn: "The parent instrument does not allow onward delegation" });
  if (parent.revokedFrom !== null) out.push({ path: "parentId", code: "delegation.chain.parent-revoked", messageTh: `คำสั่งมอบอำนาจต้นทางถูกยกเลิกตั้งแต่ ${parent.revokedFrom}`, messageEn: `The parent instrument is revoked from ${parent.revokedFrom}` });
  if (parent.provinceCode !== null && child.provinceCode !== parent.provinceCode) {
    out.push({ path: "provinceCode", code: "delegation.chain.wider-area", messageTh: `ผู้รับมอบช่วงต้องอยู่ในจังหวัดเดียวกับผู้มอบ (${parent.provinceCode})`, messageEn: `The onward delegate must be within the delegator's province (${parent.provinceCode})` });
  } else if (parent.districtCode !== null && child.districtCode !== parent.districtCode) {
    out.push({ path: "districtCode", code: "delegation.chain.wider-area", messageTh: `ผู้รับมอบช่วงต้องอยู่ในอำเภอเดียวกับผู้มอบ (${parent.districtCode})`, messageEn: `The onward delegate must be within the delegator's district (${parent.districtCode})` });
  }
  if (parent.amountCap !== null && (child.amountCap === null || child.amountCap > parent.amountCap)) {
    out.push({ path: "amountCap", code: "delegation.chain.wider-amount", messageTh: `วงเงินต้องไม่เกินวงเงินของผู้มอบ (${parent.amountCap.toLocaleString("th-TH")} บาท)`, messageEn: `The amount cap may not exceed the delegator's (${parent.amountCap.toLocaleString("en-US")} baht)` });
  }
  if (child.effectiveFrom < parent.effectiveFrom) {
    out.push({ path: "effectiveFrom", code: "delegation.chain.wider-dates", messageTh: `ต้องมีผลไม่ก่อนคำสั่งต้นทาง (${parent.effectiveFrom})`, messageEn: `It may not take effect before the parent instrument (${parent.effectiveFrom})` });
  }
  if (parent.effectiveTo !== null && (child.effectiveTo === null || child.effectiveTo > parent.effectiveTo)) {
    out.push({ path: "effectiveTo", code: "delegation.chain.wider-dates", messageTh: `ต้องสิ้นผลไม่หลังคำสั่งต้นทาง (${parent.effectiveTo})`, messageEn: `It must end no later than the parent instrument (${parent.effectiveTo})` });
  }
  return out;
}

/** Whether an instrument is in force on a date (its own dates and revocation; the chain is checked separately). */
export function statusOn(d: { effectiveFrom: string; effectiveTo: string | null; revokedFrom: string | null }, date: string): DelegationStatus {
  if (d.revokedFrom !== null && d.revokedFrom <= date) return "revoked";
  if (date < d.effectiveFrom) return "not-yet";
  if (d.effectiveTo !== null && date > d.effectiveTo) return "expired";
  return "in-force";
}

/** Roles that sit in a province (their delegations name a province, or every province when none). */
export const PROVINCIAL_ROLES: readonly DelegateRole[] = ["governor", "vice_governor", "district_chief", "provincial_agency_head"];

/** Names the labels need: provinces, districts and organisations by id. */
export type Names = {
  province: (code: string) => { nameTh: string; nameEn: string } | undefined;
  district: (code: string) => { nameTh: string; nameEn: string } | undefined;
  org: (id: string) => { nameTh: string; nameEn: string } | undefined;
};

/** "ผู้ว่าราชการจังหวัดขอนแก่น" / "Governor of Khon Kaen" and the like, for a delegate post. */
export function delegateLabel(d: { delegateRole: string; delegateOrgId: string | null; provinceCode: string | null; districtCode: string | null }, names: Names): { th: string; en: string } {
  const p = d.provinceCode ? names.province(d.provinceCode) : undefined;
  const pTh = p?.nameTh ?? d.provinceCode ?? "";
  const pEn = p?.nameEn ?? d.provinceCode ?? "";
  const org = d.delegateOrgId ? names.org(d.delegateOrgId) : undefined;
  switch (d.delegateRole as DelegateRole) {
    case "governor":
      return d.provinceCode ? { th: `ผู้ว่าราชการจังหวัด${pTh}`, en: `Governor of ${pEn}` } : { th: "ผู้ว่าราชการจังหวัดทุกจังหวัด", en: "Every provincial governor" };
    case "vice_governor":
      return d.provinceCode ? { th: `รองผู้ว่าราชการจังหวัด${pTh}`, en: `Vice governor of ${pEn}` } : { th: "รองผู้ว่าราชการจังหวัดทุกจังหวัด", en: "Every vice governor" };
    case "district_chief": {
      const dn = d.districtCode ? names.district(d.districtCode) : undefined;
      if (d.districtCode) return { th: `นายอำเภอ${dn?.nameTh ?? d.districtCode}`, en: `District chief of ${dn?.nameEn ?? d.districtCode}` };
      return d.provinceCode ? { th: `นายอำเภอทุกอำเภอในจังหวัด${pTh}`, en: `Every district chief in ${pEn}` } : { th: "นายอำเภอทุกอำเภอ", en: "Every district chief" };
    }
    case "agency_head":
      return { th: `หัวหน้าส่วนราชการ ${org?.nameTh ?? d.delegateOrgId ?? ""}`.trim(), en: `Head of ${org?.nameEn ?? d.delegateOrgId ?? "the agency"}` };
    case "provincial_agency_head":
      return org ? { th: `หัวหน้า${org.nameTh}`, en: `Head of ${org.nameEn}` } : d.provinceCode ? { th: `หัวหน้าส่วนราชการประจำจังหวัด${pTh}`, en: `Heads of provincial agencies in ${pEn}` } : { th: "หัวหน้าส่วนราชการประจำจังหวัด", en: "Heads of provincial agencies" };
  }
}

/** The scope key whose holders exercise a delegation (for permissions and routing). */
export function delegateScope(d: { delegateRole: string; delegateOrgId: string | null; provinceCode: string | null; districtCode: string | null }): string {
  if (d.delegateOrgId && (d.delegateRole === "agency_head" || d.delegateRole === "provincial_agency_head")) return `org:${d.delegateOrgId}`;
  if (d.districtCode) return `area:district:${d.districtCode}`;
  if (d.provinceCode) return `area:province:${d.provinceCode}`;
  return "nation";
}

/** The ministry a central organisation belongs to ("moi.dol" → "moi"). */
export const ministryOf = (orgId: string): string => orgId.split(".")[0]!;

export async function mustGetPower(ctx: Ctx, code: string, path = "powerCode"): Promise<Power> {
  const [p] = await ctx.db.select().from(powers).where(eq(powers.code, code)).limit(1);
  if (!p) throw delegationRule("delegation.power.unknown", `ไม่พบอำนาจรหัส ${code} ในทะเบียนอำนาจ`, `No power with code ${code} in the catalogue`, { status: 404, fields: [{ path, code: "delegation.power.unknown", messageTh: "ไม่พบในทะเบียนอำนาจ", messageEn: "Not in the catalogue" }] });
  return p;
}

export async function mustGetDelegation(ctx: Ctx, id: string, lock = false): Promise<Delegation> {
  const q = ctx.db.select().from(delegations).where(eq(delegations.id, id)).limit(1);
  const [d] = lock ? await q.for("update") : await q;
  if (!d) throw delegationRule("delegation.instrument.not-found", `ไม่พบคำสั่งมอบอำนาจ ${id}`, `Delegation instrument not found (${id})`, { status: 404 });
  return d;
}

/** Every instrument for a power that can bear on a province (its own and the nation-wide ones). */
export async function instrumentsFor(ctx: Ctx, powerCode: string, provinceCode: string): Promise<Delegation[]> {
  return ctx.db
    .select()
    .from(delegations)
    .where(and(eq(delegations.powerCode, powerCode), or(eq(delegations.provinceCode, provinceCode), isNull(delegations.provinceCode))));
}
