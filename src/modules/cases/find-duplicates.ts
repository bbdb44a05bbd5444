import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { preparedOnce } from "../../platform/db/prepared.js";
import { boundedMemo } from "../../platform/memo.js";
import { parseInput } from "../../platform/validation.js";
import { DUPLICATE_DAYS, DUPLICATE_METERS, DuplicatesInput, OPEN_STATUSES, type CaseStatus } from "./contracts.js";
import { thaiWords } from "../../platform/thai/segment.js";
import { DUPLICATE_SIMILARITY, setSimilarity, similarityWords } from "./case-rules.js";
import { cellsAround, distanceMeters } from "./locate.js";
import { caseCategories, cases } from "./tables.js";

export type Duplicate = { id: string; publicRef: string; categoryId: string; status: CaseStatus; publicText: string; distanceMeters: number; similarity: number; receivedAt: string };

/** The search's one statement (built once per database handle: preparedOnce). */
function prepareSearch(db: Ctx["db"]) {
  return db
    .select({ id: cases.id, publicRef: cases.publicRef, categoryId: cases.categoryId, status: cases.status, publicText: cases.publicText, descriptionTh: cases.descriptionTh, lat: cases.lat, lon: cases.lon, receivedAt: cases.receivedAt })
    .from(cases)
    .where(and(sql`${cases.cell} = any(${sql.placeholder("cells")}::bigint[])`, sql`${cases.receivedAt} >= ${sql.placeholder("since")}::timestamptz`, inArray(cases.status, [...OPEN_STATUSES]), isNull(cases.mergedInto), sql`${cases.id} <> ${sql.placeholder("excludeId")}`))
    .limit(500)
    .prepare("cases_duplicates_at");
}

/**
 * The word sets of recent candidates' texts, kept between searches: a busy spot's open cases are compared with every
 * new report there, and the Thai word break is the search's costliest step. Keyed by the text itself (an edited
 * text is a new key); bounded, emptied when full.
 */
const wordsOf = boundedMemo(20_000, (text) => similarityWords(thaiWords(text)));

/**
 * Open cases within 50 m and 14 days of a point whose Thai text is similar, most similar first: the grid cells
 * the circle touches narrow the search through an index, then exact distance and word similarity decide.
 * `words` are the new text's words when the caller has split it already (submitCase).
 */
export async function findDuplicatesAt(ctx: Ctx, at: { lat: number; lon: number; text: string; words?: readonly string[]; excludeId?: string }): Promise<Duplicate[]> {
  const since = new Date(ctx.now().getTime() - DUPLICATE_DAYS * 86_400_000);
  const search = preparedOnce(ctx.db, "cases_duplicates_at", () => prepareSearch(ctx.db));
  const rows = await search.execute({ cells: cellsAround(at.lat, at.lon, DUPLICATE_METERS), since: since.toISOString(), excludeId: at.excludeId ?? "" });
  const out: Duplicate[] = [];
  let mine: Set<string> | undefined;
  for (const r of rows) {
    if (r.lat === null || r.lon === null) continue;
    const d = distanceMeters({ lat: at.lat, lon: at.lon }, { lat: r.lat, lon: r.lon });
    if (d > DUPLICATE_METERS) continue;
    mine ??= similarityWords(at.words ?? thaiWords(at.text));
    const similarity = setSimilarity(mine, wordsOf(r.descriptionTh));
    if (similarity < DUPLICATE_SIMILARITY) continue;
    out.push({ id: r.id, publicRef: r.publicRef, categoryId: r.categoryId, status: r.status as CaseStatus, publicText: r.publicText, distanceMeters: Math.round(d * 10) / 10, similarity: Math.round(similarity * 1000) / 1000, receivedAt: r.receivedAt.toISOString() });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.distanceMeters - b.distanceMeters).slice(0, 5);
}

/** The web form asks before sending: "is this the same as one of these?" (public: no personal data in the answer). */
export async function findDuplicates({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ items: Omit<Duplicate, "categoryId">[] }> {
  const i = parseInput(DuplicatesInput, input);
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const items = await findDuplicatesAt(ctx, { lat: i.lat, lon: i.lon, text: i.text, excludeId: i.excludeId });
  // the public sees no text of a sensitive category's case, here as on the board
  const sensitive = new Set((await ctx.db.select({ id: caseCategories.id }).from(caseCategories).where(eq(caseCategories.sensitive, true))).map((c) => c.id));
  return { items: items.map(({ categoryId, ...d }) => ({ ...d, publicText: sensitive.has(categoryId) ? "" : d.publicText })) };
}
