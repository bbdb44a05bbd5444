import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createOrganization } from "./create-organization.js";
import { createPost } from "./create-post.js";
import { createMembership } from "./create-membership.js";
import { createPerson } from "./create-person.js";
import { updateOrganization } from "./update-organization.js";
import { createOversight } from "./create-oversight.js";
import { endMembership } from "./end-membership.js";
import { updatePerson } from "./update-person.js";
import { importRegistry } from "./import-registry.js";
import { getOrganization } from "./get-organization.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

/** Scopes relative to the target (Chiang Rai's land office, under Dept of Lands, Ministry of Interior). */
const SCOPES = {
  in: { area: "area:province:57", org: "org:pro:57:land" },
  above: { area: "area:cluster:N2", org: "org:moi.dol" },
  beside: { area: "area:province:55", org: "org:pro:57:public-health" },
  out: { area: "area:district:5501", org: "org:moph" },
};
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];

function scopeFor(role: RoleId, where: keyof typeof SCOPES): string {
  if (role === "citizen" || role === "pmoc_viewer") return "nation";
  return ORG_ROLES.includes(role) ? SCOPES[where].org : SCOPES[where].area;
}

/** Who may edit the registry at the target, by the policy: editors whose grant contains it. */
function expected(role: RoleId, where: keyof typeof SCOPES): boolean {
  const editors: RoleId[] = ["administrator", "strategy_officer", "governor", "ministry_officer", "department_officer"];
  if (!editors.includes(role)) return false;
  if (where === "in") return true;
  if (where === "above") return true; // a grant covers everything beneath its scope
  return false;
}

let seq = 0;
const ops: Record<string, (a: Actor) => Promise<unknown>> = {
  "organization.create": (a) => createOrganization({ ctx: ctxFor(db, a), input: { id: `perm-org-${seq++}`, classification: "other", nameTh: "หน่วยทดสอบ", parentId: "pro:57:land" } }),
  "organization.update": (a) => updateOrganization({ ctx: ctxFor(db, a), input: { id: "pro:57:land", patch: { nameEn: `Provincial Land Office, Chiang Rai` } } }),
  "post.create": (a) => createPost({ ctx: ctxFor(db, a), input: { id: `perm-post-${seq++}`, role: "officer", labelTh: "นักวิชาการทดสอบ", organizationId: "pro:57:land" } }),
  "membership.create": async (a) => {
    const sys = ctxFor(db);
    const p = await createPerson({ ctx: sys, input: { nameTh: "ทดสอบ สิทธิ์" } });
    const post = await createPost({ ctx: sys, input: { id: `perm-mpost-${seq++}`, role: "officer", labelTh: "ตำแหน่งทดสอบ", organizationId: "pro:57:land" } });
    return createMembership({ ctx: ctxFor(db, a), input: { personId: p.id, postId: post.id, startDate: "2026-01-01" } });
  },
  "membership.end": async (a) => {
    const sys = ctxFor(db);
    const p = await createPerson({ ctx: sys, input: { nameTh: "ทดสอบ พ้นตำแหน่ง" } });
    const post = await createPost({ ctx: sys, input: { id: `perm-epost-${seq++}`, role: "officer", labelTh: "ตำแหน่งทดสอบ", organizationId: "pro:57:land" } });
    const m = await createMembership({ ctx: sys, input: { personId: p.id, postId: post.id, startDate: "2026-01-01" } });
    return endMembership({ ctx: ctxFor(db, a), input: { id: m.id, endDate: "2026-06-30" } });
  },
  "person.update": async (a) => {
    const sys = ctxFor(db);
    const p = await createPerson({ ctx: sys, input: { nameTh: "ทดสอบ แก้ชื่อ" } });
    const post = await createPost({ ctx: sys, input: { id: `perm-upost-${seq++}`, role: "officer", labelTh: "ตำแหน่งทดสอบ", organizationId: "pro:57:land" } });
    await createMembership({ ctx: sys, input: { personId: p.id, postId: post.id, startDate: "2026-01-01" } });
    return updatePerson({ ctx: ctxFor(db, a), input: { id: p.id, patch: { nameEn: "Corrected Name" } } });
  },
};
/** Operations any registry editor may start wherever their grant is: a person is scoped by the posts they later hold, and each imported row is checked again against its own target. */
const ANYWHERE: Record<string, (a: Actor) => Promise<unknown>> = {
  "person.create": (a) => createPerson({ ctx: ctxFor(db, a), input: { nameTh: "บุคคลทดสอบสิทธิ์" } }),
  "import.accept": (a) => importRegistry({ ctx: ctxFor(db, a), input: { kind: "persons", mode: "all-or-nothing", fileName: "p.csv", content: Buffer.from("name_th\nทดสอบ นำเข้า\n") } }),
};

