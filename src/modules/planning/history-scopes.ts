import { and, eq } from "drizzle-orm";
import { hasAnyPermission } from "../../platform/auth/permissions.js";
import { NATION, provinceScope, scopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { planScope } from "./plan-rules.js";
import { projectReadScopes } from "./project-rules.js";
import { allocationNotices, emergencyRequests, frameShifts, leftoverFunds, matchingFunds, operatingPlans, plans, procurements, projects } from "./tables.js";

/** The planning records whose change history GET /history/:entityType/:entityId serves (the `entityType` of their audit records). */
export const PLANNING_HISTORY_TYPES = ["plan", "project", "budget-act", "allocation-notice", "operating-plan", "frame-shift", "leftover-fund", "matching-fund", "emergency-request", "procurement"] as const;
export type PlanningHistoryType = (typeof PLANNING_HISTORY_TYPES)[number];

const org = (id: string): ScopeRef => ({ kind: "org", id });
const unique = (scopes: ScopeRef[]): ScopeRef[] => [...new Map(scopes.map((s) => [scopeKey(s), s])).values()];

/**
 * Where each kind of planning record's history may be read (an `audit:read` grant over any of the scopes; nation-wide
 * grants read all). The same places that may read the record itself, so a page that shows the record can say whether
 * its history may be read:
 * - a plan: its area (a province, district or subdistrict lies in its province; a cluster is its own scope);
 * - a project: its owner organisation (and the department, ministry and province above it), its province, the districts
 *   of its subdistricts, its cluster;
 * - a budget act: the nation (it is national);
 * - an allocation notice, a frame shift: the province it was sent to and the organisation that sent it;
 * - an operating plan (id `<province>:<fiscal year>`): its province;
 * - a leftover fund: its province and the organisation that owns the project it was left from;
 * - a matching fund: its province and the local government sharing it;
 * - an emergency request: its province (a deputy prime minister's office holds its grant over the clusters it oversees,
 *   which contain the province) and the requesting organisation;
 * - a procurement: its buyer (the project's owner organisation) and its province.
 */
export const planningScopesOf = {
  plan: (p: { areaId: string }): ScopeRef[] => [planScope(p)],
  project: (p: Parameters<typeof projectReadScopes>[0]): ScopeRef[] => unique(projectReadScopes(p)),
  sentToProvince: (r: { provinceCode: string; fromOrgId: string }): ScopeRef[] => [provinceScope(r.provinceCode), org(r.fromOrgId)],
  leftoverFund: (r: { provinceCode: string; ownerOrgId: string }): ScopeRef[] => [provinceScope(r.provinceCode), org(r.ownerOrgId)],
  matchingFund: (r: { provinceCode: string; localGovOrgId: string }): ScopeRef[] => [provinceScope(r.provinceCode), org(r.localGovOrgId)],
  emergencyRequest: (r: { provinceCode: string; requestingOrgId: string }): ScopeRef[] => [provinceScope(r.provinceCode), org(r.requestingOrgId)],
  procurement: (r: { provinceCode: string | null; buyerOrgId: string }): ScopeRef[] => [org(r.buyerOrgId), ...(r.provinceCode ? [provinceScope(r.provinceCode)] : [])],
};

/** The scopes of planning record `id` of kind `entityType` for GET /history (an unknown id: the nation, as in the other modules). */
export async function planningHistoryScopes(ctx: Ctx, entityType: PlanningHistoryType, id: string): Promise<ScopeRef[]> {
  const one = async <T>(q: Promise<T[]>): Promise<T | undefined> => (await q)[0];
  switch (entityType) {
    case "plan": {
      const p = await one(ctx.db.select({ areaId: plans.areaId }).from(plans).where(eq(plans.id, id)).limit(1));
      return p ? planningScopesOf.plan(p) : [NATION];
    }
    case "project": {
      const p = await one(ctx.db.select({ ownerOrgId: projects.ownerOrgId, provinceCode: projects.provinceCode, areaCodes: projects.areaCodes, clusterId: projects.clusterId }).from(projects).where(eq(projects.id, id)).limit(1));
      return p ? planningScopesOf.project(p) : [NATION];
    }
    case "budget-act":
      // a national record (id: the fiscal year): read by nation-wide grants only
      return [NATION];
    case "allocation-notice": {
      const r = await one(ctx.db.select({ provinceCode: allocationNotices.provinceCode, fromOrgId: allocationNotices.fromOrgId }).from(allocationNotices).where(eq(allocationNotices.id, id)).limit(1));
      return r ? planningScopesOf.sentToProvince(r) : [NATION];
    }
    case "operating-plan": {
      const m = /^(\d{2}):(\d{4})$/.exec(id);
      if (!m) return [NATION];
      const r = await one(ctx.db.select({ provinceCode: operatingPlans.provinceCode }).from(operatingPlans).where(and(eq(operatingPlans.provinceCode, m[1]!), eq(operatingPlans.fiscalYear, Number(m[2])))).limit(1));
      return r ? [provinceScope(m[1]!)] : [NATION];
    }
    case "frame-shift": {
      const r = await one(ctx.db.select({ provinceCode: frameShifts.provinceCode, fromOrgId: frameShifts.fromOrgId }).from(frameShifts).where(eq(frameShifts.id, id)).limit(1));
      return r ? planningScopesOf.sentToProvince(r) : [NATION];
    }
    case "leftover-fund": {
      const r = await one(ctx.db.select({ provinceCode: leftoverFunds.provinceCode, ownerOrgId: leftoverFunds.ownerOrgId }).from(leftoverFunds).where(eq(leftoverFunds.id, id)).limit(1));
      return r ? planningScopesOf.leftoverFund(r) : [NATION];
    }
    case "matching-fund": {
      const r = await one(ctx.db.select({ provinceCode: matchingFunds.provinceCode, localGovOrgId: matchingFunds.localGovOrgId }).from(matchingFunds).where(eq(matchingFunds.id, id)).limit(1));
      return r ? planningScopesOf.matchingFund(r) : [NATION];
    }
    case "emergency-request": {
      const r = await one(ctx.db.select({ provinceCode: emergencyRequests.provinceCode, requestingOrgId: emergencyRequests.requestingOrgId }).from(emergencyRequests).where(eq(emergencyRequests.id, id)).limit(1));
      return r ? planningScopesOf.emergencyRequest(r) : [NATION];
    }
    case "procurement": {
      const r = await one(ctx.db.select({ provinceCode: procurements.provinceCode, buyerOrgId: procurements.buyerOrgId }).from(procurements).where(eq(procurements.id, id)).limit(1));
      return r ? planningScopesOf.procurement(r) : [NATION];
    }
  }
}

/** Whether the actor may read a record's history over these scopes (the rule GET /history applies): a page's `may.history`. */
export async function mayReadPlanningHistory(ctx: Ctx, scopes: ScopeRef[]): Promise<boolean> {
  if (ctx.actor.kind === "anonymous") return false;
  return hasAnyPermission(ctx, "audit:read", scopes);
}
