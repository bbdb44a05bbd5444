import { describe, expect, it } from "vitest";
import { fetchAllPages } from "./csv.js";

/** A list of `total` rows served by a server that returns at most `cap` rows a request. */
function server(total: number, cap: number) {
  const calls: [number, number][] = [];
  const fetchPage = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const n = Math.max(0, Math.min(limit, cap, total - offset));
    return { items: Array.from({ length: n }, (_, i) => offset + i), total };
  };
  return { calls, fetchPage };
}

describe("fetchAllPages", () => {
  it("reads past the server's 500-row cap to the total", async () => {
    const s = server(1234, 500);
    const rows = await fetchAllPages(s.fetchPage);
    expect(rows).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(s.calls).toEqual([[0, 500], [500, 500], [1000, 500]]);
  });
  it("follows a server that returns fewer rows than asked", async () => {
    const s = server(450, 200);
    expect(await fetchAllPages(s.fetchPage)).toHaveLength(450);
    expect(s.calls.map(([o]) => o)).toEqual([0, 200, 400]);
  });
  it("stops at an empty page even when the total promised more, and reports progress", async () => {
    const seen: [number, number][] = [];
    const rows = await fetchAllPages(async (offset) => ({ items: offset === 0 ? ["a", "b"] : [], total: 10 }), 500, (n, total) => seen.push([n, total]));
    expect(rows).toEqual(["a", "b"]);
    expect(seen).toEqual([[2, 10], [2, 10]]);
  });
  it("asks once for an empty list", async () => {
    const s = server(0, 500);
    expect(await fetchAllPages(s.fetchPage)).toEqual([]);
    expect(s.calls).toHaveLength(1);
  });
});
