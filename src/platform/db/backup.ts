import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { ArchiveFormatError, DecryptionError, PartialFileExistsError, decryptFile, encryptStream, isEncryptedFile, MIN_PASSPHRASE_LENGTH, readTarIndex, tarStream, writeFileAtomically } from "./backup-archive.js";
import { CHECKSUM_ALGORITHM, CHECKSUM_SESSION, checksumSelect, compareChecksums, tableChecksums, USER_TABLES_SQL, type Query, type TableChecksum, type TableVerification } from "./backup-checksums.js";
import { BackupError } from "./backup-errors.js";
import { findPgTools, libpqTarget, type PgTools } from "./backup-pgtools.js";
import { openPglite, openPostgres, pgliteDatabaseExists, type Database } from "./client.js";
import { DataDirLockedError, lockDataDir } from "./lock.js";

export { BackupError, runCli } from "./backup-errors.js";
export type { TableChecksum, TableVerification } from "./backup-checksums.js";

/**
 * Backups of the whole database as one file: a tar holding manifest.json (engine, versions, per-table row counts
 * and checksums) and the payload — PGlite's data folder (dumpDataDir, gzip) or a pg_dump custom-format archive —
 * optionally encrypted. A restore goes into an empty target and is verified against the manifest before it counts:
 * PGlite restores into a staging folder that replaces DATA_DIR/pg only once it matches; PostgreSQL restores in
 * one transaction that commits only if every table matches. A restore that does not verify changes nothing.
 */

/** Where a backup is taken from or restored to: the server's own configuration (DATA_DIR or DATABASE_URL). */
export type BackupTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

const TableSchema = z.object({ schema: z.string().regex(/^[^$]+$/), name: z.string().regex(/^[^$]+$/), rows: z.number().int().nonnegative(), checksum: z.string().regex(/^[0-9a-f]{32}$/) });

