// Crash safety, the short version of `npm run bench:crash` (issue 8): the server, a separate OS process, is killed
// with SIGKILL twice under a small write load and restarted on the same database; every acknowledged write must be
// there, whole. On PGlite by default, on PostgreSQL when DATABASE_URL is set. The unit suite runs before the build,
// so the test bundles the server from the sources itself (as scripts/build.mjs does, into .tmp/) and runs it on a
// copy of the suite's template.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEVELOPMENT_KEY } from "../src/platform/webhooks/secret-box.js";
import type { Actor } from "../src/platform/auth/actor.js";
import { submitCase } from "../src/modules/cases/submit-case.js";
import { bundleServer, ROOT, runCrashRounds, verify, type AckCase, type Target } from "../bench/crash-harness.js";
import { createTestDb, ctxFor } from "./db.js";
import { templateCopy } from "./template-copy.js";

const url = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A copy of the suite's template (migrated, seeded, demo) for the server: a PGlite folder or a PostgreSQL database. */
async function copyTemplate(): Promise<Target> {
  const t = await templateCopy("crash", cleanups);
  return t.databaseUrl ? { kind: "postgres", databaseUrl: t.databaseUrl, dataDir: t.dataDir } : { kind: "pglite", dataDir: t.dataDir };
}

describe(`kill -9 under a write load (${url ? "PostgreSQL" : "PGlite"})`, () => {
  it("keeps every acknowledged case and staff entry, whole, across two kills, and comes back healthy each time", async () => {
    const target = await copyTemplate();
    const outdir = path.join(ROOT, ".tmp", `crash-server-${process.pid}`);
    cleanups.push(async () => fs.rmSync(outdir, { recursive: true, force: true }));
    const report = await runCrashRounds({
      launcher: await bundleServer(outdir),
      target,
      rounds: 2,
      citizens: 6,
      staff: 1,
      killAfterMs: [1200, 2500],
      // the template's demo webhook secret is sealed under the development key (no key configured in the suite)
      env: { WEBHOOKS_SECRET_KEY: DEVELOPMENT_KEY.key.toString("hex") },
      readyTimeoutMs: 120_000,
    });
    const zeros = (r: Record<string, number>) => Object.fromEntries(Object.keys(r).map((k) => [k, 0]));
    for (const r of report.rounds) {
      // the kill came mid-load: writes were acknowledged before it and requests were in flight at it
      expect(r.acknowledged.cases, `round ${r.round}`).toBeGreaterThan(0);
      expect(r.inFlightAtKill, `round ${r.round}`).toBeGreaterThan(0);
      expect(r.refused, `round ${r.round}`).toEqual({});
      expect(r.verify.examples, `round ${r.round}`).toEqual([]);
      expect(r.verify.cases.missing + r.verify.cases.mismatched + r.verify.notes.missing + r.verify.notes.mismatched).toBe(0);
      expect(r.verify.partial).toEqual(zeros(r.verify.partial));
      expect(r.afterRestart).toEqual({ ready: true, sessionValid: true, acceptsWrites: true, readBack: r.afterRestart.readBack, readBackMissing: 0 });
    }
    expect(report.final.cases.found).toBe(report.totals.acknowledged.cases);
    expect(report.final.notes.found).toBe(report.totals.acknowledged.notes);
    expect(report.final.partial).toEqual(zeros(report.final.partial));
    expect(report.ok).toBe(true);
  }, 240_000);

  it("the checks see a missing write, a changed one and each kind of partial write", async () => {
    const db = await createTestDb();
    try {
      const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
      const body: AckCase["body"] = { categoryId: "drain", descriptionTh: "ท่อระบายน้ำอุดตัน น้ำขังหน้าบ้าน", subdistrictCode: "570901", addressTh: "หมู่ 3", reporter: { anonymous: false, name: "สมศรี ทดสอบ", phone: "0812345678", notify: false }, consent: true };
      const made = await submitCase({ ctx: ctxFor(db, anon), input: body });
      const ack: AckCase = { round: 1, id: made.id, publicRef: made.publicRef, trackingCode: made.trackingCode, body };
      const clean = await verify(db, { cases: [ack], notes: [] });
      expect(clean.cases).toEqual({ acknowledged: 1, found: 1, missing: 0, mismatched: 0 });
      expect(Object.values(clean.partial).every((n) => n === 0)).toBe(true);

      const lost = await verify(db, { cases: [ack, { ...ack, id: "never-written" }], notes: [{ round: 1, caseId: made.id, eventId: "no-such-entry", textTh: "x", visibility: "internal" }] });
      expect([lost.cases.missing, lost.notes.missing]).toEqual([1, 1]);
      expect((await verify(db, { cases: [{ ...ack, body: { ...body, addressTh: "หมู่ 4" } }], notes: [] })).cases.mismatched).toBe(1);

      // half-written states, made by hand: a case without its reporter and outbox entry, an entry of no case
      await db.query(`delete from case_reporters where case_id = $1`, [made.id]);
      await db.query(`delete from webhook_events where entity_id = $1 and type = 'case.routed'`, [made.id]);
      await db.query(`insert into case_events (id, case_id, province_code, kind, visibility, at) values ('orphan-entry', 'no-such-case', '57', 'note', 'internal', now())`);
      await db.query(`insert into case_events (id, case_id, province_code, kind, visibility, at) values ('unaudited-note', $1, '57', 'note', 'internal', now())`, [made.id]);
      const partial = (await verify(db, { cases: [ack], notes: [] })).partial;
      expect(Object.fromEntries(Object.entries(partial).filter(([, n]) => n > 0))).toEqual({ casesWithoutReporter: 1, casesWithoutRoutedOutbox: 1, eventsWithoutCase: 1, staffEntriesWithoutAudit: 1 });
    } finally {
      await db.close();
    }
  });
});
