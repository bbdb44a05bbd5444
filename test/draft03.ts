/**
 * A small JSON Schema draft-03 checker for tests (no installed validator supports draft-03; ajv starts at draft-04).
 *
 * Supported: type (a name, "any", or an array of names and/or schemas), disallow, properties with
 * `required: true`, additionalProperties (false or a schema), patternProperties, items (one schema or a
 * tuple) with additionalItems, enum, pattern, format (date, date-time, time, uri, email), minLength/
 * maxLength, minimum/maximum (+ exclusive flags), minItems/maxItems, uniqueItems, divisibleBy, extends and
 * $ref (absolute or relative to the enclosing schema's `id`, resolved among the loaded files; `#` and
 * `#/json/pointer` fragments). Any other keyword throws, so a schema can never be silently under-checked.
 *
 * `strict: true` additionally reports properties an object schema does not declare (as if
 * `additionalProperties: false` were written) — draft-03 allows them by default, so this is how a test
 * notices an exporter inventing fields.
 */
import fs from "node:fs";
import path from "node:path";

export type Schema = { [k: string]: unknown };
export type Issue = { path: string; message: string };

const ANNOTATIONS = new Set(["$schema", "id", "title", "description", "default", "required"]);
const KEYWORDS = new Set([
  "type",
  "disallow",
  "properties",
  "additionalProperties",
  "patternProperties",
  "items",
  "additionalItems",
  "enum",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "uniqueItems",
  "divisibleBy",
  "extends",
  "$ref",
]);

const FORMATS: Record<string, (s: string) => boolean> = {
  date: (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
    return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
  },
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)) && FORMATS.date!(s.slice(0, 10)),
  time: (s) => /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(s),
  uri: (s) => {
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s)) return false;
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  },
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function matchesSimpleType(name: string, v: unknown): boolean {
  const t = typeOf(v);
  if (name === "any") return v !== undefined;
  if (name === "number") return t === "number" || t === "integer";
  return name === t;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b) || typeof a !== "object" || a === null) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object).filter((k) => (a as Schema)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Schema)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Schema)[k], (b as Schema)[k]));
}

function stripFragment(uri: string): string {
  const i = uri.indexOf("#");
  return i < 0 ? uri : uri.slice(0, i);
}

export class SchemaSet {
  private byUri = new Map<string, Schema>();

  /** Schemas keyed by their `id` (fragment dropped); extra aliases (e.g. the file name) may be given. */
  add(schema: Schema, ...aliases: string[]): this {
    const id = typeof schema.id === "string" ? stripFragment(schema.id) : null;
    if (id) this.byUri.set(id, schema);
    for (const a of aliases) this.byUri.set(stripFragment(a), schema);
    return this;
  }

