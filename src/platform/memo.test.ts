import { describe, expect, it } from "vitest";
import { boundedMemo } from "./memo.js";

describe("boundedMemo", () => {
  it("computes a key once, and starts over when it holds max keys", () => {
    const calls: string[] = [];
    const f = boundedMemo(2, (k) => (calls.push(k), k.length));
    expect([f("a"), f("bb"), f("a"), f("bb")]).toEqual([1, 2, 1, 2]);
    expect(calls).toEqual(["a", "bb"]);
    f("ccc"); // full: emptied, then kept
    f("a");
    expect(calls).toEqual(["a", "bb", "ccc", "a"]);
  });
});
