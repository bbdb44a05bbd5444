import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { proposalIssues } from "./agenda-rules.js";
import { assignAgenda } from "./assign-agenda.js";
import { compareVersions, diffProposals } from "./compare-versions.js";
import { EMPTY_PROPOSAL, ProposalContent } from "./contracts.js";
import { createNode } from "./create-node.js";
import { getAssignment } from "./get-assignment.js";
import { listAssignments } from "./list-assignments.js";
import { reviewProposal } from "./review-proposal.js";
import { saveProposal } from "./save-proposal.js";
import { submitProposal } from "./submit-proposal.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
/** Everything stored about one assignment: its row, every version, every review. */
const snapshot = async (id: string) => ({
  a: await db.query("select * from agenda_assignments where id = $1", [id]),
  v: await db.query("select * from agenda_proposal_versions where assignment_id = $1 order by version", [id]),
  r: await db.query("select * from agenda_proposal_reviews where assignment_id = $1 order by id", [id]),
});
let seq = 0;
const gov = () => actor("governor", "area:province:57", `gov-57-${seq++}`);
const poc = () => actor("strategy_officer", "area:province:57", `poc-57-${seq++}`);
const moi = () => actor("ministry_officer", "org:moi", `moi-${seq++}`);
const opdc = () => actor("opdc_evaluator", "nation", `opdc-${seq++}`);
const dpm = () => actor("deputy_pm_office", "area:cluster:N2", `dpm-${seq++}`);

/** A new government agenda to assign (an agenda is assigned to a province once). */
async function freshAgenda(): Promise<string> {
  const n = await createNode({ ctx: ctxFor(db), input: { kind: "government_agenda", nameTh: `วาระทดสอบ ${seq++}`, nameEn: "Test agenda", serves: [{ id: "mp:mp16", kind: "serves" }] } });
  return n.id;
}
async function freshAssignment(provinceCode = "57"): Promise<string> {
  return (await assignAgenda({ ctx: ctxFor(db, actor("administrator", "nation", `adm-${seq++}`)), input: { agendaNodeId: await freshAgenda(), provinceCode } })).id;
}

const V1 = ProposalContent.parse({
  startYear: 2569,
  goals: [{ key: "g1", textTh: "ลดการเผาในที่โล่ง" }, { key: "g2", textTh: "ชุมชนมีส่วนร่วมเฝ้าระวังไฟป่า" }],
  methods: [{ key: "m1", textTh: "จัดชุดเฝ้าระวังไฟป่าในหมู่บ้านเสี่ยง" }],
  tools: [{ tool: "digital_government", howTh: "แดชบอร์ดจุดความร้อน" }],
  kpis: [{ key: "k1", nameTh: "จำนวนจุดความร้อน", unit: "จุด", direction: "lower", baseline: 100, baselineYear: 2568, year1Target: 90, year2Target: 80 }],
  benefits: [{ key: "b1", textTh: "อากาศสะอาดขึ้น" }],
  support: { delegationTh: "อำนาจสั่งห้ามเผา", budgetBaht: "1000000.00" },
});
const V2 = ProposalContent.parse({
  ...V1,
  goals: [{ key: "g1", textTh: "ลดการเผาในที่โล่งลงครึ่งหนึ่ง" }, { key: "g3", textTh: "กลุ่มเปราะบางได้รับการดูแล" }],
  tools: [...V1.tools, { tool: "open_government", howTh: "เปิดข้อมูลการอนุญาตเผา" }],
  kpis: [{ ...V1.kpis[0]!, year2Target: 70 }],
  support: { ...V1.support, budgetBaht: "900000.50" },
});