describe("registry permission matrix: every editing operation × role × scope (in, above, beside, out)", () => {
  const cases: [string, RoleId, keyof typeof SCOPES][] = [];
  for (const op of Object.keys(ops)) for (const role of ROLES) for (const where of Object.keys(SCOPES) as (keyof typeof SCOPES)[]) cases.push([op, role, where]);

  it.each(cases)("%s by %s (%s)", async (op, role, where) => {
    const scope = role === "administrator" && where !== "in" ? (where === "above" ? "nation" : "area:province:55") : scopeFor(role, where);
    const who = actor(role, scope, `t-${op}-${role}-${where}`);
    const allowed = role === "administrator" ? where !== "beside" && where !== "out" : expected(role, where);
    const run = ops[op]!(who);
    if (allowed) {
      await expect(run).resolves.toBeDefined();
    } else {
      const err = await run.then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      // nothing written by the refused actor (the membership case's own setup is done by the system)
      const after = await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = $1", [who.id]);
      expect(after[0]!.n).toBe(0);
    }
  });

  const anywhereCases: [string, RoleId][] = [];
  for (const op of Object.keys(ANYWHERE)) for (const role of ROLES) anywhereCases.push([op, role]);
  it.each(anywhereCases)("%s by %s (at a scope of their own, beside the target)", async (op, role) => {
    const who = actor(role, role === "citizen" || role === "pmoc_viewer" ? "nation" : scopeFor(role, "beside"), `t-${op}-${role}`);
    const editors: RoleId[] = ["administrator", "strategy_officer", "governor", "ministry_officer", "department_officer"];
    const run = ANYWHERE[op]!(who);
    if (editors.includes(role)) {
      await expect(run).resolves.toBeDefined();
      // the accepting write's own record (an accepted import may already be running in the background on
      // PostgreSQL, writing its rows' records as the uploader too)
      const action = op === "import.accept" ? "registry.import.start" : "registry.person.create";
      const after = await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = $1 and action = $2", [who.id, action]);
      expect(after[0]!.n).toBe(1);
    } else {
      const err = await run.then(() => null, (e: unknown) => e);
      expect((err as AppError).status).toBe(403);
      const after = await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = $1", [who.id]);
      expect(after[0]!.n).toBe(0);
    }
  });

  it("anonymous callers get 401 on every write", async () => {
    for (const op of [...Object.values(ops), ...Object.values(ANYWHERE)]) {
      const err = await op(anonymousActor).then(() => null, (e: unknown) => e);
      expect((err as AppError).status).toBe(401);
    }
  });

  it("only national administrators assign areas to a deputy PM", async () => {
    const post = await createPost({ ctx: ctxFor(db), input: { id: "perm-dpm", role: "deputy_prime_minister", labelTh: "รองนายกรัฐมนตรี", organizationId: "opm" } });
    await expect(createOversight({ ctx: ctxFor(db, actor("governor", "area:province:57")), input: { postId: post.id, areaId: "province:57", startDate: "2026-01-01" } })).rejects.toMatchObject({ status: 403 });
    await expect(createOversight({ ctx: ctxFor(db, actor("administrator", "nation")), input: { postId: post.id, areaId: "cluster:N2", startDate: "2026-01-01" } })).resolves.toHaveProperty("id");
  });
});

