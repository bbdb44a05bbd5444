import { ReadCache } from "../platform/cache.js";
import fs from "node:fs";
import path from "node:path";
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from "fastify";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { anonymousActor } from "../platform/auth/actor.js";
import type { Database } from "../platform/db/client.js";
import { migrationStatus } from "../platform/db/migrate.js";
import { newRequestId, type Ctx } from "../platform/ctx.js";
import { AppError } from "../platform/errors.js";
import { errorBody, errorHandler } from "../platform/http/error-handler.js";
import { registerSecurityHeaders } from "../platform/http/security-headers.js";
import "../platform/http/request-ctx.js";
import { projectRoot } from "../platform/paths.js";
import { accountsRoutes, authenticate, listDemoAccounts, SESSION_COOKIE, sessionCsrfToken } from "../modules/accounts/index.js";
import { DemoAccount } from "../modules/accounts/contracts.js";
import { createScopeResolver } from "../modules/registry/index.js";
import { catalogRoutes } from "../modules/catalog/index.js";
import type { Env } from "./env.js";
import { createServerMetrics, registerMetricsRoute, type ServerMetrics } from "./metrics.js";
import { MODULES } from "./modules.js";

export type AppOptions = {
  database: Database;
  env: Pick<Env, "demo" | "sessionTtlHours" | "cookieSecure" | "geojsonProvinces" | "logLevel"> & Partial<Pick<Env, "readCacheSeconds" | "sessionIdleMinutes" | "metricsToken" | "trustProxy">>;
  /** the process's metrics (main.ts shares them with the scheduler); made here when not given */
  metrics?: ServerMetrics;
  now?: () => Date;
  logger?: boolean;
  /** Where the log lines go (default stdout); tests read them from here. */
  logStream?: { write: (line: string) => void };
  webDir?: string | null;
  /** Requests per minute per client before 429 (default 1200). */
  rateLimitMax?: number;
};

