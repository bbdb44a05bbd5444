// Audit completeness (issue 8): every transaction that changes a record writes its audit record in that same
// transaction. The database itself watches: before anything is seeded, a statement trigger on every table notes the
// transaction (txid_current()) of each insert, update or delete, and a row trigger on audit_log notes the transactions
// that wrote an audit record. Then the walk: every module's seed, reference data and the whole demo scenario (which
// runs the modules' own use cases as the demo's officials: cases accepted and resolved, permits decided, KPIs measured,
// meetings held, procurements awarded, …), then a day of the scheduled jobs. Every transaction that changed a record
// table must appear among the audited ones; the few tables that are not records (read models, queues) are listed with
// the reason. Every action written must be one its module declares (`auditActions`), and the walk's coverage of the
// declared actions is printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "../src/platform/db/client.js";
import { runMigrations } from "../src/platform/db/migrate.js";
import { MODULES } from "../src/server/modules.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { FIXED_NOW } from "./clock.js";
import { scratchPostgres } from "./db.js";

/** Tables that hold no record of anyone's act: what they hold is derived from the records, or is a queue. */
const NOT_RECORDS: Record<string, string> = {
  oversight_rollups: "the operation centres' read model, rebuilt from the records (a rebuild asked for by an administrator is audited as oversight.rollups.rebuild)",
  oversight_dirty: "marks which provinces' roll-ups are stale (written by triggers on the records)",
  oversight_refreshes: "when each province's roll-ups were last rebuilt (read-model bookkeeping)",
  oversight_alerts: "alerts are derived from the records by the alert rules (job oversight.evaluate-alerts); a reader marking one read is audited",
  notifications: "the outgoing mail queue (MAIL_TRANSPORT=outbox): messages about acts that are themselves audited",
};

let db: Database;
beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  db = url ? await scratchPostgres(url, "encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0") : await openPglite({});
  await runMigrations(db);
  const tables = (await db.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1")).map((r) => r.t);
  await db.exec(`
    create table test_tx_writes (txid bigint not null, tbl text not null, op text not null);
    create table test_tx_audits (txid bigint not null, action text not null);
    create function test_track_write() returns trigger language plpgsql as $$ begin
      -- statements that change no row (e.g. "insert … on conflict do nothing" that met its row) change nothing
      if exists (select 1 from changed) then insert into test_tx_writes values (txid_current(), TG_TABLE_NAME, TG_OP); end if;
      return null;
    end $$;
    create function test_track_audit() returns trigger language plpgsql as $$ begin insert into test_tx_audits values (txid_current(), new.action); return null; end $$;`);
  for (const t of tables) {
    if (t === "audit_log") await db.exec(`create trigger test_track after insert on audit_log for each row execute function test_track_audit()`);
    else
      await db.exec(`
        create trigger test_track_i after insert on "${t}" referencing new table as changed for each statement execute function test_track_write();
        create trigger test_track_u after update on "${t}" referencing new table as changed for each statement execute function test_track_write();
        create trigger test_track_d after delete on "${t}" referencing old table as changed for each statement execute function test_track_write();`);
  }
  // the walk: reference data, every module's seed and the demo scenario, through the modules' own use cases
  await prepareDatabase(db, { demo: true, now: () => FIXED_NOW });
}, 600_000);
afterAll(async () => db?.close());

describe("audit completeness", () => {
  it("every transaction that changed a record wrote its audit record in the same transaction", async () => {
    const unaudited = await db.query<{ tbl: string; op: string; n: number }>(
      // alert.raised / alert.resolved outbox rows ride with the alert run, unaudited like the alerts they report
      `select tbl, op, count(distinct txid)::int as n from test_tx_writes w where not exists (select 1 from test_tx_audits a where a.txid = w.txid)
         and not (w.tbl in ('webhook_events', 'webhook_deliveries') and exists (select 1 from test_tx_writes o where o.txid = w.txid and o.tbl = 'oversight_alerts'))
       group by 1, 2 order by 1, 2`,
    );
    const records = unaudited.filter((u) => !(u.tbl in NOT_RECORDS));
    expect(records, "record tables changed without an audit record in the same transaction").toEqual([]);
    const [{ n }] = (await db.query<{ n: number }>("select count(distinct txid)::int as n from test_tx_writes where not tbl = any($1)", [Object.keys(NOT_RECORDS)])) as [{ n: number }];
    expect(n).toBeGreaterThan(500); // the walk did write: hundreds of audited transactions
  });

  it("every audit action written is one its module declares; the walk covers most of them", async () => {
    const declared = new Set(MODULES.flatMap((m) => m.auditActions));
    const written = (await db.query<{ action: string }>("select distinct action from test_tx_audits order by 1")).map((r) => r.action);
    expect(written.filter((a) => !declared.has(a)), "actions written but not declared by a module").toEqual([]);
    const coverage = written.length / declared.size;
    console.log(`audit completeness: ${written.length} of ${declared.size} declared actions walked by the demo scenario (${Math.round(coverage * 100)} %); the rest are covered by their modules' tests`);
    expect(written.length).toBeGreaterThan(100);
  });

  it("a second start on the prepared database writes nothing (reference data and the demo are kept, not rewritten)", async () => {
    await db.exec("delete from test_tx_writes; delete from test_tx_audits");
    await prepareDatabase(db, { demo: true, now: () => FIXED_NOW });
    // (the read model is rebuilt at every start: not a record)
    expect(await db.query("select tbl, op, count(*)::int as statements from test_tx_writes where not tbl = any($1) group by 1, 2 order by 1, 2", [Object.keys(NOT_RECORDS)])).toEqual([]);
  });
});
