import fs from "node:fs";
import path from "node:path";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FIXED_NOW } from "../../../test/clock.js";
import { referenceDir } from "../../../test/reference.js";
import {
  checkAttributes,
  formatDiscovery,
  formatErrors,
  formatPostResponse,
  formatRequest,
  formatRequests,
  formatServiceDefinition,
  formatServices,
  formatTokenResponse,
  httpStatusOf,
  open311Errors,
  open311Lang,
  parseFormat,
  parseFormBody,
  parsePostRequest,
  parseRequestsQuery,
  parseW3,
  render,
  toXml,
  w3DateTime,
  type Open311Bodies,
  type Open311Kind,
  type PublicCase,
  type ServiceDef,
} from "./open311.js";
import { open311XmlToJson, validateOpen311, validateOpen311Xml } from "./open311-schema.js";

// ─── fixtures ──────────────────────────────────────────────────────────────────────────────────────────────────

const FLOOD: ServiceDef = {
  code: "road-flood",
  nameTh: "น้ำท่วมถนน",
  nameEn: "Flooded road",
  descriptionTh: "ถนนมีน้ำท่วมขัง สัญจรไม่ได้",
  descriptionEn: "Water on the road; traffic cannot pass",
  group: "ถนนและทางเท้า",
  keywords: ["น้ำท่วม", "ถนน", "flood"],
  metadata: true,
  attributes: [
    { code: "observed", datatype: "datetime", required: false, descriptionTh: "เห็นน้ำท่วมเมื่อใด", descriptionEn: "When was it seen?", order: 4 },
    { code: "depth_cm", datatype: "number", required: true, descriptionTh: "ระดับน้ำ (ซม.)", descriptionEn: "Water depth (cm)", order: 1 },
    {
      code: "severity",
      datatype: "singlevaluelist",
      required: true,
      descriptionTh: "ความรุนแรง",
      descriptionEn: "Severity",
      order: 2,
      values: [
        { key: "low", name: "รถเล็กผ่านได้", nameEn: "Cars can pass" },
        { key: "high", name: "รถผ่านไม่ได้", nameEn: "Impassable" },
      ],
    },
    {
      code: "affected",
      datatype: "multivaluelist",
      required: false,
      descriptionTh: "ผู้ได้รับผลกระทบ",
      order: 3,
      values: [
        { key: "school", name: "โรงเรียน" },
        { key: "clinic", name: "สถานพยาบาล" },
        { key: "market", name: "ตลาด" },
      ],
    },
    { code: "landmark", datatype: "string", required: false, descriptionTh: "จุดสังเกต", order: 5 },
    { code: "details", datatype: "text", required: false, descriptionTh: "รายละเอียดเพิ่มเติม", order: 6 },
    { code: "notice", datatype: "text", required: false, variable: false, descriptionTh: "หากมีผู้ติดอยู่ในน้ำ โทร 1669", order: 7 },
  ],
};
const STRAY_DOGS: ServiceDef = {
  code: "stray-dogs",
  nameTh: "สุนัขจรจัด",
  nameEn: "Stray dogs",
  descriptionTh: "สุนัขจรจัดในที่สาธารณะ",
  group: null,
  keywords: [],
  metadata: false,
  attributes: [],
};
const SERVICES = [FLOOD, STRAY_DOGS];
const findService = (code: string) => SERVICES.find((s) => s.code === code);

const OPEN: PublicCase = {
  id: "CR-2569-000123",
  status: "open",
  serviceCode: "road-flood",
  serviceName: "น้ำท่วมถนน",
  description: "น้ำท่วมสูงประมาณ 40 ซม. หน้าโรงเรียน\nรถเล็กผ่านไม่ได้",
  agencyResponsible: "องค์การบริหารส่วนตำบลบ้านดู่",
  requestedAt: new Date("2026-11-20T01:15:00Z"),
  updatedAt: "2026-11-21T08:00:00+07:00",
  expectedAt: new Date("2026-11-23T10:00:00Z"),
  address: "ตำบลบ้านดู่, อำเภอเมืองเชียงราย, จังหวัดเชียงราย",
  zipcode: "57100",
  lat: 19.97,
  long: 99.86,
  mediaUrl: "https://changwat.example/public/cases/CR-2569-000123/after.jpg",
};
const CLOSED: PublicCase = {
  id: "CR-2569-000007",
  status: "closed",
  statusNotes: "ซ่อมท่อระบายน้ำเสร็จแล้ว (resolved)",
  serviceCode: "stray-dogs",
  serviceName: "Stray dogs",
  description: null,
  agencyResponsible: null,
  serviceNotice: "ปศุสัตว์อำเภอจะลงพื้นที่ภายใน 3 วัน",
  requestedAt: new Date("2026-10-01T00:00:00Z"),
  updatedAt: new Date("2026-10-05T09:30:00Z"),
  address: null,
  lat: null,
  long: null,
};

