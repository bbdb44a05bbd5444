import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { addDays } from "../../platform/thai/dates.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { errorChain, failAuditWritesBy, snapshot } from "../../../test/snapshot.js";
import { addActionItem, updateActionItem } from "./action-items.js";
import { addAgendaItem } from "./agenda.js";
import { createCommittee } from "./create-committee.js";
import { getCommittee } from "./get-committee.js";
import { getMeeting } from "./get-meeting.js";
import { holdMeeting } from "./hold-meeting.js";
import { listCommittees } from "./list-committees.js";
import { recordResolution } from "./record-resolution.js";
import { cadenceOf, tallyVotes } from "./rules.js";
import { cancelMeeting, scheduleMeeting } from "./schedule-meeting.js";
import { addSeat, endSeat } from "./seats.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const TODAY = "2026-11-22"; // test/clock.ts FIXED_NOW in Bangkok
const day = (n: number) => addDays(TODAY, n);
const TABLES = { committees: "id", committee_seats: "id", committee_meetings: "id", committee_agenda_items: "id", committee_resolutions: "id", committee_votes: "resolution_id, seat_id", committee_action_items: "id", audit_log: "id" };
const state = () => snapshot(db, TABLES);
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const governor57 = () => ctxFor(db, actor("governor", "area:province:57", "gov-57"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

/** A fresh Buriram committee with a chair and three ministry seats (interior, health, tourism) and a secretary. */
async function smallCommittee(name: string) {
  const ctx = governor31();
  const { id } = await createCommittee({ ctx, input: { kind: "executive", provinceCode: "31", nameTh: name, cadenceDays: 31 } });
  const chair = await addSeat({ ctx, committeeId: id, input: { kind: "chair", holderOrgId: "prov:31", holderNameTh: "ผู้ว่าราชการจังหวัด", startedOn: day(-200) } });
  const moi = await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:provincial-administration", holderNameTh: "ปลัดจังหวัด", startedOn: day(-200) } });
  const moph = await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moph", holderOrgId: "pro:31:public-health", holderNameTh: "นายแพทย์สาธารณสุขจังหวัด", startedOn: day(-200) } });
  const mots = await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "mots", holderOrgId: "pro:31:tourism-sports", holderNameTh: "ท่องเที่ยวและกีฬาจังหวัด", startedOn: day(-200) } });
  const sec = await addSeat({ ctx, committeeId: id, input: { kind: "secretary", holderOrgId: "pro:31:provincial-office", holderNameTh: "หัวหน้าสำนักงานจังหวัด", startedOn: day(-200) } });
  return { id, seats: { chair: chair.id, moi: moi.id, moph: moph.id, mots: mots.id, sec: sec.id } };
}

describe("rules", () => {
  it("tallies equal votes with a quorum of more than half of the voting seats", () => {
    expect(tallyVotes(["for", "for", "against"], 5)).toEqual({ votesFor: 2, votesAgainst: 1, abstentions: 0, quorum: true, outcome: "adopted" });
    expect(tallyVotes(["for", "against"], 4).quorum).toBe(false);
    expect(tallyVotes(["for", "against", "abstain"], 4)).toMatchObject({ quorum: true, outcome: "rejected", abstentions: 1 });
  });
  it("counts meetings missed against the committee's cadence", () => {
    expect(cadenceOf(31, ["2026-10-01", "2026-11-01"], "2026-09-01", "2026-11-22")).toMatchObject({ lastHeldOn: "2026-11-01", nextDueOn: "2026-12-02", daysLate: 0, missed: 0, status: "on_track" });
    // nothing since 1 July: 144 days = four months missed, and 113 days late
    expect(cadenceOf(31, ["2026-06-01", "2026-07-01"], "2026-05-01", "2026-11-22")).toMatchObject({ missed: 4, daysLate: 113, status: "late" });
    // a gap of 95 days between meetings passes three due dates, one of 89 days two
    expect(cadenceOf(31, ["2026-05-01", "2026-08-04", "2026-11-01"], "2026-04-20", "2026-11-22").missed).toBe(5);
    expect(cadenceOf(30, [], "2026-11-01", "2026-11-22")).toMatchObject({ lastHeldOn: null, nextDueOn: "2026-12-01", missed: 0, status: "on_track" });
  });
});

