/**
 * The committees module's permission matrix: every write use case and every read, × every role × where the role's
 * grant sits relative to a Buriram committee (in the province, above it, beside it in another province of the same
 * cluster, out in another region; for agency roles: the action item's owner office, the department above it, another
 * office of Buriram, the same office of another province). The expected answer is derived, never listed per role:
 * the roles come from POLICY (platform/auth/policy.ts), and a grant reaches the record when it is one of the scopes
 * the operation is checked on or contains one of them (the hierarchy PARENTS, itself checked against the registry).
 * Refusals are 403 `auth.forbidden` naming the operation (401 for anonymous callers) and write nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { POLICY, ROLE_SCOPES, ROLES, type Operation, type RoleId } from "../../platform/auth/policy.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { addDays } from "../../platform/thai/dates.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { addActionItem, updateActionItem } from "./action-items.js";
import { addAgendaItem } from "./agenda.js";
import { createCommittee } from "./create-committee.js";
import { getCommittee } from "./get-committee.js";
import { getMeeting } from "./get-meeting.js";
import { holdMeeting } from "./hold-meeting.js";
import { listCommittees } from "./list-committees.js";
import { recordResolution } from "./record-resolution.js";
import { cancelMeeting, scheduleMeeting } from "./schedule-meeting.js";
import { addSeat, endSeat, updateSeat } from "./seats.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

// ─── where things are ────────────────────────────────────────────────────────────────────────────────────────────

/** The committees sit in Buriram (31, cluster NE4, region northeast); action items are owned by its tourism and sports office. */
const PROVINCE = "area:province:31";
const OTHER_PROVINCE = "area:province:57"; // Chiang Rai: a committee there shows who lists whose committees
const OWNER = "pro:31:tourism-sports";
const OWNER_KEY = `org:${OWNER}`;

/** Each scope's direct containers, as the registry answers (checked below): a grant reaches what lies beneath it. */
const PARENTS: Record<string, string[]> = {
  [OWNER_KEY]: ["org:mots.ops", PROVINCE],
  "org:mots.ops": ["org:mots"],
  "org:mots": [],
  [PROVINCE]: ["area:region:northeast", "area:cluster:NE4"],
  [OTHER_PROVINCE]: ["area:region:north", "area:cluster:N2"],
  "area:region:northeast": [],
  "area:region:north": [],
  "area:cluster:NE4": [],
  "area:cluster:N2": [],
};
function within(key: string): Set<string> {
  const out = new Set(["nation", key]);
  for (const p of PARENTS[key] ?? []) for (const k of within(p)) out.add(k);
  return out;
}

type Where = "in" | "above" | "beside" | "out" | "nation";
type Ladder = Record<Exclude<Where, "nation">, string>;
/** Province-wide grants: Buriram itself, its region, Surin (same cluster), Chiang Rai (another region). */
const AREA: Ladder = { in: PROVINCE, above: "area:region:northeast", beside: "area:province:32", out: OTHER_PROVINCE };
const DISTRICTS: Ladder = { in: "area:district:3101", above: PROVINCE, beside: "area:district:3201", out: "area:district:5701" };
const CLUSTERS: Ladder = { in: "area:cluster:NE4", above: "area:region:northeast", beside: "area:cluster:NE3", out: "area:cluster:N2" };
const ADMIN: Ladder = { in: PROVINCE, above: "nation", beside: "area:province:32", out: "org:moph" };
/** Org grants: the owner office of the action items, the department above it, another office of Buriram, the same office of Chiang Rai. */
const AGENCY: Ladder = { in: OWNER_KEY, above: "org:mots.ops", beside: "org:pro:31:land", out: "org:pro:57:tourism-sports" };
const DEPARTMENT: Ladder = { in: "org:mots.ops", above: "org:mots", beside: "org:mots.dot", out: "org:moi.dol" };
const MINISTRY: Ladder = { in: "org:mots", above: "nation", beside: "org:moi", out: "org:moph" };

