/**
 * Open311 GeoReport v2 adapter (http://wiki.open311.org/GeoReport_v2, Service Discovery): pure functions that shape
 * our service definitions and public case views into the spec's JSON and XML, and read its form-encoded POST and
 * GET-requests query. No database, no Fastify: routes call these. Input cases must already be public (no personal
 * data, coarse location); nothing here adds a field the caller did not pass.
 */

// ─── Our side ──────────────────────────────────────────────────────────────────────────────────────────────────

export type Open311Lang = "th" | "en";
export type AttributeDatatype = "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
export const ATTRIBUTE_DATATYPES: readonly AttributeDatatype[] = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"];

/** One extra form field of a service (an Open311 attribute). */
export type ServiceAttributeDef = {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  descriptionTh: string;
  descriptionEn?: string;
  /** Sort order, 1 first (Open311: a positive integer unique within the service). */
  order: number;
  /** Options of a singlevaluelist / multivaluelist; `name` is Thai, `nameEn` its English label. */
  values?: { key: string; name: string; nameEn?: string }[];
  /** false: the attribute only informs the user (no input expected); default true. */
  variable?: boolean;
  datatypeDescriptionTh?: string;
  datatypeDescriptionEn?: string;
};

/** A case category as offered through Open311 (one `service`). */
export type ServiceDef = {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn?: string;
  group: string | null;
  keywords: string[];
  metadata: boolean;
  /** realtime: POST returns the service_request_id at once (default); batch: a token; blackbox: nothing. */
  type?: "realtime" | "batch" | "blackbox";
  attributes: ServiceAttributeDef[];
};

/** A case as the public may see it: the caller guarantees no personal data and a coarsened location. */
export type PublicCase = {
  /** service_request_id */
  id: string;
  /** Not published by GET requests (the Request schema has no token); only GET tokens/{token} uses it. */
  token?: string;
  status: "open" | "closed";
  statusNotes?: string | null;
  serviceCode: string;
  serviceName: string;
  /** Already free of personal data; cut to the spec's 4,000 characters here. */
  description: string | null;
  agencyResponsible: string | null;
  serviceNotice?: string | null;
  requestedAt: Date | string;
  updatedAt: Date | string;
  expectedAt?: Date | string | null;
  /** Coarse, most specific first, e.g. "ตำบลเวียง, อำเภอเมืองเชียงราย, จังหวัดเชียงราย". */
  address: string | null;
  zipcode?: string | null;
  lat: number | null;
  long: number | null;
  /** Absolute URL (the schema checks `format: uri`). */
  mediaUrl?: string | null;
};

/** An Open311 error: `code` is the HTTP-like status, `description` English then Thai. */
export type Open311Error = { code: number; description: string };
export type Open311Result<T> = { ok: true; value: T } | { ok: false; errors: Open311Error[] };

// ─── The spec's JSON shapes ────────────────────────────────────────────────────────────────────────────────────

export type Open311Discovery = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: "production" | "test"; formats: string[] }[];
};
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: "realtime" | "batch" | "blackbox";
  keywords: string | null;
  group: string | null;
};
export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string | null;
  order: number | null;
  description: string | null;
  values?: { key: string; name: string }[];
};
export type Open311ServiceDefinition = { service_code: string; attributes: Open311Attribute[] };
export type Open311Request = {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};
export type Open311PostResponseItem = { service_request_id?: string; token?: string; service_notice?: string; account_id?: string };
export type Open311TokenItem = { service_request_id?: string; token: string };

/** Every response body by kind: what `toXml` and `render` accept. */
export type Open311Bodies = {
  discovery: Open311Discovery;
  services: Open311Service[];
  "service-definition": Open311ServiceDefinition;
  requests: Open311Request[];
  "post-response": Open311PostResponseItem[];
  "token-response": Open311TokenItem[];
  errors: Open311Error[];
};
export type Open311Kind = keyof Open311Bodies;

