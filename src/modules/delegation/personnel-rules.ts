import { eq, inArray } from "drizzle-orm";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import type { Operation, RoleId } from "../../platform/auth/policy.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import type { DelegateRole } from "./contracts.js";
import type { CandidateView, CommitteeDetail, CommitteeRole, CommitteeStatus, CommitteeSummary, PersonnelActionKind, PersonnelActionView, PersonnelRoute } from "./contracts-personnel.js";
import { delegationRule } from "./rules.js";
import { personnelActions, powers, recruitmentCandidates, recruitmentCommitteeMembers, recruitmentCommittees } from "./tables.js";

export type PersonnelAction = typeof personnelActions.$inferSelect;
export type Committee = typeof recruitmentCommittees.$inferSelect;
export type Member = typeof recruitmentCommitteeMembers.$inferSelect;
export type Candidate = typeof recruitmentCandidates.$inferSelect;

/** Which grants exercise an instrument given to a post: a governor's instrument is the governor's, not a vice governor's. */
export const DECIDER_GRANT_ROLES: Record<DelegateRole, readonly RoleId[]> = {
  governor: ["governor"],
  vice_governor: ["vice_governor"],
  district_chief: ["district_officer"],
  provincial_agency_head: ["agency_head"],
  agency_head: ["ministry_officer", "department_officer"],
};

/** Who records a central decision (nothing delegated applies): the ministry or department officers of the official's agency or of the central authority. */
export const CENTRAL_RECORDER_ROLES: readonly RoleId[] = ["ministry_officer", "department_officer"];

/** Recruitment and selection committees for governors sit with the Ministry of Interior (administrators hold it everywhere). */
export const RECRUITMENT_SCOPE: ScopeRef = { kind: "org", id: "moi" };

/** `hasPermission`, counting only the actor's grants of these roles (the system actor holds everything). */
export async function holdsAs(ctx: Ctx, op: Operation, roles: readonly RoleId[], target: ScopeRef): Promise<boolean> {
  if (ctx.actor.kind === "system") return true;
  const grants = ctx.actor.grants.filter((g) => roles.includes(g.role));
  if (!grants.length) return false;
  return hasPermission({ ...ctx, actor: { ...ctx.actor, grants } }, op, target);
}

/** Staff anywhere may read personnel records and committees (lists then narrow to what their grants reach). */
export function requireStaff(ctx: Ctx, op: Operation = "delegation:personnel.read"): string[] | null {
  const scopes = scopesFor(ctx, op);
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError(op);
  }
  return scopes;
}

/** A personnel action is readable where its province is, or where either organisation sits (a ministry's officers). */
export async function mayReadAction(ctx: Ctx, a: Pick<PersonnelAction, "provinceCode" | "fromOrgId" | "toOrgId">): Promise<boolean> {
  if (await hasPermission(ctx, "delegation:personnel.read", { kind: "area", id: `province:${a.provinceCode}` })) return true;
  for (const o of [a.fromOrgId, a.toOrgId]) if (o && (await hasPermission(ctx, "delegation:personnel.read", { kind: "org", id: o }))) return true;
  return false;
}

export async function mustGetAction(ctx: Ctx, id: string): Promise<PersonnelAction> {
  const [a] = await ctx.db.select().from(personnelActions).where(eq(personnelActions.id, id)).limit(1);
  if (!a) throw delegationRule("delegation.personnel.not-found", `ไม่พบรายการบริหารงานบุคคล (${id})`, `Personnel action not found (${id})`, { status: 404 });
  return a;
}

export async function mustGetCommittee(ctx: Ctx, id: string, lock = false): Promise<Committee> {
  const q = ctx.db.select().from(recruitmentCommittees).where(eq(recruitmentCommittees.id, id)).limit(1);
  const [c] = lock ? await q.for("update") : await q;
  if (!c) throw delegationRule("delegation.committee.not-found", `ไม่พบคณะกรรมการ (${id})`, `Committee not found (${id})`, { status: 404 });
  return c;
}

/** Views of personnel actions, with province, organisation and power names loaded in three queries. */
export async function personnelActionViews(ctx: Ctx, rows: readonly PersonnelAction[]): Promise<PersonnelActionView[]> {
  if (!rows.length) return [];
  const areas = await lookupAreas(ctx, rows.map((r) => `province:${r.provinceCode}`));
  const orgs = await lookupOrganizations(ctx, rows.flatMap((r) => [r.fromOrgId, r.toOrgId]).filter((x): x is string => !!x));
  const ps = await ctx.db.select({ code: powers.code, nameTh: powers.nameTh, nameEn: powers.nameEn, legalBasisTh: powers.legalBasisTh }).from(powers).where(inArray(powers.code, [...new Set(rows.map((r) => r.powerCode))]));
  const byCode = new Map(ps.map((p) => [p.code, p]));
  return rows.map((r) => {
    const p = areas.get(`province:${r.provinceCode}`);
    const pw = byCode.get(r.powerCode);
    const from = r.fromOrgId ? orgs.get(r.fromOrgId) : undefined;
    const to = r.toOrgId ? orgs.get(r.toOrgId) : undefined;
    return {
      id: r.id,
      provinceCode: r.provinceCode,
      provinceNameTh: p?.nameTh ?? r.provinceCode,
      provinceNameEn: p?.nameEn ?? r.provinceCode,
      kind: r.kind as PersonnelActionKind,
      powerCode: r.powerCode,
      powerNameTh: pw?.nameTh ?? r.powerCode,
      powerNameEn: pw?.nameEn ?? r.powerCode,
      legalBasisTh: pw?.legalBasisTh ?? "",
      personName: r.personName,
      positionTh: r.positionTh,
      fromOrgId: r.fromOrgId,
      fromOrgNameTh: from?.nameTh ?? null,
      fromOrgNameEn: from?.nameEn ?? null,
      toOrgId: r.toOrgId,
      toOrgNameTh: to?.nameTh ?? null,
      toOrgNameEn: to?.nameEn ?? null,
      detailsTh: r.detailsTh,
      effectiveOn: r.effectiveOn,
      orderNo: r.orderNo,
      status: r.status,
      route: r.route as PersonnelRoute,
      deciderDelegationId: r.deciderDelegationId,
      deciderInstrumentNo: r.deciderInstrumentNo,
      deciderLabelTh: r.deciderLabelTh,
      deciderLabelEn: r.deciderLabelEn,
      deciderScope: r.deciderScope,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
      isDemo: r.isDemo,
    };
  });
}