describe("the Buriram demo", () => {
  it("has one seat per ministry with provincial agencies, three monthly meetings held, and the overdue item waiting on the next agenda", async () => {
    const list = await listCommittees({ ctx: governor31(), input: { provinceCode: "31" } });
    const exec = list.find((c) => c.kind === "executive")!;
    expect(exec.nameTh).toBe("คณะกรมการจังหวัดบุรีรัมย์ (ตัวอย่าง)");
    expect(exec.cadence).toMatchObject({ status: "on_track", missed: 0, lastHeldOn: day(-16) });
    expect(exec.openActionItems).toBe(2);
    expect(exec.overdueActionItems).toBe(1);
    expect(exec.nextMeeting).toMatchObject({ scheduledOn: day(15), label: { th: "ครั้งที่ 3/2570" } });
    const adv = list.find((c) => c.kind === "advisory")!;
    expect(adv.cadence.status).toBe("late");
    expect(adv.cadence.missed).toBeGreaterThanOrEqual(2);

    const c = await getCommittee({ ctx: governor31(), id: exec.id });
    const ministries = c.seats.filter((s) => s.kind === "ministry").map((s) => s.ministryId);
    expect(ministries).toHaveLength(18);
    expect(new Set(ministries).size).toBe(18);
    expect(c.votingSeats).toBe(22); // chair + 18 ministries + 3 private and civil; the secretary does not vote
    expect(c.meetings.map((m) => m.status)).toEqual(["scheduled", "held", "held", "held"]);
    const next = await getMeeting({ ctx: governor31(), id: c.nextMeeting!.id });
    expect(next.agenda.map((a) => [a.kind, a.followsUp?.ownerOrgId])).toEqual([
      ["follow_up", "pro:31:tourism-sports"],
      ["follow_up", "pro:31:natural-resources-environment"],
    ]);
    expect(next.agenda[0]!.followsUp).toMatchObject({ overdue: true, status: "open", meetingLabel: { th: "ครั้งที่ 1/2570" } });
    const first = await getMeeting({ ctx: governor31(), id: c.meetings[3]!.id });
    expect(first.agenda[0]!.link).toMatchObject({ type: "kpi", id: "demo-kpi-31-1" });
    expect(first.agenda[1]!.resolutions[0]).toMatchObject({ outcome: "adopted", votesFor: 20, votesAgainst: 1, abstentions: 1 });
    expect(first.agenda[1]!.resolutions[0]!.votes).toHaveLength(22);
  });

  it("has a trouble-shooting team on the drought: a meeting held with an open action item that waits on the next one", async () => {
    const team = (await listCommittees({ ctx: governor31(), input: { provinceCode: "31" } })).find((c) => c.kind === "troubleshooting")!;
    expect(team).toMatchObject({ nameTh: "ทีมแก้ไขปัญหาภัยแล้งเฉพาะกิจ จังหวัดบุรีรัมย์ (ตัวอย่าง)", isDemo: true, openActionItems: 1, overdueActionItems: 0 });
    expect(team.cadence).toMatchObject({ everyDays: 14, lastHeldOn: day(-6), status: "on_track" });
    const c = await getCommittee({ ctx: governor31(), id: team.id });
    expect(c.seats.filter((s) => s.kind === "ministry").map((s) => s.ministryId).sort()).toEqual(["mnre", "moac", "moi"]);
    expect(c.meetings.map((m) => m.status)).toEqual(["scheduled", "held"]);
    expect(c.actionItems).toMatchObject([{ ownerOrgId: "pro:31:agriculture-cooperatives", status: "open", progressTh: "สำรวจแล้ว 9 จาก 23 อำเภอ", dueOn: day(8) }]);
    const held = await getMeeting({ ctx: governor31(), id: c.meetings[1]!.id });
    expect(held.agenda[0]!.resolutions[0]).toMatchObject({ outcome: "adopted", votesFor: 5 });
    const next = await getMeeting({ ctx: governor31(), id: c.nextMeeting!.id });
    expect(next.agenda.map((a) => a.followsUp?.id)).toEqual([c.actionItems[0]!.id]);
  });
});