export const OPEN311_SPEC = "http://wiki.open311.org/GeoReport_v2";
/** GET requests returns at most this many (spec: "first 1000 requests"). */
export const OPEN311_MAX_REQUESTS = 1000;
/** Default and maximum span of a GET requests date window, in days. */
export const OPEN311_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
const DESCRIPTION_MAX = 4000;

// ─── Formatters ────────────────────────────────────────────────────────────────────────────────────────────────

/** A w3 date-time with the Bangkok offset (Thailand has no daylight saving), e.g. 2026-11-22T10:00:00+07:00. */
export function w3DateTime(d: Date | string): string {
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  if (!Number.isFinite(t)) throw new Error(`open311: not a date-time: ${String(d)}`);
  return `${new Date(t + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The Service Discovery document for one endpoint; `changedAt` = when the service list or definitions last changed. */
export function formatDiscovery(
  baseUrl: string,
  changedAt: Date,
  opts: { contact?: string; keyService?: string; type?: "production" | "test" } = {},
): Open311Discovery {
  const changeset = w3DateTime(changedAt);
  return {
    changeset,
    contact: opts.contact ?? "Contact the provincial Damrongdhama centre or hotline 1567 / ติดต่อศูนย์ดำรงธรรมจังหวัด หรือสายด่วน 1567",
    key_service:
      opts.keyService ??
      "API keys for posting clients are issued by the provincial administrators / ขอ API key สำหรับการส่งเรื่องได้จากผู้ดูแลระบบของจังหวัด",
    endpoints: [{ specification: OPEN311_SPEC, url: baseUrl.replace(/\/+$/, ""), changeset, type: opts.type ?? "production", formats: ["text/xml", "application/json"] }],
  };
}

const orNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s === "" ? null : s);

/** GET services: the list of service types, names and descriptions in `lang`. */
export function formatServices(defs: ServiceDef[], lang: Open311Lang): Open311Service[] {
  return defs.map((d) => ({
    service_code: d.code,
    service_name: lang === "en" ? d.nameEn || d.nameTh : d.nameTh,
    description: orNull(lang === "en" ? (d.descriptionEn ?? d.descriptionTh) : d.descriptionTh),
    // a service with attributes must say so, or clients never fetch its definition and fail on required fields
    metadata: d.metadata || d.attributes.length > 0,
    type: d.type ?? "realtime",
    keywords: d.keywords.length ? d.keywords.join(", ") : null,
    group: orNull(d.group),
  }));
}

const DATATYPE_HINT: Partial<Record<AttributeDatatype, { th: string; en: string }>> = {
  number: { th: "ตัวเลข เช่น 12 หรือ 3.5", en: "A number, e.g. 12 or 3.5" },
  datetime: { th: "วันเวลาแบบ ISO 8601 พร้อมเขตเวลา เช่น 2026-11-22T10:00:00+07:00", en: "ISO 8601 date-time with a time zone, e.g. 2026-11-22T10:00:00+07:00" },
  singlevaluelist: { th: "เลือกหนึ่งค่า (ส่ง key)", en: "Choose one (send its key)" },
  multivaluelist: { th: "เลือกได้หลายค่า (ส่ง attribute[code][]=key ซ้ำได้)", en: "Choose any (repeat attribute[code][]=key)" },
};

/** GET services/{code}: the attributes of one service, sorted by `order`, labels in `lang`. */
export function formatServiceDefinition(def: ServiceDef, lang: Open311Lang): Open311ServiceDefinition {
  const attrs = [...def.attributes].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  return {
    service_code: def.code,
    attributes: attrs.map((a) => {
      const hint = DATATYPE_HINT[a.datatype];
      const own = lang === "en" ? (a.datatypeDescriptionEn ?? a.datatypeDescriptionTh) : a.datatypeDescriptionTh;
      const out: Open311Attribute = {
        variable: a.variable ?? true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: orNull(own ?? (hint ? hint[lang] : null)),
        order: a.order,
        description: orNull(lang === "en" ? (a.descriptionEn ?? a.descriptionTh) : a.descriptionTh),
      };
      if (a.datatype === "singlevaluelist" || a.datatype === "multivaluelist")
        out.values = (a.values ?? []).map((v) => ({ key: v.key, name: lang === "en" ? (v.nameEn ?? v.name) : v.name }));
      return out;
    }),
  };
}

/** Cut to the spec's 4,000 characters (counted in code points, as JSON Schema does), marking the cut. */
function cap(s: string | null): string | null {
  if (s === null || s === "") return null;
  const cps = Array.from(s);
  return cps.length <= DESCRIPTION_MAX ? s : `${cps.slice(0, DESCRIPTION_MAX - 1).join("")}…`;
}

/** One public case as an Open311 request (GET requests/{id} answers with `formatRequests([c])`, the spec's list form). */
export function formatRequest(c: PublicCase): Open311Request {
  return {
    service_request_id: c.id,
    status: c.status,
    status_notes: orNull(c.statusNotes),
    service_name: orNull(c.serviceName),
    service_code: c.serviceCode,
    description: cap(c.description),
    agency_responsible: orNull(c.agencyResponsible),
    service_notice: orNull(c.serviceNotice),
    requested_datetime: w3DateTime(c.requestedAt),
    updated_datetime: w3DateTime(c.updatedAt),
    expected_datetime: c.expectedAt ? w3DateTime(c.expectedAt) : null,
    address: orNull(c.address),
    // our address ids would point at a precise place; the public view never carries one
    address_id: null,
    zipcode: orNull(c.zipcode),
    lat: c.lat ?? null,
    long: c.long ?? null,
    media_url: orNull(c.mediaUrl),
  };
}

/** GET requests (and GET requests/{id}): the list form. */
export function formatRequests(cases: PublicCase[]): Open311Request[] {
  return cases.map(formatRequest);
}

/** POST requests: the id (realtime) or, when there is none yet, the token; never both (spec). */
export function formatPostResponse(r: { serviceRequestId?: string; token?: string; serviceNotice?: string | null; accountId?: string | null }): Open311PostResponseItem[] {
  const item: Open311PostResponseItem = r.serviceRequestId ? { service_request_id: r.serviceRequestId } : r.token ? { token: r.token } : {};
  if (r.serviceNotice) item.service_notice = r.serviceNotice;
  if (r.accountId) item.account_id = r.accountId;
  return [item];
}

/** GET tokens/{token}: the request id a token stands for (absent while a batch request is not created yet). */
export function formatTokenResponse(r: { token: string; serviceRequestId?: string | null }): Open311TokenItem[] {
  return [r.serviceRequestId ? { service_request_id: r.serviceRequestId, token: r.token } : { token: r.token }];
}

/** Any error response: the spec's list of {code, description}. */
export function formatErrors(errors: Open311Error[]): Open311Error[] {
  return errors.map((e) => ({ code: e.code, description: e.description }));
}

/** The HTTP status for a list of errors: 403 (api_key) before 404 (not found) before 400 (anything else). */
export function httpStatusOf(errors: Open311Error[]): 400 | 403 | 404 {
  if (errors.some((e) => e.code === 403)) return 403;
  if (errors.some((e) => e.code === 404)) return 404;
  return 400;
}

const err = (code: number, en: string, th: string): Open311Error => ({ code, description: `${en} / ${th}` });

/** The errors routes need beside the parsers' own (English / Thai, as clients show `description` to users). */
export const open311Errors = {
  apiKeyMissing: () => err(403, "api_key was not provided", "ไม่ได้ส่ง api_key"),
  apiKeyInvalid: () => err(403, "Invalid api_key received", "api_key ไม่ถูกต้องหรือถูกยกเลิกแล้ว"),
  serviceNotFound: (code: string) => err(404, `service_code not found: ${code}`, `ไม่พบรหัสบริการ ${code}`),
  requestNotFound: (id: string) => err(404, `service_request_id not found: ${id}`, `ไม่พบเรื่องร้องเรียนรหัส ${id}`),
  tokenNotFound: (token: string) => err(404, `token not found: ${token}`, `ไม่พบ token ${token}`),
  jurisdictionNotFound: (id: string) => err(404, `jurisdiction_id not found: ${id}`, `ไม่พบพื้นที่ jurisdiction_id ${id}`),
  unsupportedFormat: (fmt: string) => err(404, `format not supported: ${fmt} (use .json or .xml)`, `ไม่รองรับรูปแบบ ${fmt} (ใช้ .json หรือ .xml)`),
  general: () => err(400, "General service error; please try again later", "ระบบขัดข้อง กรุณาลองใหม่ภายหลัง"),
};

// ─── XML ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** Root element of each response kind (post and token responses share the requests' root, as in the spec). */
const XML_ROOT: Record<Open311Kind, string> = {
  discovery: "discovery",
  services: "services",
  "service-definition": "service_definition",
  requests: "service_requests",
  "post-response": "service_requests",
  "token-response": "service_requests",
  errors: "errors",
};
/** Spark convention: a JSON array named X is the XML element X holding one child element per item. */
const XML_ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};

// XML 1.0 forbids these characters even escaped; a pasted control character must not break the document
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/; // cheap pre-check: most text has none
const escapeXml = (s: string) => (SUSPECT.test(s) ? s.replace(XML_INVALID, "") : s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** One element, indented. Hand-built: our shapes are fixed, the output equals XMLBuilder's, in about half its time. */
function element(name: string, v: unknown, indent: string): string {
  if (v === null || v === undefined || v === "") return `${indent}<${name}/>\n`; // empty, as in the spec's examples
  if (Array.isArray(v)) {
    const item = XML_ITEM[name];
    if (!item) throw new Error(`open311: no XML item element for array "${name}"`);
    return v.length ? `${indent}<${name}>\n${v.map((x) => element(item, x, `${indent}  `)).join("")}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
  }
  if (typeof v === "object") {
    const kids = Object.entries(v).filter(([, x]) => x !== undefined);
    return kids.length ? `${indent}<${name}>\n${kids.map(([k, x]) => element(k, x, `${indent}  `)).join("")}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(v))}</${name}>\n`;
}

