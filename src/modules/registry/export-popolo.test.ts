import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import type { Issue, SchemaSet } from "../../../test/draft03.js";
import { popoloSchemas } from "../../../test/reference.js";
import { createPerson } from "./create-person.js";
import { createMembership } from "./create-membership.js";
import { exportPopolo } from "./export-popolo.js";

type Item = Record<string, unknown> & { id: string };
type Export = { meta: Record<string, unknown>; areas: Item[]; organizations: Item[]; posts: Item[]; persons: Item[]; memberships: Item[] };

/** Each collection of the export and the Popolo 1.0.1 schema its items must satisfy. */
const KINDS = [
  ["areas", "area.json"],
  ["organizations", "organization.json"],
  ["posts", "post.json"],
  ["persons", "person.json"],
  ["memberships", "membership.json"],
] as const;

/**
 * Fields the export carries that Popolo 1.0.1 does not define for that class (draft-03 allows them;
 * they are listed here so a new one is a decision, not an accident). Areas: Popolo's Area has one
 * `identifier`; the export also lists every code (DOPA, ISO 3166-2, cluster codes) and the English name.
 * Nothing else: demo organisations are marked in Popolo's `abstract`, demo persons in `summary`.
 */
const EXTENSIONS: Record<(typeof KINDS)[number][0], string[]> = {
  areas: ["identifiers", "other_names"],
  organizations: [],
  posts: [],
  persons: [],
  memberships: [],
};

let db: Database;
let app: FastifyInstance;
let popolo: SchemaSet;
let doc: Export;
const PRIVATE_EMAIL = "somsri.private@example.co.th";