describe("one seat per ministry, each with an equal vote", () => {
  it("refuses a second seat for a ministry, also straight in the database, and takes a new one once the old has ended", async () => {
    const { id, seats } = await smallCommittee("คณะทดสอบที่นั่ง");
    const ctx = governor31();
    const before = await state();
    const err = await refusal(addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:land", holderNameTh: "เจ้าพนักงานที่ดินจังหวัด" } }));
    expect([err.status, err.code]).toEqual([409, "committees.ministry-has-seat"]);
    expect(err.messageTh).toMatch(/หนึ่งกระทรวงหนึ่งที่นั่ง/);
    expect(await state()).toEqual(before);
    // the database itself refuses it, whatever a future code path forgets
    const direct = await db
      .query("insert into committee_seats (id, committee_id, kind, ministry_id, holder_name_th, voting, started_on) values ('x-dup', $1, 'ministry', 'moi', 'x', true, $2)", [id, TODAY])
      .then(() => null, (e: unknown) => e);
    expect(errorChain(direct)).toMatch(/committee_seats_one_per_ministry|duplicate key/);
    // a seat held by an agency of another ministry is refused
    const other = await refusal(addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moac", holderOrgId: "pro:31:land", holderNameTh: "x" } }));
    expect([other.status, other.code]).toEqual([400, "validation.failed"]);
    // the seat passes to the land office from the day the old one ends, not before
    await endSeat({ ctx, seatId: seats.moi, input: { endedOn: day(10) } });
    expect((await refusal(addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:land", holderNameTh: "เจ้าพนักงานที่ดินจังหวัด", startedOn: day(5) } }))).code).toBe("committees.ministry-has-seat");
    await addSeat({ ctx, committeeId: id, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:land", holderNameTh: "เจ้าพนักงานที่ดินจังหวัด", startedOn: day(10) } });
  });

  it("records one vote per voting seat and needs a quorum; the secretary does not vote", async () => {
    const { id, seats } = await smallCommittee("คณะทดสอบการลงคะแนน");
    const ctx = governor31();
    const m = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: TODAY } });
    const item = await addAgendaItem({ ctx, meetingId: m.id, input: { kind: "decide", titleTh: "ขอความเห็นชอบ" } });
    const before = await state();
    const twice = await refusal(recordResolution({ ctx, meetingId: m.id, input: { agendaItemId: item.id, textTh: "มติ", votes: [{ seatId: seats.moi, vote: "for" }, { seatId: seats.moi, vote: "for" }, { seatId: seats.moph, vote: "for" }] } }));
    expect(twice.code).toBe("validation.failed");
    const secretary = await refusal(recordResolution({ ctx, meetingId: m.id, input: { agendaItemId: item.id, textTh: "มติ", votes: [{ seatId: seats.sec, vote: "for" }, { seatId: seats.moph, vote: "for" }, { seatId: seats.chair, vote: "for" }] } }));
    expect(secretary.code).toBe("validation.failed");
    const quorum = await refusal(recordResolution({ ctx, meetingId: m.id, input: { agendaItemId: item.id, textTh: "มติ", votes: [{ seatId: seats.moi, vote: "for" }, { seatId: seats.moph, vote: "for" }] } }));
    expect([quorum.status, quorum.code]).toEqual([422, "committees.no-quorum"]);
    expect(await state()).toEqual(before);
    const r = await recordResolution({ ctx, meetingId: m.id, input: { agendaItemId: item.id, textTh: "ไม่เห็นชอบ", votes: [{ seatId: seats.moi, vote: "against" }, { seatId: seats.moph, vote: "against" }, { seatId: seats.chair, vote: "for" }] } });
    // the chair's vote weighs the same as any other seat's
    expect(r.outcome).toBe("rejected");
    const view = await getMeeting({ ctx, id: m.id });
    expect(view.agenda[0]!.resolutions[0]).toMatchObject({ votesFor: 1, votesAgainst: 2, outcome: "rejected" });
  });
});

describe("action items come back until done", () => {
  it("carries an open item onto every next meeting, at once when it is already scheduled, and stops once done", async () => {
    const { id } = await smallCommittee("คณะทดสอบการติดตาม");
    const ctx = governor31();
    const m1 = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(-60) } });
    expect(m1.label.th).toBe("ครั้งที่ 1/2569");
    const a = await addAgendaItem({ ctx, meetingId: m1.id, input: { kind: "decide", titleTh: "ถนนชำรุด", link: { type: "kpi", id: "demo-kpi-31-1" } } });
    const item = await addActionItem({ ctx, meetingId: m1.id, input: { agendaItemId: a.id, titleTh: "ซ่อมถนนสายหลัก", ownerOrgId: "pro:31:tourism-sports", dueOn: day(-30) } });
    expect(item.carriedTo).toBeNull();
    await holdMeeting({ ctx, meetingId: m1.id, input: { heldOn: day(-60), minutesTh: "บันทึกการประชุม" } });
    const m2 = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(-29) } });
    expect(m2.label.th).toBe("ครั้งที่ 1/2570"); // a new fiscal year began on 1 October
    expect(m2.carried).toBe(1);
    const m3 = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(5) } });
    expect(m3.label.th).toBe("ครั้งที่ 2/2570");
    expect(m3.carried).toBe(1);
    // raised at m2 while m3 is already scheduled: it goes onto m3 at once
    const late = await addActionItem({ ctx, meetingId: m2.id, input: { titleTh: "รายงานงบประมาณ", ownerOrgId: "pro:31:comptroller", dueOn: day(1) } });
    expect(late.carriedTo).toBe(m3.id);
    const agenda3 = (await getMeeting({ ctx, id: m3.id })).agenda;
    expect(agenda3.map((x) => x.followsUp?.id)).toEqual([item.id, late.id]);
    expect(agenda3[0]!.followsUp).toMatchObject({ overdue: true, ownerName: { th: expect.stringContaining("ท่องเที่ยวและกีฬา") } });
    // the owner organisation reports it done: the next meeting no longer carries it
    await updateActionItem({ ctx: ctxFor(db, actor("agency_head", "org:pro:31:tourism-sports", "head-tourism")), actionItemId: item.id, input: { status: "done", progressTh: "ซ่อมเสร็จแล้ว" } });
    // done: it leaves the agenda of the meeting still to come (m3), and the next new one does not take it
    expect((await getMeeting({ ctx, id: m3.id })).agenda.map((x) => x.followsUp?.id)).toEqual([late.id]);
    const m4 = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(35) } });
    expect(m4.carried).toBe(1);
    expect((await getMeeting({ ctx, id: m4.id })).agenda.map((x) => x.followsUp?.id)).toEqual([late.id]);
    // another agency may not report on it; a cancelled meeting takes no decisions
    const other = await refusal(updateActionItem({ ctx: ctxFor(db, actor("agency_head", "org:pro:31:land", "head-land")), actionItemId: late.id, input: { status: "done" } }));
    expect(other.status).toBe(403);
    await cancelMeeting({ ctx, meetingId: m4.id });
    expect((await refusal(recordResolution({ ctx, meetingId: m4.id, input: { agendaItemId: "x", textTh: "x" } }))).code).toBe("committees.meeting-cancelled");
    expect((await refusal(addActionItem({ ctx, meetingId: m3.id, input: { titleTh: "x", ownerOrgId: "pro:31:land", dueOn: day(40) } }))).code).toBe("committees.meeting-not-yet-held");
  });
});

