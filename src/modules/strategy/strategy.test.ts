import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { approveNode } from "./approve-node.js";
import { createNode } from "./create-node.js";
import { getNode } from "./get-node.js";
import { linkNodes, unlinkNodes } from "./link-nodes.js";
import { listNodes } from "./list-nodes.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
let seq = 0;

describe("the national cascade is loaded from the published documents", () => {
  it("6 strategies of the 20-year National Strategy, 23 master plans each part of one, and the government agendas", async () => {
    const ctx = ctxFor(db);
    expect((await listNodes({ ctx, input: { kind: "national_strategy" } })).total).toBe(6);
    const mps = await listNodes({ ctx, input: { kind: "master_plan" } });
    expect(mps.total).toBe(23);
    const ns5 = await getNode({ ctx, input: { id: "ns:ns5" } });
    expect(ns5.below.filter((b) => b.depth === 1).map((b) => b.code).sort()).toEqual(["MP18", "MP19"]);
    expect((await listNodes({ ctx, input: { kind: "government_agenda" } })).total).toBeGreaterThanOrEqual(5);
  });
});

describe("cascade explorer: everything above and below a node, across provinces", () => {
  it("the green-province agenda reaches goals in Chiang Rai and Phetchaburi; a Chiang Rai goal reaches the national strategy", async () => {
    const ctx = ctxFor(db);
    const env = await getNode({ ctx, input: { id: "agenda:ag-env" } });
    const provinces = new Set(env.below.filter((b) => b.kind === "provincial_goal").map((b) => b.provinceCode));
    expect([...provinces].sort()).toEqual(["57", "76"]);
    expect(env.above.map((a) => a.id)).toEqual(["mp:mp18", "ns:ns5"]);
    const goal = await getNode({ ctx, input: { id: "prov:57:goal:1.1" } });
    expect(goal.above.map((a) => a.id)).toEqual(expect.arrayContaining(["prov:57:issue:1", "prov:57:strategy", "agenda:ag-env", "cluster:n2", "mp:mp18", "ns:ns5"]));
    expect(goal.above.find((a) => a.id === "ns:ns5")!.depth).toBeGreaterThan(1);
    expect(goal.below).toEqual([]);
  });
});

describe("cascade rules", () => {
  const poc = () => actor("strategy_officer", "area:province:57", `poc-57-${seq++}`);
  it("a provincial goal must serve something and carry a mission (400, nothing written)", async () => {
    const who = poc();
    const e1 = await fail(createNode({ ctx: ctxFor(db, who), input: { kind: "provincial_goal", areaId: "province:57", nameTh: "เป้าหมายลอย", mission: "environment" } }));
    expect(e1.status).toBe(400);
    expect(e1.fields?.[0]?.path).toBe("serves");
    const e2 = await fail(createNode({ ctx: ctxFor(db, who), input: { kind: "provincial_goal", areaId: "province:57", nameTh: "เป้าหมาย", serves: [{ id: "agenda:ag-env", kind: "serves" }] } }));
    expect(e2.fields?.[0]?.path).toBe("mission");
    expect(await audits(who)).toEqual([]);
  });
  it("links go up only: a goal cannot serve a goal, nor an agenda a goal (422)", async () => {
    const who = poc();
    const e = await fail(createNode({ ctx: ctxFor(db, who), input: { kind: "provincial_goal", areaId: "province:57", nameTh: "เป้าหมายซ้อน", mission: "environment", serves: [{ id: "prov:57:goal:1.2", kind: "serves" }] } }));
    expect(e.status).toBe(422);
    expect(e.code).toBe("strategy.link-not-upward");
    const e2 = await fail(linkNodes({ ctx: ctxFor(db), input: { fromId: "agenda:ag-env", toId: "prov:57:goal:1.1" } }));
    expect(e2.code).toBe("strategy.link-not-upward");
  });
  it("a provincial goal keeps at least one link; links are added and removed with audit", async () => {
    const who = poc();
    const ctx = ctxFor(db, who);
    const g = await createNode({ ctx, input: { kind: "provincial_goal", areaId: "province:57", nameTh: "เป้าหมายทดสอบการเชื่อมโยง", mission: "environment", serves: [{ id: "agenda:ag-env", kind: "serves" }] } });
    const last = await fail(unlinkNodes({ ctx, input: { fromId: g.id, toId: "agenda:ag-env" } }));
    expect(last.code).toBe("strategy.goal-unlinked");
    await linkNodes({ ctx, input: { fromId: g.id, toId: "mp:mp13" } });
    await unlinkNodes({ ctx, input: { fromId: g.id, toId: "agenda:ag-env" } });
    expect((await getNode({ ctx, input: { id: g.id } })).above.map((a) => a.id)).toEqual(["mp:mp13", "ns:ns3"]);
    expect(await audits(who)).toEqual(["strategy.node.create", "strategy.link.create", "strategy.link.delete"]);
  });
  it("an area node needs an area of the right kind", async () => {
    const e = await fail(createNode({ ctx: ctxFor(db), input: { kind: "cluster_strategy", areaId: "province:57", nameTh: "ผิดประเภท" } }));
    expect(e.status).toBe(400);
    expect(e.fields?.[0]?.code).toBe("strategy.area-kind");
  });
});

