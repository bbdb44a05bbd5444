/**
 * Test helper: checks Open311 GeoReport v2 bodies (JSON, and XML through the spec's Spark mapping) against the
 * reference JSON Schemas in ../shared/reference/schemas/open311-georeport-v2, read at run time, never copied.
 * The schema files declare no `$schema`; they use draft-04 keywords (array `required`, `anyOf`), so ajv-draft-04.
 * Discovery and errors have no reference schema: the two below are written from the spec's own field lists.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { referenceDir } from "../../../test/reference.js";

export type Open311SchemaKind =
  | "discovery"
  | "services"
  | "service"
  | "service-definition"
  | "requests"
  | "request"
  | "post-response"
  | "token-response"
  | "errors";
export type Open311Issue = { path: string; message: string };
type Json = Record<string, unknown>;

const BASE = "https://schemas.changwat.invalid/open311-georeport-v2/";

/** Service Discovery (wiki.open311.org/Service_Discovery): "All fields are required". */
const DISCOVERY: Json = {
  type: "object",
  required: ["changeset", "contact", "key_service", "endpoints"],
  properties: {
    changeset: { type: "string" },
    contact: { type: "string" },
    key_service: { type: "string" },
    endpoints: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["specification", "url", "changeset", "type", "formats"],
        properties: {
          specification: { type: "string", format: "uri" },
          url: { type: "string", format: "uri" },
          changeset: { type: "string" },
          type: { enum: ["production", "test"] },
          formats: { type: "array", minItems: 1, items: { enum: ["text/xml", "application/json"] } },
        },
      },
    },
  },
};

/** GeoReport v2 "Errors": a list of {code, description}; code is the HTTP-like number. */
const ERRORS: Json = {
  type: "array",
  minItems: 1,
  items: { type: "object", required: ["code", "description"], properties: { code: { type: "integer" }, description: { type: "string", minLength: 1 } } },
};

/** Which schema checks each kind (the source is named in failures, so a reader knows what was checked). */
export const OPEN311_SCHEMA_SOURCE: Record<Open311SchemaKind, string> = {
  discovery: "written from wiki.open311.org/Service_Discovery (no reference schema)",
  services: "services.json → service.json",
  service: "service.json",
  "service-definition": "service-definition.json",
  requests: "requests.json → request.json",
  request: "request.json",
  "post-response": "swagger.json #/definitions/RequestResponse (array)",
  "token-response": "swagger.json #/definitions/TokenResponse (array)",
  errors: "written from GeoReport_v2-spec.md § Errors (no reference schema)",
};

function schemaDir(): string {
  return path.join(referenceDir(), "schemas", "open311-georeport-v2");
}
const read = (file: string): Json => JSON.parse(fs.readFileSync(path.join(schemaDir(), file), "utf8")) as Json;

/** Strict copy: every object schema with `properties` forbids others (the reference schemas allow any field). */
function closed(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(closed);
  if (!s || typeof s !== "object") return s;
  const out = Object.fromEntries(Object.entries(s as Json).map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v as Json).map(([p, x]) => [p, closed(x)])) : closed(v)]));
  if ("properties" in out && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

function compileAll(strict: boolean): Record<Open311SchemaKind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat("uid", true); // swagger.json's "uid" names an identifier, not a checkable syntax
  const tx = (s: Json) => (strict ? (closed(s) as Json) : s);
  for (const f of ["service.json", "services.json", "service-definition.json", "request.json", "requests.json"]) ajv.addSchema({ ...tx(read(f)), id: BASE + f });
  const swagger = read("swagger.json") as { definitions: Record<string, Json> };
  const def = (name: string): Json => ({ type: "array", items: tx(swagger.definitions[name]!) });
  const get = (f: string) => ajv.getSchema(BASE + f)!;
  return {
    discovery: ajv.compile(tx(DISCOVERY)),
    services: get("services.json"),
    service: get("service.json"),
    "service-definition": get("service-definition.json"),
    requests: get("requests.json"),
    request: get("request.json"),
    "post-response": ajv.compile(def("RequestResponse")),
    "token-response": ajv.compile(def("TokenResponse")),
    errors: ajv.compile(tx(ERRORS)),
  };
}

const compiled: { loose?: Record<Open311SchemaKind, ValidateFunction>; strict?: Record<Open311SchemaKind, ValidateFunction> } = {};

/**
 * Issues of a JSON body against its reference schema ([] = valid). `strict: true` also reports fields the schema
 * does not declare (the reference schemas allow any), so an invented or leaked field cannot pass unnoticed.
 */
