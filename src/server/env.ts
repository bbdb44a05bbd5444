import { z } from "zod";
import { parseSecretKey } from "../platform/webhooks/secret-box.js";

/** The only reader of process.env: bad configuration stops start-up with a clear message. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  /** connections in the PostgreSQL pool of this process (ignored on PGlite) */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DEMO: z.enum(["true", "false", "1", "0"]).optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GEOJSON_PROVINCES: z.string().optional(),
  REFERENCE_DIR: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** a session unused for this many minutes ends (0: only SESSION_TTL_HOURS ends it) */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(0).max(10_080).default(120),
  COOKIE_SECURE: z.enum(["true", "false", "auto"]).default("auto"),
  JOBS: z.enum(["on", "off", "true", "false", "1", "0"]).default("on"),
  /** OCDS ocid prefix ("ocds-" + 6 characters); the default is a placeholder: register your own with the OCDS Data Support Team */
  CASES_INTAKE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** PDPA: days after a case closes before its reporters' personal data is deleted (named in the consent text) */
  CASES_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  /** seconds a process keeps categories, routing rules, organisation names and webhook subscriptions it read (0: off) */
  READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** development and tests only: webhooks may go to http://localhost and private addresses */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(["true", "false", "1", "0"]).default("false"),
  /** where mail goes: the development outbox (a table and /dev/outbox), SMTP, or only a log line (kind, no address) */
  MAIL_TRANSPORT: z.enum(["outbox", "smtp", "log"]).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Changwat <no-reply@changwat.invalid>"),
  /** "บอกเราถึงรัฐ": proposals one citizen account may send per 24 hours, comments per hour, days of notice before an answer is due */
  PARTICIPATION_PROPOSALS_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(5),
  PARTICIPATION_COMMENTS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  PARTICIPATION_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  /** webhooks: 32-byte key sealing signing secrets at rest (64 hex digits or base64); required in production without DEMO */
  WEBHOOKS_SECRET_KEY: z.string().refine((v) => parseSecretKey(v) !== null, "WEBHOOKS_SECRET_KEY must be 32 bytes: 64 hex digits or base64 (e.g. `openssl rand -base64 32`)").optional(),
  /** the key before a key change: only opens secrets still sealed under it (the server re-seals them at start-up) */
  WEBHOOKS_SECRET_KEY_PREVIOUS: z.string().refine((v) => parseSecretKey(v) !== null, "WEBHOOKS_SECRET_KEY_PREVIOUS must be 32 bytes: 64 hex digits or base64").optional(),
  /** days a succeeded or given-up webhook delivery (and its event) is kept */
  WEBHOOKS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** bearer token that lets a scraper read GET /metrics from anywhere; unset: only direct loopback connections may */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 32`)").max(512).optional(),
  /** which proxies' X-Forwarded-* headers to believe: true (any), false (none), a hop count, or addresses/subnets */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|(?:[0-9a-fA-F.:/]+|loopback|linklocal|uniquelocal)(?:\s*,\s*(?:[0-9a-fA-F.:/]+|loopback|linklocal|uniquelocal))*)$/, "TRUST_PROXY must be true, false, a number of proxy hops, or comma-separated proxy addresses/subnets (e.g. 127.0.0.1 or 10.0.0.0/8) or loopback")
    .default("true"),
  /** npm run backup --encrypt / npm run restore of an encrypted backup: the passphrase (at least 12 characters) */
  BACKUP_PASSPHRASE: z.string().optional(),
  /** folder of pg_dump, pg_restore and psql; default: the installed version matching the server */
  PG_BIN_DIR: z.string().optional(),
  OCDS_PREFIX: z.string().regex(/^ocds-[a-z0-9]{6}$/, "OCDS_PREFIX must be ocds- followed by 6 lower-case letters or digits (the prefix the OCDS Data Support Team registered)").default("ocds-changw"),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** size of the PostgreSQL connection pool */
  databasePoolMax: number;
  demo: boolean;
  publicUrl?: string;
  logLevel: string;
  geojsonProvinces?: string;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  cookieSecure: "true" | "false" | "auto";
  /** run scheduled jobs (pg-boss) in this process; JOBS=off for tools that open the database briefly */
  jobs: boolean;
  /** the ocid prefix OCDS releases are published under */
  ocdsPrefix: string;
  /** public case reports per address or citizen account per 10 minutes */
  casesIntakeLimit: number;
  casesRetentionDays: number;
  readCacheSeconds: number;
  webhooksAllowPrivate: boolean;
  /** WEBHOOKS_SECRET_KEY decoded (32 bytes); absent: see webhooksKeySource */
  webhooksSecretKey?: Buffer;
  webhooksSecretKeyPrevious?: Buffer;
  webhooksRetentionDays: number;
  /** outbox by default in demo or development, log in production unless set */
  mailTransport: "outbox" | "smtp" | "log";
  smtpUrl?: string;
  mailFrom: string;
  /** citizen proposals per account per 24 hours, comments per hour, and days before a response deadline the office is reminded */
  participation: { proposalsPerDay: number; commentsPerHour: number; dueSoonDays: number };
  /** bearer token for GET /metrics; absent: loopback only */
  metricsToken?: string;
  /** Fastify's trustProxy: whose X-Forwarded-For / -Proto to believe (client address for rate limits, https for cookies) */
  trustProxy: boolean | number | string;
  /** npm run backup / restore: BACKUP_PASSPHRASE and PG_BIN_DIR */
  backup: { passphrase?: string; pgBinDir?: string };
};

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // an empty variable means "not set" (e.g. DATABASE_URL= in a shell)
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (การตั้งค่าไม่ถูกต้อง):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const demoFlag = e.DEMO === undefined ? !e.DATABASE_URL : e.DEMO === "true" || e.DEMO === "1";
  const mailTransport = e.MAIL_TRANSPORT ?? (demoFlag || e.NODE_ENV !== "production" ? "outbox" : "log");
  if (mailTransport === "smtp" && !e.SMTP_URL) throw new ConfigError("Invalid configuration (การตั้งค่าไม่ถูกต้อง):\n  SMTP_URL: MAIL_TRANSPORT=smtp needs SMTP_URL (e.g. smtps://user:password@smtp.example.org:465)");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    demo: demoFlag,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    geojsonProvinces: e.GEOJSON_PROVINCES,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE,
    jobs: !["off", "false", "0"].includes(e.JOBS),
    ocdsPrefix: e.OCDS_PREFIX,
    casesIntakeLimit: e.CASES_INTAKE_LIMIT,
    casesRetentionDays: e.CASES_RETENTION_DAYS,
    readCacheSeconds: e.READ_CACHE_SECONDS,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === "true" || e.WEBHOOKS_ALLOW_PRIVATE === "1",
    webhooksSecretKey: e.WEBHOOKS_SECRET_KEY ? parseSecretKey(e.WEBHOOKS_SECRET_KEY)! : undefined,
    webhooksSecretKeyPrevious: e.WEBHOOKS_SECRET_KEY_PREVIOUS ? parseSecretKey(e.WEBHOOKS_SECRET_KEY_PREVIOUS)! : undefined,
    webhooksRetentionDays: e.WEBHOOKS_RETENTION_DAYS,
    mailTransport,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    participation: { proposalsPerDay: e.PARTICIPATION_PROPOSALS_PER_DAY, commentsPerHour: e.PARTICIPATION_COMMENTS_PER_HOUR, dueSoonDays: e.PARTICIPATION_DUE_SOON_DAYS },
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY === "true" ? true : e.TRUST_PROXY === "false" ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY.replace(/\s+/g, ""),
    backup: { passphrase: e.BACKUP_PASSPHRASE, pgBinDir: e.PG_BIN_DIR },
  };
}

/**
 * Where the server's key for webhook secrets comes from: WEBHOOKS_SECRET_KEY, or — in demo and development only —
 * a key generated once in DATA_DIR (`webhooks-secret.key`, mode 0600). Production without DEMO refuses to start
 * without the variable (a key beside the data would travel with every copy of it). The server calls this at start-up.
 */
export function webhooksKeySource(env: Env): { kind: "env"; key: Buffer } | { kind: "data-dir"; dataDir: string } {
  if (env.webhooksSecretKey) return { kind: "env", key: env.webhooksSecretKey };
  if (env.nodeEnv === "production" && !env.demo) {
    throw new ConfigError(
      "Invalid configuration (การตั้งค่าไม่ถูกต้อง):\n  WEBHOOKS_SECRET_KEY: required in production (NODE_ENV=production without DEMO): 32 bytes, e.g. `openssl rand -base64 32`; it seals webhook signing secrets in the database\n  WEBHOOKS_SECRET_KEY: ต้องตั้งค่าเมื่อใช้งานจริง (กุญแจ 32 ไบต์ ใช้เข้ารหัสรหัสลับของเว็บฮุกในฐานข้อมูล)",
    );
  }
  return { kind: "data-dir", dataDir: env.dataDir };
}
