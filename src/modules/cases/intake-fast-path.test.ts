import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { ReadCache } from "../../platform/cache.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { deleteRoutingRule } from "./delete-routing-rule.js";
import { CASE_NUMBER_BLOCK, nextCaseNumber, submitCase } from "./submit-case.js";
import { withTransaction } from "../../platform/ctx.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const strategy = () => actor("strategy_officer", "area:province:57", "strategy-57");
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n;
/** A report of a broken street light in Mae Sai (district 5709), by pin. */
const report = (n: number) => ({ categoryId: "lighting", descriptionTh: `ไฟถนนดับหน้าโรงเรียน จุดที่ ${n} มืดมากตอนกลางคืน`, lat: 20.42, lon: 99.88 - n * 0.002, reporter: { anonymous: true }, consent: true });

describe("ReadCache", () => {
  it("keeps a value for its time to live, reloads after it, drops a prefix on invalidate and never keeps a failed load", async () => {
    let t = 0;
    const cache = new ReadCache(1000, () => t);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("a:1", load)).toBe(1);
    expect(await cache.get("a:1", load)).toBe(1);
    t = 999;
    expect(await cache.get("a:1", load)).toBe(1);
    t = 1000;
    expect(await cache.get("a:1", load)).toBe(2);
    await cache.get("b:1", load);
    cache.invalidate("a:");
    expect(cache.size).toBe(1);
    expect(await cache.get("a:1", load)).toBe(4);
    await expect(cache.get("c", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("c", async () => "up")).toBe("up");
  });
});

