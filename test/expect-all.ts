import { expect } from "vitest";

/** Every item matches, and there is at least one: `expect(list.every(…)).toBe(true)` also passes on an empty list. */
export function expectAll<T>(items: readonly T[], pred: (x: T) => boolean, what = "items"): void {
  expect(items.length, `${what}: the list is empty, so "every" would prove nothing`).toBeGreaterThan(0);
  expect(items.filter((x) => !pred(x)), `${what} that do not match`).toEqual([]);
}
