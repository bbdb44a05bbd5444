import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { tsQueryFromText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { organizationsUnder } from "../registry/index.js";
import { ListCasesInput, OPEN_STATUSES, type CaseList } from "./contracts.js";
import { listItem, loadLookups } from "./presenters.js";
import { cases } from "./tables.js";

const PROVINCES = Array.from({ length: 100 }, (_, k) => String(k).padStart(2, "0"));

/**
 * The cases a reader's grants reach, as a condition: an office's cases (and, for a department or ministry, its
 * offices' cases), a district's, a province's, and every province inside a cluster, region or nation grant.
 */
export async function readableCases(ctx: Ctx): Promise<SQL | undefined> {
  const scopes = scopesFor(ctx, "cases:read");
  if (scopes === null) return undefined;
  if (scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("cases:read");
  }
  const ors: SQL[] = [];
  const orgs: string[] = [];
  const wide: string[] = [];
  for (const s of scopes) {
    let m: RegExpExecArray | null;
    if ((m = /^area:province:(\d{2})$/.exec(s))) ors.push(eq(cases.provinceCode, m[1]!));
    else if ((m = /^area:district:(\d{4})$/.exec(s))) ors.push(eq(cases.districtCode, m[1]!));
    else if ((m = /^area:subdistrict:(\d{6})$/.exec(s))) ors.push(eq(cases.subdistrictCode, m[1]!));
    else if ((m = /^org:(.+)$/.exec(s))) orgs.push(m[1]!);
    else if (s.startsWith("area:")) wide.push(s);
  }
  if (orgs.length) ors.push(inArray(cases.assignedOrgId, await organizationsUnder(ctx, orgs)));
  if (wide.length) {
    const inside: string[] = [];
    for (const p of PROVINCES) if ([...(await ctx.scopes.ancestors(provinceScope(p)))].some((a) => wide.includes(a))) inside.push(p);
    if (inside.length) ors.push(inArray(cases.provinceCode, inside));
  }
  return ors.length ? or(...ors) : sql`false`;
}

/** Staff queues: by province, district, office or person, status, category, channel, overdue, text and dates. */
export async function listCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CaseList> {
  const i = parseInput(ListCasesInput, input);
  const where: SQL[] = [];
  const scope = await readableCases(ctx);
  if (scope) where.push(scope);
  if (i.provinceCode) where.push(eq(cases.provinceCode, i.provinceCode));
  if (i.districtCode) where.push(eq(cases.districtCode, i.districtCode));
  if (i.orgId) where.push(eq(cases.assignedOrgId, i.orgId));
  if (i.assignee) where.push(eq(cases.assigneeAccountId, i.assignee === "me" ? (ctx.actor.id ?? "") : i.assignee));
  if (i.status?.length) where.push(inArray(cases.status, i.status));
  if (i.categoryId?.length) where.push(inArray(cases.categoryId, i.categoryId));
  if (i.channel?.length) where.push(inArray(cases.channel, i.channel));
  if (i.overdue !== undefined) {
    const od = and(inArray(cases.status, [...OPEN_STATUSES]), lt(cases.resolveDueAt, ctx.now()))!;
    where.push(i.overdue ? od : sql`not (${od})`);
  }
  if (i.from) where.push(gte(cases.receivedAt, new Date(`${i.from}T00:00:00+07:00`)));
  if (i.to) where.push(lt(cases.receivedAt, new Date(new Date(`${i.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  if (i.q) {
    const q = tsQueryFromText(i.q);
    where.push(or(eq(cases.publicRef, i.q.trim()), q ? sql`${cases.search} @@ to_tsquery('simple', ${q})` : sql`false`)!);
  }
  where.push(sql`${cases.mergedInto} is null`);
  const cond = and(...where);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(cond)) as [{ n: number }];
  const order = { received: asc(cases.receivedAt), "-received": desc(cases.receivedAt), due: asc(cases.resolveDueAt), "-due": desc(cases.resolveDueAt) }[i.sort];
  const rows = await ctx.db.select().from(cases).where(cond).orderBy(order, asc(cases.id)).limit(i.pageSize).offset((i.page - 1) * i.pageSize);
  const l = await loadLookups(ctx, rows, { people: true });
  const now = ctx.now();
  return { items: rows.map((r) => listItem(r, l, now)), total: n, page: i.page, pageSize: i.pageSize };
}
