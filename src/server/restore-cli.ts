import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openBackup, restoreBackup, runCli, type Manifest, type TableVerification } from "../platform/db/backup.js";
import { migrationsFolder } from "../platform/db/migrate.js";
import { loadEnv } from "./env.js";

/**
 * npm run restore -- <file> [--force] | --check <file>: restores a backup into DATABASE_URL or DATA_DIR (which must
 * be empty unless --force) and keeps it only if every table's row count and checksum match the manifest.
 * Exit code 0 restored and verified (or, with --check, the file is sound), 1 refused or failed, 2 a table differs
 * from the manifest (nothing was changed).
 */
const USAGE = `usage: npm run restore -- <backup file> [--force] [--verbose]
       npm run restore -- --check <backup file>
  --force    replace a database that is not empty (stop the servers first; PGlite keeps the old one aside)
  --check    only read the file: decrypt, check the manifest and the payload's SHA-256; change nothing
  --verbose  list every table with its row count
The target is DATABASE_URL when set, else the PGlite folder DATA_DIR (default ./data). An encrypted backup needs BACKUP_PASSPHRASE.`;

function describe(m: Manifest, file: string): string {
  return [
    `backup ${path.resolve(file)}`,
    `  made ${m.createdAt} from ${m.engine === "pglite" ? "PGlite" : "PostgreSQL"} database ${m.database} (${m.server.version.split(" on ")[0]}), ${m.migrations.applied} migrations`,
    `  ${m.totals.tables} tables, ${m.totals.rows.toLocaleString("en-US")} rows`,
  ].join("\n");
}

/** "<database> on <host>" without the password. */
function postgresName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname.slice(1) || "(default database)"} on ${u.host || "the local socket"}`;
  } catch {
    return "(DATABASE_URL)";
  }
}

function codeMigrations(): number {
  try {
    return (JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  } catch {
    return 0;
  }
}

function tableLine(t: TableVerification): string {
  if (t.expectedRows === null) return `  ${t.table}: not in the backup (${t.rows} rows)`;
  if (t.rows === null) return `  ${t.table}: missing (expected ${t.expectedRows} rows)`;
  if (t.ok) return `  ${t.table}: ${t.rows} rows, checksum ${t.checksum} ok`;
  return `  ${t.table}: ${t.rows} rows${t.rows !== t.expectedRows ? ` (expected ${t.expectedRows})` : ""}, checksum ${t.checksum}${t.checksum !== t.expectedChecksum ? ` (expected ${t.expectedChecksum})` : ""}  MISMATCH`;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { force: { type: "boolean" }, check: { type: "boolean" }, verbose: { type: "boolean", short: "v" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  const { values: args, positionals } = parsed;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`one backup file, please\n${USAGE}`);
    return 1;
  }
  const file = positionals[0]!;
  const env = loadEnv();
  if (args.check) {
    const b = await openBackup(file, env.backup.passphrase);
    b.close();
    console.log(describe(b.manifest, file));
    if (args.verbose) for (const t of b.manifest.tables) console.log(`  ${t.schema}.${t.name}: ${t.rows} rows, checksum ${t.checksum}`);
    console.log(`file sound: manifest readable, ${b.manifest.payload.name} matches its SHA-256${b.encrypted ? ", decrypted with BACKUP_PASSPHRASE" : ""} (ไฟล์สมบูรณ์)`);
    return 0;
  }
  const target = env.databaseUrl ? ({ kind: "postgres", url: env.databaseUrl } as const) : ({ kind: "pglite", dataDir: env.dataDir } as const);
  const where = target.kind === "postgres" ? `PostgreSQL ${postgresName(target.url)}` : `PGlite DATA_DIR ${path.resolve(target.dataDir)}`;
  console.log(`restoring into ${where}${args.force ? " (--force)" : ""} …`);
  const r = await restoreBackup({ file, target, force: args.force, passphrase: env.backup.passphrase, pgBinDir: env.backup.pgBinDir });
  console.log(describe(r.manifest, file));
  const bad = r.tables.filter((t) => !t.ok);
  for (const t of args.verbose ? r.tables : bad) console.log(tableLine(t));
  if (!r.ok) {
    console.error(`VERIFICATION FAILED: ${bad.length} table(s) differ from the manifest; the restore was not kept and the target is unchanged`);
    console.error(`ตรวจสอบไม่ผ่าน: ${bad.length} ตารางไม่ตรงกับ manifest จึงไม่ใช้ข้อมูลที่กู้คืน ปลายทางไม่ถูกเปลี่ยนแปลง`);
    return 2;
  }
  console.log(`restored and verified in ${(r.ms / 1000).toFixed(1)} s: ${r.tables.length} tables, ${r.manifest.totals.rows.toLocaleString("en-US")} rows, every count and checksum matches the manifest`);
  console.log(`กู้คืนและตรวจสอบแล้ว: จำนวนแถวและ checksum ตรงกับ manifest ทุกตาราง`);
  if (r.previous) console.log(`the database it replaced was moved to ${r.previous}: remove it once you no longer need it (it holds personal data)`);
  const known = codeMigrations();
  if (r.manifest.migrations.applied > known) console.log(`! the backup has ${r.manifest.migrations.applied} migrations, this code knows ${known}: run the Changwat version that made it (or newer)`);
  return 0;
}

runCli(main);