describe("who may see and run a committee", () => {
  it("a province sees only its own committees, the PMOC sees all, and another province's governor can neither read nor run them", async () => {
    const mine = await listCommittees({ ctx: governor57(), input: {} });
    expect(mine.every((c) => c.provinceCode === "57")).toBe(true);
    const all = await listCommittees({ ctx: pmoc(), input: {} });
    expect(all.some((c) => c.provinceCode === "31")).toBe(true);
    const buriram = all.find((c) => c.provinceCode === "31" && c.kind === "executive")!;
    expect((await refusal(getCommittee({ ctx: governor57(), id: buriram.id }))).status).toBe(403);
    expect((await refusal(scheduleMeeting({ ctx: governor57(), committeeId: buriram.id, input: { scheduledOn: day(3) } }))).status).toBe(403);
    expect((await refusal(scheduleMeeting({ ctx: pmoc(), committeeId: buriram.id, input: { scheduledOn: day(3) } }))).status).toBe(403);
    expect((await refusal(listCommittees({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    const view = await getCommittee({ ctx: pmoc(), id: buriram.id });
    expect([view.mayManage, view.mayRunMeetings]).toEqual([false, false]);
  });

  it("bad input changes nothing and answers in Thai and English", async () => {
    const { id } = await smallCommittee("คณะทดสอบข้อมูลผิด");
    const ctx = governor31();
    const m = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: TODAY } });
    const before = await state();
    const bad: [string, () => Promise<unknown>][] = [
      ["B.E. date", () => scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: "2569-12-01" } })],
      ["cadence", () => createCommittee({ ctx, input: { kind: "executive", provinceCode: "31", nameTh: "x", cadenceDays: 2 } })],
      ["unknown province", () => createCommittee({ ctx, input: { kind: "executive", provinceCode: "99", nameTh: "x", cadenceDays: 30 } })],
      ["link elsewhere", () => addAgendaItem({ ctx, meetingId: m.id, input: { kind: "inform", titleTh: "x", link: { type: "kpi", id: "demo-kpi-57-1" } } })],
      ["link unknown", () => addAgendaItem({ ctx, meetingId: m.id, input: { kind: "inform", titleTh: "x", link: { type: "project", id: "nope" } } })],
      ["owner unknown", () => addActionItem({ ctx, meetingId: m.id, input: { titleTh: "x", ownerOrgId: "nope", dueOn: day(3) } })],
      ["due before", () => addActionItem({ ctx, meetingId: m.id, input: { titleTh: "x", ownerOrgId: "pro:31:land", dueOn: day(-3) } })],
      ["minutes future", () => holdMeeting({ ctx, meetingId: m.id, input: { heldOn: day(2), minutesTh: "x" } })],
      ["same day", () => scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: TODAY } })],
      ["no meeting", () => getMeeting({ ctx, id: "nope" })],
      ["ministry on private seat", () => addSeat({ ctx, committeeId: id, input: { kind: "private", ministryId: "moi", holderNameTh: "x" } })],
      ["second chair", () => addSeat({ ctx, committeeId: id, input: { kind: "chair", holderNameTh: "x" } })],
    ];
    for (const [what, call] of bad) {
      const thrown = await call().then(() => null, (e: unknown) => e);
      // the contract's own checks throw ZodError, which the HTTP layer answers as 400 validation.failed (test/bad-input.test.ts)
      if ((thrown as { name?: string } | null)?.name === "ZodError") continue;
      const err = await refusal(Promise.reject(thrown));
      expect(err.status, what).toBeGreaterThanOrEqual(400);
      expect(err.status, what).toBeLessThan(500);
      expect(err.messageTh, what).toMatch(/[\u0E00-\u0E7F]/);
      expect(err.messageEn, what).toMatch(/[a-z]/);
    }
    expect(await state()).toEqual(before);
  });

  it("writes its audit record in the change's own transaction: a failed audit undoes the change", async () => {
    const { id } = await smallCommittee("คณะทดสอบบันทึกประวัติ");
    await failAuditWritesBy(db, "audit-boom-committees");
    const ctx = ctxFor(db, actor("governor", "area:province:31", "audit-boom-committees"));
    const before = await state();
    const err = await scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: day(1) } }).then(() => null, (e: unknown) => e);
    expect(errorChain(err)).toMatch(/audit write refused/);
    expect(await state()).toEqual(before);
  });
});
