import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, systemActor, type Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import type { MailMessage } from "../../platform/notify/notify.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { accountIdByUsername } from "../accounts/index.js";
import { submitCase } from "../cases/submit-case.js";
import { getAlertSubscriptions, setAlertSubscriptions } from "./alert-subscriptions.js";
import { evaluateAlerts } from "./evaluate-alerts.js";
import { dailyDigestJob } from "./jobs.js";
import { listAlerts } from "./list-alerts.js";
import { markAlertRead } from "./mark-alert-read.js";
import { eraseOversightPersonalData, oversightPersonalData } from "./personal-data.js";
import { sendAlertDigests } from "./send-alert-digests.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const DAY = 86_400_000;
const TODAY = "2026-11-22"; // FIXED_NOW in Bangkok (a Sunday)
const later = (days: number) => new Date(FIXED_NOW.getTime() + days * DAY);
const at = (now: Date, who: Actor = systemActor) => ({ ...ctxFor(db, who), now: () => now });
const governor31 = (id = "gov-31") => ctxFor(db, actor("governor", "area:province:31", id));
const q = <T>(text: string, params: unknown[] = []) => db.query<T>(text, params);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}
type Row = { id: string; rule: string; severity: string; province_code: string; org_id: string; entity_id: string; title_th: string; title_en: string; resolved_at: Date | null; raised_at: Date };
const openAlerts = (rule: string, where = "true", params: unknown[] = []) => q<Row>(`select * from oversight_alerts where rule = '${rule}' and resolved_at is null and ${where} order by entity_id`, params);
const alertsOf = (rule: string, entity: string) => q<Row>(`select * from oversight_alerts where rule = $1 and entity_id = $2 order by raised_at`, [rule, entity]);
const audits = async (action: string) => (await q<{ n: number }>("select count(*)::int as n from audit_log where action = $1", [action]))[0]!.n;