describe("an editor cannot file records into another province through a parent they hold", () => {
  const count = async () => Number((await db.query<{ n: string }>("select count(*)::text as n from organizations"))[0]!.n);
  it("Chiang Rai's strategy office may add a unit of its land office in Mae Sai, not in Ubon Ratchathani", async () => {
    const poc = ctxFor(db, actor("strategy_officer", "area:province:57"));
    const before = await count();
    const err = await createOrganization({ ctx: poc, input: { classification: "provincial_office", nameTh: "หน่วยที่ดินนอกเขต", parentId: "pro:57:land", areaId: "province:34" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(403);
    expect(await count()).toBe(before);
    const moveErr = await updateOrganization({ ctx: poc, input: { id: "pro:57:land", patch: { areaId: "province:34" } } }).catch((e: unknown) => e);
    expect((moveErr as AppError).status).toBe(403);
    const ok = await createOrganization({ ctx: poc, input: { classification: "provincial_office", nameTh: "หน่วยที่ดินแม่สาย", parentId: "pro:57:land", areaId: "district:5709" } });
    expect(ok.provinceCode).toBe("57");
  });
  it("a refusal that is really a typo says so: an unknown district is named as such (400), a real one elsewhere is 403", async () => {
    const poc = ctxFor(db, actor("strategy_officer", "area:province:57"));
    const unknown = (await createOrganization({ ctx: poc, input: { classification: "municipality", nameTh: "เทศบาลพิมพ์ผิด", areaId: "district:5799" } }).catch((e: unknown) => e)) as AppError;
    expect(unknown.status).toBe(400);
    expect(unknown.fields).toEqual([expect.objectContaining({ path: "areaId", code: "ref.unknown-area" })]);
    const elsewhere = (await createOrganization({ ctx: poc, input: { classification: "municipality", nameTh: "เทศบาลนอกเขต", areaId: "district:3401" } }).catch((e: unknown) => e)) as AppError;
    expect(elsewhere.status).toBe(403);
  });
  it("a ministry, which has no province, may place its offices in any province", async () => {
    const moi = ctxFor(db, actor("ministry_officer", "org:moi"));
    const ok = await createOrganization({ ctx: moi, input: { classification: "provincial_office", nameTh: "หน่วยกรมการปกครองอุบล", parentId: "moi.dopa", areaId: "province:34" } });
    expect(ok.provinceCode).toBe("34");
  });
});

describe("audit: every registry write leaves its record in the same transaction", () => {
  it("writes one audit row per change with actor, before/after and the request id", async () => {
    const ctx = ctxFor(db, actor("strategy_officer", "area:province:57", "audit-tester"));
    const org = await createOrganization({ ctx, input: { classification: "civil_society", nameTh: "เครือข่ายอากาศสะอาดเชียงราย", areaId: "province:57" } });
    await updateOrganization({ ctx, input: { id: org.id, patch: { nameEn: "Chiang Rai Clean Air Network" } } });
    const rows = await db.query<{ action: string; before: unknown; after: { nameEn: string }; request_id: string; actor_id: string }>(
      "select action, before, after, request_id, actor_id from audit_log where entity_type = 'organization' and entity_id = $1 order by id",
      [org.id],
    );
    expect(rows.map((r) => r.action)).toEqual(["registry.organization.create", "registry.organization.update"]);
    expect(rows[1]!.after.nameEn).toBe("Chiang Rai Clean Air Network");
    expect(rows.every((r) => r.request_id === ctx.requestId && r.actor_id === "audit-tester")).toBe(true);
  });

  it("a failed change leaves neither the change nor an audit row", async () => {
    const ctx = ctxFor(db, actor("administrator", "nation", "audit-fail"));
    await expect(createOrganization({ ctx, input: { classification: "other", nameTh: "ผิด", parentId: "no-such-org" } })).rejects.toMatchObject({ status: 400 });
    const n = await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = 'audit-fail'");
    expect(n[0]!.n).toBe(0);
  });

  it("the audit trail refuses UPDATE and DELETE at the database", async () => {
    await expect(db.exec("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.exec("delete from audit_log")).rejects.toThrow(/append-only/);
  });
});

describe("a post's current holder is counted in Bangkok's calendar", () => {
  it("at 00:30 in Bangkok (17:30 UTC the day before) an appointment starting that Bangkok day already holds the post", async () => {
    const lateEvening = new Date("2026-11-22T17:30:00Z"); // 23 Nov 2026, 00:30 Bangkok
    const sys = { ...ctxFor(db), now: () => lateEvening };
    const p = await createPerson({ ctx: sys, input: { nameTh: "ทดสอบ เที่ยงคืน" } });
    const post = await createPost({ ctx: sys, input: { id: "tz-post", role: "officer", labelTh: "ตำแหน่งเที่ยงคืน", organizationId: "pro:57:land" } });
    await createMembership({ ctx: sys, input: { personId: p.id, postId: post.id, startDate: "2026-11-23" } });
    const org = await getOrganization({ ctx: sys, input: { id: "pro:57:land" } });
    expect(org.posts.find((x) => x.id === "tz-post")?.holder?.person.nameTh).toBe("ทดสอบ เที่ยงคืน");
    const before = await getOrganization({ ctx: { ...sys, now: () => new Date("2026-11-22T16:30:00Z") }, input: { id: "pro:57:land" } });
    expect(before.posts.find((x) => x.id === "tz-post")?.holder ?? null).toBeNull();
  });
});
