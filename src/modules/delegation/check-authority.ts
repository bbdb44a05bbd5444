import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { addDays } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { AuthorityQuery, type AuthorityAnswer, type DelegateRole, type NotApplicableReason } from "./contracts.js";
import { chainLink, loadNames } from "./presenters.js";
import { capOf, delegateLabel, delegateScope, instrumentsFor, mustGetPower, PROVINCIAL_ROLES, statusOn, todayOf, type Delegation } from "./rules.js";

const ROLE_ORDER: Record<DelegateRole, number> = { district_chief: 0, provincial_agency_head: 1, vice_governor: 2, governor: 3, agency_head: 4 };
const REASON_TH: Record<NotApplicableReason, string> = {
  "not-yet-effective": "ยังไม่มีผล",
  expired: "หมดอายุแล้ว",
  revoked: "ถูกยกเลิกแล้ว",
  "out-of-area": "อยู่นอกพื้นที่",
  "over-limit": "เกินวงเงินที่มอบ",
  "chain-broken": "คำสั่งต้นทางไม่มีผลแล้ว",
};
const REASON_EN: Record<NotApplicableReason, string> = {
  "not-yet-effective": "not yet in force",
  expired: "expired",
  revoked: "revoked",
  "out-of-area": "out of its area",
  "over-limit": "over its amount cap",
  "chain-broken": "an instrument above it is no longer in force",
};

/**
 * Who may decide power X, in province P (and district), for amount A, on date D: the deciding posts with the
 * whole chain of instruments from the central authority down and the legal basis, or the central authority the
 * matter must go to. Other modules call this before they let a province decide (project amendments, funds,
 * permits, personnel actions).
 */
