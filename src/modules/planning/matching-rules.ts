import { asc, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { lookupOrganizations } from "../registry/index.js";
import type { MatchingFundView } from "./contracts-funds.js";
import { bahtText, sumSatang, toSatang } from "./funds-rules.js";
import { matchingFundEntries, matchingFunds, projects } from "./tables.js";

export type MatchingRow = typeof matchingFunds.$inferSelect;
export type EntryRow = typeof matchingFundEntries.$inferSelect;
/** Local governments that may join a matching fund. */
export const LOCAL_GOV_CLASSES = ["municipality", "subdistrict_administration", "provincial_administration"];

export async function mustGetMatching(ctx: Ctx, id: string, forUpdate = false): Promise<MatchingRow> {
  const q = ctx.db.select().from(matchingFunds).where(eq(matchingFunds.id, id)).limit(1);
  const [r] = forUpdate ? await q.for("update") : await q;
  if (!r) throw new NotFoundError("matching-fund", id);
  return r;
}

/** Committed and transferred totals per party, in satang. */
export function totals(entries: readonly Pick<EntryRow, "party" | "kind" | "amount">[]) {
  const of = (party: string, kind: string) => sumSatang(entries.filter((e) => e.party === party && e.kind === kind).map((e) => e.amount));
  return { province: { committed: of("province", "commitment"), transferred: of("province", "transfer") }, local: { committed: of("local", "commitment"), transferred: of("local", "transfer") } };
}

export async function entriesOf(ctx: Ctx, ids: readonly string[]): Promise<EntryRow[]> {
  return ids.length ? ctx.db.select().from(matchingFundEntries).where(inArray(matchingFundEntries.matchingFundId, [...ids])).orderBy(asc(matchingFundEntries.entryOn), asc(matchingFundEntries.id)) : [];
}

export async function matchingViews(ctx: Ctx, rows: readonly MatchingRow[]): Promise<MatchingFundView[]> {
  const entries = await entriesOf(ctx, rows.map((r) => r.id));
  const ps = rows.length ? await ctx.db.select({ id: projects.id, code: projects.code, titleTh: projects.titleTh, titleEn: projects.titleEn }).from(projects).where(inArray(projects.id, rows.map((r) => r.projectId))) : [];
  const byId = new Map(ps.map((p) => [p.id, p]));
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.localGovOrgId));
  return rows.map((r) => {
    const t = totals(entries.filter((e) => e.matchingFundId === r.id));
    const o = orgs.get(r.localGovOrgId);
    const p = byId.get(r.projectId);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      provinceCode: r.provinceCode,
      projectId: r.projectId,
      projectCode: p?.code ?? r.projectId,
      projectTitleTh: p?.titleTh ?? "",
      projectTitleEn: p?.titleEn ?? "",
      localGov: { id: r.localGovOrgId, nameTh: o?.nameTh ?? r.localGovOrgId, nameEn: o?.nameEn || o?.nameTh || r.localGovOrgId },
      province: { share: r.provinceShare, committed: bahtText(t.province.committed), transferred: bahtText(t.province.transferred) },
      local: { share: r.localShare, committed: bahtText(t.local.committed), transferred: bahtText(t.local.transferred) },
      total: bahtText(toSatang(r.provinceShare) + toSatang(r.localShare)),
      status: r.status as MatchingFundView["status"],
      agreedOn: r.agreedOn,
      version: r.version,
      isDemo: r.isDemo,
    };
  });
}
