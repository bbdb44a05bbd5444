import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, systemActor, type Actor } from "../../platform/auth/actor.js";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createSandbox } from "./create-sandbox.js";
import { endSandbox } from "./end-sandbox.js";
import { getSandbox } from "./get-sandbox.js";
import { sandboxesExpiringWithin } from "./index.js";
import { listSandboxes } from "./list-sandboxes.js";
import { sandboxStatus } from "./pilot-presenters.js";
import { recordSandboxResult } from "./record-sandbox-result.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

// The test clock is 22 Nov 2026 (Bangkok); the demo sandboxes are dated from the day they were seeded.
const TODAY = "2026-11-22";
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
async function sandboxTables(): Promise<string> {
  const out: string[] = [];
  for (const t of ["sandboxes", "sandbox_results"]) {
    const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`);
    out.push(`${t}:${r!.n}:${r!.h}`);
  }
  return out.join(" ");
}
let seq = 0;
const poc = (code = "57") => actor("strategy_officer", `area:province:${code}`, `poc-${code}-${seq++}`);
const input = (over: Record<string, unknown> = {}) => ({
  provinceCode: "57",
  nameTh: `พื้นที่ทดลองทดสอบ ${seq++}`,
  scopeTh: "อำเภอเมือง",
  rules: [{ ruleTh: "ระเบียบทดสอบ", change: "waived" as const }],
  startsOn: "2026-01-01",
  expiresOn: "2027-12-31",
  ...over,
});

describe("sandboxes: time-boxed, in one province, with the rules they change and their results", () => {
  it("a province's strategy office records its sandbox; status, countdown and rules read back", async () => {
    const who = poc();
    const s = await createSandbox({ ctx: ctxFor(db, who), input: input({ rules: [{ ruleTh: "ระเบียบ ก", change: "waived" }, { ruleTh: "ระเบียบ ข", change: "modified", detailTh: "ลดเวลาเหลือ 15 วัน" }] }) });
    expect(s).toMatchObject({ provinceCode: "57", provinceNameTh: "เชียงราย", provinceNameEn: "Chiang Rai", status: "active", expiresInDays: 404, expiringSoon: false, rulesCount: 2 });
    const got = await getSandbox({ ctx: ctxFor(db, actor("agency_officer", "org:pro:34:land")), input: { id: s.id } });
    expect(got.rules).toEqual([{ ruleTh: "ระเบียบ ก", change: "waived", detailTh: "" }, { ruleTh: "ระเบียบ ข", change: "modified", detailTh: "ลดเวลาเหลือ 15 วัน" }]);
    expect(got.may.write).toBe(false);
    expect((await getSandbox({ ctx: ctxFor(db, who), input: { id: s.id } })).may.write).toBe(true);
    const r = await recordSandboxResult({ ctx: ctxFor(db, who), input: { sandboxId: s.id, measuredOn: "2026-06-30", indicatorTh: "ระยะเวลาอนุญาต", value: 12, unit: "วัน", baseline: 45 } });
    expect(r).toMatchObject({ value: 12, baseline: 45 });
    const ended = await endSandbox({ ctx: ctxFor(db, who), input: { sandboxId: s.id, endedOn: "2026-11-01", reasonTh: "บรรลุเป้าหมาย ขยายผลทั้งจังหวัด" } });
    expect(ended).toMatchObject({ status: "ended", endedOn: "2026-11-01", expiresInDays: null, expiringSoon: false });
    expect(await audits(who)).toEqual(["performance.sandbox.create", "performance.sandbox.result.record", "performance.sandbox.end"]);
    expect((await getSandbox({ ctx: ctxFor(db, who), input: { id: s.id } })).may.write).toBe(false);
  });

  it("rules: period order, no lapsed sandbox, results within its life, ended once, ended within its life", async () => {
    const ctx = ctxFor(db, poc());
    const before = await sandboxTables();
    const order = await fail(createSandbox({ ctx, input: input({ startsOn: "2027-01-01", expiresOn: "2026-12-31" }) }));
    expect([order.status, order.fields?.[0]?.path, order.fields?.[0]?.code]).toEqual([400, "expiresOn", "performance.sandbox.period-order"]);
    const lapsed = await fail(createSandbox({ ctx, input: input({ startsOn: "2025-01-01", expiresOn: "2026-11-21" }) }));
    expect([lapsed.status, lapsed.code]).toEqual([422, "performance.sandbox.already-expired"]);
    expect((await fail(createSandbox({ ctx, input: input({ rules: [] }) }))).fields?.[0]?.path).toBe("rules");
    expect((await fail(createSandbox({ ctx, input: input({ rules: [{ ruleTh: "x", change: "suspended" }] }) }))).fields?.[0]?.path).toBe("rules.0.change");
    expect((await fail(createSandbox({ ctx: ctxFor(db, actor("administrator", "nation")), input: input({ provinceCode: "99" }) }))).fields?.[0]).toMatchObject({ path: "provinceCode", code: "ref.unknown-area" });
    expect(await sandboxTables()).toBe(before);

    const s = await createSandbox({ ctx, input: input({ startsOn: "2026-03-01", expiresOn: "2026-12-31" }) });
    const mid = await sandboxTables();
    const early = await fail(recordSandboxResult({ ctx, input: { sandboxId: s.id, measuredOn: "2026-02-28", indicatorTh: "x", value: 1, unit: "x" } }));
    expect([early.status, early.code, early.fields?.[0]?.path]).toEqual([422, "performance.sandbox.result-out-of-period", "measuredOn"]);
    expect((await fail(recordSandboxResult({ ctx, input: { sandboxId: s.id, measuredOn: "2026-11-23", indicatorTh: "x", value: 1, unit: "x" } }))).code).toBe("performance.sandbox.result-out-of-period");
    expect((await fail(endSandbox({ ctx, input: { sandboxId: s.id, endedOn: "2026-02-01" } }))).code).toBe("performance.sandbox.end-out-of-period");
    expect((await fail(endSandbox({ ctx, input: { sandboxId: s.id, endedOn: "2026-12-01" } }))).code).toBe("performance.sandbox.end-out-of-period"); // not after today
    expect((await fail(recordSandboxResult({ ctx, input: { sandboxId: "no-such", measuredOn: "2026-05-01", indicatorTh: "x", value: 1, unit: "x" } }))).code).toBe("performance.sandbox.not-found");
    expect(await sandboxTables()).toBe(mid);
    await endSandbox({ ctx, input: { sandboxId: s.id, endedOn: TODAY } });
    const again = await fail(endSandbox({ ctx, input: { sandboxId: s.id, endedOn: TODAY } }));
    expect([again.status, again.code]).toEqual([409, "performance.sandbox.already-ended"]);
    expect((await fail(recordSandboxResult({ ctx, input: { sandboxId: s.id, measuredOn: "2026-05-01", indicatorTh: "x", value: 1, unit: "x" } }))).code).toBe("performance.sandbox.ended");
  });

  it("bad input changes nothing (400 naming the field)", async () => {
    const ctx = ctxFor(db, poc());
    const s = await createSandbox({ ctx, input: input() });
    const before = await sandboxTables();
    const cases: [() => Promise<unknown>, string][] = [
      [() => createSandbox({ ctx, input: input({ provinceCode: "5" }) }), "provinceCode"],
      [() => createSandbox({ ctx, input: input({ nameTh: "" }) }), "nameTh"],
      [() => createSandbox({ ctx, input: input({ expiresOn: "2570-01-01" }) }), "expiresOn"],
      [() => createSandbox({ ctx, input: input({ startsOn: "2026-02-30" }) }), "startsOn"],
      [() => recordSandboxResult({ ctx, input: { sandboxId: s.id, measuredOn: "2026-05-01", indicatorTh: "x", value: Number.POSITIVE_INFINITY, unit: "x" } }), "value"],
      [() => recordSandboxResult({ ctx, input: { sandboxId: s.id, measuredOn: "2026-05-01", indicatorTh: "", value: 1, unit: "x" } }), "indicatorTh"],
      [() => endSandbox({ ctx, input: { sandboxId: s.id, endedOn: "yesterday" } }), "endedOn"],
    ];
    for (const [run, field] of cases) {
      const e = await fail(run());
      expect(e.status, field).toBe(400);
      expect(e.fields?.map((f) => f.path), field).toContain(field);
    }
    expect(await sandboxTables()).toBe(before);
  });
});

describe("expiry: past expiry reads as expired; the reminder query", () => {
  it("status is computed from today: ended, expired once the expiry date has passed, else active", () => {
    expect(sandboxStatus({ status: "active", expiresOn: "2026-11-22" }, TODAY)).toBe("active");
    expect(sandboxStatus({ status: "active", expiresOn: "2026-11-21" }, TODAY)).toBe("expired");
    expect(sandboxStatus({ status: "ended", expiresOn: "2027-01-01" }, TODAY)).toBe("ended");
  });

  it("the demo: Chiang Rai's sandbox lapses in 40 days (reminded), Khon Kaen's in 312, Ubon's lapsed 22 days ago", async () => {
    const ctx = ctxFor(db, actor("governor", "area:province:57"));
    const all = (await listSandboxes({ ctx, input: {} })).items.filter((s) => s.isDemo);
    expect(all.map((s) => [s.provinceCode, s.status, s.expiresInDays, s.expiringSoon])).toEqual([
      ["34", "expired", -22, false],
      ["57", "active", 40, true],
      ["40", "active", 312, false],
    ]);
    expect((await listSandboxes({ ctx, input: { status: "expired" } })).items.map((s) => s.id)).toEqual(["demo-sandbox-34-border"]);
    expect((await listSandboxes({ ctx, input: { provinceCode: "40", status: "active" } })).items.map((s) => s.id)).toEqual(["demo-sandbox-40-permits"]);
    const haze = await getSandbox({ ctx, input: { id: "demo-sandbox-57-haze" } });
    expect(haze.results.length).toBe(3);
    expect(haze.rules.map((r) => r.change)).toEqual(["modified", "modified", "waived"]);
  });

  it("sandboxesExpiringWithin(ctx, days): not ended, expiring from today to today + days, soonest first", async () => {
    const sys = ctxFor(db, systemActor);
    const soon = await createSandbox({ ctx: sys, input: input({ provinceCode: "40", expiresOn: TODAY }) });
    const ended = await createSandbox({ ctx: sys, input: input({ provinceCode: "40", expiresOn: "2026-12-01" }) });
    await endSandbox({ ctx: sys, input: { sandboxId: ended.id, endedOn: "2026-11-20" } });
    const ids = (await sandboxesExpiringWithin(sys, 60)).map((s) => s.id);
    expect(ids).toContain(soon.id);
    expect(ids).toContain("demo-sandbox-57-haze");
    expect(ids).not.toContain(ended.id);
    expect(ids).not.toContain("demo-sandbox-40-permits");
    expect(ids).not.toContain("demo-sandbox-34-border");
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf("demo-sandbox-57-haze"));
    expect((await sandboxesExpiringWithin(sys, 39)).map((s) => s.id)).not.toContain("demo-sandbox-57-haze");
    expect((await sandboxesExpiringWithin(sys, 40)).map((s) => s.id)).toContain("demo-sandbox-57-haze");
    const withLapsed = await sandboxesExpiringWithin(sys, 60, { includeExpired: true });
    expect(withLapsed.find((s) => s.id === "demo-sandbox-34-border")).toMatchObject({ status: "expired", expiresInDays: -22 });
    expect((await sandboxesExpiringWithin(sys, 0)).map((s) => s.id)).toContain(soon.id);
    await expect(sandboxesExpiringWithin(sys, -1)).rejects.toThrow(RangeError);
    expect((await fail(sandboxesExpiringWithin(ctxFor(db, anonymousActor), 60))).status).toBe(401);
  });
});

/** Scopes relative to Chiang Rai (province 57), where the sandbox is. */
const AREA = { in: "area:province:57", above: "area:cluster:N2", beside: "area:province:55", out: "area:district:3401" } as const;
const ORG = { in: "org:pro:57:natural-resources-environment", above: "org:mnre", beside: "org:pro:55:land", out: "org:moph" } as const;
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
const WRITERS: RoleId[] = ["administrator", "strategy_officer", "governor", "opdc_evaluator"];
const scopeOf = (role: RoleId, where: keyof typeof AREA) => (role === "citizen" || role === "pmoc_viewer" ? "nation" : ORG_ROLES.includes(role) ? ORG[where] : AREA[where]);

describe("permission matrix: sandboxes × every role × scope", () => {
  let sandboxId = "";
  beforeAll(async () => {
    sandboxId = (await createSandbox({ ctx: ctxFor(db, systemActor), input: input({ expiresOn: "2028-12-31" }) })).id;
  });
  const cases: [RoleId, keyof typeof AREA][] = [];
  for (const role of ROLES) for (const where of Object.keys(AREA) as (keyof typeof AREA)[]) cases.push([role, where]);

  it.each(cases)("%s (%s): create, record a result, end", async (role, where) => {
    const who = actor(role, scopeOf(role, where), `sb-${role}-${where}`);
    const ctx = ctxFor(db, who);
    const before = await sandboxTables();
    const allowed = WRITERS.includes(role) && (where === "in" || where === "above");
    const create = () => createSandbox({ ctx, input: input() });
    const result = () => recordSandboxResult({ ctx, input: { sandboxId, measuredOn: "2026-06-30", indicatorTh: "ตัวชี้วัด", value: 1, unit: "ครั้ง" } });
    if (allowed) {
      const s = await create();
      await result();
      await endSandbox({ ctx, input: { sandboxId: s.id, endedOn: TODAY } });
      expect(await audits(who)).toEqual(["performance.sandbox.create", "performance.sandbox.result.record", "performance.sandbox.end"]);
    } else {
      expect((await fail(create())).status).toBe(403);
      expect((await fail(result())).status).toBe(403);
      expect((await fail(endSandbox({ ctx, input: { sandboxId, endedOn: TODAY } }))).status).toBe(403);
      expect(await audits(who)).toEqual([]);
      expect(await sandboxTables()).toBe(before);
    }
  });

  it("reading: every staff role anywhere; citizens 403, anonymous 401", async () => {
    for (const role of ROLES) {
      const ctx = ctxFor(db, actor(role, scopeOf(role, "out")));
      for (const run of [() => listSandboxes({ ctx, input: {} }), () => getSandbox({ ctx, input: { id: sandboxId } })]) {
        if (role === "citizen") expect((await fail(run())).status).toBe(403);
        else await expect(run()).resolves.toBeDefined();
      }
    }
    expect((await fail(listSandboxes({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await fail(createSandbox({ ctx: ctxFor(db, anonymousActor), input: input() }))).status).toBe(401);
  });
});
