import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import { systemActor, type Actor } from "../src/platform/auth/actor.js";
import type { RoleId } from "../src/platform/auth/policy.js";
import { newRequestId, type Ctx } from "../src/platform/ctx.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { FIXED_NOW } from "./clock.js";

/** A throw-away PostgreSQL database (`create database … <clause>`), dropped again when closed. */
export async function scratchPostgres(url: string, clause: string): Promise<Database> {
  const name = `changwat_t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`create database ${name} ${clause}`);
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), { max: 4 });
  const close = db.close;
  db.close = async () => {
    await close();
    const a = await openPostgres(url, { max: 1 });
    await a.exec(`drop database if exists ${name}`);
    await a.close();
  };
  return db;
}

/** A private copy of the seeded template database for one test file (real PGlite or PostgreSQL). */
export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return scratchPostgres(url, `template ${inject("pgTemplate")}`);
  const file = inject("pgliteTemplate");
  const blob = new Blob([fs.readFileSync(file)]);
  return openPglite({ loadDataDir: blob });
}

export function actor(role: RoleId | RoleId[], scope: string, id = `test-${Array.isArray(role) ? role.join("+") : role}`): Actor {
  const roles = Array.isArray(role) ? role : [role];
  return { kind: "user", id, name: id, grants: roles.map((r) => ({ role: r, scope })) };
}

export function ctxFor(db: Database, who: Actor = systemActor): Ctx {
  return { db: db.db, actor: who, now: () => FIXED_NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) };
}
