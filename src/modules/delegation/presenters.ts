import type { Ctx } from "../../platform/ctx.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import type { ChainLink, DelegationView, PowerArea, PowerView } from "./contracts.js";
import { delegateLabel, statusOn, type Delegation, type Names, type Power } from "./rules.js";

/** Loads the names the labels of these instruments and powers need, in two queries. */
export async function loadNames(ctx: Ctx, ds: readonly Pick<Delegation, "provinceCode" | "districtCode" | "delegateOrgId" | "delegatorOrgId">[], ps: readonly Pick<Power, "centralOrgId">[] = [], extraAreaIds: readonly string[] = [], extraOrgIds: readonly string[] = []): Promise<Names> {
  const areaIds = new Set<string>();
  const orgIds = new Set<string>();
  for (const d of ds) {
    if (d.provinceCode) areaIds.add(`province:${d.provinceCode}`);
    if (d.districtCode) areaIds.add(`district:${d.districtCode}`);
    if (d.delegateOrgId) orgIds.add(d.delegateOrgId);
    if (d.delegatorOrgId) orgIds.add(d.delegatorOrgId);
  }
  for (const p of ps) orgIds.add(p.centralOrgId);
  for (const a of extraAreaIds) areaIds.add(a);
  for (const o of extraOrgIds) orgIds.add(o);
  const [areas, orgs] = [await lookupAreas(ctx, areaIds), await lookupOrganizations(ctx, orgIds)];
  return {
    province: (code) => areas.get(`province:${code}`),
    district: (code) => areas.get(`district:${code}`),
    org: (id) => orgs.get(id),
  };
}

export function delegationView(d: Delegation, power: Pick<Power, "nameTh" | "nameEn"> | undefined, names: Names, date: string): DelegationView {
  const label = delegateLabel(d, names);
  return {
    id: d.id,
    powerCode: d.powerCode,
    powerNameTh: power?.nameTh ?? d.powerCode,
    powerNameEn: power?.nameEn ?? d.powerCode,
    parentId: d.parentId,
    rootId: d.rootId,
    depth: d.depth,
    delegatorOrgId: d.delegatorOrgId,
    delegatorLabelTh: d.delegatorLabelTh,
    delegatorLabelEn: d.delegatorLabelEn,
    delegateRole: d.delegateRole as DelegationView["delegateRole"],
    delegateOrgId: d.delegateOrgId,
    delegateLabelTh: label.th,
    delegateLabelEn: label.en,
    areaId: d.areaId,
    provinceCode: d.provinceCode,
    districtCode: d.districtCode,
    amountCap: d.amountCap,
    conditionsTh: d.conditionsTh,
    instrumentNo: d.instrumentNo,
    instrumentDate: d.instrumentDate,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo,
    maySubdelegate: d.maySubdelegate,
    revokedFrom: d.revokedFrom,
    revokeReasonTh: d.revokeReasonTh,
    cascadedFromId: d.cascadedFromId,
    requestId: d.requestId,
    status: statusOn(d, date),
    isDemo: d.isDemo,
  };
}

export function chainLink(d: Delegation, names: Names): ChainLink {
  const label = delegateLabel(d, names);
  return {
    delegationId: d.id,
    delegatorLabelTh: d.delegatorLabelTh,
    delegatorLabelEn: d.delegatorLabelEn,
    delegateLabelTh: label.th,
    delegateLabelEn: label.en,
    instrumentNo: d.instrumentNo,
    instrumentDate: d.instrumentDate,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo,
    amountCap: d.amountCap,
    conditionsTh: d.conditionsTh,
  };
}

export function powerView(p: Power, names: Names, inForceCount: number): PowerView {
  const org = names.org(p.centralOrgId);
  return {
    code: p.code,
    area: p.area as PowerArea,
    nameTh: p.nameTh,
    nameEn: p.nameEn,
    descriptionTh: p.descriptionTh,
    descriptionEn: p.descriptionEn,
    legalBasisTh: p.legalBasisTh,
    legalBasisEn: p.legalBasisEn,
    centralOrgId: p.centralOrgId,
    centralOrgNameTh: org?.nameTh ?? p.centralOrgId,
    centralOrgNameEn: org?.nameEn ?? p.centralOrgId,
    centralAuthorityTh: p.centralAuthorityTh,
    centralAuthorityEn: p.centralAuthorityEn,
    typicalDelegation: p.typicalDelegation,
    parameters: (p.parameters ?? {}) as Record<string, unknown>,
    isPermit: p.isPermit,
    slaDaysDelegated: p.slaDaysDelegated,
    slaDaysCentral: p.slaDaysCentral,
    verified: p.verification.startsWith("confirmed"),
    verification: p.verification,
    inForceCount,
    isDemo: p.isDemo,
  };
}
