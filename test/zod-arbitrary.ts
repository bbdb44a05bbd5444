/**
 * fast-check arbitraries derived from zod 4 schemas, for the routes' contracts:
 * - `validOf(schema)`: values the schema accepts (used as a base, so one field at a time can be broken);
 * - `invalidFor(schema)`: values the schema refuses;
 * - `fieldsOf(schema)`: the top-level fields of an object schema.
 * Only the zod features the contracts use are understood; anything else falls back to filtering
 * generic JSON values through `safeParse`, so a generated value is always checked against the real schema.
 */
import fc from "fast-check";
import type { z } from "zod";

type Any = z.ZodType;
type Def = { type: string; [k: string]: unknown };
type Check = { check: string; minimum?: number; maximum?: number; value?: number; inclusive?: boolean; format?: string; pattern?: RegExp };

const def = (s: Any): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checks = (s: Any): Check[] => ((def(s).checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Removes optional/default/nullable/pipe wrappers, returning the schema that really constrains the value. */
export function unwrap(s: Any): Any {
  const d = def(s);
  if (d.type === "optional" || d.type === "default" || d.type === "nullable" || d.type === "readonly" || d.type === "prefault") return unwrap(d.innerType as Any);
  if (d.type === "pipe") return def(d.in as Any).type === "transform" ? unwrap(d.out as Any) : unwrap(d.in as Any);
  return s;
}

const THAI = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋็์ ";
const thaiText = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...THAI), minLength: min, maxLength: max });

function stringArb(s: Any): fc.Arbitrary<string> {
  const cs = checks(s);
  const min = Math.max(0, ...cs.filter((c) => c.check === "min_length").map((c) => c.minimum!));
  const max = Math.min(60, ...cs.filter((c) => c.check === "max_length").map((c) => c.maximum!), Math.max(min, 60));
  const fmt = cs.find((c) => c.check === "string_format");
  const pattern = fmt?.pattern ?? (def(s).pattern as RegExp | undefined);
  // fast-check refuses flags; the flag-less pattern matches a subset of what the schema accepts
  if (pattern) {
    const re = new RegExp(pattern.source);
    const matching = fc.stringMatching(re).filter((v) => v.length >= min && v.length <= Math.max(max, min));
    // some patterns are checked by a refinement too: a date (YYYY-MM-DD) must be a real calendar day, in range, after
    // another date; a 13-digit tax id must have its check digit and start with 0. Random digits almost never pass, so
    // a few well-formed values are offered as well (real dates; juristic tax ids with a valid check digit)
    const known = ["2025-10-01", "2026-01-31", "2026-09-30", "2027-03-15", "0001055361120", "0009940001606", "0001355630002"].filter((d) => re.test(d));
    return known.length ? fc.oneof({ arbitrary: matching, weight: 1 }, { arbitrary: fc.constantFrom(...known), weight: 3 }) : matching;
  }
  if (fmt?.format === "url") return fc.webUrl();
  // strings checked by a refinement the generator cannot see (a real calendar date, say): offer well-formed
  // candidates too, so that a valid value exists among the samples
  return fc.oneof(
    { arbitrary: fc.string({ minLength: min, maxLength: max }), weight: 2 },
    { arbitrary: thaiText(min, max), weight: 2 },
    { arbitrary: fc.constantFrom("2026-01-31", "2025-10-01", "2026-09-30"), weight: 1 },
  ).map((v) => (v.trim().length >= min ? v : v.padEnd(min, "ก")));
}

