import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./lock.js";
import { openPglite } from "./client.js";
import { runMigrations, migrationStatus } from "./migrate.js";

describe("data-folder lock", () => {
  it("refuses a second holder with a clear Thai and English message, and frees on release", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cw-lock-"));
    const child = spawnSync(process.execPath, ["-e", "setTimeout(()=>{}, 5000)"], { timeout: 1 }); // a pid that is gone
    fs.writeFileSync(path.join(dir, "changwat.lock"), JSON.stringify({ pid: process.ppid, startedAt: "x" })); // a live process (our parent)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    try {
      lockDataDir(dir);
    } catch (e) {
      expect((e as Error).message).toMatch(/in use by another Changwat process/);
      expect((e as Error).message).toMatch(/กำลังถูกใช้งาน/);
    }
    // a stale lock (dead pid) is taken over
    fs.writeFileSync(path.join(dir, "changwat.lock"), JSON.stringify({ pid: child.pid ?? 999999, startedAt: "x" }));
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).not.toThrow(); // same process re-entering is allowed for its own pid
    lock.release();
    expect(fs.existsSync(path.join(dir, "changwat.lock"))).toBe(false);
  });

  it("a second process cannot open a PGlite folder that is in use", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cw-lock2-"));
    const db = await openPglite({ dataDir: dir });
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `import("${path.resolve("src/platform/db/client.ts")}").then(m => m.openPglite({ dataDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), e => { console.error(e.message); process.exit(3); })`], { encoding: "utf8" });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/in use by another Changwat process/);
    await db.close();
  });
});

describe("migrations", () => {
  it("apply from empty on a fresh database and are recorded for /ready", async () => {
    const db = await openPglite({});
    expect((await migrationStatus(db)).applied).toBe(0);
    await runMigrations(db);
    const s = await migrationStatus(db);
    expect(s.applied).toBe(s.expected);
    const tables = await db.query<{ n: number }>("select count(*)::int as n from information_schema.tables where table_schema = 'public'");
    expect(tables[0]!.n).toBeGreaterThanOrEqual(12);
    await runMigrations(db); // idempotent
    await db.close();
  });
});
