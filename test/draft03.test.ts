import { describe, expect, it } from "vitest";
import { SchemaSet, type Schema } from "./draft03.js";
import { popoloSchemas } from "./reference.js";

const set = (...schemas: Schema[]) => {
  const s = new SchemaSet();
  for (const x of schemas) s.add(x);
  return s;
};
const ok = (s: SchemaSet, uri: string, doc: unknown, strict = false) => expect(s.validate(uri, doc, { strict })).toEqual([]);
const bad = (s: SchemaSet, uri: string, doc: unknown, message: RegExp, strict = false) => {
  const issues = s.validate(uri, doc, { strict });
  expect(issues.length, `expected ${JSON.stringify(doc)} to be rejected`).toBeGreaterThan(0);
  expect(issues.map((i) => i.message).join("; ")).toMatch(message);
};

describe("draft-03 checker: each keyword accepts what it should and rejects what it should", () => {
  it("type: simple names, integer vs number, any, arrays of types and of schemas", () => {
    const s = set(
      { id: "t:str", type: "string" },
      { id: "t:int", type: "integer" },
      { id: "t:num", type: "number" },
      { id: "t:any", type: "any" },
      { id: "t:union", type: ["string", "null"] },
      { id: "t:schemas", type: [{ type: "string", pattern: "^a" }, "integer"] },
    );
    ok(s, "t:str", "x");
    bad(s, "t:str", 1, /expected type "string", got integer/);
    ok(s, "t:int", 3);
    bad(s, "t:int", 3.5, /expected type/);
    ok(s, "t:num", 3);
    ok(s, "t:num", 3.5);
    bad(s, "t:num", "3", /expected type/);
    ok(s, "t:any", { a: 1 });
    ok(s, "t:union", null);
    ok(s, "t:union", "x");
    bad(s, "t:union", 1, /expected type \["string","null"\]/);
    bad(s, "t:union", [], /got array/);
    ok(s, "t:schemas", "abc");
    ok(s, "t:schemas", 7);
    bad(s, "t:schemas", "xyz", /expected type/);
  });

  it("properties with required: true; undefined counts as absent (as in JSON)", () => {
    const s = set({ id: "p", type: "object", properties: { a: { type: "string", required: true }, b: { type: "integer" } } });
    ok(s, "p", { a: "x" });
    ok(s, "p", { a: "x", b: 2, c: "extra is allowed in draft-03 by default" });
    bad(s, "p", {}, /required property missing/);
    bad(s, "p", { a: undefined }, /required property missing/);
    bad(s, "p", { a: "x", b: "2" }, /expected type "integer"/);
    expect(s.validate("p", { a: "x", b: "2" })[0]!.path).toBe("$.b");
  });

  it("additionalProperties false or a schema, patternProperties, and strict mode", () => {
    const s = set(
      { id: "closed", type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
      { id: "typed", type: "object", properties: {}, additionalProperties: { type: "integer" } },
      { id: "pat", type: "object", patternProperties: { "^x_": { type: "string" } }, additionalProperties: false },
      { id: "open", type: "object", properties: { a: { type: "string" } } },
    );
    ok(s, "closed", { a: "x" });
    bad(s, "closed", { a: "x", b: 1 }, /not allowed/);
    ok(s, "typed", { n: 1 });
    bad(s, "typed", { n: "1" }, /expected type "integer"/);
    ok(s, "pat", { x_y: "z" });
    bad(s, "pat", { x_y: 1 }, /expected type/);
    bad(s, "pat", { y: "z" }, /not allowed/);
    ok(s, "open", { a: "x", b: 1 });
    bad(s, "open", { a: "x", b: 1 }, /not allowed/, true);
  });

  it("items (one schema or a tuple), additionalItems, array sizes and uniqueness", () => {
    const s = set(
      { id: "list", type: "array", items: { type: "string" }, minItems: 1, maxItems: 2, uniqueItems: true },
      { id: "tuple", type: "array", items: [{ type: "string" }, { type: "integer" }], additionalItems: false },
    );
    ok(s, "list", ["a", "b"]);
    bad(s, "list", ["a", 1], /expected type "string"/);
    bad(s, "list", [], /fewer than 1/);
    bad(s, "list", ["a", "b", "c"], /more than 2/);
    bad(s, "list", ["a", "a"], /not unique/);
    ok(s, "tuple", ["a", 1]);
    bad(s, "tuple", [1, "a"], /expected type/);
    bad(s, "tuple", ["a", 1, 2], /additional item/);
  });

  it("enum (deep equality), pattern, string and number bounds, divisibleBy, disallow, extends", () => {
    const s = set(
      { id: "e", enum: ["a", 1, { k: [1] }] },
      { id: "pat", type: "string", pattern: "^[0-9]{4}(-[0-9]{2}){0,2}$" },
      { id: "len", type: "string", minLength: 2, maxLength: 3 },
      { id: "num", type: "number", minimum: 0, maximum: 10, exclusiveMaximum: true, divisibleBy: 0.5 },
      { id: "dis", disallow: ["null", "array"] },
      { id: "ext", extends: { type: "object", properties: { a: { type: "string", required: true } } }, properties: { b: { type: "integer" } } },
    );
    ok(s, "e", "a");
    ok(s, "e", { k: [1] });
    bad(s, "e", { k: [2] }, /not one of/);
    bad(s, "e", "b", /not one of/);
    ok(s, "pat", "2026");
    ok(s, "pat", "2026-11-22");
    bad(s, "pat", "22/11/2026", /pattern/);
    bad(s, "pat", "2026-11-22T10:00", /pattern/);
    ok(s, "len", "ไทย"); // code points, not UTF-16 units
    bad(s, "len", "a", /shorter/);
    bad(s, "len", "abcd", /longer/);
    ok(s, "num", 9.5);
    bad(s, "num", 10, /above maximum/);
    bad(s, "num", -1, /below minimum/);
    bad(s, "num", 0.3, /divisible/);
    ok(s, "dis", "x");
    bad(s, "dis", null, /disallowed/);
    ok(s, "ext", { a: "x", b: 1 });
    bad(s, "ext", { b: 1 }, /required/);
  });

  it("formats: date, date-time, uri, email (unknown formats are annotations)", () => {
    const s = set(
      { id: "d", type: "string", format: "date" },
      { id: "dt", type: "string", format: "date-time" },
      { id: "u", type: "string", format: "uri" },
      { id: "m", type: "string", format: "email" },
      { id: "other", type: "string", format: "color" },
    );
    ok(s, "d", "2024-02-29");
    bad(s, "d", "2023-02-29", /valid date/);
    bad(s, "d", "2569-13-45", /valid date/);
    ok(s, "dt", "2026-11-22T03:00:00.000Z");
    ok(s, "dt", "2026-11-22T10:00:00+07:00");
    bad(s, "dt", "2026-11-22 10:00", /date-time/);
    ok(s, "u", "https://www.popoloproject.com/specs/");
    ok(s, "u", "urn:isbn:0451450523");
    bad(s, "u", "www.example.com/no-scheme", /uri/);
    bad(s, "u", "http://exa mple.com", /uri/);
    ok(s, "m", "someone@example.go.th");
    bad(s, "m", "not-an-email", /email/);
    ok(s, "other", "anything");
  });

  it("$ref: absolute ids, relative to the enclosing id, JSON pointers, recursion", () => {
    const s = set(
      { id: "http://ex.test/schemas/name.json#", type: "object", properties: { name: { type: "string", required: true } } },
      {
        id: "http://ex.test/schemas/thing.json#",
        type: "object",
        properties: {
          abs: { $ref: "http://ex.test/schemas/name.json#" },
          rel: { type: "array", items: { $ref: "name.json#" } },
          ptr: { $ref: "#/properties/code" },
          code: { type: "string", pattern: "^[A-Z]+$" },
          parent: { $ref: "http://ex.test/schemas/thing.json#" },
        },
      },
    );
    ok(s, "http://ex.test/schemas/thing.json", { abs: { name: "a" }, rel: [{ name: "b" }], ptr: "ABC", parent: { parent: { code: "X" } } });
    bad(s, "http://ex.test/schemas/thing.json", { abs: {} }, /required property missing/);
    bad(s, "http://ex.test/schemas/thing.json", { rel: [{ name: 1 }] }, /expected type "string"/);
    bad(s, "http://ex.test/schemas/thing.json", { ptr: "abc" }, /pattern/);
    bad(s, "http://ex.test/schemas/thing.json", { parent: { parent: { code: "x" } } }, /pattern/);
    expect(s.validate("http://ex.test/schemas/thing.json", { parent: { parent: { code: "x" } } })[0]!.path).toBe("$.parent.parent.code");
    expect(() => set({ id: "r", $ref: "http://ex.test/missing.json#" }).validate("r", {})).toThrow(/not loaded/);
  });

  it("refuses keywords it does not implement instead of ignoring them", () => {
    expect(() => set({ id: "x", type: "object", dependencies: { a: "b" } }).validate("x", {})).toThrow(/unsupported draft-03 keyword "dependencies"/);
  });
});

describe("draft-03 checker on the real Popolo schemas (../shared/reference)", () => {
  const popolo = popoloSchemas();

  it("loads every Popolo schema and resolves every $ref among them", () => {
    for (const name of ["person", "organization", "membership", "post", "area", "other_name", "identifier", "contact_detail", "link", "motion", "vote_event", "vote", "count", "speech", "event", "group_result"]) {
      expect(() => popolo.get(`${name}.json`)).not.toThrow();
    }
    // a person with every nested kind exercises person → membership → organization → area → post refs
    ok(popolo, "person.json", {
      id: "p1",
      name: "สมชาย ใจดี",
      other_names: [{ name: "Somchai Jaidee", note: "en" }],
      identifiers: [{ identifier: "x", scheme: "demo" }],
      links: [{ url: "https://example.org/somchai" }],
      memberships: [{ organization: { id: "o1", area: { id: "a1", parent: { id: "a0" } }, posts: [{ id: "post1", other_label: ["Governor"] }] }, start_date: "2026-01-01" }],
    });
  });

  it("rejects documents that break the Popolo schemas", () => {
    bad(popolo, "person.json", { name: 5 }, /expected type \["string","null"\]/);
    bad(popolo, "person.json", { other_names: [{ name: null }] }, /expected type "string"/);
    bad(popolo, "person.json", { identifiers: [{ scheme: "dopa" }] }, /required property missing/);
    bad(popolo, "person.json", { email: "nobody" }, /email/);
    bad(popolo, "person.json", { links: [{ url: "not a uri" }] }, /uri/);
    bad(popolo, "organization.json", { founding_date: "2569-01-01T00:00:00Z" }, /pattern/);
    bad(popolo, "organization.json", { other_names: "Ministry of Interior" }, /expected type "array"/);
    bad(popolo, "membership.json", { start_date: "1 Jan 2026" }, /pattern/);
    bad(popolo, "membership.json", { person: { birth_date: "x" } }, /pattern/);
    bad(popolo, "post.json", { other_label: [null] }, /expected type "string"/);
    bad(popolo, "area.json", { parent: { name: 1 } }, /expected type/);
    bad(popolo, "area.json", { identifiers: [] }, /not allowed/, true);
  });
});