/** Roles granted only nation-wide have one position; roles that may also be granted nation-wide get that position too. */
const NATION_ONLY = ROLES.filter((r) => ROLE_SCOPES[r].length === 1 && ROLE_SCOPES[r][0] === "nation");
function ladder(role: RoleId): Ladder {
  switch (role) {
    case "agency_officer":
    case "agency_head":
      return AGENCY;
    case "department_officer":
      return DEPARTMENT;
    case "ministry_officer":
      return MINISTRY;
    case "district_officer":
      return DISTRICTS;
    case "cluster_office":
      return CLUSTERS;
    case "administrator":
      return ADMIN;
    default: // strategy office, governor, vice governor, deputy PM's office, OPDC: area grants
      return AREA;
  }
}
function positions(role: RoleId): Where[] {
  if (NATION_ONLY.includes(role)) return ["nation"];
  const base: Where[] = ["in", "above", "beside", "out"];
  return ROLE_SCOPES[role].includes("nation") && ladder(role).above !== "nation" ? [...base, "nation"] : base;
}
const grantScope = (role: RoleId, where: Where): string => (where === "nation" ? "nation" : ladder(role)[where]);
const everyone = (): [RoleId, Where][] => ROLES.flatMap((role) => positions(role).map((where) => [role, where] as [RoleId, Where]));

/** The derivation: the role holds the operation (POLICY) and its grant reaches one of the scopes the operation is checked on. */
function expected(op: Operation, targets: readonly string[], role: RoleId, scope: string): boolean {
  const allowed = POLICY[op];
  if (allowed === "public") return true;
  if (!(allowed as readonly string[]).includes(role)) return false;
  return targets.some((t) => within(t).has(scope));
}

// ─── fixtures (made by the system actor, through the use cases) ─────────────────────────────────────────────────

const TODAY = "2026-11-22"; // test/clock.ts FIXED_NOW in Bangkok
const day = (n: number) => addDays(TODAY, n);
const sys = () => ctxFor(db);
let seq = 0;

const committee = async (provinceCode: string, nameTh: string) => (await createCommittee({ ctx: sys(), input: { kind: "executive", provinceCode, nameTh, cadenceDays: 31 } })).id;

/** A Buriram committee with three voting seats (chair, Interior, Tourism and Sports), met today: it may take decisions and raise action items. */
let main: Promise<{ id: string; meetingId: string; agendaItemId: string; seats: string[] }> | undefined;
const theCommittee = () =>
  (main ??= (async () => {
    const id = await committee("31", "คณะทดสอบสิทธิ์ จังหวัดบุรีรัมย์");
    const ctx = sys();
    const seats = [
      await addSeat({ ctx, committeeId: id, input: { kind: "chair", holderOrgId: "prov:31", holderNameTh: "ผู้ว่าราชการจังหวัด", startedOn: day(-100) } }),
      await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:provincial-administration", holderNameTh: "ปลัดจังหวัด", startedOn: day(-100) } }),
      await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "mots", holderOrgId: OWNER, holderNameTh: "ท่องเที่ยวและกีฬาจังหวัด", startedOn: day(-100) } }),
    ].map((s) => s.id);
    const m = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: TODAY, place: "ศาลากลางจังหวัด" } });
    const item = await addAgendaItem({ ctx, meetingId: m.id, input: { kind: "decide", titleTh: "ขอความเห็นชอบแผนส่งเสริมการท่องเที่ยวเชิงกีฬา" } });
    return { id, meetingId: m.id, agendaItemId: item.id, seats };
  })());
/** A second Buriram committee whose seats and meetings the sweep adds, ends, schedules and cancels (the first keeps its quorum and its agenda). */
let spare: Promise<string> | undefined;
const theSpare = () => (spare ??= committee("31", "คณะทดสอบสิทธิ์ที่นั่งและการนัดประชุม"));
const scheduled = async () => (await scheduleMeeting({ ctx: sys(), committeeId: await theSpare(), input: { scheduledOn: day(7 * ++seq) } })).id;

