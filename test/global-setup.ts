import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../src/platform/db/client.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { FIXED_NOW } from "./clock.js";

/** Builds one migrated, seeded (reference + demo) template; each test file then gets its own copy of it. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await openPostgres(url, { max: 1 });
    const tmpl = `changwat_tmpl_${process.pid}`;
    await admin.exec(`drop database if exists ${tmpl}`);
    await admin.exec(`create database ${tmpl} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    const u = new URL(url);
    u.pathname = `/${tmpl}`;
    const t = await openPostgres(u.toString(), { max: 2 });
    await prepareDatabase(t, { demo: true, now: () => FIXED_NOW });
    await t.close();
    project.provide("pgTemplate", tmpl);
    return async () => {
      await admin.exec(`drop database if exists ${tmpl}`);
      await admin.close();
    };
  }
  const db = await openPglite({});
  await prepareDatabase(db, { demo: true, now: () => FIXED_NOW });
  const dump = await db.pglite!.dumpDataDir("none");
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "changwat-test-")), "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
