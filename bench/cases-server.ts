// The server under test for bench/cases-intake.ts and bench/cases-board.ts, run in a child process by startServer
// (bench/cases-data.ts): `app` is the real app (buildApp from src/server, as main.ts builds it: configuration from
// the environment, DATABASE_POOL_MAX connections, request logging at LOG_LEVEL to stdout, the global rate limiter
// raised to 10⁹ per minute and the intake limiter to CASES_INTAKE_LIMIT); `bare` is Fastify + pg with one query
// per request, the baseline of issue 6. Sends { port } to the parent when listening; stops on SIGTERM.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import pg from "pg";
import { openDatabase } from "../src/platform/db/client.js";
import { configureCases } from "../src/modules/cases/index.js";
import { configureOcds } from "../src/modules/planning/index.js";
import { buildApp } from "../src/server/app.js";
import { loadEnv } from "../src/server/env.js";

const kind = process.argv[2];
const env = loadEnv();
let close: () => Promise<void>;
let port: number;

if (kind === "app") {
  configureOcds({ prefix: env.ocdsPrefix });
  configureCases({ intakeLimit: env.casesIntakeLimit });
  const database = await openDatabase({ databaseUrl: env.databaseUrl, poolMax: env.databasePoolMax, dataDir: env.dataDir });
  const app = await buildApp({ database, env, webDir: null, rateLimitMax: 1_000_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as AddressInfo).port;
  close = async () => {
    await app.close();
    await database.close();
  };
} else if (kind === "bare") {
  const pool = new pg.Pool({ connectionString: env.databaseUrl, max: env.databasePoolMax });
  const app = Fastify({ logger: false });
  // one row into a table like cases (bench/cases-intake.ts creates bare_cases)
  app.post<{ Body: { categoryId: string; descriptionTh: string; lat: number; lon: number; addressTh?: string; reporter?: unknown } }>("/bare/cases", async (req, reply) => {
    const b = req.body;
    const id = randomUUID();
    await pool.query("insert into bare_cases (id, category_id, description_th, address_th, lat, lon, reporter, status, received_at) values ($1, $2, $3, $4, $5, $6, $7, 'received', now())", [id, b.categoryId, b.descriptionTh, b.addressTh ?? "", b.lat, b.lon, JSON.stringify(b.reporter ?? {})]);
    return reply.code(201).send({ id });
  });
  // the newest 20 cases of a province (the board's first page without its names and counts)
  app.get<{ Querystring: { provinceCode: string; districtCode?: string; page?: string } }>("/bare/board", async (req) => {
    const page = Math.max(1, Number(req.query.page ?? 1));
    const cols = "id, public_ref, province_code, district_code, category_id, status, public_text, received_at";
    const { rows } = req.query.districtCode
      ? await pool.query(`select ${cols} from cases where province_code = $1 and district_code = $2 and merged_into is null order by received_at desc limit 20 offset $3`, [req.query.provinceCode, req.query.districtCode, (page - 1) * 20])
      : await pool.query(`select ${cols} from cases where province_code = $1 and merged_into is null order by received_at desc limit 20 offset $2`, [req.query.provinceCode, (page - 1) * 20]);
    return { items: rows };
  });
  // one case by its public reference
  app.get<{ Params: { ref: string } }>("/bare/cases/:ref", async (req, reply) => {
    const { rows } = await pool.query("select id, public_ref, province_code, district_code, category_id, status, public_text, received_at from cases where public_ref = $1", [req.params.ref]);
    return rows[0] ?? reply.code(404).send({ error: "not found" });
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as AddressInfo).port;
  close = async () => {
    await app.close();
    await pool.end();
  };
} else {
  throw new Error(`usage: cases-server.ts app|bare (got ${kind})`);
}

process.once("SIGTERM", () => void close().finally(() => process.exit(0)));
process.send?.({ port });