/** An open action item of today's meeting, owned by the tourism and sports office; `closed`: done or dropped by the meeting. */
async function actionItem(closed?: "done" | "dropped"): Promise<string> {
  const { meetingId } = await theCommittee();
  const { id } = await addActionItem({ ctx: sys(), input: { titleTh: `จัดทำปฏิทินกิจกรรมกีฬา ${++seq}`, ownerOrgId: OWNER, dueOn: day(30) }, meetingId });
  if (closed) await updateActionItem({ ctx: sys(), actionItemId: id, input: { status: closed } });
  return id;
}

// ─── the write operations ──────────────────────────────────────────────────────────────────────────────────────────

type WriteSpec = {
  /** the use case it exercises (every exported use case that asks a committees write right must appear) */
  useCase: string;
  op: Operation;
  /** the scopes the use case checks (any one of them suffices) */
  targets: readonly string[];
  /** tables the write changes: a refusal leaves each exactly as it was (and audit_log's row count) */
  tables: string[];
  /** the record the call acts on; `consumes`: an allowed call gets a fresh one (ending, cancelling, closing) */
  prepare: () => Promise<string>;
  consumes?: boolean;
  run: (ctx: Ctx, id: string) => Promise<unknown>;
};
const ITEMS = ["committee_action_items", "committee_agenda_items"];
let seatToEdit: Promise<string> | undefined;
const W: Record<string, WriteSpec> = {
  "committee.create": {
    useCase: "createCommittee", op: "committees:manage", targets: [PROVINCE], tables: ["committees"], prepare: async () => "31",
    run: (ctx, code) => createCommittee({ ctx, input: { kind: "troubleshooting", provinceCode: code, nameTh: `ทีมแก้ไขปัญหาภัยแล้ง ${++seq}`, cadenceDays: 14 } }),
  },
  "seat.add": {
    useCase: "addSeat", op: "committees:manage", targets: [PROVINCE], tables: ["committee_seats"], prepare: theSpare,
    run: (ctx, id) => addSeat({ ctx, committeeId: id, input: { kind: "private", holderNameTh: `หอการค้าจังหวัดบุรีรัมย์ ${++seq}` } }),
  },
  "seat.end": {
    useCase: "endSeat", op: "committees:manage", targets: [PROVINCE], tables: ["committee_seats"], consumes: true,
    prepare: async () => (await addSeat({ ctx: sys(), committeeId: await theSpare(), input: { kind: "civil", holderNameTh: "สภาองค์กรชุมชน", startedOn: day(-10) } })).id,
    run: (ctx, id) => endSeat({ ctx, seatId: id, input: { endedOn: TODAY } }),
  },
  "seat.update": {
    useCase: "updateSeat", op: "committees:manage", targets: [PROVINCE], tables: ["committee_seats"],
    prepare: async () => (seatToEdit ??= addSeat({ ctx: sys(), committeeId: await theSpare(), input: { kind: "civil", holderNameTh: "ผู้แทนภาคประชาสังคม" } }).then((s) => s.id)),
    run: (ctx, id) => updateSeat({ ctx, seatId: id, input: { holderNameTh: `ผู้แทนภาคประชาสังคม ${++seq}` } }),
  },
  "meeting.schedule": {
    useCase: "scheduleMeeting", op: "committees:meeting.run", targets: [PROVINCE], tables: ["committee_meetings", "committee_agenda_items"], prepare: theSpare,
    run: (ctx, id) => scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(7 * ++seq) } }),
  },
  "meeting.cancel": { useCase: "cancelMeeting", op: "committees:meeting.run", targets: [PROVINCE], tables: ["committee_meetings"], consumes: true, prepare: scheduled, run: (ctx, id) => cancelMeeting({ ctx, meetingId: id }) },
  "agenda.add": {
    useCase: "addAgendaItem", op: "committees:meeting.run", targets: [PROVINCE], tables: ["committee_agenda_items"], prepare: async () => (await theCommittee()).meetingId,
    run: (ctx, id) => addAgendaItem({ ctx, meetingId: id, input: { kind: "inform", titleTh: `รายงานผลการจัดงานวิ่ง ${++seq}`, link: { type: "kpi", id: "demo-kpi-31-1" } } }),
  },
  "meeting.hold": {
    useCase: "holdMeeting", op: "committees:meeting.run", targets: [PROVINCE], tables: ["committee_meetings"], prepare: async () => (await theCommittee()).meetingId,
    run: (ctx, id) => holdMeeting({ ctx, meetingId: id, input: { heldOn: TODAY, minutesTh: `บันทึกการประชุม ฉบับที่ ${++seq}` } }),
  },
  "resolution.record": {
    useCase: "recordResolution", op: "committees:meeting.run", targets: [PROVINCE], tables: ["committee_resolutions", "committee_votes"], prepare: async () => (await theCommittee()).meetingId,
    run: async (ctx, id) => {
      const { agendaItemId, seats } = await theCommittee();
      return recordResolution({ ctx, meetingId: id, input: { agendaItemId, textTh: "เห็นชอบแผน", votes: seats.map((seatId, n) => ({ seatId, vote: n < 2 ? ("for" as const) : ("abstain" as const) })) } });
    },
  },
  "action-item.add": {
    useCase: "addActionItem", op: "committees:meeting.run", targets: [PROVINCE], tables: ITEMS, prepare: async () => (await theCommittee()).meetingId,
    run: (ctx, id) => addActionItem({ ctx, meetingId: id, input: { titleTh: `สรุปผลการท่องเที่ยว ${++seq}`, ownerOrgId: OWNER, dueOn: day(20) } }),
  },
  // the owner office (or the governor's office) reports progress, completes, and reopens what it completed
  "action-item.report": { useCase: "updateActionItem", op: "committees:action.report", targets: [PROVINCE, OWNER_KEY], tables: ITEMS, prepare: () => actionItem(), run: (ctx, id) => updateActionItem({ ctx, actionItemId: id, input: { status: "open", progressTh: `ดำเนินการแล้วร้อยละ ${++seq % 100}` } }) },
  "action-item.done": { useCase: "updateActionItem", op: "committees:action.report", targets: [PROVINCE, OWNER_KEY], tables: ITEMS, consumes: true, prepare: () => actionItem(), run: (ctx, id) => updateActionItem({ ctx, actionItemId: id, input: { status: "done", progressTh: "เสร็จแล้ว" } }) },
  "action-item.reopen-done": { useCase: "updateActionItem", op: "committees:action.report", targets: [PROVINCE, OWNER_KEY], tables: ITEMS, consumes: true, prepare: () => actionItem("done"), run: (ctx, id) => updateActionItem({ ctx, actionItemId: id, input: { status: "open", progressTh: "ยังไม่แล้วเสร็จ" } }) },
  // dropping an item, and taking a dropped one back up, is the meeting's call: the owner office cannot undo it
  "action-item.drop": { useCase: "updateActionItem", op: "committees:meeting.run", targets: [PROVINCE], tables: ITEMS, consumes: true, prepare: () => actionItem(), run: (ctx, id) => updateActionItem({ ctx, actionItemId: id, input: { status: "dropped" } }) },
  "action-item.reopen-dropped": { useCase: "updateActionItem", op: "committees:meeting.run", targets: [PROVINCE], tables: ITEMS, consumes: true, prepare: () => actionItem("dropped"), run: (ctx, id) => updateActionItem({ ctx, actionItemId: id, input: { status: "open" } }) },
};