export async function committeeSummaries(ctx: Ctx, rows: readonly Committee[]): Promise<CommitteeSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // a selection committee's candidates are its parent's shortlist
  const candidateSource = rows.map((r) => (r.kind === "selection" && r.parentCommitteeId ? r.parentCommitteeId : r.id));
  const members = await ctx.db.select({ committeeId: recruitmentCommitteeMembers.committeeId }).from(recruitmentCommitteeMembers).where(inArray(recruitmentCommitteeMembers.committeeId, ids));
  const cands = await ctx.db.select({ committeeId: recruitmentCandidates.committeeId, shortlisted: recruitmentCandidates.shortlisted }).from(recruitmentCandidates).where(inArray(recruitmentCandidates.committeeId, candidateSource));
  const areas = await lookupAreas(ctx, rows.filter((r) => r.provinceCode).map((r) => `province:${r.provinceCode}`));
  return rows.map((r, i) => {
    const p = r.provinceCode ? areas.get(`province:${r.provinceCode}`) : undefined;
    const src = candidateSource[i]!;
    return {
      id: r.id,
      kind: r.kind as CommitteeSummary["kind"],
      provinceCode: r.provinceCode,
      provinceNameTh: r.provinceCode ? (p?.nameTh ?? r.provinceCode) : null,
      provinceNameEn: r.provinceCode ? (p?.nameEn ?? r.provinceCode) : null,
      titleTh: r.titleTh,
      titleEn: r.titleEn,
      positionTh: r.positionTh,
      appointedOn: r.appointedOn,
      orderNo: r.orderNo,
      status: r.status as CommitteeStatus,
      parentCommitteeId: r.parentCommitteeId,
      assessedOn: r.assessedOn,
      decisionOn: r.decisionOn,
      memberCount: members.filter((m) => m.committeeId === r.id).length,
      candidateCount: cands.filter((c) => c.committeeId === src && (r.kind === "recruitment" || c.shortlisted)).length,
      isDemo: r.isDemo,
    };
  });
}

/** One committee with its members, its candidates (a selection committee: its parent's shortlist) and the decision. */
/** `mayWrite`: the caller holds `delegation:recruitment.write`, which also opens the candidates. */
export async function committeeDetail(ctx: Ctx, c: Committee, mayWrite: boolean): Promise<CommitteeDetail> {
  const [summary] = await committeeSummaries(ctx, [c]);
  const members = await ctx.db.select().from(recruitmentCommitteeMembers).where(eq(recruitmentCommitteeMembers.committeeId, c.id)).orderBy(recruitmentCommitteeMembers.ord);
  const source = c.kind === "selection" && c.parentCommitteeId ? c.parentCommitteeId : c.id;
  let cands = await ctx.db.select().from(recruitmentCandidates).where(eq(recruitmentCandidates.committeeId, source)).orderBy(recruitmentCandidates.ord);
  if (c.kind === "selection") cands = cands.filter((x) => x.shortlisted);
  const child = c.kind === "recruitment" ? (await ctx.db.select({ id: recruitmentCommittees.id }).from(recruitmentCommittees).where(eq(recruitmentCommittees.parentCommitteeId, c.id)).limit(1))[0] : undefined;
  const orgs = await lookupOrganizations(ctx, [...members.map((m) => m.orgId), ...cands.map((x) => x.currentOrgId)].filter((x): x is string => !!x));
  const selected = c.selectedCandidateId ? (await ctx.db.select({ name: recruitmentCandidates.name }).from(recruitmentCandidates).where(eq(recruitmentCandidates.id, c.selectedCandidateId)).limit(1))[0] : undefined;
  return {
    ...summary!,
    assessmentTh: c.assessmentTh,
    selectedCandidateId: c.selectedCandidateId,
    selectedCandidateName: selected?.name ?? null,
    decisionTh: c.decisionTh,
    members: members.map((m) => ({ id: m.id, name: m.name, role: m.role as CommitteeRole, positionTh: m.positionTh, orgId: m.orgId, orgNameTh: m.orgId ? (orgs.get(m.orgId)?.nameTh ?? null) : null })),
    // candidates' names, posts and scores are for the recruitment's own people until the decision names the one chosen
    candidates: mayWrite ? cands.map((x) => candidateView(x, orgs.get(x.currentOrgId ?? "")?.nameTh ?? null)) : [],
    candidatesHidden: !mayWrite,
    selectionCommitteeId: child?.id ?? null,
    createdByName: c.createdByName,
    may: { write: mayWrite && c.status !== "decided" },
  };
}

export function candidateView(x: Candidate, orgNameTh: string | null): CandidateView {
  return { id: x.id, name: x.name, currentPositionTh: x.currentPositionTh, currentOrgId: x.currentOrgId, currentOrgNameTh: orgNameTh, score: x.score, rank: x.rank, shortlisted: x.shortlisted };
}