describe("intake through the read cache and one statement", () => {
  it("routes by a rule set in this process at once; a rule changed by another process applies within the cache's lifetime", async () => {
    let t = 0;
    const cache = new ReadCache(10_000, () => t);
    const withCache = (who: Actor) => ({ ...ctxFor(db, who), cache });
    const first = await submitCase({ ctx: withCache(anon), input: report(1) });
    expect(first.assignedOrgId).not.toBe("pro:57:provincial-office");
    const rule = await setRoutingRule({ ctx: withCache(strategy()), input: { areaId: "district:5709", categoryId: "lighting", orgId: "pro:57:provincial-office", noteTh: "ทดสอบ" } });
    expect((await submitCase({ ctx: withCache(anon), input: report(2) })).assignedOrgId).toBe("pro:57:provincial-office");
    // another process (here: plain SQL) points the rule elsewhere: this process keeps its copy until it expires
    await db.query(`update case_routing_rules set org_id = $1 where id = $2`, [first.assignedOrgId, rule.id]);
    expect((await submitCase({ ctx: withCache(anon), input: report(3) })).assignedOrgId).toBe("pro:57:provincial-office");
    t = 10_000;
    expect((await submitCase({ ctx: withCache(anon), input: report(4) })).assignedOrgId).toBe(first.assignedOrgId);
    await deleteRoutingRule({ ctx: withCache(strategy()), input: { id: rule.id } });
    expect((await submitCase({ ctx: withCache(anon), input: report(5) })).assignedOrgId).toBe(first.assignedOrgId);
  });

  it("writes the case, its reporter, timeline and audit record together or not at all", async () => {
    const before = { cases: await count("select count(*)::int as n from cases"), reporters: await count("select count(*)::int as n from case_reporters"), events: await count("select count(*)::int as n from case_events"), audit: await count("select count(*)::int as n from audit_log") };
    // the audit insert fails (as a full disk or a constraint would): the statement's other parts must not stay
    await db.query(`create function test_refuse_audit() returns trigger language plpgsql as $$ begin if new.action = 'cases.case.submit' then raise exception 'audit refused'; end if; return new; end $$`);
    await db.query(`create trigger test_refuse_audit before insert on audit_log for each row execute function test_refuse_audit()`);
    try {
      await expect(submitCase({ ctx: ctxFor(db, anon), input: report(6) })).rejects.toThrow();
    } finally {
      await db.query(`drop trigger test_refuse_audit on audit_log`);
      await db.query(`drop function test_refuse_audit()`);
    }
    expect(await count("select count(*)::int as n from cases")).toBe(before.cases);
    expect(await count("select count(*)::int as n from case_reporters")).toBe(before.reporters);
    expect(await count("select count(*)::int as n from case_events")).toBe(before.events);
    expect(await count("select count(*)::int as n from audit_log")).toBe(before.audit);
    // and the same report goes through once the database takes it, with its two public entries in order
    const ok = await submitCase({ ctx: ctxFor(db, anon), input: report(6) });
    const kinds = await db.query<{ kind: string }>(`select kind from case_events where case_id = $1 order by seq`, [ok.id]);
    expect(kinds.map((k) => k.kind)).toEqual(["received", "routed"]);
    expect(await count(`select count(*)::int as n from audit_log where entity_id = $1 and action = 'cases.case.submit'`, [ok.id])).toBe(1);
    expect(await count(`select count(*)::int as n from case_reporters where case_id = $1`, [ok.id])).toBe(1);
  });

  it("stores the same row whether the statement is compiled for the driver (no transaction) or built by drizzle (inside one)", async () => {
    const input = (n: number) => ({ ...report(n), attributes: {}, addressTh: "หน้าโรงเรียนบ้านเวียงพางคำ ซอย 3", reporter: { name: "สมชาย ใจดี", phone: "0812345678", email: "somchai@example.invalid", notify: true }, descriptionTh: "ไฟถนนดับ โทร 081-234-5678 สมชาย ใจดี" });
    const a = await submitCase({ ctx: ctxFor(db, anon), input: input(7) });
    const b = await withTransaction(ctxFor(db, anon), (tx) => submitCase({ ctx: tx, input: input(7) }));
    const cols = "province_code, district_code, category_id, channel, description_th, public_text, attributes, address_th, cell, status, assigned_org_id, routed_by, accept_due_at, resolve_due_at, escalation_level, support_count, version, is_demo, search_text, public_search_text, search::text as search, received_at";
    const [ra] = await db.query<Record<string, unknown>>(`select ${cols} from cases where id = $1`, [a.id]);
    const [rb] = await db.query<Record<string, unknown>>(`select ${cols} from cases where id = $1`, [b.id]);
    expect({ ...ra, search_text: String(ra!.search_text).replace(a.publicRef.split("-")[2]!, "N"), search: null }).toEqual({ ...rb, search_text: String(rb!.search_text).replace(b.publicRef.split("-")[2]!, "N"), search: null });
    expect(ra!.public_text).not.toContain("081");
    expect(ra!.attributes).toEqual({});
    const rep = await db.query<Record<string, unknown>>(`select name, phone, email, anonymous, notify, consent_version from case_reporters where case_id in ($1, $2) order by case_id`, [a.id, b.id]);
    expect(rep[0]).toEqual(rep[1]);
    expect(rep[0]).toMatchObject({ name: "สมชาย ใจดี", notify: true, anonymous: false });
    const ev = await db.query<{ kind: string; data: unknown }>(`select kind, data from case_events where case_id = $1 order by seq`, [b.id]);
    expect(ev.map((e) => e.kind)).toEqual(["received", "routed", "possible-duplicate"]);
    expect(ev[2]!.data).toMatchObject({ candidates: [{ id: a.id }] });
  });
});

describe("case numbers", () => {
  it("are taken from the sequence a block at a time, unique under concurrent intakes; a transaction takes its own", async () => {
    const seq = async () => Number((await db.query<{ n: string }>("select last_value::text as n from case_ref_seq"))[0]!.n);
    // a database handle of its own, so that this test's block is not one another test started
    const own = { ...ctxFor(db, anon), db: Object.create(ctxFor(db, anon).db) as ReturnType<typeof ctxFor>["db"] };
    const before = await seq();
    const first = Number(await nextCaseNumber(own));
    expect(first).toBe(before + 1);
    expect(await seq()).toBe(before + CASE_NUMBER_BLOCK); // one round trip took a block
    const many = (await Promise.all(Array.from({ length: 2 * CASE_NUMBER_BLOCK + 5 }, () => nextCaseNumber(own)))).map(Number);
    expect(new Set(many).size).toBe(many.length);
    expect(many.every((n) => n > first)).toBe(true);
    expect(await seq()).toBe(before + 3 * CASE_NUMBER_BLOCK);
    const inTx = Number(await withTransaction(own, (tx) => nextCaseNumber(tx)));
    expect(inTx).toBe(before + 3 * CASE_NUMBER_BLOCK + 1);
    expect(many).not.toContain(inTx);
  });
});