/** Every formatter's body with the schema kind it must satisfy. */
const BODIES: { name: string; kind: Open311Kind; value: Open311Bodies[Open311Kind] }[] = [
  { name: "discovery", kind: "discovery", value: formatDiscovery("https://changwat.example/open311/v2/", FIXED_NOW) },
  { name: "services (th)", kind: "services", value: formatServices(SERVICES, "th") },
  { name: "services (en)", kind: "services", value: formatServices(SERVICES, "en") },
  { name: "services, empty list", kind: "services", value: formatServices([], "th") },
  { name: "definition with attributes and values", kind: "service-definition", value: formatServiceDefinition(FLOOD, "th") },
  { name: "definition (en)", kind: "service-definition", value: formatServiceDefinition(FLOOD, "en") },
  { name: "definition without attributes", kind: "service-definition", value: formatServiceDefinition(STRAY_DOGS, "th") },
  { name: "requests: open and closed-with-notes", kind: "requests", value: formatRequests([OPEN, CLOSED]) },
  { name: "requests, empty list", kind: "requests", value: formatRequests([]) },
  { name: "post response (id)", kind: "post-response", value: formatPostResponse({ serviceRequestId: "CR-2569-000124", serviceNotice: "รับเรื่องแล้ว" }) },
  { name: "post response (token, account)", kind: "post-response", value: formatPostResponse({ token: "tk-9f2c", accountId: "acct-77" }) },
  { name: "token response (resolved)", kind: "token-response", value: formatTokenResponse({ token: "tk-9f2c", serviceRequestId: "CR-2569-000124" }) },
  { name: "token response (pending)", kind: "token-response", value: formatTokenResponse({ token: "tk-9f2c" }) },
  { name: "errors", kind: "errors", value: formatErrors([open311Errors.serviceNotFound("nope"), open311Errors.apiKeyInvalid()]) },
];

