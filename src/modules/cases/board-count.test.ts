import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { ReadCache } from "../../platform/cache.js";
import type { Database } from "../../platform/db/client.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { BOARD_COUNT_CACHED_FROM, getBoard } from "./get-board.js";
import { submitCase } from "./submit-case.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
/** A pothole report in Mueang Phetchaburi (district 7601), by district. */
const report = (n: number) => ({ categoryId: "road", descriptionTh: `ถนนเป็นหลุมลึก จุดที่ ${n}`, districtCode: "7601", reporter: { anonymous: true }, consent: true });

/** Copies of one case (new ids and references) straight into the table, as another process's intake would add them. */
async function cloneCase(id: string, n: number, tag: string) {
  const cols = (await db.query<{ c: string }>("select column_name as c from information_schema.columns where table_name = 'cases' and is_generated = 'NEVER' order by ordinal_position")).map((r) => r.c);
  const expr = (c: string) => (c === "id" ? `id || '-${tag}-' || g` : c === "public_ref" ? `public_ref || '-${tag}-' || g` : `"${c}"`);
  await db.query(`insert into cases (${cols.map((c) => `"${c}"`).join(", ")}) select ${cols.map(expr).join(", ")} from cases, generate_series(1, ${n}) g where id = $1`, [id]);
}

describe("the board's total", () => {
  it("is exact below the cached threshold (a new report counts at once); a large total may be up to the cache's lifetime old", async () => {
    let t = 0;
    const cache = new ReadCache(10_000, () => t);
    const ctx = () => ({ ...ctxFor(db, anon), cache });
    const board = (input: Record<string, unknown> = {}) => getBoard({ ctx: ctx(), input: { provinceCode: "76", ...input } });
    const base = (await board()).total; // the demo's cases, if any
    expect(base).toBeLessThan(BOARD_COUNT_CACHED_FROM - 2);
    const first = await submitCase({ ctx: ctx(), input: report(1) });
    expect((await board()).total).toBe(base + 1);
    await submitCase({ ctx: ctx(), input: report(2) });
    expect((await board()).total).toBe(base + 2); // small: counted again, not cached

    await cloneCase(first.id, BOARD_COUNT_CACHED_FROM, "a");
    const big = base + BOARD_COUNT_CACHED_FROM + 2;
    expect((await board()).total).toBe(big);
    await cloneCase(first.id, 5, "b");
    const again = await board();
    expect(again.total).toBe(big); // large: the cached figure, within its lifetime
    expect(again.items.length).toBeGreaterThan(0); // the page itself is read every time
    const district = (await board({ districtCode: "7601" })).total; // another filter is another count
    expect(district).toBeGreaterThanOrEqual(BOARD_COUNT_CACHED_FROM + 7);
    expect(district).toBeLessThanOrEqual(big + 5);
    const q = (await board({ q: "หลุมลึก" })).total; // a text search is never cached
    await cloneCase(first.id, 1, "q");
    expect((await board({ q: "หลุมลึก" })).total).toBe(q + 1);
    t = 10_000;
    expect((await board()).total).toBe(big + 6);
    // without a cache (a transaction, tests, jobs) every count is exact
    await cloneCase(first.id, 1, "c");
    expect((await getBoard({ ctx: ctxFor(db, anon), input: { provinceCode: "76" } })).total).toBe(big + 7);
  });

  it("filters by district, categories and statuses (each combination is its own prepared statement) as plain SQL would", async () => {
    const ctx = ctxFor(db, anon);
    await submitCase({ ctx, input: { ...report(90), categoryId: "lighting" } });
    const combos: Record<string, unknown>[] = [{}, { districtCode: "7601" }, { categoryId: ["road"] }, { categoryId: ["road", "lighting"] }, { status: ["received"] }, { districtCode: "7601", categoryId: ["lighting"], status: ["received", "accepted"] }];
    for (const f of combos) {
      const b = await getBoard({ ctx, input: { provinceCode: "76", pageSize: 100, ...f } });
      const cond = ["province_code = '76'", "merged_into is null"];
      if (f.districtCode) cond.push(`district_code = '${f.districtCode}'`);
      if (f.categoryId) cond.push(`category_id in (${(f.categoryId as string[]).map((c) => `'${c}'`).join(", ")})`);
      if (f.status) cond.push(`status in (${(f.status as string[]).map((c) => `'${c}'`).join(", ")})`);
      const expected = await db.query<{ r: string; n: number }>(`select public_ref as r, count(*) over ()::int as n from cases where ${cond.join(" and ")} order by received_at desc, id asc limit 100`);
      expect(b.items.map((x) => x.publicRef), JSON.stringify(f)).toEqual(expected.map((x) => x.r));
      expect(b.total, JSON.stringify(f)).toBe(Math.min(expected[0]?.n ?? 0, 10_000));
    }
  });
});