  /** Loads every *.json in a folder, each known by its `id` and by its file name. */
  static fromDir(dir: string): SchemaSet {
    const set = new SchemaSet();
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
      set.add(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Schema, f);
    }
    return set;
  }

  get(uri: string): Schema {
    const s = this.byUri.get(stripFragment(uri));
    if (!s) throw new Error(`schema not loaded: ${uri}`);
    return s;
  }

  /** Every problem with `doc` against the schema known as `uri` (an id or a file name); [] when valid. */
  validate(uri: string, doc: unknown, opts: { strict?: boolean } = {}): Issue[] {
    const root = this.get(uri);
    const issues: Issue[] = [];
    this.check(root, doc, "$", typeof root.id === "string" ? root.id : uri, root, issues, !!opts.strict);
    return issues;
  }

  private resolve(ref: string, base: string, docRoot: Schema): { schema: Schema; base: string; root: Schema } {
    let abs: string;
    if (ref.startsWith("#")) abs = stripFragment(base) + ref;
    else {
      try {
        abs = new URL(ref, base).toString();
      } catch {
        abs = ref;
      }
    }
    const hash = abs.indexOf("#");
    const doc = stripFragment(abs);
    const frag = hash < 0 ? "" : abs.slice(hash + 1);
    const root = doc === stripFragment(base) && !this.byUri.has(doc) ? docRoot : this.get(doc);
    let node: unknown = root;
    if (frag && frag !== "/") {
      if (!frag.startsWith("/")) throw new Error(`unsupported $ref fragment: ${ref}`);
      for (const part of frag.slice(1).split("/")) {
        const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
        node = (node as Schema | undefined)?.[key];
        if (node === undefined) throw new Error(`$ref ${ref} points nowhere`);
      }
    }
    return { schema: node as Schema, base: typeof root.id === "string" ? root.id : doc, root };
  }

  private check(schema: Schema, v: unknown, at: string, base: string, root: Schema, out: Issue[], strict: boolean): void {
    if (typeof schema.id === "string" && schema !== root) base = new URL(schema.id, base).toString();
    for (const k of Object.keys(schema)) if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported draft-03 keyword "${k}" at ${at}`);
    const fail = (message: string) => out.push({ path: at, message });

    if (typeof schema.$ref === "string") {
      // draft-03: a schema with $ref is replaced by the referenced one
      const r = this.resolve(schema.$ref, base, root);
      this.check(r.schema, v, at, r.base, r.root, out, strict);
      return;
    }
    if (schema.extends !== undefined) {
      for (const s of Array.isArray(schema.extends) ? schema.extends : [schema.extends]) this.check(s as Schema, v, at, base, root, out, strict);
    }
    if (schema.type !== undefined && !this.matchesType(schema.type, v, at, base, root, strict)) {
      fail(`expected type ${JSON.stringify(schema.type)}, got ${typeOf(v)}`);
      return;
    }
    if (schema.disallow !== undefined && this.matchesType(schema.disallow, v, at, base, root, strict)) fail(`type ${typeOf(v)} is disallowed`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) fail(`not one of ${JSON.stringify(schema.enum)}`);

    if (typeof v === "string") {
      if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(v)) fail(`does not match pattern ${schema.pattern}`);
      if (typeof schema.format === "string" && FORMATS[schema.format] && !FORMATS[schema.format]!(v)) fail(`not a valid ${schema.format}`);
      const len = [...v].length;
      if (typeof schema.minLength === "number" && len < schema.minLength) fail(`shorter than ${schema.minLength}`);
      if (typeof schema.maxLength === "number" && len > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    }
    if (typeof v === "number") {
      if (typeof schema.minimum === "number" && (schema.exclusiveMinimum ? v <= schema.minimum : v < schema.minimum)) fail(`below minimum ${schema.minimum}`);
      if (typeof schema.maximum === "number" && (schema.exclusiveMaximum ? v >= schema.maximum : v > schema.maximum)) fail(`above maximum ${schema.maximum}`);
      if (typeof schema.divisibleBy === "number" && Math.abs(v / schema.divisibleBy - Math.round(v / schema.divisibleBy)) > 1e-9) fail(`not divisible by ${schema.divisibleBy}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === "number" && v.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
      if (typeof schema.maxItems === "number" && v.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
      if (schema.uniqueItems === true && v.some((x, i) => v.findIndex((y) => deepEqual(x, y)) !== i)) fail("items are not unique");
      if (Array.isArray(schema.items)) {
        v.forEach((x, i) => {
          const s = (schema.items as Schema[])[i] ?? (typeof schema.additionalItems === "object" ? (schema.additionalItems as Schema) : undefined);
          if (s) this.check(s, x, `${at}[${i}]`, base, root, out, strict);
          else if (schema.additionalItems === false) out.push({ path: `${at}[${i}]`, message: "additional item not allowed" });
        });
      } else if (schema.items && typeof schema.items === "object") {
        v.forEach((x, i) => this.check(schema.items as Schema, x, `${at}[${i}]`, base, root, out, strict));
      }
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [name, ps] of Object.entries(props)) {
        const present = Object.prototype.hasOwnProperty.call(obj, name) && obj[name] !== undefined;
        if (!present) {
          if (ps.required === true) out.push({ path: `${at}.${name}`, message: "required property missing" });
          continue;
        }
        this.check(ps, obj[name], `${at}.${name}`, base, root, out, strict);
      }
      const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>).map(([p, s]) => [new RegExp(p), s] as const);
      const declaresObject = schema.properties !== undefined || schema.patternProperties !== undefined || schema.additionalProperties !== undefined;
      for (const [name, val] of Object.entries(obj)) {
        if (val === undefined) continue;
        const byPattern = patterns.filter(([re]) => re.test(name));
        for (const [, s] of byPattern) this.check(s, val, `${at}.${name}`, base, root, out, strict);
        if (name in props || byPattern.length > 0) continue;
        const ap = schema.additionalProperties;
        if (ap === false || (strict && ap === undefined && declaresObject)) out.push({ path: `${at}.${name}`, message: "property not allowed by the schema" });
        else if (ap && typeof ap === "object") this.check(ap as Schema, val, `${at}.${name}`, base, root, out, strict);
      }
    }
  }

  private matchesType(type: unknown, v: unknown, at: string, base: string, root: Schema, strict: boolean): boolean {
    const options = Array.isArray(type) ? type : [type];
    return options.some((t) => {
      if (typeof t === "string") return matchesSimpleType(t, v);
      const sub: Issue[] = [];
      this.check(t as Schema, v, at, base, root, sub, strict);
      return sub.length === 0;
    });
  }
}