/** JSON as a client receives it. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ─── schema validation: JSON and XML ───────────────────────────────────────────────────────────────────────────

describe("every formatter's output is valid against the reference Open311 schemas", () => {
  for (const b of BODIES) {
    it(`${b.name}: JSON valid, no field beyond the schema`, () => {
      expect(validateOpen311(b.kind, wire(b.value), { strict: true })).toEqual([]);
    });
    it(`${b.name}: XML has the spec's shape, carries the same values, and is valid as JSON`, () => {
      const xml = toXml(b.kind, b.value as never);
      expect(validateOpen311Xml(b.kind, xml, { strict: true })).toEqual([]);
      expect(open311XmlToJson(b.kind, xml).value).toEqual(wire(b.value));
    });
  }

  it("each single request also satisfies request.json", () => {
    for (const c of [OPEN, CLOSED]) expect(validateOpen311("request", wire(formatRequest(c)), { strict: true })).toEqual([]);
    for (const s of formatServices(SERVICES, "th")) expect(validateOpen311("service", s, { strict: true })).toEqual([]);
  });

  it("the validator can fail: missing required fields, wrong types, invented fields, wrong XML", () => {
    const [req] = wire(formatRequests([OPEN]));
    const { requested_datetime: _dropped, ...noDate } = req!;
    expect(validateOpen311("requests", [noDate]).map((i) => i.message).join()).toMatch(/requested_datetime/);
    expect(validateOpen311("requests", [{ ...req, status: "in_progress" }])).not.toEqual([]);
    expect(validateOpen311("requests", [{ ...req, lat: "19.97" }])).not.toEqual([]);
    expect(validateOpen311("requests", [{ ...req, media_url: "not a url" }])).not.toEqual([]);
    // the reference schemas allow extra fields; strict mode is what catches a leaked one
    expect(validateOpen311("requests", [{ ...req, phone: "0812345678" }])).toEqual([]);
    expect(validateOpen311("requests", [{ ...req, phone: "0812345678" }], { strict: true }).map((i) => i.message).join()).toMatch(/phone/);
    expect(validateOpen311("services", [{ ...formatServices([FLOOD], "th")[0], metadata: "true" }])).not.toEqual([]);
    expect(validateOpen311("errors", [])).not.toEqual([]);
    const xml = toXml("services", formatServices([FLOOD], "th"));
    expect(validateOpen311Xml("services", xml.replace(/<\?xml[^>]*>\n/, ""))).toEqual([{ path: "/", message: expect.stringMatching(/declaration/) }]);
    expect(validateOpen311Xml("services", xml.replace(/services>/g, "service_list>"))[0]!.message).toMatch(/root element must be <services>/);
    expect(validateOpen311Xml("services", xml.replace("<metadata>true</metadata>", "<metadata>yes</metadata>")).map((i) => i.message).join()).toMatch(/true or false/);
    expect(validateOpen311Xml("services", xml.replace("</services>", "<item/></services>")).map((i) => i.message).join()).toMatch(/holds <item>/);
    expect(validateOpen311Xml("services", xml.replace("</services>", ""))[0]!.message).toMatch(/not well-formed/);
  });

  it("the helper accepts the spec's own XML examples (its one conflict with swagger.json is named)", () => {
    const spec = fs.readFileSync(path.join(referenceDir(), "schemas", "open311-georeport-v2", "GeoReport_v2-spec.md"), "utf8");
    const examples = spec
      .split("~~~~")
      .filter((b) => b.includes("<?xml"))
      .map((b) => b.slice(b.indexOf("<?xml")).trim());
    expect(examples).toHaveLength(7);
    const kindOf = (x: string) =>
      x.includes("<services>") ? "services" : x.includes("<service_definition>") ? "service-definition" : x.includes("<errors>") ? "errors" : x.includes("<token>") ? "token-response" : x.includes("<status>") ? "requests" : "post-response";
    const seen = new Map<string, unknown>();
    for (const x of examples) seen.set(kindOf(x), validateOpen311Xml(kindOf(x), x));
    expect([...seen.keys()].sort()).toEqual(["errors", "post-response", "requests", "service-definition", "services", "token-response"]);
    for (const [k, issues] of seen) if (k !== "post-response") expect(issues, k).toEqual([]);
    // the spec's POST example has <account_id/> (JSON null) while swagger's RequestResponse says string: we omit it instead
    expect(seen.get("post-response")).toEqual([{ path: "/0/account_id", message: expect.stringMatching(/must be string/) }]);
  });
});

// ─── what the formatters put in ────────────────────────────────────────────────────────────────────────────────

describe("formatters", () => {
  it("discovery names the GeoReport v2 endpoint, both formats and the change time", () => {
    const d = formatDiscovery("https://changwat.example/open311/v2/", FIXED_NOW);
    expect(d.changeset).toBe("2026-11-22T10:00:00+07:00");
    expect(d.endpoints).toEqual([
      { specification: "http://wiki.open311.org/GeoReport_v2", url: "https://changwat.example/open311/v2", changeset: d.changeset, type: "production", formats: ["text/xml", "application/json"] },
    ]);
  });

  it("services in Thai and English; metadata true whenever there are attributes; keywords comma-joined", () => {
    const [th, dogs] = formatServices([{ ...FLOOD, metadata: false }, STRAY_DOGS], "th");
    expect(th).toEqual({
      service_code: "road-flood",
      service_name: "น้ำท่วมถนน",
      description: "ถนนมีน้ำท่วมขัง สัญจรไม่ได้",
      metadata: true,
      type: "realtime",
      keywords: "น้ำท่วม, ถนน, flood",
      group: "ถนนและทางเท้า",
    });
    expect(dogs).toMatchObject({ metadata: false, keywords: null, group: null });
    const [en, dogsEn] = formatServices(SERVICES, "en");
    expect(en).toMatchObject({ service_name: "Flooded road", description: "Water on the road; traffic cannot pass" });
    expect(dogsEn).toMatchObject({ service_name: "Stray dogs", description: "สุนัขจรจัดในที่สาธารณะ" }); // no English description: Thai rather than nothing
  });

  it("a service definition lists attributes by order, values only on lists, labels in the asked language", () => {
    const th = formatServiceDefinition(FLOOD, "th");
    expect(th.attributes.map((a) => a.code)).toEqual(["depth_cm", "severity", "affected", "observed", "landmark", "details", "notice"]);
    expect(th.attributes.map((a) => "values" in a)).toEqual([false, true, true, false, false, false, false]);
    expect(th.attributes[1]).toEqual({
      variable: true,
      code: "severity",
      datatype: "singlevaluelist",
      required: true,
      datatype_description: "เลือกหนึ่งค่า (ส่ง key)",
      order: 2,
      description: "ความรุนแรง",
      values: [
        { key: "low", name: "รถเล็กผ่านได้" },
        { key: "high", name: "รถผ่านไม่ได้" },
      ],
    });
    expect(th.attributes.at(-1)).toMatchObject({ variable: false, code: "notice" });
    const en = formatServiceDefinition(FLOOD, "en");
    expect(en.attributes[1]!.values).toEqual([
      { key: "low", name: "Cars can pass" },
      { key: "high", name: "Impassable" },
    ]);
    expect(en.attributes[2]!.values![0]).toEqual({ key: "school", name: "โรงเรียน" }); // no English label given
    expect(en.attributes[0]).toMatchObject({ description: "Water depth (cm)", datatype_description: "A number, e.g. 12 or 3.5" });
    expect(formatServiceDefinition(STRAY_DOGS, "th")).toEqual({ service_code: "stray-dogs", attributes: [] });
  });

  it("a request carries exactly the public fields, dates in w3 form with the Bangkok offset", () => {
    expect(formatRequest(OPEN)).toEqual({
      service_request_id: "CR-2569-000123",
      status: "open",
      status_notes: null,
      service_name: "น้ำท่วมถนน",
      service_code: "road-flood",
      description: "น้ำท่วมสูงประมาณ 40 ซม. หน้าโรงเรียน\nรถเล็กผ่านไม่ได้",
      agency_responsible: "องค์การบริหารส่วนตำบลบ้านดู่",
      service_notice: null,
      requested_datetime: "2026-11-20T08:15:00+07:00",
      updated_datetime: "2026-11-21T08:00:00+07:00",
      expected_datetime: "2026-11-23T17:00:00+07:00",
      address: "ตำบลบ้านดู่, อำเภอเมืองเชียงราย, จังหวัดเชียงราย",
      address_id: null,
      zipcode: "57100",
      lat: 19.97,
      long: 99.86,
      media_url: "https://changwat.example/public/cases/CR-2569-000123/after.jpg",
    });
    expect(formatRequest(CLOSED)).toMatchObject({ status: "closed", status_notes: "ซ่อมท่อระบายน้ำเสร็จแล้ว (resolved)", service_notice: "ปศุสัตว์อำเภอจะลงพื้นที่ภายใน 3 วัน", lat: null, long: null, expected_datetime: null });
    // a token is for its holder only: GET requests never shows it
    expect(JSON.stringify(formatRequests([{ ...OPEN, token: "tk-secret" }]))).not.toContain("tk-secret");
  });

  it("a description over 4,000 characters is cut to 4,000 code points (Thai and astral characters intact)", () => {
    const long = "ก".repeat(3000) + "😀".repeat(1500);
    const [r] = formatRequests([{ ...OPEN, description: long }]);
    expect(Array.from(r!.description!)).toHaveLength(4000);
    expect(r!.description!.endsWith("😀…")).toBe(true);
    expect(validateOpen311("requests", [r])).toEqual([]);
    expect(validateOpen311("requests", [{ ...r, description: long }])).not.toEqual([]); // the schema does enforce it
  });

  it("POST response: the id or the token, never both", () => {
    expect(formatPostResponse({ serviceRequestId: "A1", token: "T1", serviceNotice: "รับเรื่องแล้ว" })).toEqual([{ service_request_id: "A1", service_notice: "รับเรื่องแล้ว" }]);
    expect(formatPostResponse({ token: "T1" })).toEqual([{ token: "T1" }]);
    expect(formatTokenResponse({ token: "T1", serviceRequestId: "A1" })).toEqual([{ service_request_id: "A1", token: "T1" }]);
  });

  it("errors keep the spec's {code, description} and map to one HTTP status", () => {
    expect(formatErrors([open311Errors.serviceNotFound("x")])).toEqual([{ code: 404, description: "service_code not found: x / ไม่พบรหัสบริการ x" }]);
    expect(httpStatusOf([open311Errors.general(), open311Errors.requestNotFound("1")])).toBe(404);
    expect(httpStatusOf([open311Errors.requestNotFound("1"), open311Errors.apiKeyMissing()])).toBe(403);
    expect(httpStatusOf([open311Errors.general()])).toBe(400);
  });

  it("w3 date-times, formats, languages, render", () => {
    expect(w3DateTime("2026-01-01T00:00:00Z")).toBe("2026-01-01T07:00:00+07:00");
    expect(w3DateTime(new Date("2026-12-31T20:30:15.789Z"))).toBe("2027-01-01T03:30:15+07:00");
    expect(() => w3DateTime("yesterday")).toThrow(/not a date-time/);
    expect([parseFormat("services.json"), parseFormat("XML"), parseFormat("csv")]).toEqual(["json", "xml", undefined]);
    expect([open311Lang("en"), open311Lang(undefined, "en-GB,en;q=0.8"), open311Lang(undefined, "th-TH"), open311Lang("fr"), open311Lang()]).toEqual(["en", "en", "th", "th", "th"]);
    const errs = formatErrors([open311Errors.general()]);
    expect(render("errors", "json", errs)).toEqual({ contentType: "application/json; charset=utf-8", body: JSON.stringify(errs) });
    expect(render("errors", "xml", errs)).toEqual({ contentType: "text/xml; charset=utf-8", body: toXml("errors", errs) });
  });
});

// ─── XML ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Child element names, in document order, of the first element reached by `tags` (XML parsed with order kept). */
function childNames(xml: string, tags: string[]): string[] {
  type Node = Record<string, Node[]>;
  let nodes = new XMLParser({ preserveOrder: true, ignoreDeclaration: true }).parse(xml) as Node[];
  for (const t of tags) nodes = nodes.find((n) => t in n)![t]!;
  return nodes.map((n) => Object.keys(n)[0]!);
}

