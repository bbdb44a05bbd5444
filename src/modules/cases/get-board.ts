import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { cached, forgetCached } from "../../platform/cache.js";
import { preparedOnce } from "../../platform/db/prepared.js";
import type { Ctx } from "../../platform/ctx.js";
import { tsQueryFromText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { BoardInput, type Board } from "./contracts.js";
import { BOARD_COLUMNS, boardItem, loadLookups, photoUrl, type BoardRow } from "./presenters.js";
import { caseCategories, cases } from "./tables.js";

/** The board counts matching cases up to this many; beyond it `totalCapped` is true. */
export const BOARD_COUNT_CAP = 10_000;

/**
 * A count of at least this many matching cases is kept in the read cache (READ_CACHE_SECONDS, 10 s by default) and
 * may lag that long; a smaller count is made on every page. Counting a province's cases took more PostgreSQL CPU than
 * reading the page (bench/cases-board.ts), and "12,345 cases" a few seconds old is as true for the public as exact;
 * a district's or a new deployment's handful stays exact, so a new report shows in the total at once.
 */
export const BOARD_COUNT_CACHED_FROM = 1_000;

/**
 * The public board: every case (merged ones folded into their target), newest first, with no personal data.
 * `countCap` is where counting stops (the route always uses `BOARD_COUNT_CAP`; a test passes a small one).
 */
export async function getBoard({ ctx, input, countCap = BOARD_COUNT_CAP }: { ctx: Ctx; input: unknown; countCap?: number }): Promise<Board> {
  const i = parseInput(BoardInput, input);
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const offset = (i.page - 1) * i.pageSize;
  let page: () => Promise<BoardRow[]>;
  let count: () => Promise<number>;
  if (!i.q) {
    // the usual pages (a province, a district, categories, statuses): statements built once and prepared
    const shape = { province: !!i.provinceCode, district: !!i.districtCode, category: !!i.categoryId?.length, status: !!i.status?.length };
    const ps = preparedBoard(ctx.db, shape);
    const values = { province: i.provinceCode ?? "", district: i.districtCode ?? "", category: i.categoryId ?? [], status: i.status ?? [] };
    page = () => ps.page.execute({ ...values, limit: i.pageSize, offset });
    count = () => ps.count.execute({ ...values, cap: countCap + 1 }).then((r) => r[0]?.n ?? 0);
  } else {
    const where: SQL[] = [isNull(cases.mergedInto)];
    if (i.provinceCode) where.push(eq(cases.provinceCode, i.provinceCode));
    if (i.districtCode) where.push(eq(cases.districtCode, i.districtCode));
    if (i.categoryId?.length) where.push(inArray(cases.categoryId, i.categoryId));
    if (i.status?.length) where.push(inArray(cases.status, i.status));
    // the public searches the redacted text only: sensitive categories' text is not searchable at all
    const q = tsQueryFromText(i.q);
    const sensitive = ctx.db.select({ id: caseCategories.id }).from(caseCategories).where(eq(caseCategories.sensitive, true));
    where.push(or(eq(cases.publicRef, i.q.trim()), q ? and(sql`${cases.publicSearch} @@ to_tsquery('simple', ${q})`, sql`${cases.categoryId} not in (${sensitive})`) : sql`false`)!);
    const cond = and(...where);
    page = () => ctx.db.select(BOARD_COLUMNS).from(cases).where(cond).orderBy(desc(cases.receivedAt), asc(cases.id)).limit(i.pageSize).offset(offset);
    // counted up to the cap: a nation's board says "10,000+" instead of counting millions of rows on every page
    count = () =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(ctx.db.select({ one: sql`1` }).from(cases).where(cond).limit(countCap + 1).as("capped"))
        .then((r) => r[0]?.n ?? 0);
  }
  // a text search is not cached: its terms make almost every key new
  const countKey = i.q ? null : `cases:board-count:${JSON.stringify([countCap, i.provinceCode ?? null, i.districtCode ?? null, i.categoryId ?? null, i.status ?? null])}`;
  const [n, rows] = await Promise.all([countKey ? cached(ctx, countKey, count) : count(), page()]);
  if (countKey && n < BOARD_COUNT_CACHED_FROM) forgetCached(ctx, countKey);
  const l = await loadLookups(ctx, rows);
  return { items: rows.map((r) => boardItem(r, l, r.afterPhotoId ? photoUrl(r.publicRef, r.afterPhotoId, true) : null)), total: Math.min(n, countCap), totalCapped: n > countCap, page: i.page, pageSize: i.pageSize };
}

type BoardShape = { province: boolean; district: boolean; category: boolean; status: boolean };
/** The board's page and count statements for one combination of filters, built once per database handle. */
function preparedBoard(db: Ctx["db"], shape: BoardShape) {
  const key = `${+shape.province}${+shape.district}${+shape.category}${+shape.status}`;
  return preparedOnce(db, `cases_board_${key}`, () => prepareBoard(db, shape, key));
}
function prepareBoard(db: Ctx["db"], shape: BoardShape, key: string) {
  const where: SQL[] = [isNull(cases.mergedInto)];
  if (shape.province) where.push(eq(cases.provinceCode, sql.placeholder("province")));
  if (shape.district) where.push(eq(cases.districtCode, sql.placeholder("district")));
  if (shape.category) where.push(sql`${cases.categoryId} = any(${sql.placeholder("category")}::text[])`);
  if (shape.status) where.push(sql`${cases.status} = any(${sql.placeholder("status")}::text[])`);
  const cond = and(...where);
  return {
    page: db.select(BOARD_COLUMNS).from(cases).where(cond).orderBy(desc(cases.receivedAt), asc(cases.id)).limit(sql.placeholder("limit")).offset(sql.placeholder("offset")).prepare(`cases_board_page_${key}`),
    count: db
      .select({ n: sql<number>`count(*)::int` })
      .from(db.select({ one: sql`1` }).from(cases).where(cond).limit(sql.placeholder("cap")).as("capped"))
      .prepare(`cases_board_count_${key}`),
  };
}