const shared = new Map<string, Promise<string>>();
const sharedRec = (name: string, spec: { prepare: () => Promise<string> }) => {
  if (!shared.has(name)) shared.set(name, spec.prepare());
  return shared.get(name)!;
};
async function fingerprint(tables: string[]): Promise<string> {
  const out: string[] = [];
  for (const t of tables) {
    const [r] = await db.query<{ n: number; h: string }>(`select count(*)::int as n, coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h from ${t} x`);
    out.push(`${t}:${r!.n}:${r!.h}`);
  }
  const [a] = await db.query<{ n: number }>("select count(*)::int as n from audit_log");
  return `${out.join(" ")} audit_log:${a!.n}`;
}
const auditsBy = async (id: string) => (await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = $1", [id]))[0]!.n;
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

/** What each operation's sweep found: allowed and refused (role, where) pairs. */
const found = new Map<string, { allowed: string[]; refused: string[] }>();
function note(name: string, allowed: boolean, role: RoleId, where: Where) {
  const f = found.get(name) ?? { allowed: [], refused: [] };
  (allowed ? f.allowed : f.refused).push(`${role}@${where}`);
  found.set(name, f);
}

describe("the geography the matrix assumes is the registry's", () => {
  it("each scope's containers (PARENTS) are what the scope resolver answers, and every grant position exists", async () => {
    const ctx = sys();
    for (const key of Object.keys(PARENTS)) expect([...(await ctx.scopes.ancestors(parseScopeKey(key)!))].sort(), key).toEqual([...within(key)].sort());
    const ladders = [AREA, DISTRICTS, CLUSTERS, ADMIN, AGENCY, DEPARTMENT, MINISTRY];
    for (const scope of new Set(ladders.flatMap((l) => Object.values(l)))) if (scope !== "nation") expect((await ctx.scopes.describe(parseScopeKey(scope)!)).exists, scope).toBe(true);
  });
});

describe("committees permission matrix: every write × role × where the grant sits", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const name of Object.keys(W)) for (const [role, where] of everyone()) cases.push([name, role, where]);

  it.each(cases)("%s by %s (%s)", async (name, role, where) => {
    const spec = W[name]!;
    const scope = grantScope(role, where);
    const who: Actor = actor(role, scope, `perm:${name}:${role}:${where}`);
    const base = await sharedRec(name, spec);
    const allowed = expected(spec.op, spec.targets, role, scope);
    note(name, allowed, role, where);
    if (allowed) {
      const id = spec.consumes ? await spec.prepare() : base;
      await spec.run(ctxFor(db, who), id);
      expect(await auditsBy(who.id!)).toBeGreaterThanOrEqual(1);
      return;
    }
    const before = await fingerprint(spec.tables);
    const err = await errorOf(spec.run(ctxFor(db, who), base));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 403, code: "auth.forbidden", details: { operation: spec.op } });
    expect(await fingerprint(spec.tables)).toBe(before);
    expect(await auditsBy(who.id!)).toBe(0);
  });

  it("anonymous callers get 401 on every write, and nothing is written", async () => {
    for (const [name, spec] of Object.entries(W)) {
      const before = await fingerprint(spec.tables);
      const err = await errorOf(spec.run(ctxFor(db, anonymousActor), await sharedRec(name, spec)));
      expect(err, name).toMatchObject({ status: 401, code: "auth.required" });
      expect(await fingerprint(spec.tables), name).toBe(before);
    }
  });

  it("every operation had someone allowed and someone refused, and the sweep matches the domain's headline rules", () => {
    for (const name of Object.keys(W)) {
      const f = found.get(name)!;
      expect(f.allowed.length, `${name} allowed`).toBeGreaterThan(0);
      expect(f.refused.length, `${name} refused`).toBeGreaterThan(0);
    }
    const may = (name: string, who: string) => found.get(name)!.allowed.includes(who);
    // a spot check of the derivation against what docs/API.md says in words
    for (const name of Object.keys(W)) expect(may(name, "pmoc_viewer@nation"), `the PMOC ${name}`).toBe(false); // reads all, runs none
    expect(may("committee.create", "governor@in")).toBe(true); // the governor's office sets committees up
    expect(may("committee.create", "administrator@above")).toBe(true);
    expect(may("committee.create", "governor@beside")).toBe(false); // not in another province
    expect(may("committee.create", "vice_governor@in")).toBe(false);
    expect(may("meeting.schedule", "vice_governor@in")).toBe(true); // the vice governors run meetings
    expect(may("meeting.schedule", "administrator@above")).toBe(false); // administrators set up, they do not run
    expect(may("resolution.record", "strategy_officer@in")).toBe(true);
    expect(may("resolution.record", "strategy_officer@out")).toBe(false);
    expect(may("action-item.done", "agency_head@in")).toBe(true); // the owner office reports its item
    expect(may("action-item.done", "agency_officer@in")).toBe(true);
    expect(may("action-item.done", "agency_head@beside")).toBe(false); // not another office of the province
    expect(may("action-item.done", "agency_head@out")).toBe(false); // nor the same office of another province
    expect(may("action-item.drop", "agency_head@in")).toBe(false); // dropping is the meeting's call
    expect(may("action-item.reopen-dropped", "agency_head@in")).toBe(false); // and so is taking it back up
    expect(may("action-item.reopen-dropped", "governor@in")).toBe(true);
    expect(may("action-item.add", "deputy_pm_office@nation")).toBe(false);
  });
});

