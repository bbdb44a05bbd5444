import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { createTestDb } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { EVENT_FAMILIES } from "./contracts.js";
import { decodeCursor, encodeCursor } from "./list-events.js";

let db: Database;
let app: FastifyInstance;
/** A citizen's details written into a new case (the public text redacts them; the feed must never carry them). */
const PII = { name: "วิไลวรรณลับเฉพาะ ทดสอบฟีด", phone: "0867654321", email: "feed.reporter@example.invalid" };
const EXACT = { lat: 20.4277777, lon: 99.8866666 };
let made: { id: string; publicRef: string; trackingCode: string };

beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  const r = await app.inject({ method: "POST", url: "/api/v1/cases", payload: { categoryId: "flood", descriptionTh: `น้ำท่วมถนนหน้าโรงเรียน ติดต่อ ${PII.name} โทร ${PII.phone}`, ...EXACT, reporter: { ...PII, anonymous: false, notify: true }, consent: true } });
  expect(r.statusCode, r.body).toBe(201);
  made = r.json();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const sessions = new Map<string, Record<string, string>>();
async function as(username: string): Promise<Record<string, string>> {
  if (!sessions.has(username)) {
    const s = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
    expect(s.statusCode, s.body).toBe(200);
    sessions.set(username, { cookie: String(s.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": s.json().csrfToken as string });
  }
  return sessions.get(username)!;
}
const feed = async (username: string | null, query = "") => app.inject({ method: "GET", url: `/api/v1/events${query}`, headers: username ? await as(username) : {} });
type Item = { id: string; type: string; provinceCode: string | null; occurredAt: string; payload: { type: string; timestamp: string; data: { case?: Record<string, unknown> } } };

/** Every event the caller may read, page by page (following the cursor). */
async function readAll(username: string, query = "", limit = 50): Promise<{ items: Item[]; cursor: string | null; pages: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const r = await feed(username, `?limit=${limit}${query}${cursor ? `&after=${cursor}` : ""}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { items: Item[]; cursor: string | null; hasMore: boolean };
    items.push(...page.items);
    pages++;
    cursor = page.cursor;
    if (!page.hasMore) return { items, cursor, pages };
  }
}

describe("GET /events — the outbox as a feed for systems that poll", () => {
  it("records events with no subscriber at all: a new case is in the feed as case.created and case.routed, with the body a webhook receives", async () => {
    const all = await readAll("admin", "&provinceCode=57", 200);
    const mine = all.items.filter((e) => e.payload.data.case?.publicRef === made.publicRef);
    expect(mine.map((e) => e.type)).toEqual(["case.created", "case.routed"]);
    const [stored] = await db.query<{ payload: unknown }>("select payload from webhook_events where id = $1", [mine[0]!.id]);
    expect(mine[0]!.payload).toEqual(stored!.payload);
    expect(Object.keys(mine[0]!.payload)).toEqual(["type", "timestamp", "data"]);
    expect(mine[0]).toMatchObject({ provinceCode: "57", occurredAt: FIXED_NOW.toISOString() });
  });

  it("pages in a stable order (time, then id) without repeats or gaps, whatever the page size; the cursor is opaque and round-trips", async () => {
    const one = await readAll("admin", "", 500);
    const small = await readAll("admin", "", 7);
    expect(one.items.length).toBeGreaterThan(10);
    expect(small.items.map((e) => e.id)).toEqual(one.items.map((e) => e.id));
    expect(small.pages).toBeGreaterThan(1);
    expect(new Set(one.items.map((e) => e.id)).size).toBe(one.items.length);
    const keys = one.items.map((e) => `${e.occurredAt}|${e.id}`);
    expect([...keys].sort()).toEqual(keys);
    // nothing new: the same cursor comes back with an empty page
    const again = await feed("admin", `?after=${one.cursor}`);
    expect(again.json()).toEqual({ items: [], cursor: one.cursor, hasMore: false });
    // an event written later appears after the cursor
    await db.query("insert into webhook_events (id, type, province_code, entity_type, entity_id, payload, occurred_at) values ('zz-later', 'case.update', '57', 'case', 'x', $1, $2)", [JSON.stringify({ type: "case.update", timestamp: "2026-11-23T00:00:00.000Z", data: {} }), new Date(FIXED_NOW.getTime() + 86_400_000)]);
    const next = await feed("admin", `?after=${one.cursor}`);
    expect(next.json().items.map((e: Item) => e.id)).toEqual(["zz-later"]);
    await db.query("delete from webhook_events where id = 'zz-later'");
    const at = new Date("2026-11-22T03:00:00.123Z");
    expect(decodeCursor(encodeCursor(at, "0193-abc"))).toEqual({ at, id: "0193-abc" });
  });

  it("a province's governor's office reads its own province only; a nation-wide administrator reads all; others are refused", async () => {
    const cr = await readAll("strategy.chiangrai", "", 500);
    expect(cr.items.length).toBeGreaterThan(0);
    expect(new Set(cr.items.map((e) => e.provinceCode))).toEqual(new Set(["57"]));
    const all = await readAll("admin", "", 500);
    expect(new Set(all.items.map((e) => e.provinceCode)).size).toBeGreaterThan(1);
    expect(all.items.filter((e) => e.provinceCode === "57").map((e) => e.id)).toEqual(cr.items.map((e) => e.id));
    expect((await feed("strategy.chiangrai", "?provinceCode=31")).statusCode).toBe(403);
    expect((await feed(null)).statusCode).toBe(401);
    expect((await feed("citizen")).statusCode).toBe(403);
    expect((await feed("officer.health.chiangrai")).statusCode).toBe(403);
    // a subscription's test events are for that subscription only
    expect(all.items.some((e) => e.type === "webhook.test")).toBe(false);
  });

  it("filters by type or family", async () => {
    const created = await readAll("admin", "&type=case.created", 500);
    expect(created.items.length).toBeGreaterThan(0);
    expect(new Set(created.items.map((e) => e.type))).toEqual(new Set(["case.created"]));
    const family = await readAll("admin", "&type=case.*", 500);
    const all = (await readAll("admin", "", 500)).items;
    expect(family.items.map((e) => e.id)).toEqual(all.filter((e) => e.type.startsWith("case.")).map((e) => e.id));
    // the demo's other modules emit too (issue 7), and the families together are the whole feed
    expect(all.some((e) => !e.type.startsWith("case."))).toBe(true);
    let total = 0;
    for (const f of EVENT_FAMILIES) total += (await readAll("admin", `&type=${f}`, 500)).items.length;
    expect(total).toBe(all.length);
  });

  it("refuses bad input with 400 in Thai and English, naming the field", async () => {
    for (const [q, field] of [
      ["?limit=0", "limit"],
      ["?limit=501", "limit"],
      ["?type=case.unknown", "type"],
      ["?provinceCode=5", "provinceCode"],
      ["?after=!!", "after"],
      [`?after=${Buffer.from("not a cursor").toString("base64url")}`, "after"],
    ] as const) {
      const r = await feed("admin", q);
      expect(r.statusCode, q).toBe(400);
      const e = r.json().error;
      expect(e.messageTh).toBeTruthy();
      expect(e.messageEn).toBeTruthy();
      expect(e.requestId).toBeTruthy();
      expect(e.fields.map((f: { path: string }) => f.path).join(" "), q).toContain(field);
    }
  });

  it("carries no personal data: no reporter's name, phone or e-mail (the demo's or this test's), no exact point, no tracking code", async () => {
    const all = await readAll("admin", "", 500);
    const text = JSON.stringify(all.items);
    const reporters = await db.query<{ name: string | null; phone: string | null; email: string | null }>("select name, phone, email from case_reporters where name is not null or phone is not null or email is not null");
    expect(reporters.length).toBeGreaterThan(1);
    const needles = [...new Set([PII.name.split(" ")[0]!, PII.phone, PII.email, String(EXACT.lat), String(EXACT.lon), made.trackingCode, ...reporters.flatMap((r) => [r.name, r.phone, r.email]).filter((x): x is string => !!x && x.length >= 6)])];
    for (const n of needles) expect(text.includes(n), `the feed leaks ${n}`).toBe(false);
  });
});