describe("alert rules at a given time", () => {
  it("holds after seeding exactly what the sources say, in the pilot provinces, and re-evaluating duplicates nothing", async () => {
    const permits = (await q<{ id: string }>(`select id from permit_applications where decided_on is null and withdrawn_on is null and status not in ('approved','refused','withdrawn') and due_on < $1 order by id`, [TODAY])).map((r) => r.id);
    expect((await openAlerts("permit-overdue")).map((a) => a.entity_id)).toEqual(permits);
    const items = (await q<{ id: string }>(`select i.id from committee_action_items i join committees c on c.id = i.committee_id where c.closed_at is null and i.status = 'open' and i.due_on < $1 order by i.id`, [TODAY])).map((r) => r.id);
    expect(items.length).toBeGreaterThan(0); // the demo's overdue item of Buriram's executive committee
    expect((await openAlerts("action-item-overdue")).map((a) => a.entity_id)).toEqual(items);
    const late = await openAlerts("committee-late");
    expect(late.length).toBeGreaterThan(0); // the advisory committee that stopped meeting
    expect(late.every((a) => a.province_code === "31")).toBe(true);
    // cases: one alert per province and office, carrying the count, never one per case
    const queues = await q<{ province_code: string; org_id: string; n: number }>(
      `select province_code, coalesce(assigned_org_id, '') as org_id, count(*)::int as n from cases where merged_into is null and status in ('received','accepted','in_progress','reopened') and resolve_due_at < $1 group by 1, 2 order by 1, 2`,
      [FIXED_NOW],
    );
    const sla = await q<Row>(`select * from oversight_alerts where rule = 'sla-breach' and resolved_at is null order by province_code, org_id`);
    expect(sla.map((a) => [a.province_code, a.org_id])).toEqual(queues.map((r) => [r.province_code, r.org_id]));
    sla.forEach((a, i) => expect(a.title_th).toContain(` ${queues[i]!.n} เรื่อง`));
    const all = await q<{ n: number; provinces: string[] }>(`select count(*)::int as n, array_agg(distinct province_code order by province_code) as provinces from oversight_alerts where resolved_at is null`);
    expect(all[0]!.provinces).toEqual(expect.arrayContaining(["31"]));
    for (const rule of ["kpi-off-target", "disbursement-lagging"]) expect((await openAlerts(rule)).length, rule).toBeGreaterThan(0);

    const again = await evaluateAlerts({ ctx: at(FIXED_NOW) });
    expect([again.raised, again.resolved]).toEqual([0, 0]);
    expect((await q<{ n: number }>(`select count(*)::int as n from oversight_alerts`))[0]!.n).toBe(all[0]!.n);
  });

  it("raises a permit past its statutory deadline once, resolves it when decided, and raises one falling due as time passes", async () => {
    const [{ code }] = await q<{ code: string }>(`select code from powers where is_permit order by code limit 1`);
    const permit = (id: string, dueOn: string) =>
      q(`insert into permit_applications (id, tracking_code, province_code, power_code, applicant_kind, subject_th, received_on, received_by, route, decider_label_th, decider_scope, sla_days, due_on, status)
         values ($1, $1, '50', $2, 'person', 'ขออนุญาต (ทดสอบ)', '2026-10-01', 'test', 'delegated', 'ผู้ว่าราชการจังหวัด', 'area:province:50', 15, $3, 'received')`, [id, code, dueOn]);
    await permit("t-permit-late", "2026-11-20");
    await permit("t-permit-soon", "2026-11-25");
    const r = await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["permit-overdue"] } });
    expect(r.raised).toBe(1);
    const [a] = await alertsOf("permit-overdue", "t-permit-late");
    expect(a).toMatchObject({ province_code: "50", severity: "warning", resolved_at: null });
    expect(a!.title_th).toContain("2 วัน");
    expect(await alertsOf("permit-overdue", "t-permit-soon")).toHaveLength(0);
    // four days on, the second is past due; the first is updated in place (its title counts the days), not raised again
    await evaluateAlerts({ ctx: at(later(4)), input: { rules: ["permit-overdue"] } });
    expect(await alertsOf("permit-overdue", "t-permit-soon")).toHaveLength(1);
    const [same] = await alertsOf("permit-overdue", "t-permit-late");
    expect([same!.id, same!.title_th.includes("6 วัน")]).toEqual([a!.id, true]);
    await q(`update permit_applications set status = 'approved', decision = 'approved', decided_on = '2026-11-25' where id = 't-permit-late'`);
    const r2 = await evaluateAlerts({ ctx: at(later(4)), input: { rules: ["permit-overdue"] } });
    expect(r2.resolved).toBe(1);
    expect((await alertsOf("permit-overdue", "t-permit-late"))[0]!.resolved_at).not.toBeNull();
    expect((await alertsOf("permit-overdue", "t-permit-soon"))[0]!.resolved_at).toBeNull();
    await q(`delete from permit_applications where id = 't-permit-soon'`);
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["permit-overdue"] } });
  });

  it("warns of a delegation ending within 30 days, more urgently as it nears, and resolves once it ended or a renewal takes over", async () => {
    const [{ code }] = await q<{ code: string }>(`select code from powers order by code limit 1`);
    const instrument = (id: string, from: string, to: string | null, role = "governor") =>
      q(`insert into delegations (id, power_code, root_id, delegator_label_th, delegate_role, province_code, instrument_no, instrument_date, effective_from, effective_to, created_by)
         values ($1, $2, $1, 'ปลัดกระทรวง', $5, '50', $1, $3, $3, $4, 'test')`, [id, code, from, to, role]);
    await instrument("t-deleg-1", "2026-01-01", "2026-12-12"); // 20 days left
    await instrument("t-deleg-far", "2026-01-01", "2027-06-30", "vice_governor");
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["delegation-expiring"] } });
    const [a] = await alertsOf("delegation-expiring", "t-deleg-1");
    expect(a).toMatchObject({ severity: "notice", province_code: "50", resolved_at: null });
    expect(await alertsOf("delegation-expiring", "t-deleg-far")).toHaveLength(0);
    await evaluateAlerts({ ctx: at(later(15)), input: { rules: ["delegation-expiring"] } }); // 5 days left
    expect(await alertsOf("delegation-expiring", "t-deleg-1")).toMatchObject([{ id: a!.id, severity: "critical", resolved_at: null }]);
    await evaluateAlerts({ ctx: at(later(21)), input: { rules: ["delegation-expiring"] } }); // ended yesterday
    expect((await alertsOf("delegation-expiring", "t-deleg-1"))[0]!.resolved_at).not.toBeNull();
    // a renewal taking over the day after silences the warning
    await instrument("t-deleg-2", "2026-01-01", "2026-12-10", "agency_head");
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["delegation-expiring"] } });
    expect((await alertsOf("delegation-expiring", "t-deleg-2"))[0]!.resolved_at).toBeNull();
    await instrument("t-deleg-2b", "2026-12-11", null, "agency_head");
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["delegation-expiring"] } });
    expect((await alertsOf("delegation-expiring", "t-deleg-2"))[0]!.resolved_at).not.toBeNull();
    await q(`delete from delegations where id like 't-deleg-%'`);
  });

  it("counts cases past their service level per province and office in one alert that follows the count", async () => {
    const submit = () => submitCase({ ctx: ctxFor(db, anonymousActor), input: { categoryId: "road", descriptionTh: "ไฟถนนดับทั้งซอย มืดมากตอนกลางคืน", districtCode: "5001", reporter: { anonymous: true }, consent: true } });
    const ids = [(await submit()).id, (await submit()).id];
    const [due] = await q<{ due: Date }>(`select max(resolve_due_at) as due from cases where id = any($1)`, [ids]);
    const after = new Date(new Date(due!.due).getTime() + DAY);
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["sla-breach"] } });
    expect(await openAlerts("sla-breach", "province_code = '50'")).toHaveLength(0);
    await evaluateAlerts({ ctx: at(after), input: { rules: ["sla-breach"] } });
    const queues = await q<{ org_id: string; n: number }>(`select coalesce(assigned_org_id, '') as org_id, count(*)::int as n from cases where province_code = '50' and merged_into is null and status in ('received','accepted','in_progress','reopened') and resolve_due_at < $1 group by 1 order by 1`, [after]);
    const alerts = await q<Row>(`select * from oversight_alerts where rule = 'sla-breach' and province_code = '50' and resolved_at is null order by org_id`);
    expect(alerts.map((a) => a.org_id)).toEqual(queues.map((r) => r.org_id));
    expect(queues.reduce((s, r) => s + r.n, 0)).toBe(2);
    // no case's words in an alert
    expect(JSON.stringify(alerts)).not.toContain("ไฟถนน");
    await q(`update cases set status = 'resolved', resolved_at = $2 where id = any($1)`, [ids, after]);
    await evaluateAlerts({ ctx: at(after), input: { rules: ["sla-breach"] } });
    expect(await openAlerts("sla-breach", "province_code = '50'")).toHaveLength(0);
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["sla-breach"] } });
  });

  it("resolves a KPI below target once a verified result reaches it, and a lagging agency once it has disbursed", async () => {
    const [kpi] = await openAlerts("kpi-off-target");
    const [{ target }] = await q<{ target: number }>(`select (levels ->> 2)::float8 as target from kpi_targets where kpi_id = $1 and round = 12 order by fiscal_year desc limit 1`, [kpi!.entity_id]);
    await q(`update measurements set value = $2 where kpi_id = $1 and status = 'verified'`, [kpi!.entity_id, target]);
    const r = await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["kpi-off-target"] } });
    expect(r.resolved).toBe(1);
    expect((await q<Row>(`select * from oversight_alerts where id = $1`, [kpi!.id]))[0]!.resolved_at).not.toBeNull();

    const [lag] = await openAlerts("disbursement-lagging");
    await q(`update projects set cum_disbursed = array_fill(total_budget, array[12]) where province_code = $1 and agency_id = $2 and fiscal_year = 2570`, [lag!.province_code, lag!.org_id]);
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["disbursement-lagging"] } });
    expect((await q<Row>(`select * from oversight_alerts where id = $1`, [lag!.id]))[0]!.resolved_at).not.toBeNull();
  });

  it("resolves a late committee's alert when it meets, and an action item's when it is done", async () => {
    const [item] = await openAlerts("action-item-overdue");
    await q(`update committee_action_items set status = 'done', closed_on = $2 where id = $1`, [item!.entity_id, TODAY]);
    const [late] = await openAlerts("committee-late");
    await q(`insert into committee_meetings (id, committee_id, fiscal_year, number, scheduled_on, status, held_on) values ('t-meeting', $1, 2570, 99, $2, 'held', $2)`, [late!.entity_id, TODAY]);
    const r = await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["action-item-overdue", "committee-late"] } });
    expect(r.resolved).toBe(2);
    // a cadence later the committee is late again: a new alert, the old one stays resolved
    const [{ cadence }] = await q<{ cadence: number }>(`select cadence_days as cadence from committees where id = $1`, [late!.entity_id]);
    await evaluateAlerts({ ctx: at(later(cadence + 2)), input: { rules: ["committee-late"] } });
    const history = await alertsOf("committee-late", late!.entity_id);
    expect(history.map((h) => h.resolved_at === null)).toEqual([false, true]);
    await evaluateAlerts({ ctx: at(FIXED_NOW) });
  });
});