describe("approval: a cluster strategy by the deputy PM overseeing the cluster; a provincial strategy by its governor", () => {
  it("the deputy PM's office over N2 approves N2's draft; one over another cluster, or a governor, may not", async () => {
    const draft = await createNode({ ctx: ctxFor(db), input: { kind: "cluster_strategy", areaId: "cluster:N2", nameTh: `ยุทธศาสตร์กลุ่มจังหวัดทดสอบ ${seq++}`, serves: [{ id: "mp:mp05", kind: "serves" }] } });
    expect(draft.status).toBe("draft");
    expect((await fail(approveNode({ ctx: ctxFor(db, actor("deputy_pm_office", "area:cluster:NE3")), input: { id: draft.id } }))).status).toBe(403);
    expect((await fail(approveNode({ ctx: ctxFor(db, actor("governor", "area:province:57")), input: { id: draft.id } }))).status).toBe(403);
    const dpm = actor("deputy_pm_office", "area:cluster:N2", `dpm-${seq++}`);
    expect((await getNode({ ctx: ctxFor(db, dpm), input: { id: draft.id } })).may.approve).toBe(true);
    const ok = await approveNode({ ctx: ctxFor(db, dpm), input: { id: draft.id } });
    expect(ok.status).toBe("approved");
    expect(await audits(dpm)).toEqual(["strategy.node.approve"]);
    expect((await fail(approveNode({ ctx: ctxFor(db, dpm), input: { id: draft.id } }))).code).toBe("strategy.already-approved");
  });
  it("Phetchaburi's governor approves its draft provincial strategy; its strategy office may not", async () => {
    expect((await getNode({ ctx: ctxFor(db), input: { id: "prov:76:strategy" } })).status).toBe("draft");
    expect((await fail(approveNode({ ctx: ctxFor(db, actor("strategy_officer", "area:province:76")), input: { id: "prov:76:strategy" } }))).status).toBe(403);
    expect((await approveNode({ ctx: ctxFor(db, actor("governor", "area:province:76")), input: { id: "prov:76:strategy" } })).status).toBe("approved");
  });
});

/** Scopes relative to Chiang Rai (province 57). */
const WHERE = { in: "area:province:57", above: "area:cluster:N2", beside: "area:province:55", out: "area:district:3401" } as const;
const ORG_SCOPES = { in: "org:pro:57:land", above: "org:moi", beside: "org:pro:55:land", out: "org:moph" } as const;
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
const AREA_WRITERS: RoleId[] = ["administrator", "strategy_officer", "governor", "cluster_office", "deputy_pm_office"];

describe("permission matrix: adding a provincial goal in Chiang Rai × every role × scope", () => {
  const cases: [RoleId, keyof typeof WHERE][] = [];
  for (const role of ROLES) for (const where of Object.keys(WHERE) as (keyof typeof WHERE)[]) cases.push([role, where]);
  it.each(cases)("%s (%s)", async (role, where) => {
    const scope = role === "citizen" || role === "pmoc_viewer" ? "nation" : ORG_ROLES.includes(role) ? ORG_SCOPES[where] : WHERE[where];
    const who = actor(role, scope, `m-${role}-${where}-${seq++}`);
    const run = createNode({ ctx: ctxFor(db, who), input: { kind: "provincial_goal", areaId: "province:57", nameTh: `เป้าหมาย ${who.id}`, mission: "environment", serves: [{ id: "prov:57:issue:1", kind: "part_of" }] } });
    const allowed = AREA_WRITERS.includes(role) && (where === "in" || where === "above");
    if (allowed) {
      await expect(run).resolves.toMatchObject({ kind: "provincial_goal", provinceCode: "57" });
      expect(await audits(who)).toEqual(["strategy.node.create"]);
    } else {
      const e = await fail(run);
      expect(e.status).toBe(403);
      expect(await audits(who)).toEqual([]);
    }
  });
  it("anonymous callers get 401; national nodes are the national administrators'", async () => {
    expect((await fail(createNode({ ctx: ctxFor(db, anonymousActor), input: { kind: "government_agenda", nameTh: "วาระ" } }))).status).toBe(401);
    expect((await fail(createNode({ ctx: ctxFor(db, actor("administrator", "area:province:57")), input: { kind: "government_agenda", nameTh: "วาระ" } }))).status).toBe(403);
    await expect(createNode({ ctx: ctxFor(db, actor("administrator", "nation")), input: { kind: "government_agenda", nameTh: `วาระใหม่ ${seq++}`, serves: [{ id: "mp:mp16", kind: "serves" }] } })).resolves.toMatchObject({ status: "approved" });
  });
});