/** The spec's XML for a response body: UTF-8 declaration, schemaless, no namespace; text escaped. */
export function toXml<K extends Open311Kind>(kind: K, value: Open311Bodies[K]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(XML_ROOT[kind], value, "")}`;
}

export type Open311Format = "json" | "xml";
export const OPEN311_CONTENT_TYPE: Record<Open311Format, string> = { json: "application/json; charset=utf-8", xml: "text/xml; charset=utf-8" };

/** The format named by a path's extension ("services.xml" → "xml"); undefined for anything else. */
export function parseFormat(ext: string): Open311Format | undefined {
  const e = ext.replace(/^.*\./, "").toLowerCase();
  return e === "json" || e === "xml" ? e : undefined;
}

/** A response body and its content type, ready for `reply.type(contentType).send(body)`. */
export function render<K extends Open311Kind>(kind: K, format: Open311Format, value: Open311Bodies[K]): { contentType: string; body: string } {
  return { contentType: OPEN311_CONTENT_TYPE[format], body: format === "xml" ? toXml(kind, value) : JSON.stringify(value) };
}

/** The answer language: `lang` query (th|en) first, then Accept-Language, Thai by default. */
export function open311Lang(query?: string, acceptLanguage?: string): Open311Lang {
  const q = query?.toLowerCase();
  if (q === "th" || q === "en") return q;
  const first = acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "th";
}

// ─── Input: form bodies, POST requests, attributes ─────────────────────────────────────────────────────────────

/** An application/x-www-form-urlencoded body as a record: repeated keys and keys ending in [] become arrays. */
export function parseFormBody(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    if (prev === undefined) out[k] = k.endsWith("[]") ? [v] : v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export type PostRequestInput = {
  serviceCode: string;
  jurisdictionId?: string;
  apiKey?: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  attributes: Record<string, string | string[]>;
  email?: string;
  deviceId?: string;
  accountId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  description?: string;
  mediaUrl?: string;
};

type Body = Record<string, unknown>;

/** A scalar form field: "" and absent are the same (spec: optional arguments), a repeated field is an error. */
function scalar(body: Body, key: string, errors: Open311Error[]): string | undefined {
  let v = body[key];
  if (Array.isArray(v)) {
    // a JSON body can carry anything: a list holding something other than text is not a value to guess from
    if (v.some((x) => typeof x !== "string" && x !== null)) {
      errors.push(err(400, `${key} must be text`, `${key} ต้องเป็นข้อความ`));
      return undefined;
    }
    const distinct = [...new Set(v.filter((x) => typeof x === "string" && x.trim() !== ""))];
    if (distinct.length > 1) {
      errors.push(err(400, `${key} was given more than once`, `ส่ง ${key} มากกว่าหนึ่งค่า`));
      return undefined;
    }
    v = distinct[0];
  }
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    errors.push(err(400, `${key} must be text`, `${key} ต้องเป็นข้อความ`));
    return undefined;
  }
  const s = v.trim();
  return s === "" ? undefined : s;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-.\s#]{3,40}$/;
const LIMITS: Record<string, number> = {
  address_string: 500,
  address_id: 200,
  email: 254,
  device_id: 200,
  account_id: 200,
  first_name: 200,
  last_name: 200,
  description: DESCRIPTION_MAX,
  media_url: 2048,
  jurisdiction_id: 200,
  service_code: 100,
};

function tooLong(key: string, v: string | undefined, errors: Open311Error[]): string | undefined {
  const max = LIMITS[key];
  if (v !== undefined && max !== undefined && Array.from(v).length > max) {
    errors.push(err(400, `${key} is longer than ${max} characters`, `${key} ยาวเกิน ${max} ตัวอักษร`));
    return undefined;
  }
  return v;
}

/** attribute[CODE]=v, attribute[CODE][]=v (repeatable) or a nested `attribute` object from a qs-style parser. */
function readAttributes(body: Body, errors: Open311Error[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const add = (code: string, v: unknown, list: boolean) => {
    if ((Array.isArray(v) ? v : [v]).some((x) => typeof x !== "string" && x !== null && x !== undefined)) {
      errors.push(err(400, `attribute[${code}] must be text`, `attribute[${code}] ต้องเป็นข้อความ`));
      return;
    }
    const vals = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => x.trim()).filter((x) => x !== "");
    if (!vals.length) return;
    const prev = out[code];
    const merged = prev === undefined ? vals : [...(Array.isArray(prev) ? prev : [prev]), ...vals];
    out[code] = list || merged.length > 1 ? merged : merged[0]!;
  };
  for (const [k, v] of Object.entries(body)) {
    if (k === "attribute" && v && typeof v === "object" && !Array.isArray(v)) {
      for (const [code, x] of Object.entries(v as Body)) add(code, x, Array.isArray(x));
      continue;
    }
    if (!k.startsWith("attribute")) continue;
    const m = /^attribute\[([^\][]+)\](\[\])?$/.exec(k);
    if (!m) {
      errors.push(err(400, `malformed attribute field "${k}" (use attribute[code]=value)`, `ชื่อช่อง attribute ไม่ถูกต้อง "${k}" (ใช้ attribute[code]=value)`));
      continue;
    }
    add(m[1]!, v, m[2] === "[]");
  }
  return out;
}

/**
 * POST requests: read and check the form fields (service_code, a location, attributes, contact, description,
 * media_url). With `findService`, an unknown service_code is a 404 and attributes are checked against its definition.
 */
export function parsePostRequest(body: Body, findService?: (code: string) => ServiceDef | undefined): Open311Result<PostRequestInput> {
  const errors: Open311Error[] = [];
  const get = (key: string) => tooLong(key, scalar(body, key, errors), errors);

  const before = errors.length;
  const serviceCode = get("service_code");
  if (serviceCode === undefined && errors.length === before)
    errors.push(err(400, "service_code was not provided", "ไม่ได้ระบุรหัสบริการ (service_code)"));

  const latS = get("lat");
  const longS = get("long");
  let lat: number | undefined;
  let long: number | undefined;
  if ((latS === undefined) !== (longS === undefined)) errors.push(err(400, "lat and long must be sent together", "ต้องส่ง lat และ long คู่กัน"));
  else if (latS !== undefined && longS !== undefined) {
    lat = DECIMAL.test(latS) ? Number(latS) : NaN;
    long = DECIMAL.test(longS) ? Number(longS) : NaN;
    if (!(lat >= -90 && lat <= 90)) errors.push(err(400, `lat must be a number from -90 to 90 (WGS84): ${latS}`, `lat ต้องเป็นตัวเลขระหว่าง -90 ถึง 90 (WGS84): ${latS}`));
    if (!(long >= -180 && long <= 180))
      errors.push(err(400, `long must be a number from -180 to 180 (WGS84): ${longS}`, `long ต้องเป็นตัวเลขระหว่าง -180 ถึง 180 (WGS84): ${longS}`));
  }
  const addressString = get("address_string");
  const addressId = get("address_id");
  if (latS === undefined && longS === undefined && addressString === undefined && addressId === undefined)
    errors.push(err(400, "A location is required: lat and long, address_string or address_id", "ต้องระบุตำแหน่ง: lat และ long หรือ address_string หรือ address_id"));

  const email = get("email");
  if (email !== undefined && !EMAIL.test(email)) errors.push(err(400, `email is not an e-mail address: ${email}`, `email ไม่ใช่อีเมลที่ถูกต้อง: ${email}`));
  const phone = get("phone");
  if (phone !== undefined && !PHONE.test(phone)) errors.push(err(400, "phone is not a phone number", "phone ไม่ใช่หมายเลขโทรศัพท์ที่ถูกต้อง"));
  const mediaUrl = get("media_url");
  if (mediaUrl !== undefined && !isHttpUrl(mediaUrl)) errors.push(err(400, "media_url must be an http(s) URL", "media_url ต้องเป็น URL แบบ http(s)"));

  const attributes = readAttributes(body, errors);
  const value: PostRequestInput = {
    serviceCode: serviceCode ?? "",
    jurisdictionId: get("jurisdiction_id"),
    apiKey: scalar(body, "api_key", errors),
    lat,
    long,
    addressString,
    addressId,
    attributes,
    email,
    deviceId: get("device_id"),
    accountId: get("account_id"),
    firstName: get("first_name"),
    lastName: get("last_name"),
    phone,
    description: get("description"),
    mediaUrl,
  };

  if (findService && serviceCode !== undefined) {
    const def = findService(serviceCode);
    if (!def) errors.push(open311Errors.serviceNotFound(serviceCode));
    else {
      const checked = checkAttributes(def, attributes);
      if (checked.ok) value.attributes = checked.value;
      else errors.push(...checked.errors);
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as PostRequestInput };
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Attribute values against a service's definition: required ones present, list keys known, numbers and
 * date-times parse, strings on one line, no unknown codes. Values come back normalised (numbers canonical,
 * date-times as UTC ISO, multivaluelist always an array); informational (variable=false) attributes are dropped.
 */
export function checkAttributes(def: ServiceDef, attributes: Record<string, string | string[]>): Open311Result<Record<string, string | string[]>> {
  const errors: Open311Error[] = [];
  const out: Record<string, string | string[]> = {};
  const known = new Map(def.attributes.map((a) => [a.code, a]));
  for (const code of Object.keys(attributes))
    if (!known.has(code)) errors.push(err(400, `attribute ${code} is not defined for service ${def.code}`, `บริการ ${def.code} ไม่มีช่องข้อมูล ${code}`));

  for (const a of def.attributes) {
    if (a.variable === false) continue;
    const raw = attributes[a.code];
    const vals = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter((v) => v !== "");
    const label = `attribute[${a.code}]`;
    if (!vals.length) {
      if (a.required) errors.push(err(400, `${label} is required`, `ต้องกรอก ${a.descriptionTh || a.code} (${label})`));
      continue;
    }
    if (a.datatype === "multivaluelist") {
      const keys = new Set((a.values ?? []).map((v) => v.key));
      const bad = vals.filter((v) => !keys.has(v));
      if (bad.length) errors.push(err(400, `${label}: unknown value(s) ${bad.join(", ")}`, `${label}: ไม่มีตัวเลือก ${bad.join(", ")}`));
      else out[a.code] = [...new Set(vals)];
      continue;
    }
    if (vals.length > 1) {
      errors.push(err(400, `${label} takes one value, got ${vals.length}`, `${label} รับได้ค่าเดียว แต่ได้รับ ${vals.length} ค่า`));
      continue;
    }
    const v = vals[0]!;
    switch (a.datatype) {
      case "singlevaluelist":
        if ((a.values ?? []).some((x) => x.key === v)) out[a.code] = v;
        else errors.push(err(400, `${label}: unknown value ${v}`, `${label}: ไม่มีตัวเลือก ${v}`));
        break;
      case "number":
        if (DECIMAL.test(v) && Number.isFinite(Number(v))) out[a.code] = String(Number(v));
        else errors.push(err(400, `${label} must be a number: ${v}`, `${label} ต้องเป็นตัวเลข: ${v}`));
        break;
      case "datetime": {
        const d = parseW3(v);
        if (d) out[a.code] = d.toISOString();
        else errors.push(err(400, `${label} must be an ISO 8601 date-time with a time zone: ${v}`, `${label} ต้องเป็นวันเวลาแบบ ISO 8601 พร้อมเขตเวลา: ${v}`));
        break;
      }
      case "string":
        if (/[\r\n]/.test(v)) errors.push(err(400, `${label} must be on one line`, `${label} ต้องเป็นข้อความบรรทัดเดียว`));
        else if (Array.from(v).length > 1000) errors.push(err(400, `${label} is longer than 1000 characters`, `${label} ยาวเกิน 1000 ตัวอักษร`));
        else out[a.code] = v;
        break;
      case "text":
        if (Array.from(v).length > DESCRIPTION_MAX) errors.push(err(400, `${label} is longer than ${DESCRIPTION_MAX} characters`, `${label} ยาวเกิน ${DESCRIPTION_MAX} ตัวอักษร`));
        else out[a.code] = v;
        break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

// ─── Input: GET requests query ─────────────────────────────────────────────────────────────────────────────────

const W3 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A w3 date or date-time (time zone required on date-times, per the spec); a date alone is Bangkok midnight, or
 * the day's last millisecond with `endOfDay`. A space before the offset is read as "+" (an unencoded "+" in a URL).
 */
export function parseW3(s: string, opts: { endOfDay?: boolean } = {}): Date | undefined {
  const m = W3.exec(s.trim().replace(/ (\d{2}:\d{2})$/, "+$1"));
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  const Y = +y!, M = +mo!, D = +d!;
  const day = new Date(Date.UTC(Y, M - 1, D));
  if (day.getUTCFullYear() !== Y || day.getUTCMonth() !== M - 1 || day.getUTCDate() !== D) return undefined;
  if (h === undefined) return new Date(day.getTime() - 7 * 3_600_000 + (opts.endOfDay ? DAY_MS - 1 : 0));
  if (+h > 23 || +mi! > 59 || +(sec ?? 0) > 59) return undefined;
  if (tz !== "Z" && (+tz!.slice(1, 3) > 14 || +tz!.slice(4) > 59)) return undefined;
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? "00"}${frac ?? ""}${tz}`);
  return Number.isFinite(t) ? new Date(t) : undefined;
}

