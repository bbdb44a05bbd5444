import sharp from "sharp";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { createTestDb } from "../../../test/db.js";

let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function login(username: string) {
  const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
  expect(r.statusCode).toBe(200);
  return { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken as string };
}
/** A multipart/form-data body with a caption field and one file. */
function form(file: Buffer, type: string, name: string) {
  const b = "----changwat-test-boundary";
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="captionTh"\r\n\r\nภาพหน้างาน\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${b}--\r\n`)]), contentType: `multipart/form-data; boundary=${b}` };
}
const files = async () => (await db.query<{ n: number }>("select count(*)::int as n from project_files"))[0]!.n;
const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 30, g: 140, b: 60 } } }).png().toBuffer();
/** a PNG's signature and nothing of a picture after it: the signature alone does not make an image */
const fakePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

describe("project files over HTTP (multipart)", () => {
  it("stores a photo, serves it back with its type, and refuses too large, wrong type, no file and staff of other offices", async () => {
    const gov = await login("officer.health.chiangrai"); // an officer of the owner office: the one who runs the project
    const url = "/api/v1/planning/projects/demo-proj-57-2569-03/files";
    const before = await files();
    const up = async (h: Record<string, string>, f: ReturnType<typeof form>) => app.inject({ method: "POST", url, headers: { ...h, "content-type": f.contentType }, payload: f.payload });
    const big = await up(gov, form(Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), "image/png", "big.png"));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe("planning.file-too-large");
    expect((await up(gov, form(Buffer.from("#!/bin/sh"), "application/x-sh", "x.sh"))).json().error.code).toBe("validation.failed");
    const fake = await up(gov, form(fakePng, "image/png", "fake.png"));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.fields[0].code).toBe("planning.file-content");
    expect((await app.inject({ method: "POST", url, headers: { ...gov, "content-type": "application/json" }, payload: "{}" })).json().error.fields[0].code).toBe("planning.file-missing");
    const other = await login("head.land.chiangrai"); // another office of the same province
    expect((await up(other, form(png, "image/png", "x.png"))).statusCode).toBe(403);
    expect(await files()).toBe(before);
    const ok = await up(gov, form(png, "image/png", "หน้างาน.png"));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: "photo", fileName: "หน้างาน.png", captionTh: "ภาพหน้างาน", size: png.length });
    const got = await app.inject({ method: "GET", url: `${url}/${ok.json().id}`, headers: gov });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(got.headers["content-disposition"])).toContain(`filename*=UTF-8''${encodeURIComponent("หน้างาน.png")}`);
    expect(got.rawPayload.equals(png)).toBe(true);
    expect((await app.inject({ method: "GET", url: `${url}/${ok.json().id}`, headers: other })).statusCode).toBe(403);
  });

  it("asks the right before it reads the body: a stranger's 6 MB file is 403 (never 413), an allowed user's is 413; the same for imports", async () => {
    const url = "/api/v1/planning/projects/demo-proj-57-2569-03/files";
    const six = form(Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), "image/png", "big.png");
    const up = (h: Record<string, string>) => app.inject({ method: "POST", url, headers: { ...h, "content-type": six.contentType }, payload: six.payload });
    const before = await files();
    const stranger = await up(await login("head.land.chiangrai")); // another office of the same province
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error).toMatchObject({ code: "auth.forbidden" });
    expect(JSON.stringify(stranger.json())).not.toMatch(/MB|file-too-large/);
    expect((await up({})).statusCode).toBe(401);
    const owner = await up(await login("officer.health.chiangrai"));
    expect(owner.statusCode).toBe(413);
    expect(owner.json().error.code).toBe("planning.file-too-large");
    expect(await files()).toBe(before);
    // imports: the body limit (10 MB + 1 MB) answers only to someone who may import
    const big = Buffer.alloc(12 * 1024 * 1024, 0x41);
    const imp = (h: Record<string, string>) => app.inject({ method: "POST", url: "/api/v1/planning/imports?kind=planning-projects", headers: { ...h, "content-type": "text/csv" }, payload: big });
    const jobs = async () => (await db.query<{ n: number }>("select count(*)::int as n from import_jobs"))[0]!.n;
    const jobsBefore = await jobs();
    const citizen = await imp(await login("citizen"));
    expect(citizen.statusCode).toBe(403);
    expect(citizen.json().error.code).toBe("auth.forbidden");
    expect((await imp(await login("strategy.chiangrai"))).statusCode).toBe(413);
    expect(await jobs()).toBe(jobsBefore);
  });
});