describe("demo: the five 2024 pilots, each at a stage of the workflow", () => {
  it("Ubon and Chiang Rai approved, Khon Kaen with OPDC, Buriram with the ministry, Phetchaburi a draft", async () => {
    const all = await listAssignments({ ctx: ctxFor(db, opdc()), input: {} });
    const demo = Object.fromEntries(all.items.filter((a) => a.isDemo).map((a) => [a.provinceCode, a]));
    expect(Object.fromEntries(Object.entries(demo).map(([k, a]) => [k, a.status]))).toEqual({ "34": "approved", "31": "submitted", "40": "under_review", "57": "approved", "76": "draft" });
    expect(demo["34"]!.agendaNodeId).toBe("agenda:ag-border");
    expect(demo["31"]!.agendaNodeId).toBe("agenda:ag-debt");
    expect(demo["40"]!.agendaNodeId).toBe("agenda:ag-digital");
    expect(demo["57"]!.agendaKind).toBe("pain_point");
    const cr = await getAssignment({ ctx: ctxFor(db, opdc()), input: { id: demo["57"]!.id } });
    expect(cr.versions.map((v) => [v.version, v.state])).toEqual([[1, "returned"], [2, "approved"]]);
    expect(cr.reviews.map((r) => `${r.version}:${r.stage}:${r.decision}`)).toEqual(["1:moi:forward", "1:opdc:return", "2:moi:forward", "2:opdc:approve"]);
    expect(cr.reviews[1]!.comment).toMatch(/PM2\.5/);
    const diff = await compareVersions({ ctx: ctxFor(db, opdc()), input: { id: cr.id, from: 1, to: 2 } });
    expect(diff.kpis.map((k) => `${k.key}:${k.change}`)).toEqual(["k1:changed", "k2:added"]);
    const pb = await getAssignment({ ctx: ctxFor(db, actor("governor", "area:province:76")), input: { id: demo["76"]!.id } });
    expect(pb.issues.map((i) => i.code)).toEqual(["strategy.proposal.no-tool", "strategy.proposal.no-kpi", "strategy.proposal.no-benefit"]);
    expect(pb.may).toEqual({ edit: true, submit: true, reviewMoi: false, reviewOpdc: false });
  });
});

