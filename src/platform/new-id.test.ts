import { describe, expect, it } from "vitest";
import { newId } from "./ctx.js";

describe("newId", () => {
  it("is a version-7 UUID whose first 48 bits are the milliseconds, unique across many (the random pool refills)", () => {
    const t = Date.UTC(2026, 10, 23, 1, 2, 3, 456);
    const ids = Array.from({ length: 2000 }, () => newId(t));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(t);
    }
    expect(newId(0).slice(0, 13)).toBe("00000000-0000");
    expect(newId(2 ** 48 - 1).slice(0, 13)).toBe("ffffffff-ffff");
    // later ids sort after earlier ones
    expect(newId(t + 1) > newId(t)).toBe(true);
  });
});