beforeAll(async () => {
  db = await createTestDb();
  popolo = popoloSchemas();
  // an official whose registry record carries a personal e-mail (visible to editors only, never exported)
  const sys = ctxFor(db);
  const p = await createPerson({ ctx: sys, input: { honorificTh: "นางสาว", nameTh: "สมศรี ทดสอบส่งออก", nameEn: "Somsri Export-Test", email: PRIVATE_EMAIL } });
  await createMembership({ ctx: sys, input: { personId: p.id, postId: "post:57:head:land", startDate: "2025-10-01" } });
  // the export as a client receives it: JSON (undefined fields dropped)
  doc = JSON.parse(JSON.stringify(await exportPopolo({ ctx: ctxFor(db, anonymousActor), input: { areas: "all" } }))) as Export;
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

function issuesOf(d: Export, kind: (typeof KINDS)[number][0], schema: string, strict = false): (Issue & { id: string })[] {
  return d[kind].flatMap((item) => popolo.validate(schema, item, { strict }).map((i) => ({ ...i, id: item.id })));
}

/** Every key used anywhere in a JSON value. */
function keysDeep(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysDeep(x, out);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysDeep(x, out);
    }
  return out;
}

describe("Popolo export validated against the Popolo 1.0.1 JSON Schemas (../shared/reference/schemas/popolo)", () => {
  it("exports the whole seeded registry (reference data + demo)", async () => {
    const n = async (t: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`))[0]!.n;
    expect(doc.organizations.length).toBe(await n("organizations"));
    expect(doc.posts.length).toBe(await n("posts"));
    expect(doc.persons.length).toBe(await n("persons"));
    expect(doc.memberships.length).toBe(await n("memberships"));
    expect(doc.areas.length).toBe(await n("areas"));
    expect(doc.areas.filter((a) => a.classification === "province")).toHaveLength(77);
    // the demo is loaded: people hold posts
    expect(doc.persons.length).toBeGreaterThan(10);
    expect(doc.memberships.length).toBeGreaterThan(10);
  });

  for (const [kind, schema] of KINDS) {
    it(`every item of ${kind} is a valid Popolo ${schema.replace(".json", "")}`, () => {
      expect(doc[kind].length).toBeGreaterThan(0);
      expect(issuesOf(doc, kind, schema).slice(0, 20)).toEqual([]);
    });
    it(`${kind} use only Popolo's fields, plus the listed extensions`, () => {
      const extra = new Set(issuesOf(doc, kind, schema, true).map((i) => i.path.replace(/^\$\./, "")));
      expect([...extra].filter((k) => !EXTENSIONS[kind].includes(k))).toEqual([]);
    });
  }

  it("areas carry Popolo's own `identifier` (the primary code), not only the extension list", () => {
    for (const a of doc.areas) {
      expect(typeof a.identifier, a.id).toBe("string");
      expect((a.identifiers as { identifier: string }[])[0]!.identifier).toBe(a.identifier);
    }
    expect(doc.areas.find((a) => a.id === "province:57")).toMatchObject({ identifier: "57", name: "เชียงราย", classification: "province" });
  });

  it("demo (fictional) records are marked in Popolo's own one-line fields", async () => {
    const demo = async (t: string) => new Set((await db.query<{ id: string }>(`select id from ${t} where is_demo`)).map((r) => r.id));
    const [persons, orgs] = [await demo("persons"), await demo("organizations")];
    expect(persons.size).toBeGreaterThan(0);
    for (const p of doc.persons) expect(p.summary === "demo person (ข้อมูลตัวอย่าง)", p.id).toBe(persons.has(p.id));
    for (const o of doc.organizations) expect(o.abstract === "demo organization (ข้อมูลตัวอย่าง)", o.id).toBe(orgs.has(o.id));
  });

  it("every reference inside the export points at something exported", () => {
    const ids = (k: keyof Omit<Export, "meta">) => new Set(doc[k].map((x) => x.id));
    const [areas, orgs, posts, persons] = [ids("areas"), ids("organizations"), ids("posts"), ids("persons")];
    const dangling: string[] = [];
    const need = (set: Set<string>, v: unknown, what: string) => {
      if (v !== undefined && !set.has(v as string)) dangling.push(`${what} → ${String(v)}`);
    };
    for (const a of doc.areas) need(areas, a.parent_id, `area ${a.id}.parent_id`);
    for (const o of doc.organizations) {
      need(orgs, o.parent_id, `organization ${o.id}.parent_id`);
      need(areas, o.area_id, `organization ${o.id}.area_id`);
    }
    for (const p of doc.posts) {
      need(orgs, p.organization_id, `post ${p.id}.organization_id`);
      need(areas, p.area_id, `post ${p.id}.area_id`);
    }
    for (const m of doc.memberships) {
      need(persons, m.person_id, `membership ${m.id}.person_id`);
      need(posts, m.post_id, `membership ${m.id}.post_id`);
      need(orgs, m.organization_id, `membership ${m.id}.organization_id`);
    }
    expect(dangling.slice(0, 20)).toEqual([]);
  });

  it("the validation can fail: a broken export is rejected", () => {
    const broken: Export = JSON.parse(JSON.stringify(doc));
    broken.persons[0]!.other_names = "not an array";
    (broken.organizations[0] as Record<string, unknown>).founding_date = "2569";
    (broken.organizations[1] as Record<string, unknown>).founding_date = "1 ม.ค. 2475";
    broken.memberships[0]!.start_date = "2026-1-1";
    broken.posts[0]!.other_label = [{ name: "Governor" }];
    broken.areas[0]!.parent_id = 57;
    expect(issuesOf(broken, "persons", "person.json").map((i) => i.path)).toEqual(["$.other_names"]);
    expect(issuesOf(broken, "organizations", "organization.json").map((i) => i.path)).toEqual(["$.founding_date"]);
    expect(issuesOf(broken, "memberships", "membership.json").map((i) => i.path)).toEqual(["$.start_date"]);
    expect(issuesOf(broken, "posts", "post.json").map((i) => i.path)).toEqual(["$.other_label[0]"]);
    expect(issuesOf(broken, "areas", "area.json").map((i) => i.path)).toEqual(["$.parent_id"]);
    (broken.persons[1] as Record<string, unknown>).email = "not-an-email";
    expect(issuesOf(broken, "persons", "person.json").map((i) => i.message)).toContain("not a valid email");
    (broken.persons[2] as Record<string, unknown>).phone = "081-234-5678";
    expect(issuesOf(broken, "persons", "person.json", true).map((i) => i.path)).toContain("$.phone");
  });

  it("GET /api/v1/export/popolo serves the same document, anonymously, as a download", async () => {
    const r = await app.inject({ method: "GET", url: "/api/v1/export/popolo?areas=all" });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toMatch(/attachment; filename="changwat-popolo\.json"/);
    const body = r.json() as Export;
    expect(body).toEqual(doc);
    for (const [kind, schema] of KINDS) expect(issuesOf(body, kind, schema).slice(0, 5)).toEqual([]);
    const byDefault = (await app.inject({ method: "GET", url: "/api/v1/export/popolo" })).json() as Export;
    expect(new Set(byDefault.areas.map((a) => a.classification))).toEqual(new Set(["region", "cluster", "cluster_2009", "province"]));
    for (const [kind, schema] of KINDS) expect(issuesOf(byDefault, kind, schema).slice(0, 5)).toEqual([]);
  });
});

describe("PDPA: the export is the public registry of officials, nothing personal beyond it", () => {
  /** What Popolo persons may carry here: an official's name (Thai, English), honorific and the demo marker. */
  const PERSON_FIELDS = ["id", "name", "other_names", "honorific_prefix", "summary"];
  const CONTACT_FIELDS = ["email", "contact_details", "birth_date", "death_date", "gender", "national_identity", "image", "biography", "links", "identifiers"];

  it("persons carry only names and honorifics: no e-mail, contact details, birth date, ID number or photo", () => {
    for (const p of doc.persons) for (const k of Object.keys(p)) expect(PERSON_FIELDS, `${p.id}.${k}`).toContain(k);
    const all = keysDeep(doc);
    for (const k of [...CONTACT_FIELDS.filter((k) => k !== "identifiers"), "phone", "telephone", "address", "username", "password", "password_hash", "passwordHash", "grants", "account_id"]) {
      expect(all.has(k), k).toBe(false);
    }
    const somsri = doc.persons.find((p) => p.name === "สมศรี ทดสอบส่งออก");
    expect(somsri).toEqual({ id: expect.any(String), name: "สมศรี ทดสอบส่งออก", other_names: [{ name: "Somsri Export-Test", note: "en" }], honorific_prefix: "นางสาว" });
  });

  it("no e-mail address of any person or account appears anywhere in the export", async () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain(PRIVATE_EMAIL);
    expect(text).not.toMatch(/[^\s"@]+@[^\s"@]+\.[a-z]{2,}/i);
    const emails = await db.query<{ e: string }>("select email as e from persons where email is not null union select email from accounts where email is not null");
    expect(emails.map((r) => r.e)).toContain(PRIVATE_EMAIL);
    for (const { e } of emails) expect(text).not.toContain(e);
  });

  it("no citizen (or any) account is exported: only persons who hold or held a post", async () => {
    const accounts = await db.query<{ id: string; username: string; display_name: string; person_id: string | null }>("select id, username, display_name, person_id from accounts");
    expect(accounts.some((a) => a.username === "citizen")).toBe(true);
    const ids = new Set([...doc.persons, ...doc.organizations, ...doc.posts, ...doc.memberships, ...doc.areas].map((x) => x.id));
    const names = new Set(doc.persons.flatMap((p) => [p.name, ...((p.other_names as { name: string }[]) ?? []).map((o) => o.name)]));
    for (const a of accounts) {
      expect(ids.has(a.id), a.id).toBe(false);
      expect(names.has(a.display_name), a.display_name).toBe(false);
    }
    const officials = new Set(doc.memberships.map((m) => m.person_id));
    expect(doc.persons.filter((p) => !officials.has(p.id)).map((p) => p.id)).toEqual([]);
  });
});