/** One registered route and its zod schemas, as the app saw it (tests generate bad input from these). */
export type RouteEntry = { method: string; url: string; schema: { body?: unknown; querystring?: unknown; params?: unknown; hide?: boolean } };
const catalogs = new WeakMap<object, RouteEntry[]>();
/** Every route registered on an app built by buildApp, with its request schemas. */
export function routeCatalog(app: FastifyInstance): RouteEntry[] {
  return catalogs.get(app) ?? [];
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// none of these acts on a session: they are what people without one (or with one in another tab) do
const CSRF_EXEMPT = new Set(["/api/v1/auth/login", "/api/v1/auth/reset-password", "/api/v1/auth/sign-up", "/api/v1/auth/verify-email", "/api/v1/auth/resend-verification", "/api/v1/auth/forgot-password"]);

/** Builds the Fastify app: plugins, the one error handler, auth, module routes, web app. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const now = opts.now ?? (() => new Date());
  // a session unused this long ends (SESSION_IDLE_MINUTES: 120 from the environment's default; absent or 0: only its lifetime)
  const idleMs = (opts.env.sessionIdleMinutes ?? 0) * 60_000;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.env.logLevel, redact: ["req.headers.cookie", "req.headers.authorization", "req.headers[\"x-csrf-token\"]"], ...(opts.logStream ? { stream: opts.logStream } : {}) },
    // one access line per request (below) instead of Fastify's two, and without the query string
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newRequestId(),
    bodyLimit: 12 * 1024 * 1024,
    // TRUST_PROXY (default true): behind a proxy, name it (e.g. loopback) so a client cannot choose its own address
    trustProxy: trustProxyOption(opts.env.trustProxy ?? true),
    // a 120-character Thai id is ~1,080 characters once percent-encoded; longer ones get 414 in the error shape
    routerOptions: { maxParamLength: 1200 },
    // router-level refusals (over-long path parameter, malformed URL) in the one error shape too
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      const code = err.code === "FST_ERR_MAX_PARAM_LENGTH" ? "request.param-too-long" : "request.bad-url";
      return (reply as unknown as FastifyReply).code(status).send(errorBody(String(req.id), code, "ที่อยู่ของคำขอไม่ถูกต้องหรือยาวเกินไป", "The request URL is malformed or a path parameter is too long"));
    },
  }).withTypeProvider<ZodTypeProvider>();
  const catalog: RouteEntry[] = [];
  catalogs.set(app, catalog);
  app.addHook("onRoute", (r) => {
    for (const method of ([] as string[]).concat(r.method)) if (method !== "HEAD") catalog.push({ method, url: r.url, schema: (r.schema ?? {}) as RouteEntry["schema"] });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    // the web app's own routes fall back to index.html; a missing file (an asset from an older build) is a real 404
    const pathOnly = req.url.split("?")[0]!;
    // (ids carry dots, e.g. /organizations/moi.dopa or /strategy/prov:57:goal:1.1, so only real asset types count)
    const asset = pathOnly.startsWith("/assets/") || /\.(js|mjs|css|map|png|jpe?g|svg|ico|woff2?|ttf|webmanifest|txt)$/i.test(pathOnly);
    if (req.method === "GET" && !pathOnly.startsWith("/api/") && !asset && webIndex) return reply.type("text/html").send(webIndex);
    return reply.code(404).send(errorBody(String(req.id), "route.not-found", "ไม่พบหน้าหรือบริการที่ร้องขอ", "No such route"));
  });
  // raw file uploads (CSV/XLSX) for imports
  for (const type of ["text/csv", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]) {
    app.addContentTypeParser(type, { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  }

  await app.register(cookie);
  registerSecurityHeaders(app);
  // the access log: one line per request, the path without its query (a query can carry a citizen's words, e.g.
  // /cases/similar?text=…; PDPA: no personal data in logs), the status and the time taken
  app.addHook("onResponse", (req, reply, done) => {
    req.log.info({ method: req.method, path: req.url.split("?")[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, "request");
    done();
  });
  await app.register(rateLimit, { max: opts.rateLimitMax ?? 1200, timeWindow: "1 minute", errorResponseBuilder: (req, ctx) => ({ statusCode: 429, ...errorBody(String(req.id), "rate.limited", "มีคำขอมากเกินไป กรุณารอสักครู่", `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`) }) });
  await app.register(swagger, {
    openapi: {
      info: { title: "Changwat API", description: "Integrated provincial administration platform (ระบบบริหารงานจังหวัดแบบบูรณาการ). Errors: { error: { code, messageTh, messageEn, requestId, fields? } }.", version: "0.1.0" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE }, apiKey: { type: "http", scheme: "bearer" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const scopes = createScopeResolver(opts.database.db);
  // one cache per app (and so per database): categories, routing rules, organisation names, webhook subscriptions
  const cache = new ReadCache((opts.env.readCacheSeconds ?? 10) * 1000);
  app.decorateRequest("ctx", null as unknown as Ctx);
  app.addHook("onRequest", async (req) => {
    const ctx: Ctx = { db: opts.database.db, actor: anonymousActor, now, requestId: String(req.id), scopes, cache };
    req.ctx = ctx;
    if (!req.url.startsWith("/api/")) return;
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith("Bearer ") ? auth.slice(7).trim() : undefined;
    const sessionToken = req.cookies[SESSION_COOKIE];
    if (!bearer && !sessionToken) return;
    const actor = await authenticate(opts.database.db, { apiKey: bearer, sessionToken: bearer ? undefined : sessionToken }, now(), { idleMs });
    if (bearer && !actor) throw new AppError("auth.invalid-api-key", 401, "กุญแจ API ไม่ถูกต้องหรือถูกเพิกถอน", "Invalid or revoked API key");
    if (!actor) return; // expired cookie: treated as anonymous
    req.ctx = { ...ctx, actor };
    if (actor.kind === "user" && UNSAFE.has(req.method) && !CSRF_EXEMPT.has(req.url.split("?")[0]!)) {
      const expected = actor.sessionId ? await sessionCsrfToken(opts.database.db, actor.sessionId) : null;
      if (!expected || req.headers["x-csrf-token"] !== expected) {
        throw new AppError("auth.csrf", 403, "คำขอถูกปฏิเสธ (โทเค็น CSRF ไม่ถูกต้อง) กรุณาโหลดหน้าใหม่", "Request refused: missing or wrong CSRF token; reload the page");
      }
    }
  });

  registerMetricsRoute(app, opts.metrics ?? createServerMetrics({ database: opts.database }), { token: opts.env.metricsToken });
  app.get("/health", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/ready", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await opts.database.query("select 1");
      const m = await migrationStatus(opts.database);
      if (m.applied < m.expected) return reply.code(503).send({ status: "migrating", ...m });
      return { status: "ready", database: opts.database.kind, migrations: m };
    } catch {
      return reply.code(503).send({ status: "database-unreachable" });
    }
  });

  await app.register(
    async (api) => {
      const r = api.withTypeProvider<ZodTypeProvider>();
      r.get(
        "/meta",
        { schema: { tags: ["meta"], response: { 200: z.object({ name: z.string(), version: z.string(), demo: z.boolean(), database: z.enum(["pglite", "postgres"]), boundaries: z.boolean().describe("GET /map/geojson has a file to serve") }) } } },
        async () => ({
          name: "Changwat",
          version: "0.1.0",
          demo: opts.env.demo,
          database: opts.database.kind,
          boundaries: !!opts.env.geojsonProvinces && fs.existsSync(opts.env.geojsonProvinces),
        }),
      );
      r.get("/demo/accounts", { schema: { tags: ["meta"], response: { 200: z.array(DemoAccount), 404: z.unknown() } } }, async (req, reply) => {
        if (!opts.env.demo) return reply.code(404).send(errorBody(String(req.id), "demo.off", "ไม่ได้อยู่ในโหมดสาธิต", "Demo mode is off"));
        return listDemoAccounts();
      });
      r.get("/map/geojson", { schema: { tags: ["registry"], hide: true } }, async (req, reply) => {
        const file = opts.env.geojsonProvinces;
        if (!file || !fs.existsSync(file)) return reply.code(404).send(errorBody(String(req.id), "map.no-geojson", "ไม่ได้ตั้งค่าไฟล์ขอบเขตจังหวัด", "No province boundary file is configured (GEOJSON_PROVINCES)"));
        const body = loadProvinceBoundaries(file);
        if (!body) return reply.code(503).send(errorBody(String(req.id), "map.bad-geojson", "ไฟล์ขอบเขตจังหวัดที่ตั้งค่าไว้อ่านไม่ได้ (ไม่ใช่ GeoJSON FeatureCollection)", "The configured province boundary file is not a readable GeoJSON FeatureCollection"));
        return reply.header("cache-control", "public, max-age=3600").type("application/json").send(body);
      });
      await api.register(accountsRoutes({ sessionTtlHours: opts.env.sessionTtlHours, secureCookie: (req) => (opts.env.cookieSecure === "auto" ? req.protocol === "https" : opts.env.cookieSecure === "true"), selfServiceMax: Math.max(10, Math.floor((opts.rateLimitMax ?? 1200) / 120)), personalData: MODULES.flatMap((m) => (m.personalData ? [m.personalData] : [])), erasePersonalData: MODULES.flatMap((m) => (m.erasePersonalData ? [{ module: m.name, erase: m.erasePersonalData }] : [])) }));
      // the open-data catalogue lists every module's public datasets
      await api.register(catalogRoutes({ datasets: MODULES.flatMap((m) => m.openData ?? []) }));
      for (const m of MODULES) if (m.routes) await api.register(m.routes);
    },
    { prefix: "/api/v1" },
  );
  // standards that fix their own paths (Open311 GeoReport v2 at /open311/v2)
  for (const m of MODULES) if (m.rootRoutes) await app.register(m.rootRoutes);

  const webDir = opts.webDir === undefined ? path.join(projectRoot(), "dist", "web") : opts.webDir;
  const webIndex = webDir && fs.existsSync(path.join(webDir, "index.html")) ? fs.readFileSync(path.join(webDir, "index.html"), "utf8") : null;
  if (webDir && webIndex) await app.register(fastifyStatic, { root: webDir, prefix: "/", wildcard: false, index: false, maxAge: "1h", preCompressed: true }); // .br/.gz written beside the assets by scripts/build.mjs
  if (webIndex) app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.type("text/html").send(webIndex));
  return app;
}

/** TRUST_PROXY as Fastify takes it: a hop count becomes "trust the first n proxies" (what Fastify does with a number). */
function trustProxyOption(v: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof v === "number" ? (_address, hop) => hop < v : v;
}

const boundaryCache = new Map<string, { mtimeMs: number; body: string | null }>();
/**
 * Reads an operator-supplied province GeoJSON once per file version and gives every feature a two-digit
 * `code` (from code, ADM1_PCODE "TH57" or pro_code). Returns null when the file is not a FeatureCollection.
 */
function loadProvinceBoundaries(file: string): string | null {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const cached = boundaryCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.body;
  let body: string | null = null;
  try {
    const geo = JSON.parse(fs.readFileSync(file, "utf8")) as { type?: string; features?: { properties?: Record<string, unknown> }[] };
    if (geo.type === "FeatureCollection" && Array.isArray(geo.features)) {
      for (const f of geo.features) {
        const p = f.properties ?? {};
        const code = String(p.code ?? p.ADM1_PCODE ?? p.pro_code ?? "").replace(/^TH/, "");
        f.properties = { ...p, code };
      }
      body = JSON.stringify(geo);
    }
  } catch {
    body = null;
  }
  boundaryCache.set(file, { mtimeMs, body });
  return body;
}
