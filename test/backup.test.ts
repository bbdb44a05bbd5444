import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { openPglite, openPostgres, pgliteDatabaseExists, type Database } from "../src/platform/db/client.js";
import { createBackup, openBackup, restoreBackup, BackupError, type BackupTarget, type Manifest } from "../src/platform/db/backup.js";
import { readTarIndex, tarStream, writeFileAtomically, encryptStream, decryptFile, DecryptionError } from "../src/platform/db/backup-archive.js";
import { submitCase } from "../src/modules/cases/submit-case.js";
import { ctxFor } from "./db.js";

/**
 * Backup and restore round trip on the engine of this run (PGlite, or PostgreSQL when DATABASE_URL is set): the demo
 * database plus new records is backed up, restored into a fresh target, and both databases are compared table by
 * table with a fingerprint computed here (not the manifest's checksums), plus sequences, indexes and triggers.
 */

const url = process.env.DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cw-backup-test-"));
const scratchDbs: string[] = [];

function dbUrl(name: string): string {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new PostgreSQL database: a copy of the seeded template, or empty (UTF-8, as the server requires). */
async function newPostgres(kind: "seeded" | "empty"): Promise<string> {
  const name = `changwat_t_bk_${randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url!, { max: 1 });
  await admin.exec(kind === "seeded" ? `create database ${name} template ${inject("pgTemplate")}` : `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.close();
  scratchDbs.push(name);
  return dbUrl(name);
}

/** A new PGlite data folder: the seeded template loaded into it, or nothing (no database yet). */
async function newPgliteDir(kind: "seeded" | "empty"): Promise<string> {
  const dir = fs.mkdtempSync(path.join(tmp, "data-"));
  if (kind === "seeded") {
    const db = await openPglite({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
    await db.close();
  }
  return dir;
}

const newTarget = async (kind: "seeded" | "empty"): Promise<BackupTarget> => (url ? { kind: "postgres", url: await newPostgres(kind) } : { kind: "pglite", dataDir: await newPgliteDir(kind) });
const open = (t: BackupTarget): Promise<Database> => (t.kind === "postgres" ? openPostgres(t.url, { max: 1 }) : openPglite({ dataDir: t.dataDir }));

async function withDb<T>(t: BackupTarget, f: (db: Database) => Promise<T>): Promise<T> {
  const db = await open(t);
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

/**
 * Everything a restore must bring back, computed independently of the backup code: per base table (from
 * information_schema) its row count and md5 of all rows' text in byte order; sequence positions; index and trigger
 * definitions; functions.
 */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  await db.exec("set timezone = 'UTC'; set datestyle = 'ISO, YMD'; set bytea_output = 'hex'");
  const out: Record<string, string> = {};
  const tables = await db.query<{ s: string; t: string }>(
    "select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2",
  );
  for (const { s, t } of tables) {
    const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text collate "C"), '')) as h from "${s}"."${t}" x`);
    out[`table ${s}.${t}`] = `${r!.n}:${r!.h}`;
  }
  for (const q of await db.query<{ s: string; n: string }>("select schemaname as s, sequencename as n from pg_sequences order by 1, 2")) {
    const [r] = await db.query<{ v: string | null }>(`select last_value::text as v from "${q.s}"."${q.n}"`);
    out[`sequence ${q.s}.${q.n}`] = String(r!.v);
  }
  for (const r of await db.query<{ k: string; d: string }>("select schemaname || '.' || indexname as k, indexdef as d from pg_indexes where schemaname not in ('pg_catalog', 'information_schema')")) out[`index ${r.k}`] = r.d;
  for (const r of await db.query<{ k: string; d: string }>("select c.relname || '.' || t.tgname as k, pg_get_triggerdef(t.oid) as d from pg_trigger t join pg_class c on c.oid = t.tgrelid where not t.tgisinternal")) out[`trigger ${r.k}`] = r.d;
  for (const r of await db.query<{ k: string; d: string }>("select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as k, md5(pg_get_functiondef(p.oid)) as d from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema') and p.prokind in ('f', 'p')")) out[`function ${r.k}`] = r.d;
  return out;
}

/** A backup with its manifest changed (payload intact): a restore of it must fail verification. */
async function withManifest(file: string, change: (m: Manifest) => void): Promise<string> {
  const index = readTarIndex(file);
  const m = JSON.parse(fs.readFileSync(file).subarray(index[0]!.offset, index[0]!.offset + index[0]!.size).toString("utf8")) as Manifest;
  change(m);
  const mb = Buffer.from(JSON.stringify(m));
  const p = index[1]!;
  const out = path.join(tmp, `changed-${randomBytes(3).toString("hex")}.tar`);
  await writeFileAtomically(out, tarStream([{ name: "manifest.json", size: mb.length, open: () => [mb] }, { name: p.name, size: p.size, open: () => fs.createReadStream(file, { start: p.offset, end: p.offset + p.size - 1 }) }]));
  return out;
}

async function refusal(p: Promise<unknown>): Promise<BackupError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BackupError);
  return e as BackupError;
}

let source: BackupTarget;
let sourcePrint: Record<string, string>;
let backupFile: string;
let encryptedFile: string;
const PASSPHRASE = "ยาวพอสมควร correct horse";
let caseId: string;

beforeAll(async () => {
  source = await newTarget("seeded");
  await withDb(source, async (db) => {
    // new records through a use case (a case with a named reporter: personal data, audit, events) …
    const c = await submitCase({ ctx: ctxFor(db, { kind: "anonymous", id: null, name: "anonymous", grants: [] }), input: { categoryId: "road", descriptionTh: "ถนนทรุดหน้าโรงเรียน ทดสอบสำรองข้อมูล", districtCode: "7601", reporter: { name: "สมหญิง ทดสอบ", phone: "081 234 5678", notify: false }, consent: true } });
    caseId = c.id;
    // … and a table of awkward values: Thai, quotes, nulls, bytes, fractions of seconds, floats, arrays, json, no primary key
    await db.exec(`
      create table backup_probe (label text, b bytea, at timestamptz, f float8, n numeric(16,2), tags text[], doc jsonb, span interval);
      insert into backup_probe values
        ('ภาษาไทย ''quoted'' "double" \\ back', '\\x00ff10'::bytea, '2026-11-22 10:11:12.345678+07', 0.1, 12345678901234.56, array['a,b', 'ค', null], '{"k": [1, "ข"]}', '1 day 02:03:04.5'),
        (null, null, null, 'NaN', null, null, null, null),
        (null, null, null, 'NaN', null, null, null, null);`);
    sourcePrint = await fingerprint(db);
  });
  // the way production should take it: encrypted; the tests that change a file work on its decrypted tar
  const out = fs.mkdtempSync(path.join(tmp, "out-"));
  expect((await refusal(createBackup({ source, out: `${out}/`, encrypt: true }))).code).toBe("backup.passphrase-missing");
  expect((await refusal(createBackup({ source, out: `${out}/`, encrypt: true, passphrase: "short" }))).code).toBe("backup.passphrase-too-short");
  encryptedFile = (await createBackup({ source, out: `${out}/`, encrypt: true, passphrase: PASSPHRASE })).file;
  backupFile = path.join(out, "plain.tar");
  await decryptFile(encryptedFile, backupFile, PASSPHRASE);
}, 120_000);

afterAll(async () => {
  if (url && scratchDbs.length) {
    const admin = await openPostgres(url, { max: 1 });
    for (const n of scratchDbs) await admin.exec(`drop database if exists ${n} with (force)`);
    await admin.close();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`backup and restore (${url ? "PostgreSQL" : "PGlite"})`, () => {
  it("round trip: a fresh target gets every table, row, sequence, index, trigger and function of the source", async () => {
    const b = await openBackup(encryptedFile, PASSPHRASE);
    b.close();
    expect(b.encrypted).toBe(true);
    expect(b.manifest.engine).toBe(url ? "postgres" : "pglite");
    expect(b.manifest.totals.tables).toBeGreaterThan(100);
    expect(b.manifest.tables.find((t) => t.name === "backup_probe")?.rows).toBe(3);
    expect(encryptedFile).toMatch(/changwat-\d{8}T\d{6}Z-(pglite|postgres)\.tar\.enc$/);
    expect(fs.statSync(encryptedFile).mode & 0o077).toBe(0); // readable by its owner only

    const target = await newTarget("empty");
    const r = await restoreBackup({ file: encryptedFile, target, passphrase: PASSPHRASE });
    expect(r.ok).toBe(true);
    expect(r.tables.length).toBe(b.manifest.tables.length);
    expect(r.tables.every((t) => t.ok)).toBe(true);
    const targetPrint = await withDb(target, async (db) => {
      const [c] = await db.query<{ n: number }>("select count(*)::int as n from cases where id = $1", [caseId]);
      expect(c!.n).toBe(1);
      return fingerprint(db);
    });
    expect(Object.keys(sourcePrint).filter((k) => k.startsWith("table ")).length).toBeGreaterThan(100);
    expect(targetPrint).toEqual(sourcePrint);
  });

  it("refuses a target that is not empty; with --force keeps nothing that does not verify (CLI exit 2), and replaces it when it does", async () => {
    const target = await newTarget("seeded");
    await withDb(target, (db) => db.exec("create table not_in_backup (x int); insert into not_in_backup values (1)"));
    const before = await withDb(target, fingerprint);
    const e = await refusal(restoreBackup({ file: backupFile, target }));
    expect(e.code).toBe("backup.target-not-empty");
    expect(e.messageEn).toMatch(/not empty.*--force/s);
    expect(e.messageTh).toMatch(/มีข้อมูลอยู่แล้ว/);

    // a table differs from the manifest: nothing is kept, the target is as it was (an empty one stays empty: the
    // same staging folder or transaction), the CLI names the table and exits 2
    const changed = await withManifest(backupFile, (m) => {
      m.tables.find((x) => x.name === "backup_probe")!.rows = 4;
    });
    const env = { ...process.env, ...(target.kind === "pglite" ? { DATA_DIR: target.dataDir, DATABASE_URL: "" } : { DATABASE_URL: target.url }) };
    const cli = spawnSync(process.execPath, ["--import", "tsx", "src/server/restore-cli.ts", changed, "--force"], { encoding: "utf8", env });
    expect(cli.stdout + cli.stderr).toMatch(/public\.backup_probe: 3 rows \(expected 4\).*MISMATCH/);
    expect(cli.stderr).toMatch(/VERIFICATION FAILED.*unchanged/);
    expect(cli.status).toBe(2);
    expect(await withDb(target, fingerprint)).toEqual(before);

    const r = await restoreBackup({ file: backupFile, target, force: true });
    expect(r.ok).toBe(true);
    expect(await withDb(target, fingerprint)).toEqual(sourcePrint); // the extra table is gone too
    if (target.kind === "pglite") expect(fs.existsSync(path.join(r.previous!, "PG_VERSION"))).toBe(true);
  });

  it("refuses a bad file before touching the target: not a backup, truncated, changed payload, another engine", async () => {
    const target = await newTarget("empty");
    const junk = path.join(tmp, "junk.tar");
    fs.writeFileSync(junk, randomBytes(4096));
    expect((await refusal(restoreBackup({ file: junk, target }))).code).toBe("backup.bad-file");

    const size = fs.statSync(backupFile).size;
    const truncated = path.join(tmp, "truncated.tar");
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, Math.floor(size / 2)));
    const t = await refusal(restoreBackup({ file: truncated, target }));
    expect(t.code).toBe("backup.bad-file");
    expect(t.messageEn).toMatch(/truncated/);

    const flipped = path.join(tmp, "flipped.tar");
    const bytes = fs.readFileSync(backupFile);
    const p = readTarIndex(backupFile)[1]!;
    bytes[p.offset + Math.floor(p.size / 2)] ^= 0xff;
    fs.writeFileSync(flipped, bytes);
    const f = await refusal(restoreBackup({ file: flipped, target }));
    expect(f.code).toBe("backup.bad-file");
    expect(f.messageEn).toMatch(/SHA-256/);
    expect(f.messageTh).toMatch(/ไม่ตรงกับ manifest/);

    const other: BackupTarget = url ? { kind: "pglite", dataDir: path.join(tmp, "never") } : { kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" };
    expect((await refusal(restoreBackup({ file: backupFile, target: other }))).code).toBe("backup.engine-mismatch");

    if (target.kind === "pglite") expect(pgliteDatabaseExists(target.dataDir)).toBe(false);
    else expect(await withDb(target, (db) => db.query("select 1 from pg_tables where schemaname = 'public'"))).toEqual([]);
  });

  it.runIf(!url)("refuses a PGlite folder a running server holds, for backup and for restore", async () => {
    const held = await newPgliteDir("empty");
    fs.writeFileSync(path.join(held, "changwat.lock"), JSON.stringify({ pid: process.ppid, startedAt: "x" })); // a live process (our parent)
    const r = await refusal(restoreBackup({ file: backupFile, target: { kind: "pglite", dataDir: held } }));
    expect(r.code).toBe("backup.target-locked");
    expect(r.messageEn).toMatch(/stop the server/);
    expect(r.messageTh).toMatch(/หยุดเซิร์ฟเวอร์/);
    const src = (source as { dataDir: string }).dataDir;
    fs.writeFileSync(path.join(src, "changwat.lock"), JSON.stringify({ pid: process.ppid, startedAt: "x" }));
    try {
      const b = await refusal(createBackup({ source, out: `${tmp}/` }));
      expect(b.code).toBe("backup.source-locked");
    } finally {
      fs.rmSync(path.join(src, "changwat.lock"));
    }
  });

  it("encrypts with a passphrase: opens only with it, and any change to the file is refused", async () => {
    // (refusals of a missing or short passphrase: in beforeAll, which takes the encrypted backup)
    const out = fs.mkdtempSync(path.join(tmp, "enc-"));
    const raw = fs.readFileSync(encryptedFile);
    expect(raw.includes(Buffer.from("manifest.json"))).toBe(false);
    expect(raw.includes(Buffer.from("สมหญิง"))).toBe(false);
    const pass = PASSPHRASE;
    const enc = { file: encryptedFile };
    const b = await openBackup(enc.file, pass);
    b.close();
    expect(b.encrypted).toBe(true);
    expect(b.manifest.tables.map((t) => [t.name, t.rows])).toEqual((await openBackup(backupFile).then((x) => (x.close(), x))).manifest.tables.map((t) => [t.name, t.rows]));
    expect((await refusal(openBackup(enc.file))).code).toBe("backup.passphrase-missing");
    expect((await refusal(openBackup(enc.file, "not the passphrase"))).code).toBe("backup.wrong-passphrase");
    const changed = Buffer.from(raw);
    changed[raw.length - 100] ^= 1;
    fs.writeFileSync(path.join(out, "changed.enc"), changed);
    expect((await refusal(openBackup(path.join(out, "changed.enc"), pass))).code).toMatch(/backup\.(bad-file|wrong-passphrase)/);
    fs.writeFileSync(path.join(out, "cut.enc"), raw.subarray(0, raw.length - (raw.length % (1 << 20)) - 1));
    expect((await refusal(openBackup(path.join(out, "cut.enc"), pass))).code).toMatch(/backup\.(bad-file|wrong-passphrase)/);
  });

  it("chunked encryption round-trips any length exactly (empty, one byte, chunk boundaries)", async () => {
    for (const n of [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 2 << 20]) {
      const plain = randomBytes(n);
      const file = path.join(tmp, `c${n}.enc`);
      const source = (async function* () {
        for (let i = 0; i < n; i += 300_000) yield plain.subarray(i, i + 300_000);
      })();
      await writeFileAtomically(file, encryptStream(source, "twelve chars ok", { logN: 10 })); // cheap key: this is about the chunking
      await decryptFile(file, `${file}.out`, "twelve chars ok");
      expect(fs.readFileSync(`${file}.out`).equals(plain)).toBe(true);
      if (n > 1 << 20) {
        // cutting whole chunks off the end is detected (the last chunk is marked as last)
        fs.writeFileSync(`${file}.cut`, fs.readFileSync(file).subarray(0, 34 + (1 << 20) + 16));
        await expect(decryptFile(`${file}.cut`, `${file}.cut.out`, "twelve chars ok")).rejects.toThrow(DecryptionError);
      }
    }
  });
});