export type RequestsQuery =
  | { ids: string[]; limit: number; jurisdictionId?: string }
  | { ids?: undefined; serviceCodes?: string[]; status?: ("open" | "closed")[]; startDate: Date; endDate: Date; limit: number; jurisdictionId?: string };

/** Comma lists, possibly repeated (?status=open&status=closed or ?status=open,closed), trimmed and de-duplicated. */
function list(q: Record<string, unknown>, key: string): string[] | undefined {
  const raw = q[key];
  const parts = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw])
    .filter((x): x is string => typeof x === "string")
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter((x) => x !== "");
  return parts.length ? [...new Set(parts)] : undefined;
}

/**
 * GET requests filters. service_request_id overrides everything else (spec). Otherwise the effective window:
 * both dates → as given (end ≥ start, ≤ 90 days); one → 90 days from/to it; none → the 90 days up to `now`.
 */
export function parseRequestsQuery(query: Record<string, unknown>, now: Date): Open311Result<RequestsQuery> {
  const errors: Open311Error[] = [];
  const jurisdictionId = scalar(query, "jurisdiction_id", errors);
  const ids = list(query, "service_request_id");
  const limit = OPEN311_MAX_REQUESTS;
  if (ids) {
    if (ids.length > OPEN311_MAX_REQUESTS)
      errors.push(err(400, `At most ${OPEN311_MAX_REQUESTS} service_request_id values at once`, `ขอได้ครั้งละไม่เกิน ${OPEN311_MAX_REQUESTS} รหัส (service_request_id)`));
    return errors.length ? { ok: false, errors } : { ok: true, value: { ids, limit, ...(jurisdictionId ? { jurisdictionId } : {}) } };
  }

  const serviceCodes = list(query, "service_code");
  const statusRaw = list(query, "status");
  const bad = (statusRaw ?? []).filter((s) => s !== "open" && s !== "closed");
  if (bad.length) errors.push(err(400, `status must be open or closed, not ${bad.join(", ")}`, `status ต้องเป็น open หรือ closed ไม่ใช่ ${bad.join(", ")}`));

  const date = (key: "start_date" | "end_date") => {
    const s = scalar(query, key, errors);
    if (s === undefined) return undefined;
    const d = parseW3(s, { endOfDay: key === "end_date" });
    if (!d) errors.push(err(400, `${key} must be a w3 date-time with a time zone, e.g. 2026-11-01T00:00:00+07:00: ${s}`, `${key} ต้องเป็นวันเวลาแบบ w3 พร้อมเขตเวลา เช่น 2026-11-01T00:00:00+07:00: ${s}`));
    return d ?? null;
  };
  const start = date("start_date");
  const end = date("end_date");
  const span = OPEN311_WINDOW_DAYS * DAY_MS;
  let startDate: Date | undefined;
  let endDate: Date | undefined;
  if (start && end) {
    if (end < start) errors.push(err(400, "end_date is before start_date", "end_date อยู่ก่อน start_date"));
    else if (end.getTime() - start.getTime() > span)
      errors.push(err(400, `start_date and end_date may not span more than ${OPEN311_WINDOW_DAYS} days`, `ช่วง start_date ถึง end_date ต้องไม่เกิน ${OPEN311_WINDOW_DAYS} วัน`));
    [startDate, endDate] = [start, end];
  } else if (start) [startDate, endDate] = [start, new Date(start.getTime() + span)];
  else if (end) [startDate, endDate] = [new Date(end.getTime() - span), end];
  else [startDate, endDate] = [new Date(now.getTime() - span), now];

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      startDate: startDate!,
      endDate: endDate!,
      limit,
      ...(serviceCodes ? { serviceCodes } : {}),
      ...(statusRaw ? { status: statusRaw as ("open" | "closed")[] } : {}),
      ...(jurisdictionId ? { jurisdictionId } : {}),
    },
  };
}
