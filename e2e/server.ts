import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The built server (dist/) as `npm start` runs it, for the browser journeys. Without a template it prepares its
 * own database (migrate, seed reference data and the demo: ~30 s on a quiet 2-core machine). The journeys' global
 * setup prepares one template first and every journey's server starts on a copy of it (~3 s): a PGlite folder
 * copied, or, when DATABASE_URL is set (`npm test` on PostgreSQL), a database created from a template database.
 */
export interface E2eTemplate {
  /** a prepared PGlite folder to copy */
  dataDir?: string;
  /** a prepared PostgreSQL database to clone (`create database … template …`) on the server at `databaseUrl` */
  pgDatabase?: string;
  databaseUrl?: string;
  /** the key every journey's server seals webhook secrets with (the demo's were sealed with it in the template) */
  webhooksSecretKey: string;
}

export interface StartedServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

const databaseUrlFor = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Runs one statement on the PostgreSQL server's maintenance database. */
export async function adminSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrlFor(databaseUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Spawns the server and waits for /ready (up to 240 s: a fresh database on a loaded machine once took over 90 s). */
export async function spawnServer(opts: { env?: Record<string, string>; dataDir: string; databaseUrl?: string; keepDataDir?: boolean; onStop?: () => Promise<void> }): Promise<StartedServer> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const child: ChildProcess = spawn(process.execPath, ["dist/server/main.js"], {
    env: { ...process.env, ...opts.env, DATABASE_URL: opts.databaseUrl ?? "", DATA_DIR: opts.dataDir, PORT: String(port), LOG_LEVEL: "warn", DEMO: "true" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (!opts.keepDataDir) fs.rmSync(opts.dataDir, { recursive: true, force: true });
    await opts.onStop?.();
  };
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/ready`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${child.exitCode}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      await stop();
      throw new Error("server did not become ready in 240 s (killed; its log above says which start phase was slow)");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, dataDir: opts.dataDir, stop };
}

let clones = 0;

/** A journey's own server on a copy of the template (or on a database of its own when there is no template). */
export async function startServerFrom(template: E2eTemplate | undefined, extraEnv: Record<string, string> = {}): Promise<StartedServer> {
  const env = template ? { WEBHOOKS_SECRET_KEY: template.webhooksSecretKey, ...extraEnv } : extraEnv;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-e2e-"));
  if (template?.pgDatabase && template.databaseUrl) {
    const name = `changwat_e2e_${process.pid}_${++clones}`;
    const base = template.databaseUrl;
    await adminSql(base, `drop database if exists ${name}`);
    await adminSql(base, `create database ${name} template ${template.pgDatabase}`);
    return spawnServer({ env, dataDir, databaseUrl: databaseUrlFor(base, name), onStop: () => adminSql(base, `drop database if exists ${name} with (force)`) });
  }
  if (template?.dataDir) fs.cpSync(template.dataDir, dataDir, { recursive: true });
  return spawnServer({ env, dataDir });
}

/** Prepares the template the journeys start from: a server runs once on it (migrate, seed, demo) and stops. */
export async function prepareTemplate(databaseUrl: string | undefined): Promise<{ template: E2eTemplate; dispose: () => Promise<void> }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-e2e-template-"));
  const webhooksSecretKey = randomBytes(32).toString("base64");
  const env = { WEBHOOKS_SECRET_KEY: webhooksSecretKey };
  if (databaseUrl) {
    const name = `changwat_e2e_tmpl_${process.pid}`;
    await adminSql(databaseUrl, `drop database if exists ${name}`);
    await adminSql(databaseUrl, `create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    const server = await spawnServer({ env, dataDir: path.join(root, "unused"), databaseUrl: databaseUrlFor(databaseUrl, name) });
    await server.stop();
    return {
      template: { pgDatabase: name, databaseUrl, webhooksSecretKey },
      dispose: async () => {
        await adminSql(databaseUrl, `drop database if exists ${name} with (force)`);
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  }
  const dataDir = path.join(root, "data");
  const server = await spawnServer({ env, dataDir, keepDataDir: true });
  await server.stop();
  return { template: { dataDir, webhooksSecretKey }, dispose: async () => fs.rmSync(root, { recursive: true, force: true }) };
}