export async function checkAuthority({ ctx, input }: { ctx: Ctx; input: AuthorityQuery }): Promise<AuthorityAnswer> {
  const q = parseInput(AuthorityQuery, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const date = q.date ?? todayOf(ctx);
  const districtCode = q.districtCode ?? null;
  if (districtCode !== null && !districtCode.startsWith(q.provinceCode)) {
    throw new ValidationError([{ path: "districtCode", code: "delegation.district-outside-province", messageTh: `อำเภอ ${districtCode} ไม่อยู่ในจังหวัด ${q.provinceCode}`, messageEn: `District ${districtCode} is not in province ${q.provinceCode}` }]);
  }
  const power = await mustGetPower(ctx, q.powerCode);
  const rows = await instrumentsFor(ctx, power.code, q.provinceCode);
  const names = await loadNames(ctx, rows, [power], [`province:${q.provinceCode}`, ...(districtCode ? [`district:${districtCode}`] : [])]);
  if (!names.province(q.provinceCode)) throw new ValidationError([{ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${q.provinceCode}`, messageEn: `Unknown province code ${q.provinceCode}` }]);
  if (districtCode && !names.district(districtCode)) throw new ValidationError([{ path: "districtCode", code: "ref.unknown-area", messageTh: `ไม่พบอำเภอรหัส ${districtCode}`, messageEn: `Unknown district code ${districtCode}` }]);

  const byId = new Map(rows.map((r) => [r.id, r]));
  const amount = q.amount ?? null;
  const deciders: AuthorityAnswer["deciders"] = [];
  const notApplicable: AuthorityAnswer["notApplicable"] = [];
  for (const d of rows) {
    if (!PROVINCIAL_ROLES.includes(d.delegateRole as DelegateRole)) continue;
    const chain = chainOf(d, byId);
    const reason = whyNot(d, chain, { date, districtCode, amount });
    // a nation-wide instrument speaks of every province: label it for this one
    const here = d.provinceCode === null ? { ...d, provinceCode: q.provinceCode } : d;
    const label = delegateLabel(here, names);
    if (reason) {
      // instruments that lapsed more than a year before the date are history, not an explanation (the answer stays short)
      const lapsed = reason === "expired" ? d.effectiveTo : reason === "revoked" ? d.revokedFrom : null;
      if (lapsed !== null && lapsed < addDays(date, -365)) continue;
      notApplicable.push({ delegationId: d.id, delegateLabelTh: label.th, delegateLabelEn: label.en, reason, instrumentNo: d.instrumentNo });
      continue;
    }
    deciders.push({
      delegationId: d.id,
      role: d.delegateRole as DelegateRole,
      scope: delegateScope(here),
      labelTh: label.th,
      labelEn: label.en,
      amountCap: effectiveCap(chain),
      chain: chain!.map((c) => chainLink(c, names)),
    });
  }
  deciders.sort((a, b) => b.chain.length - a.chain.length || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.delegationId.localeCompare(b.delegationId));
  notApplicable.sort((a, b) => a.reason.localeCompare(b.reason) || a.delegationId.localeCompare(b.delegationId));

  const central = names.org(power.centralOrgId);
  const centralRef = { orgId: power.centralOrgId, nameTh: central?.nameTh ?? power.centralOrgId, nameEn: central?.nameEn ?? power.centralOrgId, authorityTh: power.centralAuthorityTh || (central?.nameTh ?? power.centralOrgId), authorityEn: power.centralAuthorityEn || (central?.nameEn ?? power.centralOrgId) };
  const province = names.province(q.provinceCode)!;
  const first = deciders[0];
  let explanationTh: string;
  let explanationEn: string;
  if (first) {
    const root = first.chain[0]!;
    explanationTh = `${first.labelTh} ตัดสินใจได้ ตาม${first.chain.at(-1)!.instrumentNo} (สายการมอบอำนาจเริ่มจาก${root.delegatorLabelTh} ตาม${root.instrumentNo}) อาศัยอำนาจตาม ${power.legalBasisTh}`;
    explanationEn = `${first.labelEn} may decide, under ${first.chain.at(-1)!.instrumentNo} (the chain starts with ${root.delegatorLabelEn}, ${root.instrumentNo}); legal basis: ${power.legalBasisEn || power.legalBasisTh}`;
  } else if (notApplicable.length === 0) {
    explanationTh = `ยังไม่มีการมอบอำนาจนี้ให้จังหวัด${province.nameTh} ต้องส่งเรื่องให้${centralRef.authorityTh}พิจารณา`;
    explanationEn = `This power is not delegated to ${province.nameEn}: the matter goes to ${centralRef.authorityEn}`;
  } else {
    const reasons = [...new Set(notApplicable.map((n) => n.reason))];
    explanationTh = `คำสั่งมอบอำนาจที่มีอยู่ใช้ไม่ได้ในกรณีนี้ (${reasons.map((r) => REASON_TH[r]).join(", ")}) ต้องส่งเรื่องให้${centralRef.authorityTh}พิจารณา`;
    explanationEn = `The existing instruments do not apply here (${reasons.map((r) => REASON_EN[r]).join(", ")}): the matter goes to ${centralRef.authorityEn}`;
  }
  return {
    powerCode: power.code,
    powerNameTh: power.nameTh,
    powerNameEn: power.nameEn,
    legalBasisTh: power.legalBasisTh,
    legalBasisEn: power.legalBasisEn,
    provinceCode: q.provinceCode,
    districtCode,
    amount,
    date,
    decision: first ? "delegated" : "central",
    deciders,
    central: centralRef,
    notApplicable,
    explanationTh,
    explanationEn,
  };
}

/** Root first, `d` last; null when a link is missing (the chain cannot be traced). */
function chainOf(d: Delegation, byId: Map<string, Delegation>): Delegation[] | null {
  const out: Delegation[] = [d];
  let cur = d;
  while (cur.parentId !== null) {
    const p = byId.get(cur.parentId);
    if (!p || out.length > 50) return null;
    out.unshift(p);
    cur = p;
  }
  return out;
}

function whyNot(d: Delegation, chain: Delegation[] | null, q: { date: string; districtCode: string | null; amount: number | null }): NotApplicableReason | null {
  const own = statusOn(d, q.date);
  if (own === "revoked") return "revoked";
  if (own === "not-yet") return "not-yet-effective";
  if (own === "expired") return "expired";
  if (d.districtCode !== null && d.districtCode !== q.districtCode) return "out-of-area";
  if (!chain || chain.some((c) => statusOn(c, q.date) !== "in-force")) return "chain-broken";
  if (q.amount !== null && chain.some((c) => capOf(c) !== null && q.amount! > capOf(c)!)) return "over-limit";
  return null;
}

/** The lowest cap along the chain (a delegate never holds more than any delegator above it). */
function effectiveCap(chain: Delegation[] | null): string | null {
  let best: Delegation | null = null;
  for (const c of chain ?? []) if (c.amountCap !== null && (best === null || Number(c.amountCap) < Number(best.amountCap))) best = c;
  return best?.amountCap ?? null;
}
