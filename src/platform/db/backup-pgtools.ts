import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BackupError } from "./backup-errors.js";

/** Where PostgreSQL's client programs (pg_dump, pg_restore, psql) were found, and their major version. */
export type PgTools = { dir: string | null; major: number; pgDump: string; pgRestore: string; psql: string };

function toolsIn(dir: string | null): PgTools | null {
  const bin = (name: string) => (dir ? path.join(dir, name) : name);
  if (dir && !fs.existsSync(bin("pg_dump"))) return null;
  const r = spawnSync(bin("pg_dump"), ["--version"], { encoding: "utf8" });
  const m = r.status === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout) : null;
  if (!m) return null;
  return { dir, major: Number(m[1]), pgDump: bin("pg_dump"), pgRestore: bin("pg_restore"), psql: bin("psql") };
}

/** Folders where distributions install one PostgreSQL version each (Debian/Ubuntu, RHEL, Homebrew). */
function versionedDirs(): string[] {
  const out: string[] = [];
  const scan = (parent: string, make: (entry: string) => string | null) => {
    try {
      for (const e of fs.readdirSync(parent)) {
        const d = make(e);
        if (d) out.push(d);
      }
    } catch {
      /* not on this system */
    }
  };
  scan("/usr/lib/postgresql", (e) => (/^\d+$/.test(e) ? path.join("/usr/lib/postgresql", e, "bin") : null));
  scan("/usr", (e) => (/^pgsql-\d+$/.test(e) ? path.join("/usr", e, "bin") : null));
  for (const brew of ["/opt/homebrew/opt", "/usr/local/opt"]) scan(brew, (e) => (/^postgresql@\d+$/.test(e) ? path.join(brew, e, "bin") : null));
  return out;
}

/**
 * The client programs for a server of major version `serverMajor`: PG_BIN_DIR when set, else the installed
 * version matching the server, else the oldest newer one, else those on PATH when new enough (pg_dump refuses a
 * server newer than itself, and the SQL pg_restore writes should be the server's own dialect).
 */
export function findPgTools(serverMajor: number, override?: string): PgTools {
  if (override) {
    const t = toolsIn(override);
    if (!t) throw new BackupError("backup.pg-tools-missing", `ไม่พบ pg_dump ที่ใช้งานได้ใน PG_BIN_DIR (${override})`, `No working pg_dump in PG_BIN_DIR (${override})`);
    if (t.major < serverMajor) throw new BackupError("backup.pg-tools-too-old", `pg_dump ใน PG_BIN_DIR เป็นรุ่น ${t.major} แต่เซิร์ฟเวอร์เป็นรุ่น ${serverMajor}`, `pg_dump in PG_BIN_DIR is version ${t.major}, the server is version ${serverMajor}: point PG_BIN_DIR at version ${serverMajor} or newer`);
    return t;
  }
  const found = versionedDirs()
    .map(toolsIn)
    .filter((t): t is PgTools => !!t && t.major >= serverMajor)
    .sort((a, b) => a.major - b.major);
  if (found[0]) return found[0];
  const onPath = toolsIn(null);
  if (onPath && onPath.major >= serverMajor) return onPath;
  throw new BackupError(
    "backup.pg-tools-missing",
    `ไม่พบ pg_dump/pg_restore สำหรับ PostgreSQL ${serverMajor} ขึ้นไป ให้ติดตั้ง postgresql-client-${serverMajor} หรือกำหนด PG_BIN_DIR เป็นโฟลเดอร์ที่มีโปรแกรมเหล่านี้`,
    `pg_dump/pg_restore for PostgreSQL ${serverMajor} or newer not found${onPath ? ` (the one on PATH is version ${onPath.major})` : ""}: install postgresql-client-${serverMajor}, or set PG_BIN_DIR to the folder holding them`,
  );
}

/** A libpq connection string without its password, and the password as PGPASSWORD (not on the command line, where `ps` shows it). */
export function libpqTarget(url: string): { url: string; env: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url, env: {} }; // a form libpq reads but WHATWG URL does not (e.g. postgresql://user@/db?host=/run/postgresql)
  }
  const password = u.password ? decodeURIComponent(u.password) : "";
  u.password = "";
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}
