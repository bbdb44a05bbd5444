import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openPglite, openPostgres } from "../src/platform/db/client.js";

/**
 * A fresh copy of the suite's prepared template for a test that runs the server (or the jobs) in its own process:
 * a PGlite folder loaded from the template tarball, or with DATABASE_URL a PostgreSQL database created from the
 * template database. Removal (folder, database) is pushed on `cleanups`, which the caller runs in afterAll.
 */
export async function templateCopy(prefix: string, cleanups: (() => Promise<void>)[]): Promise<{ dataDir: string; databaseUrl?: string }> {
  const url = process.env.DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `changwat-${prefix}-`));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, "data");
  if (!url) {
    const db = await openPglite({ dataDir, loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
    await db.close();
    return { dataDir };
  }
  const name = `changwat_${prefix.replace(/\W/g, "_")}_t_${randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`create database ${name} template ${inject("pgTemplate")}`);
  await admin.close();
  cleanups.push(async () => {
    const a = await openPostgres(url, { max: 1 });
    await a.exec(`drop database if exists ${name} with (force)`);
    await a.close();
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { dataDir, databaseUrl: u.toString() };
}
