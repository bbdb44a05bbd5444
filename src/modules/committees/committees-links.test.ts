import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { snapshot } from "../../../test/snapshot.js";
// loading the oversight module registers its alert lookup with committees, as the server does
import "../oversight/index.js";
import { addAgendaItem } from "./agenda.js";
import { createCommittee } from "./create-committee.js";
import { getMeeting } from "./get-meeting.js";
import { scheduleMeeting } from "./schedule-meeting.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const TODAY = "2026-11-22"; // test/clock.ts FIXED_NOW in Bangkok
const TABLES = { committees: "id", committee_meetings: "id", committee_agenda_items: "id", audit_log: "id" };
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));

async function one(sql: string): Promise<string> {
  const [r] = await db.query<{ id: string }>(sql);
  expect(r, sql).toBeDefined();
  return r!.id;
}

/** An alert as the oversight job raises it, owned by this test file's database copy. */
async function alertIn(province: string, id: string, resolved: boolean): Promise<string> {
  await db.query(
    `insert into oversight_alerts (id, dedupe_key, rule, severity, province_code, entity_type, entity_id, title_th, title_en, link, raised_at, seen_at, resolved_at)
     values ($1, $2, 'sla-breach', 'warning', $3, 'case', $1, $4, $5, $6, now(), now(), ${resolved ? "now()" : "null"})`,
    [id, `test:${id}`, province, `เรื่องค้างเกินกำหนด ${id}`, `Case overdue ${id}`, `/cases/${id}`],
  );
  return id;
}

async function meeting(name: string) {
  const ctx = governor31();
  const { id } = await createCommittee({ ctx, input: { kind: "troubleshooting", provinceCode: "31", nameTh: name, cadenceDays: 30 } });
  return scheduleMeeting({ ctx, committeeId: id, input: { scheduledOn: TODAY } });
}

describe("agenda items about a KPI, a project, a case or an alert", () => {
  it("links each kind of record of the committee's province and shows it on the meeting", async () => {
    const m = await meeting("ทีมแก้ไขปัญหาทดสอบการอ้างถึง");
    const ctx = governor31();
    const project = await one(`select id from projects where province_code = '31' order by id limit 1`);
    const kase = await one(`select id from cases where province_code = '31' and exists (select 1 from case_reporters r where r.case_id = cases.id and r.name is not null) order by id limit 1`);
    const alert = await alertIn("31", "test-alert-31-open", false);
    const links = [
      { type: "kpi", id: "demo-kpi-31-1" },
      { type: "project", id: project },
      { type: "case", id: kase },
      { type: "alert", id: alert },
    ] as const;
    for (const link of links) await addAgendaItem({ ctx, meetingId: m.id, input: { kind: "inform", titleTh: `เรื่อง ${link.type}`, link } });

    const view = await getMeeting({ ctx, id: m.id });
    expect(view.agenda.map((a) => a.link && [a.link.type, a.link.id])).toEqual(links.map((l) => [l.type, l.id]));
    const [k, p, c, a] = view.agenda.map((x) => x.link!);
    expect(k!.label).toMatch(/^\S+ .+/);
    expect(p!.label).toMatch(/^\S+ .+/);
    expect(a).toEqual({ type: "alert", id: alert, label: `เรื่องค้างเกินกำหนด ${alert}`, labelEn: `Case overdue ${alert}`, status: "open", href: `/cases/${alert}`, provinceCode: "31" });
    // a case shows its public reference and public text: never who reported it
    const publicRef = await one(`select public_ref as id from cases where id = '${kase}'`);
    expect(c!.label.startsWith(publicRef)).toBe(true);
    const reporters = await db.query<{ name: string | null; phone: string | null; email: string | null }>(`select name, phone, email from case_reporters where case_id = $1`, [kase]);
    const shown = JSON.stringify(view);
    for (const r of reporters) for (const v of [r.name, r.phone, r.email]) if (v) expect(shown).not.toContain(v);

    // a resolved alert can still be linked (the meeting reviews what happened); its status says so
    const done = await alertIn("31", "test-alert-31-resolved", true);
    await addAgendaItem({ ctx, meetingId: m.id, input: { kind: "inform", titleTh: "ทบทวนเรื่องที่แก้แล้ว", link: { type: "alert", id: done } } });
    expect((await getMeeting({ ctx, id: m.id })).agenda.at(-1)!.link).toMatchObject({ type: "alert", status: "resolved" });
  });

  it("refuses a record of another province, or one that does not exist, with a 4xx in Thai and English, changing nothing", async () => {
    const m = await meeting("ทีมแก้ไขปัญหาทดสอบจังหวัดอื่น");
    const ctx = governor31();
    const elsewhere = [
      { type: "kpi", id: await one(`select id from kpis where province_code is not null and province_code <> '31' order by id limit 1`) },
      { type: "project", id: await one(`select id from projects where province_code is not null and province_code <> '31' order by id limit 1`) },
      { type: "case", id: await one(`select id from cases where province_code <> '31' order by id limit 1`) },
      { type: "alert", id: await alertIn("57", "test-alert-57", false) },
      { type: "alert", id: "no-such-alert" },
    ] as const;
    const before = await snapshot(db, TABLES);
    for (const link of elsewhere) {
      const err = await addAgendaItem({ ctx, meetingId: m.id, input: { kind: "inform", titleTh: "x", link } }).then(() => null, (e: unknown) => e);
      expect(err, `${link.type} ${link.id}`).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.status).toBe(400);
      expect(e.messageTh).toMatch(/[\u0E00-\u0E7F]/);
      expect(e.messageEn).toMatch(/[a-z]/);
      expect(JSON.stringify(e), `${link.type} ${link.id}`).toMatch(link.id === "no-such-alert" ? /agenda\.link-unknown/ : /agenda\.link-other-province/);
    }
    expect(await snapshot(db, TABLES)).toEqual(before);
    expect((await getMeeting({ ctx, id: m.id })).agenda).toEqual([]);
  });
});