export function validateOpen311(kind: Open311SchemaKind, value: unknown, opts: { strict?: boolean } = {}): Open311Issue[] {
  const key = opts.strict ? "strict" : "loose";
  const fns = (compiled[key] ??= compileAll(!!opts.strict));
  const fn = fns[kind];
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => ({
    path: e.instancePath || "/",
    message: `${e.message ?? "invalid"}${e.keyword === "additionalProperties" ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ""} (${OPEN311_SCHEMA_SOURCE[kind]})`,
  }));
}

// ─── XML → the spec's JSON (Spark convention) ─────────────────────────────────────────────────────────────────

/** The spec's XML structure, written out here independently of the adapter: root element per kind and list items. */
const ROOT: Record<Exclude<Open311SchemaKind, "service" | "request">, { root: string; list: boolean }> = {
  discovery: { root: "discovery", list: false },
  services: { root: "services", list: true },
  "service-definition": { root: "service_definition", list: false },
  requests: { root: "service_requests", list: true },
  "post-response": { root: "service_requests", list: true },
  "token-response": { root: "service_requests", list: true },
  errors: { root: "errors", list: true },
};
const ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};
/** Fields whose XML text is a boolean or a number in the JSON form (the rest are strings; empty → null). */
const BOOLEAN = new Set(["metadata", "variable", "required"]);
const NUMBER = new Set(["lat", "long", "order"]);
export type Open311XmlKind = keyof typeof ROOT;

/**
 * Parse an Open311 XML body back to the spec's JSON form, reporting anything not shaped like the spec: missing
 * UTF-8 declaration, malformed XML, wrong root, a list holding other elements, a boolean or number that is not one.
 */
export function open311XmlToJson(kind: Open311XmlKind, xml: string): { value: unknown; issues: Open311Issue[] } {
  const issues: Open311Issue[] = [];
  if (!/^<\?xml version="1\.0" encoding="utf-8"\?>/i.test(xml)) issues.push({ path: "/", message: 'missing <?xml version="1.0" encoding="UTF-8"?> declaration' });
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return { value: undefined, issues: [...issues, { path: "/", message: `not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})` }] };
  const parser = new XMLParser({
    ignoreDeclaration: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name, jpath) => {
      const parts = String(jpath).split(".");
      return parts.length >= 2 && ITEM[parts[parts.length - 2]!] === name;
    },
  });
  const doc = parser.parse(xml) as Json;
  const { root, list } = ROOT[kind];
  const roots = Object.keys(doc);
  if (roots.length !== 1 || roots[0] !== root) return { value: undefined, issues: [...issues, { path: "/", message: `root element must be <${root}>, found <${roots.join(">, <")}>` }] };

  const convert = (name: string, node: unknown, at: string, inErrors: boolean): unknown => {
    const item = ITEM[name];
    if (item) {
      if (node === "") return [];
      if (!node || typeof node !== "object" || Array.isArray(node)) {
        issues.push({ path: at, message: `<${name}> must hold <${item}> elements` });
        return [];
      }
      const kids = Object.keys(node);
      for (const k of kids) if (k !== item) issues.push({ path: at, message: `<${name}> holds <${k}>, expected only <${item}>` });
      return ((node as Json)[item] as unknown[] | undefined ?? []).map((x, i) => convert(item, x, `${at}/${i}`, inErrors || name === "errors"));
    }
    if (node && typeof node === "object") {
      if (Array.isArray(node)) {
        issues.push({ path: at, message: `<${name}> appears more than once` });
        return node;
      }
      return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, convert(k, v, `${at}/${k}`, inErrors)]));
    }
    const text = String(node);
    if (text === "") return null;
    if (BOOLEAN.has(name)) {
      if (text === "true" || text === "false") return text === "true";
      issues.push({ path: at, message: `<${name}> must be true or false, found "${text}"` });
      return text;
    }
    if (NUMBER.has(name) || (inErrors && name === "code")) {
      const n = Number(text);
      if (text.trim() !== "" && Number.isFinite(n)) return n;
      issues.push({ path: at, message: `<${name}> must be a number, found "${text}"` });
      return text;
    }
    return text;
  };
  const value = list ? convert(root, doc[root], "", false) : convert("", doc[root] === "" ? {} : doc[root], "", false);
  return { value, issues };
}

/** Issues of an XML body: its shape (see open311XmlToJson), then its JSON form against the same schema as JSON. */
export function validateOpen311Xml(kind: Open311XmlKind, xml: string, opts: { strict?: boolean } = {}): Open311Issue[] {
  const { value, issues } = open311XmlToJson(kind, xml);
  if (value === undefined) return issues;
  return [...issues, ...validateOpen311(kind, value, opts)];
}