// ─── reads ──────────────────────────────────────────────────────────────────────────────────────────────────────

// committees:read is checked on the committee's province: a grant at or above it (a province, cluster, region or the
// nation) reads; grants inside it (an office of the province, a district) do not, as the derivation says.
type ReadSpec = { prepare: () => Promise<string>; run: (ctx: Ctx, id: string) => Promise<{ flags: Partial<Record<Operation, boolean>> }> };
const R: Record<string, ReadSpec> = {
  committee: {
    prepare: async () => (await theCommittee()).id,
    run: async (ctx, id) => {
      const c = await getCommittee({ ctx, id });
      expect(c.seats.length).toBeGreaterThanOrEqual(3);
      return { flags: { "committees:manage": c.mayManage, "committees:meeting.run": c.mayRunMeetings } };
    },
  },
  meeting: {
    prepare: async () => (await theCommittee()).meetingId,
    run: async (ctx, id) => {
      const m = await getMeeting({ ctx, id });
      expect(m.agenda.length).toBeGreaterThanOrEqual(1);
      return { flags: { "committees:meeting.run": m.mayRunMeeting } };
    },
  },
};
let chiangRai: Promise<string> | undefined;
const theOtherProvincesCommittee = () => (chiangRai ??= committee("57", "คณะทดสอบสิทธิ์ จังหวัดเชียงราย"));