describe("the whole workflow: assign → draft → submit → ministry → OPDC → returned → v2 → approved", () => {
  it("keeps every version, unchanged once submitted, and compares them field by field", async () => {
    const d = dpm();
    const a = await assignAgenda({ ctx: ctxFor(db, d), input: { agendaNodeId: await freshAgenda(), provinceCode: "57", titleTh: "วาระทดสอบกระบวนงาน" } });
    expect(a).toMatchObject({ status: "draft", currentVersion: 1, provinceCode: "57", assignedOn: "2026-11-22" });
    expect(await audits(d)).toEqual(["strategy.agenda.assign"]);

    // an incomplete draft is saved, but cannot be submitted: every missing part is named, nothing changes
    const p = poc();
    await saveProposal({ ctx: ctxFor(db, p), input: { id: a.id, goals: V1.goals } });
    const g = gov();
    const before = await snapshot(a.id);
    const e = await fail(submitProposal({ ctx: ctxFor(db, g), input: { id: a.id } }));
    expect(e.status).toBe(422);
    expect(e.code).toBe("strategy.proposal.incomplete");
    expect(e.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    expect((e.details!.issues as { code: string }[]).map((i) => i.code)).toEqual(["strategy.proposal.no-start-year", "strategy.proposal.no-method", "strategy.proposal.no-tool", "strategy.proposal.no-kpi", "strategy.proposal.no-benefit"]);
    expect(await snapshot(a.id)).toEqual(before);

    await saveProposal({ ctx: ctxFor(db, p), input: { id: a.id, ...V1 } });
    const sub = await submitProposal({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(sub.status).toBe("submitted");
    const v1Row = (await snapshot(a.id)).v[0];

    // a submitted version never changes
    const locked = await fail(saveProposal({ ctx: ctxFor(db, p), input: { id: a.id, ...V2 } }));
    expect(locked.code).toBe("strategy.proposal.not-editable");
    expect((await snapshot(a.id)).v).toEqual([v1Row]);

    const m = moi();
    expect((await getAssignment({ ctx: ctxFor(db, m), input: { id: a.id } })).may.reviewMoi).toBe(true);
    expect((await reviewProposal({ ctx: ctxFor(db, m), input: { id: a.id, stage: "moi", decision: "forward" } })).status).toBe("under_review");
    const o = opdc();
    const back = await reviewProposal({ ctx: ctxFor(db, o), input: { id: a.id, stage: "opdc", decision: "return", comment: "เป้าหมายปีที่ 2 ยังไม่ท้าทาย" } });
    expect(back.status).toBe("returned");
    expect(await fail(submitProposal({ ctx: ctxFor(db, g), input: { id: a.id } }))).toMatchObject({ code: "strategy.proposal.not-draft" });

    // the first save after a return starts version 2; later saves edit it; version 1 stays as it was submitted
    const v2 = await saveProposal({ ctx: ctxFor(db, p), input: { id: a.id, ...V2, goals: V2.goals.slice(0, 1) } });
    expect(v2).toMatchObject({ version: 2, state: "draft", submittedAt: null });
    await saveProposal({ ctx: ctxFor(db, p), input: { id: a.id, ...V2 } });
    const mid = await snapshot(a.id);
    expect(mid.v).toHaveLength(2);
    expect(mid.v[0]).toEqual(v1Row);
    expect(mid.a[0]).toMatchObject({ status: "draft", current_version: 2 });

    await submitProposal({ ctx: ctxFor(db, g), input: { id: a.id } });
    await reviewProposal({ ctx: ctxFor(db, m), input: { id: a.id, stage: "moi", decision: "forward", comment: "ผ่านการกลั่นกรอง" } });
    expect((await reviewProposal({ ctx: ctxFor(db, o), input: { id: a.id, stage: "opdc", decision: "approve" } })).status).toBe("approved");

    const detail = await getAssignment({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(detail.versions.map((v) => [v.version, v.state])).toEqual([[1, "returned"], [2, "approved"]]);
    expect(detail.versions[0]!.content).toEqual(V1);
    expect(detail.versions[1]!.content).toEqual(V2);
    expect(detail.reviews.map((r) => [r.version, r.stage, r.decision, r.comment])).toEqual([
      [1, "moi", "forward", null],
      [1, "opdc", "return", "เป้าหมายปีที่ 2 ยังไม่ท้าทาย"],
      [2, "moi", "forward", "ผ่านการกลั่นกรอง"],
      [2, "opdc", "approve", null],
    ]);
    expect(detail.may).toEqual({ edit: false, submit: false, reviewMoi: false, reviewOpdc: false });
    expect(await audits(p)).toEqual(["strategy.proposal.save", "strategy.proposal.save", "strategy.proposal.save", "strategy.proposal.save"]);
    expect(await audits(g)).toEqual(["strategy.proposal.submit", "strategy.proposal.submit"]);
    expect(await audits(m)).toEqual(["strategy.proposal.forward", "strategy.proposal.forward"]);
    expect(await audits(o)).toEqual(["strategy.proposal.return", "strategy.proposal.approve"]);

    const diff = await compareVersions({ ctx: ctxFor(db, g), input: { id: a.id, from: 1, to: 2 } });
    expect(diff.goals.map((x) => [x.key, x.change])).toEqual([["g1", "changed"], ["g3", "added"], ["g2", "removed"]]);
    expect(diff.goals[0]!.fields).toEqual([{ field: "textTh", before: "ลดการเผาในที่โล่ง", after: "ลดการเผาในที่โล่งลงครึ่งหนึ่ง" }]);
    expect(diff.goals[2]!.before).toEqual(V1.goals[1]);
    expect(diff.methods).toEqual([]);
    expect(diff.tools.map((x) => [x.key, x.change])).toEqual([["open_government", "added"]]);
    expect(diff.kpis).toEqual([{ key: "k1", change: "changed", before: V1.kpis[0], after: V2.kpis[0], fields: [{ field: "year2Target", before: 80, after: 70 }] }]);
    expect(diff.support).toEqual([{ field: "budgetBaht", before: "1000000.00", after: "900000.50" }]);
    expect(diff.startYear).toBeNull();
    expect(diff.changes).toBe(6);
    expect((await compareVersions({ ctx: ctxFor(db, g), input: { id: a.id, from: 2, to: 1 } })).goals.map((x) => x.change)).toEqual(["changed", "added", "removed"]);
    expect((await fail(compareVersions({ ctx: ctxFor(db, g), input: { id: a.id, from: 1, to: 3 } }))).fields?.[0]).toMatchObject({ path: "to", code: "strategy.proposal.unknown-version" });
  });
});

describe("rules of the workflow", () => {
  async function submitted(): Promise<string> {
    const id = await freshAssignment();
    await saveProposal({ ctx: ctxFor(db, poc()), input: { id, ...V1 } });
    await submitProposal({ ctx: ctxFor(db, gov()), input: { id } });
    return id;
  }
  it("each reviewer acts at their own stage only (422), and an approved proposal is closed", async () => {
    const id = await submitted();
    const o = opdc();
    const early = await fail(reviewProposal({ ctx: ctxFor(db, o), input: { id, stage: "opdc", decision: "approve" } }));
    expect(early).toMatchObject({ status: 422, code: "strategy.proposal.wrong-stage" });
    await reviewProposal({ ctx: ctxFor(db, moi()), input: { id, stage: "moi", decision: "forward" } });
    const m = moi();
    const again = await fail(reviewProposal({ ctx: ctxFor(db, m), input: { id, stage: "moi", decision: "return", comment: "ขอแก้ไข" } }));
    expect(again).toMatchObject({ status: 422, code: "strategy.proposal.wrong-stage" });
    // the ministry's officer holds no OPDC right at all: 403, whatever the stage
    expect((await fail(reviewProposal({ ctx: ctxFor(db, m), input: { id, stage: "opdc", decision: "approve" } }))).status).toBe(403);
    await reviewProposal({ ctx: ctxFor(db, o), input: { id, stage: "opdc", decision: "approve" } });
    const before = await snapshot(id);
    expect((await fail(reviewProposal({ ctx: ctxFor(db, opdc()), input: { id, stage: "opdc", decision: "return", comment: "ทบทวน" } }))).code).toBe("strategy.proposal.wrong-stage");
    expect((await fail(saveProposal({ ctx: ctxFor(db, poc()), input: { id, ...V2 } }))).code).toBe("strategy.proposal.not-editable");
    expect(await snapshot(id)).toEqual(before);
    expect(await audits(m)).toEqual([]);
  });
  it("a return needs a comment (400 naming it), from either stage; a forward cannot be an approval", async () => {
    const id = await submitted();
    const before = await snapshot(id);
    const m = moi();
    for (const comment of [undefined, null, "", "   "]) {
      const e = await fail(reviewProposal({ ctx: ctxFor(db, m), input: { id, stage: "moi", decision: "return", comment } }));
      expect(e.status).toBe(400);
      expect(e.fields?.map((f) => f.path)).toEqual(["comment"]);
    }
    const wrong = await fail(reviewProposal({ ctx: ctxFor(db, m), input: { id, stage: "moi", decision: "approve" } }));
    expect(wrong.fields?.map((f) => f.path)).toEqual(["decision"]);
    expect((await fail(reviewProposal({ ctx: ctxFor(db, opdc()), input: { id, stage: "opdc", decision: "forward" } }))).status).toBe(400);
    expect(await snapshot(id)).toEqual(before);
    expect(await audits(m)).toEqual([]);
    const r = await reviewProposal({ ctx: ctxFor(db, m), input: { id, stage: "moi", decision: "return", comment: "ขอให้ระบุค่าฐาน" } });
    expect(r.status).toBe("returned");
  });
  it("nobody reviews a proposal they wrote, even holding a reviewer's role", async () => {
    const id = await freshAssignment();
    const both: Actor = { kind: "user", id: `both-${seq++}`, name: "both", grants: [{ role: "governor", scope: "area:province:57" }, { role: "ministry_officer", scope: "org:moi" }] };
    await saveProposal({ ctx: ctxFor(db, both), input: { id, ...V1 } });
    await submitProposal({ ctx: ctxFor(db, both), input: { id } });
    expect((await getAssignment({ ctx: ctxFor(db, both), input: { id } })).may.reviewMoi).toBe(false);
    const e = await fail(reviewProposal({ ctx: ctxFor(db, both), input: { id, stage: "moi", decision: "forward" } }));
    expect(e).toMatchObject({ status: 422, code: "strategy.proposal.self-review" });
    expect(await audits(both)).toEqual(["strategy.proposal.save", "strategy.proposal.submit"]);
  });
  it("KPI targets must be challenging: year 2 beats the baseline and does not fall back from year 1", () => {
    const k = V1.kpis[0]!;
    const codes = (kpis: typeof V1.kpis) => proposalIssues({ ...V1, kpis }).map((i) => i.code);
    expect(codes([k])).toEqual([]);
    expect(codes([{ ...k, year2Target: 100 }])).toEqual(["strategy.proposal.kpi-not-challenging"]);
    expect(codes([{ ...k, year1Target: 75 }])).toEqual(["strategy.proposal.kpi-not-challenging"]);
    expect(codes([{ ...k, direction: "higher" }])).toEqual(["strategy.proposal.kpi-not-challenging"]);
    expect(codes([{ ...k, baselineYear: null }])).toEqual(["strategy.proposal.kpi-baseline-year"]);
    expect(codes([{ ...k, year2Target: null }])).toEqual(["strategy.proposal.no-kpi"]);
    expect(proposalIssues(EMPTY_PROPOSAL)).toHaveLength(6);
  });
  it("compare is a pure field-by-field diff: identical versions have no changes", () => {
    expect(diffProposals(V1, V1).changes).toBe(0);
    const d = diffProposals(V1, { ...V1, startYear: 2570, support: { ...V1.support, personnelCount: 3 } });
    expect(d.startYear).toEqual({ field: "startYear", before: 2569, after: 2570 });
    expect(d.support).toEqual([{ field: "personnelCount", before: null, after: 3 }]);
    expect(d.changes).toBe(2);
  });
});

describe("assigning an agenda", () => {
  it("only a government agenda, or the province's own pain point; once per province (nothing written on refusal)", async () => {
    const d = dpm();
    const ctx = ctxFor(db, d);
    const bad = [
      [{ agendaNodeId: "no-such-node", provinceCode: "57" }, "agendaNodeId", "strategy.unknown-node"],
      [{ agendaNodeId: "prov:57:goal:1.1", provinceCode: "57" }, "agendaNodeId", "strategy.agenda.not-assignable"],
      [{ agendaNodeId: "prov:76:pain", provinceCode: "57" }, "agendaNodeId", "strategy.agenda.other-province"],
      [{ agendaNodeId: "agenda:ag-env", provinceCode: "99" }, "provinceCode", "ref.unknown-area"],
    ] as const;
    for (const [input, path, code] of bad) {
      const e = await fail(assignAgenda({ ctx, input }));
      expect(e.status, code).toBe(400);
      expect(e.fields?.[0], code).toMatchObject({ path, code });
    }
    const dup = await fail(assignAgenda({ ctx, input: { agendaNodeId: "prov:57:pain", provinceCode: "57" } }));
    expect(dup).toMatchObject({ status: 409, code: "strategy.agenda.already-assigned" });
    expect(await audits(d)).toEqual([]);
    const ok = await assignAgenda({ ctx, input: { agendaNodeId: "agenda:ag-drugs", provinceCode: "57" } });
    expect(ok.titleTh).toBe("การป้องกันและแก้ไขปัญหายาเสพติด");
    expect(await audits(d)).toEqual(["strategy.agenda.assign"]);
  });
  it("bad input changes nothing: 400 naming the field", async () => {
    const id = await freshAssignment();
    await saveProposal({ ctx: ctxFor(db, poc()), input: { id, ...V1 } });
    const before = await snapshot(id);
    const p = poc();
    const cases: [Record<string, unknown>, string][] = [
      [{ goals: [{ key: "g1", textTh: "ก" }, { key: "g1", textTh: "ข" }] }, "goals"],
      [{ support: { budgetBaht: "12.345" } }, "support.budgetBaht"],
      [{ support: { budgetBaht: -5 } }, "support.budgetBaht"],
      [{ kpis: [{ key: "k 1", nameTh: "x", unit: "u", direction: "lower" }] }, "kpis.0.key"],
      [{ kpis: [{ key: "k1", nameTh: "x", unit: "u", direction: "sideways" }] }, "kpis.0.direction"],
      [{ tools: [{ tool: "digital_government" }, { tool: "digital_government" }] }, "tools"],
      [{ startYear: 2026 }, "startYear"],
      [{ goals: "ลดฝุ่น" }, "goals"],
    ];
    for (const [patch, path] of cases) {
      const e = await fail(saveProposal({ ctx: ctxFor(db, p), input: { id, ...V1, ...patch } as never }));
      expect(e.status, path).toBe(400);
      expect(e.fields?.map((f) => f.path), path).toContain(path);
    }
    expect(await snapshot(id)).toEqual(before);
    expect(await audits(p)).toEqual([]);
  });
});

/** Scopes to try each role at: relative to Chiang Rai (area roles) or to the Ministry of Interior (organisation roles). */
const AREA_SCOPES = ["area:province:57", "area:cluster:N2", "area:province:55", "area:district:3401", "nation"];
const ORG_SCOPES = ["org:moi", "org:pro:57:land", "org:moph", "org:moi.dopa", "nation"];
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
const covers57 = (s: string) => s === "area:province:57" || s === "area:cluster:N2" || s === "nation";
const coversMoi = (s: string) => s === "org:moi" || s === "nation";
const STAFF: RoleId[] = ROLES.filter((r) => r !== "citizen");

type Op = { action: string | null; allowed: (role: RoleId, scope: string) => boolean; prepare: () => Promise<string>; run: (who: Actor, id: string) => Promise<unknown> };
const OPS: Record<string, Op> = {
  assign: {
    action: "strategy.agenda.assign",
    allowed: (r, s) => (r === "administrator" || r === "deputy_pm_office") && covers57(s),
    prepare: freshAgenda,
    run: (who, agendaNodeId) => assignAgenda({ ctx: ctxFor(db, who), input: { agendaNodeId, provinceCode: "57" } }),
  },
  save: {
    action: "strategy.proposal.save",
    allowed: (r, s) => (r === "governor" || r === "strategy_officer") && covers57(s),
    prepare: () => freshAssignment(),
    run: (who, id) => saveProposal({ ctx: ctxFor(db, who), input: { id, ...V1 } }),
  },
  submit: {
    action: "strategy.proposal.submit",
    allowed: (r, s) => (r === "governor" || r === "strategy_officer") && covers57(s),
    prepare: async () => {
      const id = await freshAssignment();
      await saveProposal({ ctx: ctxFor(db, poc()), input: { id, ...V1 } });
      return id;
    },
    run: (who, id) => submitProposal({ ctx: ctxFor(db, who), input: { id } }),
  },
  forward: {
    action: "strategy.proposal.forward",
    allowed: (r, s) => r === "ministry_officer" && coversMoi(s),
    prepare: async () => {
      const id = await OPS.submit!.prepare();
      await submitProposal({ ctx: ctxFor(db, gov()), input: { id } });
      return id;
    },
    run: (who, id) => reviewProposal({ ctx: ctxFor(db, who), input: { id, stage: "moi", decision: "forward" } }),
  },
  approve: {
    action: "strategy.proposal.approve",
    allowed: (r, s) => r === "opdc_evaluator" && covers57(s),
    prepare: async () => {
      const id = await OPS.forward!.prepare();
      await reviewProposal({ ctx: ctxFor(db, moi()), input: { id, stage: "moi", decision: "forward" } });
      return id;
    },
    run: (who, id) => reviewProposal({ ctx: ctxFor(db, who), input: { id, stage: "opdc", decision: "approve" } }),
  },
  read: {
    action: null,
    allowed: (r, s) => (STAFF.includes(r) && covers57(s)) || (r === "ministry_officer" && coversMoi(s)),
    prepare: () => freshAssignment(),
    run: (who, id) => getAssignment({ ctx: ctxFor(db, who), input: { id } }),
  },
};

describe("permission matrix: assign, save, submit, forward, approve and read Chiang Rai's proposal × every role × scope", () => {
  const cases: [string, RoleId, string][] = [];
  for (const op of Object.keys(OPS)) for (const role of ROLES) for (const scope of ORG_ROLES.includes(role) ? ORG_SCOPES : AREA_SCOPES) cases.push([op, role, scope]);
  it.each(cases)("%s by %s at %s", async (op, role, scope) => {
    const o = OPS[op]!;
    const target = await o.prepare();
    const who = actor(role, scope, `pm-${op}-${role}-${scope}-${seq++}`);
    // the snapshot is taken before the call starts: a rejection must never wait unhandled behind another query
    const before = o.allowed(role, scope) || op === "assign" ? null : await snapshot(target);
    const run = o.run(who, target);
    if (o.allowed(role, scope)) {
      await expect(run).resolves.toBeDefined();
      expect(await audits(who)).toEqual(o.action ? [o.action] : []);
    } else {
      const e = await fail(run);
      expect(e, "refused").toBeInstanceOf(AppError);
      expect(e.status).toBe(403);
      expect(await audits(who)).toEqual([]);
      if (before) expect(await snapshot(target)).toEqual(before);
      else expect(await db.query("select id from agenda_assignments where agenda_node_id = $1", [target])).toEqual([]);
    }
  });
  it("anonymous callers get 401 everywhere; a citizen may not even list", async () => {
    for (const op of Object.values(OPS)) expect((await fail(op.run(anonymousActor, await op.prepare()))).status).toBe(401);
    expect((await fail(listAssignments({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await fail(listAssignments({ ctx: ctxFor(db, actor("citizen", "nation")), input: {} }))).status).toBe(403);
  });
  it("the list shows each staff member the provinces their grants reach; filters and paging work", async () => {
    const provinces = async (who: Actor, input = {}) => [...new Set((await listAssignments({ ctx: ctxFor(db, who), input: { limit: 500, ...input } })).items.map((a) => a.provinceCode))].sort();
    expect(await provinces(actor("governor", "area:province:34"))).toEqual(["34"]);
    expect(await provinces(actor("deputy_pm_office", "area:cluster:N2"))).toEqual(["57"]);
    expect(await provinces(actor("agency_officer", "org:pro:57:land"))).toEqual([]);
    expect(await provinces(moi())).toEqual(["31", "34", "40", "57", "76"]);
    const sub = await listAssignments({ ctx: ctxFor(db, opdc()), input: { status: "submitted", provinceCode: "31" } });
    expect(sub.items.map((a) => a.id)).toEqual(["demo-agenda-31"]);
    expect((await listAssignments({ ctx: ctxFor(db, opdc()), input: { agendaNodeId: "agenda:ag-digital" } })).items.map((a) => a.provinceCode)).toEqual(["40"]);
    const page = await listAssignments({ ctx: ctxFor(db, opdc()), input: { limit: 2, offset: 1 } });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect((await fail(listAssignments({ ctx: ctxFor(db, opdc()), input: { status: "lost" as never } }))).status).toBe(400);
  });
});
