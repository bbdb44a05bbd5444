import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, webhooksKeySource } from "../../server/env.js";

const PG = "postgres://u:p@127.0.0.1:5432/changwat";

describe("configuration: webhooks (WEBHOOKS_SECRET_KEY, WEBHOOKS_RETENTION_DAYS)", () => {
  it("takes the key as 64 hex digits or base64 of 32 bytes; anything else stops start-up with a message naming the variable", () => {
    const k = randomBytes(32);
    expect(loadEnv({ WEBHOOKS_SECRET_KEY: k.toString("hex") }).webhooksSecretKey).toEqual(k);
    expect(loadEnv({ WEBHOOKS_SECRET_KEY: k.toString("base64") }).webhooksSecretKey).toEqual(k);
    expect(loadEnv({ WEBHOOKS_SECRET_KEY_PREVIOUS: k.toString("base64url") }).webhooksSecretKeyPrevious).toEqual(k);
    for (const bad of ["changeme", randomBytes(16).toString("hex"), randomBytes(33).toString("base64")]) {
      expect(() => loadEnv({ WEBHOOKS_SECRET_KEY: bad })).toThrow(ConfigError);
      expect(() => loadEnv({ WEBHOOKS_SECRET_KEY: bad })).toThrow(/WEBHOOKS_SECRET_KEY must be 32 bytes/);
    }
    expect(() => loadEnv({ WEBHOOKS_SECRET_KEY_PREVIOUS: "short" })).toThrow(/WEBHOOKS_SECRET_KEY_PREVIOUS/);
  });

  it("production without DEMO refuses to start without the key; demo and development use the data folder's key file", () => {
    const k = randomBytes(32);
    expect(() => webhooksKeySource(loadEnv({ DATABASE_URL: PG }))).toThrow(/WEBHOOKS_SECRET_KEY: required in production/);
    expect(() => webhooksKeySource(loadEnv({ NODE_ENV: "production", DEMO: "false" }))).toThrow(ConfigError);
    expect(webhooksKeySource(loadEnv({ DATABASE_URL: PG, WEBHOOKS_SECRET_KEY: k.toString("hex") }))).toEqual({ kind: "env", key: k });
    expect(webhooksKeySource(loadEnv({ DATA_DIR: "/tmp/x" }))).toEqual({ kind: "data-dir", dataDir: "/tmp/x" }); // PGlite: demo by default
    expect(webhooksKeySource(loadEnv({ DATABASE_URL: PG, DEMO: "true" }))).toMatchObject({ kind: "data-dir" });
    expect(webhooksKeySource(loadEnv({ DATABASE_URL: PG, NODE_ENV: "development" }))).toMatchObject({ kind: "data-dir" });
  });

  it("keeps settled deliveries 30 days unless WEBHOOKS_RETENTION_DAYS says otherwise; nonsense stops start-up", () => {
    expect(loadEnv({}).webhooksRetentionDays).toBe(30);
    expect(loadEnv({ WEBHOOKS_RETENTION_DAYS: "7" }).webhooksRetentionDays).toBe(7);
    for (const bad of ["0", "-1", "1.5", "forever", "4000"]) expect(() => loadEnv({ WEBHOOKS_RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
  });
});
