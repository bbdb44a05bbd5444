import { asc, eq, inArray } from "drizzle-orm";
import { provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { lookupProjects } from "../planning/index.js";
import { lookupOrganizations } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import type { AgendaTotals, AgreementView, ContributionTotals, ContributionView } from "./contracts.js";
import { agreementState, sumBaht } from "./rules.js";
import { partnerAgreementAgendas, partnerAgreements, partnerContributions, partners } from "./tables.js";

export type PartnerRow = typeof partners.$inferSelect;
export type AgreementRow = typeof partnerAgreements.$inferSelect;
export type ContributionRow = typeof partnerContributions.$inferSelect;

export const partnerScope = (p: { provinceCode: string }): ScopeRef => provinceScope(p.provinceCode);
export const today = (ctx: Ctx) => bangkokToday(ctx.now());

export async function requirePartner(ctx: Ctx, id: string): Promise<PartnerRow> {
  const [p] = await ctx.db.select().from(partners).where(eq(partners.id, id)).limit(1);
  if (!p) throw new NotFoundError("partner", id);
  return p;
}

export async function requireAgreement(ctx: Ctx, id: string): Promise<AgreementRow> {
  const [a] = await ctx.db.select().from(partnerAgreements).where(eq(partnerAgreements.id, id)).limit(1);
  if (!a) throw new NotFoundError("partner-agreement", id);
  return a;
}

const agendaRef = (n: { id: string; kind: string; nameTh: string; nameEn: string }) => ({ id: n.id, kind: n.kind, nameTh: n.nameTh, nameEn: n.nameEn });

async function partnerNames(ctx: Ctx, ids: string[]): Promise<Map<string, { th: string; en: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: partners.id, nameTh: partners.nameTh, nameEn: partners.nameEn }).from(partners).where(inArray(partners.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { th: r.nameTh, en: r.nameEn }]));
}

/** Agreements as shown: status from the dates, the province's party and the agendas by name. */
export async function agreementViews(ctx: Ctx, rows: AgreementRow[]): Promise<AgreementView[]> {
  if (rows.length === 0) return [];
  const links = await ctx.db
    .select()
    .from(partnerAgreementAgendas)
    .where(
      inArray(
        partnerAgreementAgendas.agreementId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(partnerAgreementAgendas.strategyNodeId));
  const [nodes, parties, names] = await Promise.all([
    lookupStrategyNodes(ctx, links.map((l) => l.strategyNodeId)),
    lookupOrganizations(ctx, rows.map((r) => r.partyOrgId)),
    partnerNames(ctx, rows.map((r) => r.partnerId)),
  ]);
  const day = today(ctx);
  return rows.map((r) => {
    const party = parties.get(r.partyOrgId);
    return {
      id: r.id,
      partnerId: r.partnerId,
      partnerName: names.get(r.partnerId) ?? { th: r.partnerId, en: r.partnerId },
      provinceCode: r.provinceCode,
      partyOrgId: r.partyOrgId,
      partyName: party ? { th: party.nameTh, en: party.nameEn } : { th: r.partyOrgId, en: r.partyOrgId },
      titleTh: r.titleTh,
      titleEn: r.titleEn,
      purposeTh: r.purposeTh,
      purposeEn: r.purposeEn,
      signedOn: r.signedOn,
      endsOn: r.endsOn,
      endedOn: r.endedOn,
      endedReasonTh: r.endedReasonTh,
      ...agreementState(r, day),
      agendas: links.filter((l) => l.agreementId === r.id).flatMap((l) => (nodes.has(l.strategyNodeId) ? [agendaRef(nodes.get(l.strategyNodeId)!)] : [])),
      isDemo: r.isDemo,
    };
  });
}

/** Contributions as shown: the agenda and the project they went to, by name (public fields only). */
export async function contributionViews(ctx: Ctx, rows: ContributionRow[]): Promise<ContributionView[]> {
  if (rows.length === 0) return [];
  const [nodes, projects, names] = await Promise.all([
    lookupStrategyNodes(ctx, rows.flatMap((r) => (r.strategyNodeId ? [r.strategyNodeId] : []))),
    lookupProjects(ctx, rows.flatMap((r) => (r.projectId ? [r.projectId] : []))),
    partnerNames(ctx, rows.map((r) => r.partnerId)),
  ]);
  return rows.map((r) => {
    const node = r.strategyNodeId ? nodes.get(r.strategyNodeId) : undefined;
    const project = r.projectId ? projects.get(r.projectId) : undefined;
    return {
      id: r.id,
      partnerId: r.partnerId,
      partnerName: names.get(r.partnerId) ?? { th: r.partnerId, en: r.partnerId },
      provinceCode: r.provinceCode,
      kind: r.kind as ContributionView["kind"],
      amount: r.amount,
      volunteers: r.volunteers,
      contributedOn: r.contributedOn,
      descriptionTh: r.descriptionTh,
      descriptionEn: r.descriptionEn,
      agenda: node ? agendaRef(node) : null,
      project: project ? { id: project.id, code: project.code, titleTh: project.titleTh, titleEn: project.titleEn, fiscalYear: project.fiscalYear } : null,
      agreementId: r.agreementId,
      isDemo: r.isDemo,
    };
  });
}

/** Money, in-kind value, counts by kind and volunteers of some contributions. */
export function totalsOf(rows: Pick<ContributionRow, "kind" | "amount" | "volunteers">[]): ContributionTotals {
  const money = sumBaht(rows.filter((r) => r.kind === "money").map((r) => r.amount));
  const inKind = sumBaht(rows.filter((r) => r.kind === "in_kind").map((r) => r.amount));
  const count = (k: string) => rows.filter((r) => r.kind === k).length;
  return {
    money,
    inKind,
    total: sumBaht([money, inKind]),
    contributions: rows.length,
    volunteers: rows.reduce((n, r) => n + (r.volunteers ?? 0), 0),
    byKind: { money: count("money"), in_kind: count("in_kind"), expertise: count("expertise"), volunteers: count("volunteers") },
  };
}

/** Totals per agenda (contributions to a project alone are not under any agenda), largest first. */
export async function totalsByAgenda(ctx: Ctx, rows: ContributionRow[]): Promise<AgendaTotals[]> {
  const withAgenda = rows.filter((r) => r.strategyNodeId);
  const nodes = await lookupStrategyNodes(ctx, withAgenda.map((r) => r.strategyNodeId!));
  const groups = new Map<string, ContributionRow[]>();
  for (const r of withAgenda) groups.set(r.strategyNodeId!, [...(groups.get(r.strategyNodeId!) ?? []), r]);
  return [...groups]
    .flatMap(([id, rs]) => (nodes.has(id) ? [{ agenda: agendaRef(nodes.get(id)!), ...totalsOf(rs) }] : []))
    .sort((a, b) => Number(b.total) - Number(a.total) || b.contributions - a.contributions);
}
