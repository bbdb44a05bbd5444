import { eq, inArray } from "drizzle-orm";
import { readHistory } from "../../platform/audit/audit.js";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import type { AuthorityAnswer } from "../delegation/index.js";
import { lookupOrganizations } from "../registry/index.js";
import type { HistoryEntry, LeftoverFundView, ReallocationOptions, ReallocationView } from "./contracts-funds.js";
import { leftoverFunds, leftoverReallocations, projects } from "./tables.js";

export type LeftoverRow = typeof leftoverFunds.$inferSelect;
export type ReallocationRow = typeof leftoverReallocations.$inferSelect;

export { bahtText, bahtWords, satang as toSatang, sumSatang } from "./money.js";

export const todayOf = (ctx: Ctx): string => bangkokToday(ctx.now());
export const actorId = (ctx: Ctx): string => ctx.actor.id ?? ctx.actor.kind;

export async function mustGetLeftover(ctx: Ctx, id: string, forUpdate = false): Promise<LeftoverRow> {
  const q = ctx.db.select().from(leftoverFunds).where(eq(leftoverFunds.id, id)).limit(1);
  const [r] = forUpdate ? await q.for("update") : await q;
  if (!r) throw new NotFoundError("leftover-fund", id);
  return r;
}

/** Leftover funds as the pool shows them (project and agency names resolved in two lookups). */
export async function leftoverViews(ctx: Ctx, rows: readonly LeftoverRow[]): Promise<LeftoverFundView[]> {
  const ps = rows.length ? await ctx.db.select({ id: projects.id, code: projects.code, titleTh: projects.titleTh }).from(projects).where(inArray(projects.id, [...new Set(rows.map((r) => r.projectId))])) : [];
  const byId = new Map(ps.map((p) => [p.id, p]));
  const orgs = await lookupOrganizations(ctx, rows.flatMap((r) => [r.ownerOrgId, r.agencyId]));
  return rows.map((r) => {
    const owner = orgs.get(r.ownerOrgId);
    const agency = orgs.get(r.agencyId);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      provinceCode: r.provinceCode,
      projectId: r.projectId,
      projectCode: byId.get(r.projectId)?.code ?? r.projectId,
      projectTitleTh: byId.get(r.projectId)?.titleTh ?? "",
      ownerOrgId: r.ownerOrgId,
      ownerNameTh: owner?.nameTh ?? r.ownerOrgId,
      ownerNameEn: owner?.nameEn || owner?.nameTh || r.ownerOrgId,
      agency: { id: r.agencyId, nameTh: agency?.nameTh ?? r.agencyId, nameEn: agency?.nameEn || agency?.nameTh || r.agencyId },
      amount: r.amount,
      remaining: r.remaining,
      procurementId: r.procurementId,
      recordedOn: r.recordedOn,
      noteTh: r.noteTh,
      isDemo: r.isDemo,
    };
  });
}

type StoredAuthority = { deciderLabelTh?: string; deciderLabelEn?: string; chainTh?: string[]; chainEn?: string[] };

export async function reallocationViews(ctx: Ctx, rows: readonly ReallocationRow[]): Promise<ReallocationView[]> {
  const ps = rows.length ? await ctx.db.select({ id: projects.id, code: projects.code, titleTh: projects.titleTh }).from(projects).where(inArray(projects.id, [...new Set(rows.map((r) => r.targetProjectId))])) : [];
  const byId = new Map(ps.map((p) => [p.id, p]));
  return rows.map((r) => {
    const a = r.authority as StoredAuthority;
    return {
      id: r.id,
      fundId: r.fundId,
      provinceCode: r.provinceCode,
      targetProjectId: r.targetProjectId,
      targetProjectCode: byId.get(r.targetProjectId)?.code ?? r.targetProjectId,
      targetProjectTitleTh: byId.get(r.targetProjectId)?.titleTh ?? "",
      amount: r.amount,
      purposeTh: r.purposeTh,
      delegationId: r.delegationId,
      deciderLabelTh: a.deciderLabelTh ?? "",
      deciderLabelEn: a.deciderLabelEn ?? "",
      chainTh: a.chainTh ?? [],
      chainEn: a.chainEn ?? [],
      decidedOn: r.decidedOn,
      decidedBy: r.decidedBy,
    };
  });
}

/** The governor's standing under an authority answer: the governor decider (if any) and the chain in words. */
export function governorAuthority(answer: AuthorityAnswer): ReallocationOptions["authority"] & { delegationId: string | null } {
  const d = answer.deciders.find((x) => x.role === "governor") ?? null;
  const chain = d?.chain ?? [];
  return {
    decision: answer.decision,
    governorMayDecide: d !== null,
    delegationId: d?.delegationId ?? null,
    deciderLabelTh: d?.labelTh ?? null,
    deciderLabelEn: d?.labelEn ?? null,
    chainTh: chain.map((c) => `${c.delegatorLabelTh} → ${c.delegateLabelTh} (${c.instrumentNo})`),
    chainEn: chain.map((c) => `${c.delegatorLabelEn} → ${c.delegateLabelEn} (${c.instrumentNo})`),
    explanationTh: answer.explanationTh,
    explanationEn: answer.explanationEn,
    centralTh: answer.central.authorityTh,
    centralEn: answer.central.authorityEn,
  };
}

/** The last changes of a record (its audit trail, newest first) for its page. */
export async function historyOf(ctx: Ctx, entityType: string, id: string): Promise<HistoryEntry[]> {
  const rows = await readHistory(ctx, entityType, id, { limit: 50 });
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actorName, action: r.action, after: r.after }));
}

/** The province codes among `codes` where the actor holds `op` (lists show only what the actor's grants reach). */
export async function readableProvinces(ctx: Ctx, op: "planning:read", codes: readonly string[]): Promise<string[] | null> {
  if (scopesFor(ctx, op) === null) return null;
  const out: string[] = [];
  for (const c of codes) if (await hasPermission(ctx, op, provinceScope(c))) out.push(c);
  return out;
}