function numberArb(s: Any): fc.Arbitrary<number> {
  const cs = checks(s);
  let lo = -1e6;
  let hi = 1e6;
  let int = false;
  for (const c of cs) {
    if (c.check === "greater_than") lo = Math.max(lo, c.value! + (c.inclusive ? 0 : 1));
    if (c.check === "less_than") hi = Math.min(hi, c.value! - (c.inclusive ? 0 : 1));
    if (c.check === "number_format" && (c.format === "safeint" || c.format === "int32")) int = true;
  }
  return int ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

function arrayBounds(s: Any): { minLength: number; maxLength: number } {
  const cs = checks(s);
  const minLength = Math.max(0, ...cs.filter((c) => c.check === "min_length").map((c) => c.minimum!));
  const maxLength = Math.min(4, ...cs.filter((c) => c.check === "max_length").map((c) => c.maximum!), Math.max(minLength, 4));
  return { minLength, maxLength: Math.max(minLength, maxLength) };
}

function build(s: Any): fc.Arbitrary<unknown> {
  // a contract whose rules span fields (weights summing to 1, say) names valid examples in its metadata
  const examples = (s as unknown as { meta?: () => { examples?: unknown[] } | undefined }).meta?.()?.examples;
  if (examples?.length) return fc.oneof(fc.constantFrom(...examples), buildShape(s));
  return buildShape(s);
}

function buildShape(s: Any): fc.Arbitrary<unknown> {
  const d = def(s);
  switch (d.type) {
    case "optional":
      return fc.option(build(d.innerType as Any), { nil: undefined, freq: 3 });
    case "default":
    case "prefault":
      return fc.option(build(d.innerType as Any), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(build(d.innerType as Any), { nil: null, freq: 4 });
    case "readonly":
      return build(d.innerType as Any);
    case "pipe":
      // a coercion piped into a narrower schema (a number into 6 | 9 | 12): draw from both sides
      return def(d.in as Any).type === "transform" ? build(d.out as Any) : fc.oneof(build(d.in as Any), build(d.out as Any));
    case "string":
      return stringArb(s);
    case "number":
      return numberArb(s);
    case "boolean":
      return fc.boolean();
    case "literal":
      return fc.constantFrom(...(d.values as unknown[]));
    case "enum":
      return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
    case "array":
      return fc.array(build(d.element as Any), arrayBounds(s));
    case "tuple": {
      const items = (d.items as Any[]).map(build);
      return fc.tuple(...items);
    }
    case "object": {
      const shape = d.shape as Record<string, Any>;
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) rec[k] = build(v);
      return fc.record(rec).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case "record":
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), build(d.valueType as Any), { maxKeys: 3 });
    case "union":
      return fc.oneof(...(d.options as Any[]).map(build));
    case "unknown":
    case "any":
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values the schema accepts (each is re-checked with safeParse). */
export function validOf<T>(schema: z.ZodType<T>): fc.Arbitrary<Record<string, unknown>> {
  return build(schema as Any).filter((v) => schema.safeParse(v).success) as fc.Arbitrary<Record<string, unknown>>;
}

/** Wrong-typed, out-of-range, too-long, malformed or unexpected values: a pool to break any field with. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom("", " ", "\u0000", "ก".repeat(5000), "x".repeat(130), "2569-13-45", "2026-02-30", "2569-01-01", "'; drop table persons; --", "<script>alert(1)</script>", "NaN", "-1", "1e999"),
  fc.string({ maxLength: 30 }),
  thaiText(0, 30),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Values the schema refuses, drawn from the hostile pool (and, for strings, just over the length limit). */
export function invalidFor(schema: Any): fc.Arbitrary<unknown> {
  const inner = unwrap(schema);
  const extra: fc.Arbitrary<unknown>[] = [];
  if (def(inner).type === "string") {
    const max = checks(inner).find((c) => c.check === "max_length")?.maximum;
    if (max !== undefined) extra.push(fc.constant("ก".repeat(max + 1)));
  }
  if (def(inner).type === "number") {
    for (const c of checks(inner)) {
      if (c.check === "greater_than") extra.push(fc.constant(c.value! - 1));
      if (c.check === "less_than") extra.push(fc.constant(c.value! + 1));
    }
  }
  return fc.oneof(hostile, ...extra).filter((v) => v !== undefined && !schema.safeParse(v).success);
}

/** Query-string form: every value is a string (or a repeated key); schemas with coercion decide what parses. */
export function invalidQueryValue(schema: Any): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom("", "abc", "-1", "1.5", "99999999999", "ก".repeat(300), "2569-13-45", "nation,area", "%00", "true"),
      fc.string({ maxLength: 20 }),
      fc.integer().map(String),
    )
    .filter((v) => !schema.safeParse(v).success);
}

/** The top-level fields of an object schema (after unwrapping), or [] for anything else. */
export function fieldsOf(schema: Any): [string, Any][] {
  const s = unwrap(schema);
  return def(s).type === "object" ? Object.entries(def(s).shape as Record<string, Any>) : [];
}