describe("subscriptions", () => {
  it("subscribes only within scopes the account reads (403 otherwise); bad input changes nothing; every change is audited", async () => {
    const gov = governor31("gov-31-subs");
    const rows = async () => (await q<{ n: number }>(`select count(*)::int as n from oversight_alert_subscriptions where account_id = 'gov-31-subs'`))[0]!.n;
    const n0 = await audits("oversight.alert-subscriptions.set");
    const none = await getAlertSubscriptions({ ctx: gov });
    expect([none.subscriptions, none.defaultScope]).toEqual([[], "area:province:31"]);

    const s = await setAlertSubscriptions({ ctx: gov, input: { subscriptions: [{ scope: "area:province:31", rules: ["permit-overdue", "sla-breach"], frequency: "daily" }] } });
    expect(s.subscriptions).toMatchObject([{ scope: { key: "area:province:31", kind: "province" }, rules: ["permit-overdue", "sla-breach"], frequency: "daily" }]);
    expect(await audits("oversight.alert-subscriptions.set")).toBe(n0 + 1);

    for (const scope of ["area:province:57", "nation", "org:moph"]) expect((await refusal(setAlertSubscriptions({ ctx: gov, input: { subscriptions: [{ scope, frequency: "daily" }] } }))).status).toBe(403);
    expect((await refusal(setAlertSubscriptions({ ctx: ctxFor(db, actor("citizen", "nation", "c-1")), input: { subscriptions: [] } }))).status).toBe(403);
    expect((await refusal(setAlertSubscriptions({ ctx: ctxFor(db, anonymousActor), input: { subscriptions: [] } }))).status).toBe(401);
    for (const bad of [
      { subscriptions: [{ scope: "area:province:31", frequency: "hourly" }] },
      { subscriptions: [{ scope: "area:province:31", rules: ["nope"] }] },
      { subscriptions: [{ scope: "area:province:31" }, { scope: "area:province:31" }] },
      { subscriptions: [{ scope: "somewhere" }] },
      { subscriptions: [{ scope: "area:province:31", extra: 1 }] },
    ]) {
      const e = await refusal(setAlertSubscriptions({ ctx: gov, input: bad as never }));
      expect([e.status, e.code]).toEqual([400, "validation.failed"]);
      expect(e.fields?.[0]?.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(await rows()).toBe(1);
    expect(await audits("oversight.alert-subscriptions.set")).toBe(n0 + 1);
    expect((await getAlertSubscriptions({ ctx: gov })).subscriptions[0]!.frequency).toBe("daily");
    // a ministry subscribes to its function across provinces; an empty list unsubscribes
    const moph = ctxFor(db, actor("ministry_officer", "org:moph", "moph-subs"));
    expect((await setAlertSubscriptions({ ctx: moph, input: { subscriptions: [{ scope: "org:moph", frequency: "weekly" }] } })).subscriptions[0]!.scope.kind).toBe("ministry");
    expect((await setAlertSubscriptions({ ctx: gov, input: { subscriptions: [] } })).subscriptions).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it("lists an account's subscriptions in 'my data', and erases them, its read marks and its digest log with the account", async () => {
    const who = governor31("gov-31-pdpa");
    await setAlertSubscriptions({ ctx: who, input: { subscriptions: [{ scope: "area:province:31", rules: ["sla-breach"], frequency: "weekly" }] } });
    const [first] = await q<{ id: string }>("select id from oversight_alerts where province_code = '31' order by id limit 1");
    await markAlertRead({ ctx: who, alertId: first!.id });
    await q("insert into oversight_alert_digests (account_id, frequency, period, since, until, alerts) values ('gov-31-pdpa', 'weekly', '2026-11-16', $1, $1, 1)", [FIXED_NOW]);
    const mine = await oversightPersonalData(ctxFor(db), "gov-31-pdpa");
    expect(mine).toMatchObject([{ key: "oversight.alert-subscriptions", rows: [{ scope: "area:province:31", alertRules: "sla-breach", digestFrequency: "weekly" }] }]);
    expect(await oversightPersonalData(ctxFor(db), "gov-31-subs")).toEqual([]); // nothing held: no section
    const erased = await eraseOversightPersonalData(ctxFor(db), { accountId: "gov-31-pdpa", emails: [] });
    expect(erased).toEqual({ "oversight.alert-subscriptions": 1, "oversight.alert-reads": 1, "oversight.alert-digests": 1 });
    for (const t of ["oversight_alert_subscriptions", "oversight_alert_reads", "oversight_alert_digests"]) expect((await q<{ n: number }>(`select count(*)::int as n from ${t} where account_id = 'gov-31-pdpa'`))[0]!.n, t).toBe(0);
    expect(await eraseOversightPersonalData(ctxFor(db), { accountId: "gov-31-pdpa", emails: [] })).toEqual({});
  });
});

describe("the inbox", () => {
  it("shows a governor only their province (the landing scope without a subscription), with filters, pages and read marks", async () => {
    const gov = governor31("gov-31-inbox");
    const page = await listAlerts({ ctx: gov, input: { pageSize: 200 } });
    expect(page.source).toBe("landing");
    expect(page.scopes.map((s) => s.key)).toEqual(["area:province:31"]);
    const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from oversight_alerts where province_code = '31' and resolved_at is null`);
    expect(page.total).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect(page.items.every((a) => a.provinceCode === "31" && a.resolvedAt === null && a.link.startsWith("/"))).toBe(true);
    expect(page.unread).toBe(n);
    const severities = page.items.map((a) => ["critical", "warning", "notice"].indexOf(a.severity));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));

    expect((await refusal(listAlerts({ ctx: gov, input: { province: "57" } }))).status).toBe(403);
    expect((await refusal(listAlerts({ ctx: gov, input: { scope: "nation" } }))).status).toBe(403);
    expect((await refusal(listAlerts({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await refusal(listAlerts({ ctx: gov, input: { rule: "nope" as never } }))).status).toBe(400);
    const rule = page.items[0]!.rule;
    const byRule = await listAlerts({ ctx: gov, input: { rule, pageSize: 200 } });
    expect(byRule.total).toBe(page.items.filter((a) => a.rule === rule).length);
    expect(byRule.items.every((a) => a.rule === rule)).toBe(true);
    const two = await listAlerts({ ctx: gov, input: { pageSize: 2, page: 2 } });
    expect(two.items.map((a) => a.id)).toEqual(page.items.slice(2, 4).map((a) => a.id));

    const first = page.items[0]!;
    const n0 = await audits("oversight.alert.mark-read");
    expect(await markAlertRead({ ctx: gov, alertId: first.id })).toEqual({ id: first.id, read: true });
    expect(await audits("oversight.alert.mark-read")).toBe(n0 + 1);
    const after = await listAlerts({ ctx: gov, input: { pageSize: 200 } });
    expect(after.unread).toBe(n - 1);
    expect(after.items.find((a) => a.id === first.id)!.read).toBe(true);
    expect((await listAlerts({ ctx: gov, input: { unread: "true" as never, pageSize: 200 } })).total).toBe(n - 1);
    // another reader's marks are their own
    expect((await listAlerts({ ctx: governor31("gov-31-other"), input: {} })).unread).toBe(n);
    await markAlertRead({ ctx: gov, alertId: first.id, input: { read: false } });
    expect((await listAlerts({ ctx: gov, input: {} })).unread).toBe(n);

    const [other] = await q<{ id: string }>(`select id from oversight_alerts where province_code <> '31' limit 1`);
    expect((await refusal(markAlertRead({ ctx: gov, alertId: other!.id }))).status).toBe(403);
    expect((await refusal(markAlertRead({ ctx: gov, alertId: "no-such-alert" }))).status).toBe(404);
    expect((await refusal(markAlertRead({ ctx: gov, alertId: first.id, input: { read: "yes" } as never }))).status).toBe(400);
    expect(await audits("oversight.alert.mark-read")).toBe(n0 + 2);
  });

  it("reads a subscriber's scopes and rules, and a ministry's function across provinces", async () => {
    const gov = governor31("gov-31-sub-inbox");
    await setAlertSubscriptions({ ctx: gov, input: { subscriptions: [{ scope: "area:province:31", rules: ["committee-late"] }] } });
    const page = await listAlerts({ ctx: gov, input: {} });
    expect(page.source).toBe("subscriptions");
    expect(page.items.every((a) => a.rule === "committee-late")).toBe(true);
    const moph = ctxFor(db, actor("ministry_officer", "org:moph", "moph-inbox"));
    const m = await listAlerts({ ctx: moph, input: { pageSize: 200 } });
    const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from oversight_alerts where ministry_id = 'moph' and resolved_at is null`);
    expect(m.total).toBe(n);
    // the province filter offers every province with the ministry's alerts, with their counts, even past the first page
    const perProvince = await q<{ code: string; n: number }>(`select province_code as code, count(*)::int as n from oversight_alerts where ministry_id = 'moph' and resolved_at is null group by 1 order by 1`);
    expect(perProvince.length).toBeGreaterThan(1);
    const small = await listAlerts({ ctx: moph, input: { pageSize: 1, province: perProvince[0]!.code } });
    expect(small.items).toHaveLength(1);
    expect(small.provinces.map((p) => [p.code, p.alerts])).toEqual(perProvince.map((p) => [p.code, p.n]));
    expect(small.provinces[0]!.nameTh).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe("e-mail digests", () => {
  const digests = (kind: string) => q<{ id: string; recipient: string; subject_th: string; body_th: string; body_en: string; dedupe_key: string }>(`select * from notifications where kind = $1 order by recipient`, [kind]);

  it("sends each daily subscriber one digest per day, none on a re-run, none before 07:30, and nothing personal", async () => {
    const governor = (await accountIdByUsername(ctxFor(db), "governor.buriram"))!;
    expect((await sendAlertDigests({ ctx: at(new Date("2026-11-21T23:00:00Z")), input: { frequency: "daily" } })).period).toBeNull(); // 06:00 Bangkok
    expect(await digests("oversight.alert-digest.daily")).toHaveLength(0);
    const r = await sendAlertDigests({ ctx: at(FIXED_NOW), input: { frequency: "daily" } });
    expect(r).toMatchObject({ period: TODAY, sent: 1 });
    const [d] = await digests("oversight.alert-digest.daily");
    expect(d).toMatchObject({ recipient: `user:${governor}`, dedupe_key: `oversight-digest:${governor}:daily:${TODAY}` });
    expect(d!.body_th).toMatch(/การแจ้งเตือนใหม่ \d+ รายการ/);
    expect(d!.body_en).toMatch(/\d+ new alerts? since/);
    const names = (await q<{ name: string }>(`select r.name from case_reporters r join cases c on c.id = r.case_id where c.province_code = '31' and coalesce(r.name, '') <> ''`)).map((x) => x.name);
    for (const name of names) expect(d!.body_th + d!.body_en).not.toContain(name);
    const again = await sendAlertDigests({ ctx: at(new Date(FIXED_NOW.getTime() + 3_600_000)), input: { frequency: "daily" } });
    expect(again).toMatchObject({ sent: 0, skipped: 1 });
    expect(await digests("oversight.alert-digest.daily")).toHaveLength(1);
    // the next day: only what is new since this digest (nothing new: no mail, the day still recorded)
    const next = await sendAlertDigests({ ctx: at(later(1)), input: { frequency: "daily" } });
    expect(next).toMatchObject({ sent: 0, empty: 1 });
    expect(await digests("oversight.alert-digest.daily")).toHaveLength(1);
  });

  it("sends weekly digests only on Mondays, once; the job hands them to the mailer once", async () => {
    const pmoc = (await accountIdByUsername(ctxFor(db), "pmoc"))!;
    expect((await sendAlertDigests({ ctx: at(FIXED_NOW), input: { frequency: "weekly" } })).period).toBeNull(); // a Sunday
    const monday = later(1);
    expect(await sendAlertDigests({ ctx: at(monday), input: { frequency: "weekly" } })).toMatchObject({ period: "2026-11-23", sent: 1 });
    expect(await sendAlertDigests({ ctx: at(monday), input: { frequency: "weekly" } })).toMatchObject({ sent: 0 });
    const weekly = await digests("oversight.alert-digest.weekly");
    expect(weekly.map((w) => w.recipient)).toEqual([`user:${pmoc}`]);
    expect(weekly[0]!.subject_th).toContain("ประจำสัปดาห์");
    expect((await sendAlertDigests({ ctx: at(later(2)), input: { frequency: "weekly" } })).period).toBeNull(); // Tuesday

    // the daily job: a new alert in Buriram, then the job (twice) mails it exactly once
    await q(`update committee_action_items i set status = 'open', closed_on = null from committees c where c.id = i.committee_id and c.province_code = '31' and i.due_on < '2026-11-22' and i.status = 'done' and i.closed_on = '2026-11-22'`);
    const sent: MailMessage[] = [];
    const env = { mailer: { send: async (m: MailMessage) => void sent.push(m) }, log: { info() {}, error() {} } };
    const day3 = new Date(later(2).getTime());
    await dailyDigestJob.run(at(day3), env);
    await dailyDigestJob.run(at(day3), env);
    // today's digest and Sunday's (not handed on until now), each once
    const daily = await digests("oversight.alert-digest.daily");
    expect(daily).toHaveLength(2);
    expect(sent.map((m) => m.id).sort()).toEqual(daily.map((d) => d.id).sort());
    expect(sent.every((m) => m.recipient.startsWith("user:"))).toBe(true);
  });
});