describe("XML output", () => {
  it("uses the spec's element names, in the spec's order", () => {
    expect(childNames(toXml("services", formatServices([FLOOD], "th")), ["services", "service"])).toEqual(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]);
    const def = toXml("service-definition", formatServiceDefinition(FLOOD, "th"));
    expect(childNames(def, ["service_definition"])).toEqual(["service_code", "attributes"]);
    expect(childNames(def, ["service_definition", "attributes"])).toEqual(Array(7).fill("attribute"));
    const severity = toXml("service-definition", formatServiceDefinition({ ...FLOOD, attributes: [FLOOD.attributes[2]!] }, "th"));
    const attr = ["service_definition", "attributes", "attribute"];
    expect(childNames(severity, attr)).toEqual(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"]);
    expect(childNames(severity, [...attr, "values"])).toEqual(["value", "value"]);
    expect(childNames(severity, [...attr, "values", "value"])).toEqual(["key", "name"]);
    expect(childNames(toXml("requests", formatRequests([OPEN])), ["service_requests", "request"])).toEqual([
      "service_request_id",
      "status",
      "status_notes",
      "service_name",
      "service_code",
      "description",
      "agency_responsible",
      "service_notice",
      "requested_datetime",
      "updated_datetime",
      "expected_datetime",
      "address",
      "address_id",
      "zipcode",
      "lat",
      "long",
      "media_url",
    ]);
    expect(childNames(toXml("errors", formatErrors([open311Errors.general()])), ["errors", "error"])).toEqual(["code", "description"]);
    const disc = toXml("discovery", formatDiscovery("https://x.example/open311/v2", FIXED_NOW));
    expect(childNames(disc, ["discovery"])).toEqual(["changeset", "contact", "key_service", "endpoints"]);
    expect(childNames(disc, ["discovery", "endpoints", "endpoint", "formats"])).toEqual(["format", "format"]);
    expect(toXml("requests", [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests/>\n');
  });

  it("is byte-identical to fast-xml-parser's XMLBuilder (same escaping, same empty elements) for every body", () => {
    const b = new XMLBuilder({ format: true, indentBy: "  ", suppressEmptyNode: true });
    const ITEM: Record<string, string> = { services: "service", service_requests: "request", errors: "error", attributes: "attribute", values: "value", endpoints: "endpoint", formats: "format" };
    const tree = (name: string, v: unknown): unknown =>
      Array.isArray(v) ? (v.length ? { [ITEM[name]!]: v.map((x) => tree(ITEM[name]!, x)) } : "") : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tree(k, x)])) : v;
    const ROOT: Record<Open311Kind, string> = { discovery: "discovery", services: "services", "service-definition": "service_definition", requests: "service_requests", "post-response": "service_requests", "token-response": "service_requests", errors: "errors" };
    const nasty = formatRequests([{ ...OPEN, description: `a & b < c > d " e ' f &amp; ถนน` }]);
    for (const x of [...BODIES, { name: "nasty", kind: "requests" as const, value: nasty }])
      expect(toXml(x.kind, x.value as never), x.name).toBe(`<?xml version="1.0" encoding="utf-8"?>\n${b.build({ [ROOT[x.kind]]: tree(ROOT[x.kind], x.value) }) as string}`);
  });

  it("escapes & < > \" ' in Thai text and reads back the same text", () => {
    const nasty = 'ถนน "สายหลัก" & ซอย <3> ของ \'บ้านดู่\' </description><x>';
    const body = formatRequests([{ ...OPEN, description: nasty, statusNotes: "A&B <ปิด>" }]);
    const xml = toXml("requests", body);
    expect(xml).toContain("ถนน &quot;สายหลัก&quot; &amp; ซอย &lt;3&gt; ของ &apos;บ้านดู่&apos; &lt;/description&gt;&lt;x&gt;");
    expect(xml).not.toContain("<x>");
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(true);
    const back = open311XmlToJson("requests", xml).value as { description: string; status_notes: string }[];
    expect(back[0]!.description).toBe(nasty);
    expect(back[0]!.status_notes).toBe("A&B <ปิด>");
    expect(validateOpen311Xml("requests", xml, { strict: true })).toEqual([]);
  });

  it("drops characters XML 1.0 cannot carry, so a pasted control character cannot break the document", () => {
    const xml = toXml("requests", formatRequests([{ ...OPEN, description: "น้ำ\u0000ท่วม\u0007\u001b ถนน\ud800" }]));
    expect(validateOpen311Xml("requests", xml)).toEqual([]);
    expect((open311XmlToJson("requests", xml).value as { description: string }[])[0]!.description).toBe("น้ำท่วม ถนน");
  });
});