describe("reads × role × where: committees:read over the committee's province; the page's flags follow the write rights", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const name of Object.keys(R)) for (const [role, where] of everyone()) cases.push([name, role, where]);
  it.each(cases)("%s read by %s (%s)", async (name, role, where) => {
    const spec = R[name]!;
    const id = await sharedRec(`read:${name}`, spec);
    const scope = grantScope(role, where);
    const run = spec.run(ctxFor(db, actor(role, scope, `read:${role}:${where}`)), id);
    if (!expected("committees:read", [PROVINCE], role, scope)) return void (await expect(run).rejects.toMatchObject({ status: 403, code: "auth.forbidden", details: { operation: "committees:read" } }));
    const { flags } = await run;
    for (const [op, flag] of Object.entries(flags)) expect(flag, op).toBe(expected(op as Operation, [PROVINCE], role, scope));
  });

  it.each(everyone())("the committee list shows %s (%s) exactly the provinces whose committees it may read; no read right at all: 403", async (role, where) => {
    const [mine, theirs] = [await theCommittee(), await theOtherProvincesCommittee()];
    const scope = grantScope(role, where);
    const ctx = ctxFor(db, actor(role, scope));
    const all = await listCommittees({ ctx, input: {} }).then((x) => x, (e: unknown) => e as AppError);
    if (all instanceof AppError) {
      expect(all).toMatchObject({ status: 403, code: "auth.forbidden", details: { operation: "committees:read" } });
      expect((POLICY["committees:read"] as readonly string[]).includes(role)).toBe(false);
      return;
    }
    expect((POLICY["committees:read"] as readonly string[]).includes(role), "a role outside the policy is refused, not shown an empty list").toBe(true);
    const reads = (p: string) => expected("committees:read", [p], role, scope);
    expect([...new Set(all.map((c) => c.provinceCode))].sort()).toEqual([...(reads(PROVINCE) ? ["31"] : []), ...(reads(OTHER_PROVINCE) ? ["57"] : [])]);
    expect(all.some((c) => c.id === mine.id)).toBe(reads(PROVINCE));
    expect(all.some((c) => c.id === theirs)).toBe(reads(OTHER_PROVINCE));
    // asking for Buriram's committees by name changes nothing about who sees them
    const buriram = await listCommittees({ ctx, input: { provinceCode: "31" } });
    expect(buriram.every((c) => c.provinceCode === "31")).toBe(true);
    expect(buriram.some((c) => c.id === mine.id)).toBe(reads(PROVINCE));
  });

  it("a province sees only its own committees; the PMOC reads every province's but runs none of them", async () => {
    const [mine, theirs] = [await theCommittee(), await theOtherProvincesCommittee()];
    const gov31 = await listCommittees({ ctx: ctxFor(db, actor("governor", PROVINCE)), input: {} });
    const gov57 = await listCommittees({ ctx: ctxFor(db, actor("governor", OTHER_PROVINCE)), input: {} });
    expect(gov31.every((c) => c.provinceCode === "31") && gov31.some((c) => c.id === mine.id)).toBe(true);
    expect(gov57.map((c) => c.id)).toEqual([theirs]);
    const pmoc = ctxFor(db, actor("pmoc_viewer", "nation", "perm-pmoc"));
    expect(new Set((await listCommittees({ ctx: pmoc, input: {} })).map((c) => c.provinceCode))).toEqual(new Set(["31", "57"]));
    const view = await getCommittee({ ctx: pmoc, id: mine.id });
    expect([view.mayManage, view.mayRunMeetings]).toEqual([false, false]);
    expect((await getMeeting({ ctx: pmoc, id: mine.meetingId })).mayRunMeeting).toBe(false);
    expect((await getCommittee({ ctx: pmoc, id: theirs })).provinceCode).toBe("57");
  });

  it("anonymous callers get 401 on every read and on the list", async () => {
    const anon = ctxFor(db, anonymousActor);
    for (const [name, spec] of Object.entries(R)) await expect(spec.run(anon, await sharedRec(`read:${name}`, spec)), name).rejects.toMatchObject({ status: 401, code: "auth.required" });
    await expect(listCommittees({ ctx: anon, input: {} })).rejects.toMatchObject({ status: 401, code: "auth.required" });
  });
});

describe("coverage: the matrix names every committees operation and every write use case", () => {
  it("every committees:* operation of the policy table is swept", () => {
    const swept = new Set<string>([...Object.values(W).map((s) => s.op), "committees:read"]);
    for (const op of Object.keys(POLICY).filter((k) => k.startsWith("committees:"))) expect(swept.has(op), op).toBe(true);
  });
  it("every exported use case that asks a committees write right is exercised by a row of the matrix", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const writers: string[] = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".ts") && !x.endsWith(".test.ts"))) {
      for (const chunk of fs.readFileSync(path.join(dir, f), "utf8").split(/(?=export async function )/).slice(1)) {
        if (/require(?:Any)?Permission\(ctx, "committees:(?!read")/.test(chunk)) writers.push(/^export async function (\w+)/.exec(chunk)![1]!);
      }
    }
    const covered = new Set(Object.values(W).map((s) => s.useCase));
    expect(writers.length).toBeGreaterThanOrEqual(10);
    for (const w of writers) expect(covered.has(w), `${w}: add it to the matrix`).toBe(true);
  });
});
