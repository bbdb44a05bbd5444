import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { lookupAreas } from "../registry/index.js";
import { EXPIRING_SOON_DAYS, ListPartnersInput, type PartnerSummary } from "./contracts.js";
import { today, type PartnerRow } from "./load.js";
import { partnerAgreements, partnerContributions, partners } from "./tables.js";

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Per partner: agreements running today, those of them ending soon, contributions and their baht value. */
function aggregates(day: string) {
  // qualified by hand: in a one-table select drizzle writes a bare "id", which inside the subquery means the subquery's own id
  const pid = sql.raw(`"partners"."id"`);
  const soon = addDays(day, EXPIRING_SOON_DAYS);
  const running = sql`a.partner_id = ${pid} and a.ends_on >= ${day} and (a.ended_on is null or a.ended_on > ${day})`;
  return {
    activeAgreements: sql<number>`(select count(*)::int from ${partnerAgreements} a where ${running})`,
    expiringSoon: sql<number>`(select count(*)::int from ${partnerAgreements} a where ${running} and a.ends_on <= ${soon})`,
    contributions: sql<number>`(select count(*)::int from ${partnerContributions} c where c.partner_id = ${pid})`,
    contributedBaht: sql<string>`(select coalesce(sum(c.amount), 0)::numeric(16,2)::text from ${partnerContributions} c where c.partner_id = ${pid} and c.kind in ('money', 'in_kind'))`,
  };
}

/** Summaries of partners as the list shows them (the same figures for one partner's page). */
export async function partnerSummaries(ctx: Ctx, where: SQL | undefined, order: SQL[], page?: { limit: number; offset: number }): Promise<PartnerSummary[]> {
  const agg = aggregates(today(ctx));
  let q = ctx.db
    .select({ p: partners, ...agg })
    .from(partners)
    .where(where)
    .orderBy(...order)
    .$dynamic();
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q;
  const provinces = await lookupAreas(ctx, rows.map((r) => `province:${r.p.provinceCode}`));
  return rows.map(({ p, ...a }) => summaryOf(p, a, provinces.get(`province:${p.provinceCode}`)));
}

function summaryOf(p: PartnerRow, a: { activeAgreements: number; expiringSoon: number; contributions: number; contributedBaht: string }, province: { nameTh: string; nameEn: string } | undefined): PartnerSummary {
  return {
    id: p.id,
    kind: p.kind as PartnerSummary["kind"],
    provinceCode: p.provinceCode,
    provinceName: province ? { th: province.nameTh, en: province.nameEn } : { th: p.provinceCode, en: p.provinceCode },
    nameTh: p.nameTh,
    nameEn: p.nameEn,
    website: p.website,
    activeAgreements: a.activeAgreements,
    expiringSoon: a.expiringSoon,
    contributions: a.contributions,
    contributedBaht: a.contributedBaht,
    isDemo: p.isDemo,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The partners of every province (public: organisations only), searchable by name, by kind and province, sorted and paged. */
export async function listPartners({ ctx, input }: { ctx: Ctx; input: ListPartnersInput }): Promise<{ items: PartnerSummary[]; total: number }> {
  const i = ListPartnersInput.parse(input);
  await requirePermission(ctx, "networks:read", NATION);
  const where = and(
    i.provinceCode ? eq(partners.provinceCode, i.provinceCode) : undefined,
    i.kind ? eq(partners.kind, i.kind) : undefined,
    i.q ? or(ilike(partners.nameTh, likePattern(i.q)), ilike(partners.nameEn, likePattern(i.q)), ilike(partners.focusTh, likePattern(i.q))) : undefined,
  );
  const agg = aggregates(today(ctx));
  const order: Record<typeof i.sort, SQL[]> = {
    name: [asc(partners.nameTh), asc(partners.id)],
    newest: [desc(partners.createdAt), asc(partners.id)],
    agreements: [desc(agg.activeAgreements), asc(partners.nameTh), asc(partners.id)],
    contributed: [sql`${agg.contributedBaht}::numeric desc`, asc(partners.nameTh), asc(partners.id)],
  };
  const [[total], items] = await Promise.all([ctx.db.select({ n: count() }).from(partners).where(where), partnerSummaries(ctx, where, order[i.sort], { limit: i.limit, offset: i.offset })]);
  return { items, total: total?.n ?? 0 };
}