// ─── input: POST requests ──────────────────────────────────────────────────────────────────────────────────────

const descriptions = (r: { ok: boolean; errors?: { description: string }[] }) => (r.ok ? "" : r.errors!.map((e) => e.description).join("\n"));

describe("parsePostRequest", () => {
  const good = parseFormBody(
    [
      "api_key=k-123",
      "service_code=road-flood",
      "lat=19.9712",
      "long=99.8601",
      "address_string=" + encodeURIComponent("หน้าโรงเรียนบ้านดู่"),
      "email=somchai%40example.co.th",
      "first_name=" + encodeURIComponent("สมชาย"),
      "phone=081-234-5678",
      "description=" + encodeURIComponent("น้ำท่วม & ถนนขาด"),
      "media_url=" + encodeURIComponent("https://img.example/1.jpg"),
      "attribute[depth_cm]=40",
      "attribute[severity]=high",
      "attribute[affected][]=school",
      "attribute[affected][]=market",
      "attribute[observed]=2026-11-22T07:30:00%2B07:00",
      "device_id=",
    ].join("&"),
  );

  it("reads the spec's form fields, attribute[code] and attribute[code][] (multivaluelist) included", () => {
    expect(good["attribute[affected][]"]).toEqual(["school", "market"]);
    const r = parsePostRequest(good, findService);
    expect(r).toEqual({
      ok: true,
      value: {
        serviceCode: "road-flood",
        apiKey: "k-123",
        lat: 19.9712,
        long: 99.8601,
        addressString: "หน้าโรงเรียนบ้านดู่",
        email: "somchai@example.co.th",
        firstName: "สมชาย",
        phone: "081-234-5678",
        description: "น้ำท่วม & ถนนขาด",
        mediaUrl: "https://img.example/1.jpg",
        attributes: { depth_cm: "40", severity: "high", affected: ["school", "market"], observed: "2026-11-22T00:30:00.000Z" },
      },
    });
  });

  it("without a service lookup, attributes come back as sent", () => {
    const r = parsePostRequest(parseFormBody("service_code=x&address_id=A-1&attribute[a]=1&attribute[b][]=2&attribute[c]=3&attribute[c]=4"));
    expect(r).toEqual({ ok: true, value: { serviceCode: "x", addressId: "A-1", attributes: { a: "1", b: ["2"], c: ["3", "4"] } } });
    // a qs-style parser's nested object is read the same way
    expect(parsePostRequest({ service_code: "x", address_id: "A-1", attribute: { a: "1", b: ["2", "3"] } })).toMatchObject({ ok: true, value: { attributes: { a: "1", b: ["2", "3"] } } });
  });

  it("a location is any one of lat+long, address_string, address_id; empty fields count as absent", () => {
    expect(parsePostRequest({ service_code: "stray-dogs", address_string: "ตลาดบ้านดู่" }, findService).ok).toBe(true);
    expect(parsePostRequest({ service_code: "stray-dogs", address_id: "57010101" }, findService).ok).toBe(true);
    expect(parsePostRequest({ service_code: "stray-dogs", lat: "-90", long: "180" }, findService).ok).toBe(true);
    const none = parsePostRequest({ service_code: "stray-dogs", lat: "", long: "", address_string: "  " }, findService);
    expect(none).toEqual({ ok: false, errors: [{ code: 400, description: "A location is required: lat and long, address_string or address_id / ต้องระบุตำแหน่ง: lat และ long หรือ address_string หรือ address_id" }] });
  });

  const bad: [string, Record<string, unknown>, RegExp, number?][] = [
    ["missing service_code", { lat: "19.9", long: "99.8" }, /service_code was not provided \/ ไม่ได้ระบุรหัสบริการ/],
    ["unknown service_code (404)", { service_code: "nope", lat: "19.9", long: "99.8" }, /service_code not found: nope/, 404],
    ["service_code twice", { service_code: ["road-flood", "stray-dogs"], lat: "19.9", long: "99.8" }, /service_code was given more than once/],
    ["no location", { service_code: "stray-dogs" }, /A location is required/],
    ["lat 91", { service_code: "stray-dogs", lat: "91", long: "99.8" }, /lat must be a number from -90 to 90.*: 91 \/ lat ต้องเป็น/],
    ["long -181", { service_code: "stray-dogs", lat: "19", long: "-181" }, /long must be a number from -180 to 180/],
    ["lat not a number", { service_code: "stray-dogs", lat: "19,9", long: "99.8" }, /lat must be a number/],
    ["lat Infinity", { service_code: "stray-dogs", lat: "Infinity", long: "99.8" }, /lat must be a number/],
    ["lat without long", { service_code: "stray-dogs", lat: "19.9", address_string: "x" }, /lat and long must be sent together/],
    ["bad email", { service_code: "stray-dogs", address_id: "1", email: "somchai@" }, /email is not an e-mail address/],
    ["bad phone", { service_code: "stray-dogs", address_id: "1", phone: "call me" }, /phone is not a phone number/],
    ["media_url not http", { service_code: "stray-dogs", address_id: "1", media_url: "javascript:alert(1)" }, /media_url must be an http\(s\) URL/],
    ["description over 4000", { service_code: "stray-dogs", address_id: "1", description: "ก".repeat(4001) }, /description is longer than 4000 characters/],
    ["malformed attribute key", { service_code: "stray-dogs", address_id: "1", "attribute[a": "1" }, /malformed attribute field "attribute\[a"/],
    ["required attribute missing", { service_code: "road-flood", address_id: "1", "attribute[severity]": "low" }, /attribute\[depth_cm\] is required \/ ต้องกรอก ระดับน้ำ/],
    ["singlevaluelist key unknown", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity]": "extreme" }, /attribute\[severity\]: unknown value extreme/],
    ["singlevaluelist given twice", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity][]": ["low", "high"] }, /attribute\[severity\] takes one value, got 2/],
    ["multivaluelist key unknown", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity]": "low", "attribute[affected][]": ["school", "zoo"] }, /attribute\[affected\]: unknown value\(s\) zoo/],
    ["number not a number", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "สี่สิบ", "attribute[severity]": "low" }, /attribute\[depth_cm\] must be a number: สี่สิบ/],
    ["datetime without time zone", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity]": "low", "attribute[observed]": "2026-11-22T07:30:00" }, /attribute\[observed\] must be an ISO 8601 date-time/],
    ["datetime impossible", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity]": "low", "attribute[observed]": "2026-02-30" }, /attribute\[observed\] must be an ISO 8601/],
    ["string with a line break", { service_code: "road-flood", address_id: "1", "attribute[depth_cm]": "5", "attribute[severity]": "low", "attribute[landmark]": "a\nb" }, /attribute\[landmark\] must be on one line/],
    ["attribute not defined", { service_code: "stray-dogs", address_id: "1", "attribute[colour]": "ดำ" }, /attribute colour is not defined for service stray-dogs/],
    // JSON bodies can carry what a form cannot: a list holding an object is not a value to pick text from
    ["email as a list holding an object (JSON)", { service_code: "stray-dogs", address_id: "1", email: [{}] }, /email must be text/],
    ["service_code as a list with a number (JSON)", { service_code: ["stray-dogs", 7], address_id: "1" }, /service_code must be text/],
    ["attribute value an object (JSON)", { service_code: "road-flood", address_id: "1", attribute: { depth_cm: { v: 5 }, severity: "low" } }, /attribute\[depth_cm\] must be text/],
  ];
  for (const [name, body, message, status = 400] of bad)
    it(`refuses: ${name}`, () => {
      const r = parsePostRequest(body, findService);
      expect(r.ok).toBe(false);
      expect(descriptions(r)).toMatch(message);
      if (!r.ok) {
        expect(httpStatusOf(r.errors)).toBe(status);
        // every message is English then Thai
        for (const e of r.errors) expect(e.description).toMatch(/^[\x20-\x7e]+.* \/ .*[\u0e00-\u0e7f]/s);
        expect(validateOpen311("errors", formatErrors(r.errors))).toEqual([]);
      }
    });

  it("reports every problem at once", () => {
    const r = parsePostRequest({ lat: "91", long: "0", email: "x" }, findService);
    expect(r.ok ? [] : r.errors.map((e) => e.description.split(" / ")[0])).toEqual([
      "service_code was not provided",
      "lat must be a number from -90 to 90 (WGS84): 91",
      "email is not an e-mail address: x",
    ]);
  });

  it("checkAttributes normalises values and drops informational attributes", () => {
    expect(checkAttributes(FLOOD, { depth_cm: " 040.50 ", severity: "low", affected: ["clinic", "clinic"], landmark: "วัดพระแก้ว", notice: "ignored", details: "บรรทัด 1\nบรรทัด 2" })).toEqual({
      ok: true,
      value: { depth_cm: "40.5", severity: "low", affected: ["clinic"], landmark: "วัดพระแก้ว", details: "บรรทัด 1\nบรรทัด 2" },
    });
    expect(checkAttributes(STRAY_DOGS, {})).toEqual({ ok: true, value: {} });
  });
});