export const ManifestSchema = z.object({
  format: z.literal("changwat-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  engine: z.enum(["pglite", "postgres"]),
  /** `select version()` and the major version of the server the backup was taken from */
  server: z.object({ version: z.string(), major: z.number().int() }),
  /** pg_dump's `--version` (PostgreSQL), or null (PGlite) */
  tool: z.string().nullable(),
  database: z.string(),
  migrations: z.object({ applied: z.number().int().nonnegative(), last: z.string().nullable() }),
  payload: z.object({ name: z.enum(["pgdata.tar.gz", "database.pgdump"]), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  checksumAlgorithm: z.literal(CHECKSUM_ALGORITHM),
  tables: z.array(TableSchema),
  totals: z.object({ tables: z.number().int(), rows: z.number().int() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const MANIFEST_ENTRY = "manifest.json";

export type BackupResult = { file: string; bytes: number; encrypted: boolean; manifest: Manifest; ms: number };

/** Thai and English for "the backup's passphrase is missing / too short", shared by backup and restore. */
function requirePassphrase(passphrase: string | undefined, purpose: "encrypt" | "decrypt"): string {
  if (!passphrase) {
    throw purpose === "encrypt"
      ? new BackupError("backup.passphrase-missing", "--encrypt ต้องมีรหัสผ่านในตัวแปร BACKUP_PASSPHRASE", "--encrypt needs the passphrase in BACKUP_PASSPHRASE")
      : new BackupError("backup.passphrase-missing", "ไฟล์สำรองนี้เข้ารหัสไว้: กำหนดรหัสผ่านในตัวแปร BACKUP_PASSPHRASE", "This backup is encrypted: set its passphrase in BACKUP_PASSPHRASE");
  }
  if (purpose === "encrypt" && [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError("backup.passphrase-too-short", `รหัสผ่าน BACKUP_PASSPHRASE ต้องยาวอย่างน้อย ${MIN_PASSPHRASE_LENGTH} ตัวอักษร`, `BACKUP_PASSPHRASE must be at least ${MIN_PASSPHRASE_LENGTH} characters long`);
  }
  return passphrase;
}

function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** The backup file's path: `out` as a file, or a new name in the folder `out` (default ./backups, created 0700). */
function backupPath(out: string | undefined, engine: BackupTarget["kind"], when: Date, encrypted: boolean): string {
  const dirGiven = out === undefined || /[\\/]$/.test(out) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
  const dir = path.resolve(dirGiven ? (out ?? "backups") : path.dirname(out!));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = dirGiven ? path.join(dir, `changwat-${stampOf(when)}-${engine}.tar${encrypted ? ".enc" : ""}`) : path.resolve(out!);
  if (fs.existsSync(file)) throw new BackupError("backup.file-exists", `มีไฟล์ ${file} อยู่แล้ว`, `${file} already exists`);
  return file;
}

type SourceInfo = { server: Manifest["server"]; database: string; migrations: Manifest["migrations"] };

async function describeSource(query: Query): Promise<SourceInfo> {
  const [s] = await query<{ num: string; version: string; db: string; migrations: string | null }>(
    "select current_setting('server_version_num') as num, version() as version, current_database() as db, to_regclass('drizzle.__drizzle_migrations')::text as migrations",
  );
  let migrations: Manifest["migrations"] = { applied: 0, last: null };
  if (s!.migrations) {
    const [m] = await query<{ n: number; last: string | null }>("select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations");
    migrations = { applied: m!.n, last: m!.last };
  }
  return { server: { version: s!.version, major: Math.floor(Number(s!.num) / 10000) }, database: s!.db, migrations };
}

type Payload = { name: Manifest["payload"]["name"]; bytes: number; sha256: string; open: () => AsyncIterable<Buffer> | Iterable<Buffer> };
type Captured = SourceInfo & { tool: string | null; tables: TableChecksum[]; payload: Payload };

function lockedMessage(e: DataDirLockedError, doing: "backup" | "restore"): BackupError {
  return doing === "backup"
    ? new BackupError(
        "backup.source-locked",
        `สำรองข้อมูล PGlite ขณะที่เซิร์ฟเวอร์ทำงานอยู่ไม่ได้ (PGlite ใช้ได้ทีละโปรเซส): หยุดเซิร์ฟเวอร์ สำรองข้อมูล แล้วเริ่มใหม่\n${e.message}`,
        `A PGlite database cannot be backed up while the server runs (PGlite serves one process): stop the server, back up, start it again.\n${e.message}`,
      )
    : new BackupError(
        "backup.target-locked",
        `กู้คืนลงโฟลเดอร์ข้อมูลที่เซิร์ฟเวอร์กำลังใช้อยู่ไม่ได้: หยุดเซิร์ฟเวอร์ก่อน\n${e.message}`,
        `Cannot restore into a data folder a running server is using: stop the server first.\n${e.message}`,
      );
}

/** PGlite: the folder is locked (a running server refuses this), checksummed and dumped with nothing else writing. */
async function capturePglite(dataDir: string): Promise<Captured> {
  if (!pgliteDatabaseExists(dataDir)) {
    throw new BackupError("backup.no-database", `ไม่พบฐานข้อมูล PGlite ใน ${path.resolve(dataDir)} (ตรวจสอบ DATA_DIR)`, `No PGlite database in ${path.resolve(dataDir)} (check DATA_DIR)`);
  }
  let database: Database;
  try {
    database = await openPglite({ dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) throw lockedMessage(e, "backup");
    throw e;
  }
  try {
    const info = await describeSource(database.query);
    await database.exec(`begin;\n${CHECKSUM_SESSION}`);
    const tables = await tableChecksums(database.query);
    await database.exec("commit");
    const blob = await database.pglite!.dumpDataDir("gzip");
    const data = Buffer.from(await blob.arrayBuffer());
    const payload: Payload = { name: "pgdata.tar.gz", bytes: data.length, sha256: createHash("sha256").update(data).digest("hex"), open: () => [data] };
    return { ...info, tool: null, tables, payload };
  } finally {
    await database.close();
  }
}

type Run = { done: Promise<void>; kill: () => void };

/** Runs a PostgreSQL client program; a non-zero exit is a BackupError carrying its stderr. */
function runTool(cmd: string, args: string[], env: Record<string, string>, code: string): Run {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-8000)));
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", (e) => reject(new BackupError(code, `เรียก ${path.basename(cmd)} ไม่สำเร็จ: ${e.message}`, `Could not run ${cmd}: ${e.message}`)));
    child.once("close", (status, signal) => {
      if (status === 0) resolve();
      else reject(new BackupError(code, `${path.basename(cmd)} ล้มเหลว (${signal ?? status}):\n${stderr.trim()}`, `${path.basename(cmd)} failed (${signal ?? `exit code ${status}`}):\n${stderr.trim()}`));
    });
  });
  return { done, kill: () => void child.kill("SIGTERM") };
}

async function sha256OfFile(file: string, start = 0, size?: number): Promise<string> {
  const h = createHash("sha256");
  if (size === 0) return h.digest("hex");
  for await (const chunk of fs.createReadStream(file, { start, end: size === undefined ? undefined : start + size - 1, highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest("hex");
}

/**
 * PostgreSQL: one repeatable-read transaction exports its snapshot to pg_dump, and the checksums are computed in
 * that same snapshot, so the manifest describes exactly the rows in the dump while the servers keep writing.
 */
async function capturePostgres(url: string, tmpDir: string, pgBinDir: string | undefined): Promise<Captured> {
  const client = new pg.Client({ connectionString: url, application_name: "changwat-backup" });
  await client.connect();
  const query: Query = async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[];
  try {
    await client.query("begin isolation level repeatable read, read only");
    await client.query(CHECKSUM_SESSION);
    const [{ snapshot }] = await query<{ snapshot: string }>("select pg_export_snapshot() as snapshot");
    const info = await describeSource(query);
    const tools = findPgTools(info.server.major, pgBinDir);
    const file = path.join(tmpDir, "database.pgdump");
    const target = libpqTarget(url);
    const dump = runTool(tools.pgDump, ["--format=custom", `--snapshot=${snapshot}`, "--no-password", "--file", file, "--dbname", target.url], { ...target.env, PGAPPNAME: "changwat-backup" }, "backup.pg-dump-failed");
    let tables: TableChecksum[];
    try {
      [tables] = await Promise.all([tableChecksums(query), dump.done]);
    } catch (e) {
      dump.kill();
      await dump.done.catch(() => {});
      throw e;
    }
    await client.query("commit");
    const bytes = fs.statSync(file).size;
    const payload: Payload = { name: "database.pgdump", bytes, sha256: await sha256OfFile(file), open: () => fs.createReadStream(file, { highWaterMark: 1 << 20 }) };
    return { ...info, tool: toolVersion(tools), tables, payload };
  } finally {
    await client.end().catch(() => {});
  }
}

function toolVersion(tools: PgTools): string {
  return `pg_dump (PostgreSQL) ${tools.major}${tools.dir ? ` in ${tools.dir}` : ""}`;
}

/** Takes a backup of the configured database into one file (0600; `.partial` until complete) and returns its manifest. */
export async function createBackup(opts: { source: BackupTarget; out?: string; encrypt?: boolean; passphrase?: string; pgBinDir?: string; now?: () => Date }): Promise<BackupResult> {
  const t0 = Date.now();
  const when = (opts.now ?? (() => new Date()))();
  const passphrase = opts.encrypt ? requirePassphrase(opts.passphrase, "encrypt") : undefined;
  const file = backupPath(opts.out, opts.source.kind, when, !!passphrase);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-backup-"));
  try {
    const c = opts.source.kind === "pglite" ? await capturePglite(opts.source.dataDir) : await capturePostgres(opts.source.url, tmpDir, opts.pgBinDir);
    const manifest: Manifest = {
      format: "changwat-backup",
      version: 1,
      createdAt: when.toISOString(),
      engine: opts.source.kind,
      server: c.server,
      tool: c.tool,
      database: c.database,
      migrations: c.migrations,
      payload: { name: c.payload.name, bytes: c.payload.bytes, sha256: c.payload.sha256 },
      checksumAlgorithm: CHECKSUM_ALGORITHM,
      tables: c.tables,
      totals: { tables: c.tables.length, rows: c.tables.reduce((n, t) => n + t.rows, 0) },
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8");
    const tar = tarStream(
      [
        { name: MANIFEST_ENTRY, size: manifestBytes.length, open: () => [manifestBytes] },
        { name: c.payload.name, size: c.payload.bytes, open: c.payload.open },
      ],
      when,
    );
    let bytes: number;
    try {
      bytes = await writeFileAtomically(file, passphrase ? encryptStream(tar, passphrase) : tar);
    } catch (e) {
      if (e instanceof PartialFileExistsError) {
        throw new BackupError("backup.partial-exists", `มีไฟล์ ${e.file} อยู่แล้ว: อาจมีการสำรองข้อมูลอื่นกำลังเขียน หรือเป็นไฟล์ที่ค้างจากการสำรองที่ถูกขัดจังหวะ (ให้ลบทิ้ง เพราะมีข้อมูลส่วนบุคคล)`, e.message);
      }
      throw e;
    }
    return { file, bytes, encrypted: !!passphrase, manifest, ms: Date.now() - t0 };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

// ---------- reading a backup ----------

/** An opened backup: its manifest and where its payload lies in the (decrypted) tar; `close` removes any decrypted copy. */
export type OpenedBackup = { manifest: Manifest; tar: string; payload: { offset: number; size: number }; encrypted: boolean; close(): void };

function badFile(file: string, th: string, en: string): BackupError {
  return new BackupError("backup.bad-file", `ไฟล์ ${file} ไม่ใช่ไฟล์สำรองข้อมูล Changwat ที่ใช้ได้: ${th}`, `${file} is not a usable Changwat backup: ${en}`);
}

/**
 * Opens and checks a backup file without touching any database: decrypts it when encrypted (into a private temporary
 * folder), reads the manifest and compares the payload's size and SHA-256 with it. Anything else is "backup.bad-file".
 */
export async function openBackup(file: string, passphrase?: string): Promise<OpenedBackup> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError("backup.file-missing", `ไม่พบไฟล์ ${file}`, `No such file: ${file}`);
  let tmpDir: string | undefined;
  const close = () => {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    let tar = file;
    const encrypted = isEncryptedFile(file);
    if (encrypted) {
      const pass = requirePassphrase(passphrase, "decrypt");
      tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-restore-"));
      tar = path.join(tmpDir, "backup.tar");
      try {
        await decryptFile(file, tar, pass);
      } catch (e) {
        if (!(e instanceof DecryptionError)) throw e;
        if (/passphrase/.test(e.message)) throw new BackupError("backup.wrong-passphrase", "ถอดรหัสไม่ได้: รหัสผ่านไม่ถูกต้อง หรือไฟล์ถูกแก้ไข", "Cannot decrypt: wrong passphrase, or the file was changed");
        throw badFile(file, "ไฟล์ที่เข้ารหัสถูกแก้ไขหรือไม่ครบ", e.message);
      }
    }
    let index;
    try {
      index = readTarIndex(tar);
    } catch (e) {
      if (e instanceof ArchiveFormatError) throw badFile(file, "ไม่ใช่ไฟล์ tar หรือไฟล์ไม่ครบ", e.message);
      throw e;
    }
    const m = index[0];
    if (!m || m.name !== MANIFEST_ENTRY) throw badFile(file, "ไม่มี manifest.json เป็นรายการแรก", "manifest.json is not its first entry");
    if (m.size > 64 << 20) throw badFile(file, "manifest.json ใหญ่ผิดปกติ", "manifest.json is implausibly large");
    const fd = fs.openSync(tar, "r");
    const raw = Buffer.alloc(m.size);
    fs.readSync(fd, raw, 0, m.size, m.offset);
    fs.closeSync(fd);
    let parsed: z.ZodSafeParseResult<Manifest>;
    try {
      parsed = ManifestSchema.safeParse(JSON.parse(raw.toString("utf8")));
    } catch {
      throw badFile(file, "manifest.json ไม่ใช่ JSON", "manifest.json is not JSON");
    }
    if (!parsed.success) throw badFile(file, "manifest.json ไม่ตรงรูปแบบ", `manifest.json does not match the format (${parsed.error.issues.map((i) => i.path.join(".") || i.message).slice(0, 3).join(", ")})`);
    const manifest = parsed.data;
    const p = index.find((e) => e.name === manifest.payload.name);
    if (!p) throw badFile(file, `ไม่มีข้อมูล ${manifest.payload.name}`, `${manifest.payload.name} is missing`);
    if (p.size !== manifest.payload.bytes || (await sha256OfFile(tar, p.offset, p.size)) !== manifest.payload.sha256) {
      throw badFile(file, `ข้อมูล ${manifest.payload.name} ไม่ตรงกับ manifest (ไฟล์เสียหายหรือถูกแก้ไข)`, `${manifest.payload.name} does not match the manifest's size and SHA-256 (damaged or changed)`);
    }
    return { manifest, tar, payload: { offset: p.offset, size: p.size }, encrypted, close };
  } catch (e) {
    close();
    throw e;
  }
}

// ---------- restoring ----------

export type RestoreResult = {
  manifest: Manifest;
  /** true when every table of the manifest matched and the restore was kept; false: nothing was changed */
  ok: boolean;
  tables: TableVerification[];
  /** PGlite with --force: where the database that was replaced was moved */
  previous?: string;
  ms: number;
};

function engineMismatch(manifest: Manifest, target: BackupTarget): BackupError {
  const name = (k: string) => (k === "pglite" ? "PGlite (DATA_DIR)" : "PostgreSQL (DATABASE_URL)");
  return new BackupError(
    "backup.engine-mismatch",
    `ไฟล์นี้เป็นข้อมูลสำรองของ ${name(manifest.engine)} แต่ปลายทางที่ตั้งค่าไว้เป็น ${name(target.kind)}: กู้คืนได้เฉพาะฐานข้อมูลชนิดเดียวกัน`,
    `This is a backup of ${name(manifest.engine)} but the configured target is ${name(target.kind)}: a backup restores into the same kind of database`,
  );
}

/** Restores a backup file into the configured target: refused unless the target is empty (or `force`), verified before it is kept. */
export async function restoreBackup(opts: { file: string; target: BackupTarget; force?: boolean; passphrase?: string; pgBinDir?: string; now?: () => Date }): Promise<RestoreResult> {
  const t0 = Date.now();
  const backup = await openBackup(opts.file, opts.passphrase);
  try {
    if (backup.manifest.engine !== opts.target.kind) throw engineMismatch(backup.manifest, opts.target);
    const r = opts.target.kind === "pglite" ? await restorePglite(backup, opts.target.dataDir, !!opts.force, (opts.now ?? (() => new Date()))()) : await restorePostgres(backup, opts.target.url, !!opts.force, opts.pgBinDir);
    return { ...r, manifest: backup.manifest, ms: Date.now() - t0 };
  } finally {
    backup.close();
  }
}

function notEmpty(where: string, foundTh: string, foundEn: string): BackupError {
  return new BackupError(
    "backup.target-not-empty",
    `ปลายทาง ${where} มีข้อมูลอยู่แล้ว (${foundTh}): กู้คืนได้เฉพาะลงฐานข้อมูลว่าง ให้สร้างฐานข้อมูลใหม่ หรือใช้ --force เพื่อแทนที่ข้อมูลทั้งหมด (หยุดเซิร์ฟเวอร์ก่อน)`,
    `The target ${where} is not empty (${foundEn}): a restore goes into an empty database. Use a new one, or pass --force to replace everything in it (stop the servers first)`,
  );
}

/** PGlite: load into a staging folder inside DATA_DIR, verify there, then swap it in as DATA_DIR/pg (the old one is kept aside). */
async function restorePglite(backup: OpenedBackup, dataDir: string, force: boolean, when: Date): Promise<Omit<RestoreResult, "manifest" | "ms">> {
  const dir = path.resolve(dataDir);
  let lock;
  try {
    lock = lockDataDir(dir);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw lockedMessage(e, "restore");
    throw e;
  }
  try {
    const exists = pgliteDatabaseExists(dir);
    if (exists && !force) throw notEmpty(`DATA_DIR ${dir}`, "มีฐานข้อมูล PGlite อยู่", "it holds a PGlite database");
    const stamp = stampOf(when);
    const staging = path.join(dir, `.restore-${stamp}-${randomBytes(3).toString("hex")}`);
    try {
      const blob = (await fs.openAsBlob(backup.tar)).slice(backup.payload.offset, backup.payload.offset + backup.payload.size, "application/x-gzip");
      let db: Database;
      try {
        db = await openPglite({ dataDir: staging, loadDataDir: blob, lock: false });
      } catch (e) {
        throw new BackupError("backup.restore-failed", `เปิดฐานข้อมูลจากไฟล์สำรองไม่ได้ (รุ่น PGlite ต่างกัน? ไฟล์ทำด้วย ${backup.manifest.server.version}): ${(e as Error).message}`, `The backup's database does not open (another PGlite version? it was made by ${backup.manifest.server.version}): ${(e as Error).message}`);
      }
      let tables: TableChecksum[];
      try {
        await db.exec(`begin;\n${CHECKSUM_SESSION}`);
        tables = await tableChecksums(db.query);
        await db.exec("commit");
      } finally {
        await db.close();
      }
      const v = compareChecksums(backup.manifest.tables, tables);
      if (!v.ok) return { ok: false, tables: v.tables };
      let previous: string | undefined;
      if (exists) {
        previous = path.join(dir, `pg.before-restore-${stamp}`);
        fs.renameSync(path.join(dir, "pg"), previous);
      }
      fs.renameSync(path.join(staging, "pg"), path.join(dir, "pg"));
      return { ok: true, tables: v.tables, previous };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    lock.release();
  }
}

/** What a database holds besides PostgreSQL's own objects: tables, schemas, functions, types, extensions. */
async function contentsOf(db: Database): Promise<string[]> {
  const [c] = await db.query<{ relations: number; schemas: string; functions: number; types: number; extensions: string }>(`
    select
      (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%') as relations,
      (select coalesce(string_agg(nspname, ', ' order by nspname), '') from pg_namespace
         where nspname not in ('pg_catalog', 'information_schema', 'public') and nspname not like 'pg\\_%') as schemas,
      (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')) as functions,
      (select count(*)::int from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname not in ('pg_catalog', 'information_schema') and t.typtype in ('e', 'd', 'r', 'm')) as types,
      (select coalesce(string_agg(extname, ', ' order by extname), '') from pg_extension where extname <> 'plpgsql') as extensions`);
  const out: string[] = [];
  if (c!.relations) out.push(`${c!.relations} relations`);
  if (c!.schemas) out.push(`schemas ${c!.schemas}`);
  if (c!.functions) out.push(`${c!.functions} functions`);
  if (c!.types) out.push(`${c!.types} types`);
  if (c!.extensions) out.push(`extensions ${c!.extensions}`);
  return out;
}

/** With --force: every schema but PostgreSQL's own is dropped and `public` made anew, in the restore's transaction. */
const CLEAR_DATABASE_SQL = `
set client_min_messages = warning;
do $changwat_clear$
declare s text; e text;
begin
  for s in select nspname from pg_namespace where nspname not in ('pg_catalog', 'information_schema')
      and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%' loop
    execute format('drop schema %I cascade', s);
  end loop;
  for e in select extname from pg_extension where extname <> 'plpgsql' loop
    execute format('drop extension %I cascade', e);
  end loop;
end $changwat_clear$;
create schema public authorization pg_database_owner;
grant usage on schema public to public;
comment on schema public is 'standard public schema';
`;

/**
 * Run at the end of the restore's transaction: computes every table's count and checksum, reports them in a
 * NOTICE (the CLI prints them) and raises an error — so the transaction rolls back — unless they all match.
 */
function verificationSql(manifest: Manifest): string {
  const tag = `m_${randomBytes(8).toString("hex")}`;
  const expected = JSON.stringify(manifest.tables.map((t) => ({ schema: t.schema, name: t.name, rows: t.rows, checksum: t.checksum })));
  return `
;
${CHECKSUM_SESSION};
set local client_min_messages = notice;
do $changwat_verify$
declare
  expected jsonb := $${tag}$${expected}$${tag}$::jsonb;
  t record;
  r record;
  results jsonb := '[]'::jsonb;
  bad int;
begin
  for t in ${USER_TABLES_SQL} loop
    execute format($cs$${checksumSelect("%s")}$cs$, format('%I.%I', t.schema, t.name)) into r;
    results := results || jsonb_build_array(jsonb_build_object('schema', t.schema, 'name', t.name, 'rows', r.rows, 'checksum', r.checksum));
  end loop;
  raise notice 'changwat-verify %', results::text;
  select count(*) into bad
  from (select e->>'schema' as s, e->>'name' as n, (e->>'rows')::int8 as rows, e->>'checksum' as c from jsonb_array_elements(expected) e) ex
  full join (select a->>'schema' as s, a->>'name' as n, (a->>'rows')::int8 as rows, a->>'checksum' as c from jsonb_array_elements(results) a) ac
    on ex.s = ac.s and ex.n = ac.n
  where ex.rows is distinct from ac.rows or ex.c is distinct from ac.c;
  if bad > 0 then
    raise exception 'changwat-verify-failed: % table(s) differ from the manifest; the restore is rolled back', bad;
  end if;
end $changwat_verify$;
`;
}

/**
 * pg_restore writes the archive as SQL into psql, which runs it in one transaction after the --force clearing (if
 * any) and before the verification: psql commits only when its input ends cleanly, so a failing pg_restore is
 * stopped by killing psql before that end (the server then rolls everything back).
 */
function runRestore(tools: PgTools, backup: OpenedBackup, url: string, prelude: string, verify: string): Promise<{ ok: boolean; psqlStderr: string; restoreStderr: string }> {
  const target = libpqTarget(url);
  const env = { ...process.env, ...target.env, PGAPPNAME: "changwat-restore" };
  const psql = spawn(tools.psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "--no-password", "-f", "-", "--dbname", target.url], { env, stdio: ["pipe", "ignore", "pipe"] });
  const restore = spawn(tools.pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--format=custom", "-f", "-"], { env, stdio: ["pipe", "pipe", "pipe"] });
  let psqlStderr = "";
  let restoreStderr = "";
  psql.stderr.on("data", (d: Buffer) => (psqlStderr = (psqlStderr + d.toString("utf8")).slice(-4_000_000)));
  restore.stderr.on("data", (d: Buffer) => (restoreStderr = (restoreStderr + d.toString("utf8")).slice(-8000)));
  psql.stdin.on("error", () => {}); // psql stopped early (an error): its stderr says why
  restore.stdin.on("error", () => {});
  const closed = (c: typeof psql | typeof restore) => new Promise<number | null>((resolve) => c.once("close", (code) => resolve(code)));
  const psqlDone = closed(psql);
  const restoreDone = closed(restore);
  psql.stdin.write(prelude);
  restore.stdout.pipe(psql.stdin, { end: false });
  fs.createReadStream(backup.tar, { start: backup.payload.offset, end: backup.payload.offset + backup.payload.size - 1 }).pipe(restore.stdin);
  void psqlDone.then(() => {
    if (restore.exitCode === null) restore.kill("SIGTERM"); // nobody reads its output any more
  });
  return (async () => {
    const restoreCode = await restoreDone;
    if (restoreCode === 0 && psql.exitCode === null) psql.stdin.end(verify);
    else psql.kill("SIGTERM");
    const psqlCode = await psqlDone;
    return { ok: restoreCode === 0 && psqlCode === 0, psqlStderr, restoreStderr };
  })();
}

async function restorePostgres(backup: OpenedBackup, url: string, force: boolean, pgBinDir: string | undefined): Promise<Omit<RestoreResult, "manifest" | "ms">> {
  const db = await openPostgres(url, { max: 1 });
  let clear = false;
  let major: number;
  try {
    const [s] = await db.query<{ num: string; db: string }>("select current_setting('server_version_num') as num, current_database() as db");
    major = Math.floor(Number(s!.num) / 10000);
    if (backup.manifest.server.major > major) {
      throw new BackupError(
        "backup.server-too-old",
        `ไฟล์นี้สำรองจาก PostgreSQL ${backup.manifest.server.major} กู้คืนลง PostgreSQL ${major} ที่เก่ากว่าไม่ได้`,
        `This backup comes from PostgreSQL ${backup.manifest.server.major}; it cannot be restored into the older PostgreSQL ${major}`,
      );
    }
    const found = await contentsOf(db);
    if (found.length && !force) throw notEmpty(`database ${s!.db}`, found.join("; "), found.join("; "));
    if (found.length) {
      let o: { n: number; apps: string | null } | undefined;
      // a session that has just disconnected lingers in pg_stat_activity for a moment: look again before refusing
      for (let attempt = 0; attempt < 4; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 250));
        [o] = await db.query<{ n: number; apps: string | null }>(
          "select count(*)::int as n, string_agg(distinct coalesce(nullif(application_name, ''), '?'), ', ') as apps from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
        );
        if (o!.n === 0) break;
      }
      if (o!.n > 0) {
        throw new BackupError(
          "backup.target-in-use",
          `ฐานข้อมูล ${s!.db} มีการเชื่อมต่ออื่นอยู่ ${o!.n} รายการ (${o!.apps}): หยุดเซิร์ฟเวอร์ทั้งหมดก่อนกู้คืนทับ`,
          `${o!.n} other session(s) are connected to ${s!.db} (${o!.apps}): stop every server before restoring over it`,
        );
      }
      clear = true;
    }
  } finally {
    await db.close();
  }
  const tools = findPgTools(major, pgBinDir);
  const r = await runRestore(tools, backup, url, clear ? CLEAR_DATABASE_SQL : "", verificationSql(backup.manifest));
  const notice = /changwat-verify (\[.*\])\s*$/m.exec(r.psqlStderr);
  if (notice) {
    const actual = (JSON.parse(notice[1]!) as TableChecksum[]).map((t) => ({ ...t, rows: Number(t.rows) }));
    const v = compareChecksums(backup.manifest.tables, actual);
    if (r.ok && v.ok) {
      const after = await openPostgres(url, { max: 1 });
      try {
        await after.exec("analyze"); // pg_restore leaves planner statistics empty
      } finally {
        await after.close();
      }
      return { ok: true, tables: v.tables };
    }
    if (!v.ok) return { ok: false, tables: v.tables };
  }
  const why = (r.restoreStderr + "\n" + r.psqlStderr.replace(/^.*changwat-verify \[.*$/m, "")).trim().split("\n").slice(-20).join("\n");
  throw new BackupError("backup.restore-failed", `การกู้คืนล้มเหลว ฐานข้อมูลปลายทางไม่ถูกเปลี่ยนแปลง:\n${why}`, `The restore failed; the target database was not changed:\n${why}`);
}
