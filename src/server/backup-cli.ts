import { parseArgs } from "node:util";
import { createBackup, runCli } from "../platform/db/backup.js";
import { loadEnv } from "./env.js";

/**
 * npm run backup [-- --out <folder or file>] [--encrypt]: one file holding the whole database of DATABASE_URL
 * (pg_dump) or DATA_DIR (PGlite, server stopped) and a manifest of every table's row count and checksum.
 * Exit code 0 when written, 1 when refused or failed.
 */
const USAGE = `usage: npm run backup -- [--out <folder or file>] [--encrypt]
  --out      where to write (default ./backups/changwat-<UTC time>-<engine>.tar)
  --encrypt  AES-256-GCM with the passphrase in BACKUP_PASSPHRASE (file ends in .tar.enc)
The database is DATABASE_URL when set, else the PGlite folder DATA_DIR (default ./data; stop the server first).`;

function formatBytes(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { out: { type: "string" }, encrypt: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: false }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  const source = env.databaseUrl ? ({ kind: "postgres", url: env.databaseUrl } as const) : ({ kind: "pglite", dataDir: env.dataDir } as const);
  const r = await createBackup({ source, out: args.out, encrypt: args.encrypt, passphrase: env.backup.passphrase, pgBinDir: env.backup.pgBinDir });
  const m = r.manifest;
  console.log(`backup written: ${r.file} (${formatBytes(r.bytes)}${r.encrypted ? ", encrypted" : ""}) in ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`  ${m.engine === "pglite" ? "PGlite" : "PostgreSQL"} database ${m.database}: ${m.server.version.split(" on ")[0]}; ${m.migrations.applied} migrations`);
  console.log(`  ${m.totals.tables} tables, ${m.totals.rows.toLocaleString("en-US")} rows, each with its count and checksum in manifest.json`);
  if (!r.encrypted) {
    console.log("  ! it holds citizens' personal data: keep it encrypted at rest and readable only by operators (see docs/OPERATIONS.md, Backups)");
    console.log("  ! ไฟล์นี้มีข้อมูลส่วนบุคคลของประชาชน: ต้องเก็บแบบเข้ารหัสและจำกัดผู้เข้าถึง");
  }
  return 0;
}

runCli(main);