// ─── input: GET requests query ─────────────────────────────────────────────────────────────────────────────────

describe("parseRequestsQuery", () => {
  const now = FIXED_NOW;
  const DAY = 86_400_000;
  const ok = (q: Record<string, unknown>) => {
    const r = parseRequestsQuery(q, now);
    if (!r.ok) throw new Error(descriptions(r));
    return r.value;
  };
  /** A date-window query (not service_request_id), narrowed for the type checker. */
  const search = (q: Record<string, unknown>) => {
    const v = ok(q);
    if (v.ids) throw new Error("expected a date-window query");
    return v;
  };
  const fails = (q: Record<string, unknown>) => descriptions(parseRequestsQuery(q, now));

  it("defaults to the 90 days up to now and at most 1000 requests", () => {
    expect(ok({})).toEqual({ startDate: new Date(now.getTime() - 90 * DAY), endDate: now, limit: 1000 });
    // optional arguments: empty equals absent
    expect(ok({ start_date: "", end_date: "", status: "", service_code: "" })).toEqual(ok({}));
  });

  it("takes the spec's filters: dates, comma lists, repeated parameters", () => {
    expect(ok({ start_date: "2026-10-01T00:00:00Z", end_date: "2026-10-31T23:59:59+07:00", status: "open", service_code: "road-flood, stray-dogs", jurisdiction_id: "TH-57" })).toEqual({
      startDate: new Date("2026-10-01T00:00:00Z"),
      endDate: new Date("2026-10-31T16:59:59Z"),
      status: ["open"],
      serviceCodes: ["road-flood", "stray-dogs"],
      jurisdictionId: "TH-57",
      limit: 1000,
    });
    expect(search({ status: ["open", "closed,open"] }).status).toEqual(["open", "closed"]);
    expect(ok({ service_code: ["a", "b,a"] })).toMatchObject({ serviceCodes: ["a", "b"] });
  });

  it("one date opens a 90-day window from or to it; a bare end date means the end of that Bangkok day", () => {
    expect(ok({ start_date: "2026-09-01T00:00:00+07:00" })).toMatchObject({ startDate: new Date("2026-08-31T17:00:00Z"), endDate: new Date(new Date("2026-08-31T17:00:00Z").getTime() + 90 * DAY) });
    expect(ok({ end_date: "2026-10-31" })).toMatchObject({ endDate: new Date("2026-10-31T16:59:59.999Z"), startDate: new Date(new Date("2026-10-31T16:59:59.999Z").getTime() - 90 * DAY) });
    expect(search({ start_date: "2026-10-01" }).startDate).toEqual(new Date("2026-09-30T17:00:00Z"));
  });

  it("reads an unencoded '+' offset (a space after URL decoding) as '+'", () => {
    expect(search({ start_date: "2026-10-01T00:00:00 07:00", end_date: "2026-10-02T00:00:00 07:00" }).startDate).toEqual(new Date("2026-09-30T17:00:00Z"));
  });

  it("exactly 90 days is allowed, one second more is not; end before start is refused", () => {
    expect(search({ start_date: "2026-08-01T00:00:00Z", end_date: "2026-10-30T00:00:00Z" }).endDate).toEqual(new Date("2026-10-30T00:00:00Z"));
    expect(fails({ start_date: "2026-08-01T00:00:00Z", end_date: "2026-10-30T00:00:01Z" })).toMatch(/may not span more than 90 days \/ ช่วง/);
    expect(fails({ start_date: "2026-10-02T00:00:00Z", end_date: "2026-10-01T00:00:00Z" })).toMatch(/end_date is before start_date/);
  });

  it("refuses dates without a time zone, impossible dates and unknown statuses", () => {
    expect(fails({ start_date: "2026-10-01T00:00:00" })).toMatch(/start_date must be a w3 date-time with a time zone/);
    expect(fails({ end_date: "2026-02-29" })).toMatch(/end_date must be/); // 2026 is not a leap year
    expect(fails({ start_date: "2026-10-01T24:00:00Z" })).toMatch(/start_date must be/);
    expect(fails({ start_date: "1 Oct 2026" })).toMatch(/start_date must be/);
    expect(fails({ status: "open,pending" })).toMatch(/status must be open or closed, not pending/);
  });

  it("service_request_id overrides every other argument (even invalid ones) and is capped at 1000", () => {
    expect(ok({ service_request_id: "A1, A2,A1", status: "bogus", start_date: "never" })).toEqual({ ids: ["A1", "A2"], limit: 1000 });
    const many = Array.from({ length: 1001 }, (_, i) => `R${i}`).join(",");
    expect(fails({ service_request_id: many })).toMatch(/At most 1000 service_request_id/);
  });

  it("parseW3 accepts the w3 profile and nothing looser", () => {
    expect(parseW3("1994-11-05T08:15:30-05:00")).toEqual(new Date("1994-11-05T13:15:30Z"));
    expect(parseW3("1994-11-05T13:15:30.25Z")).toEqual(new Date("1994-11-05T13:15:30.250Z"));
    expect(parseW3("1994-11-05T13:15Z")).toEqual(new Date("1994-11-05T13:15:00Z"));
    for (const s of ["1994-11-05 13:15:30Z", "94-11-05", "1994-13-01", "1994-11-05T13:15:30+15:00", "1994-11-05T13:60Z", "2026-11-22T10:00:00+0700"]) expect(parseW3(s), s).toBeUndefined();
  });
});
