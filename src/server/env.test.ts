import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "./env.js";

describe("configuration: scheduled jobs", () => {
  it("run by default; JOBS=off (or false, 0) turns them off for tools that open the database briefly", () => {
    expect(loadEnv({}).jobs).toBe(true);
    expect(loadEnv({ JOBS: "" }).jobs).toBe(true);
    expect(loadEnv({ JOBS: "on" }).jobs).toBe(true);
    for (const off of ["off", "false", "0"]) expect(loadEnv({ JOBS: off }).jobs).toBe(false);
    expect(() => loadEnv({ JOBS: "later" })).toThrow(ConfigError);
  });
});

describe("configuration: PostgreSQL pool", () => {
  it("holds 10 connections unless DATABASE_POOL_MAX says otherwise; nonsense stops start-up", () => {
    expect(loadEnv({}).databasePoolMax).toBe(10);
    expect(loadEnv({ DATABASE_POOL_MAX: "50" }).databasePoolMax).toBe(50);
    for (const bad of ["0", "-3", "2.5", "many"]) expect(() => loadEnv({ DATABASE_POOL_MAX: bad })).toThrow(ConfigError);
  });
});

describe("configuration: metrics and proxies", () => {
  it("METRICS_TOKEN is optional (loopback only without it) and must not be guessable when set", () => {
    expect(loadEnv({}).metricsToken).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: "0123456789abcdef0123" }).metricsToken).toBe("0123456789abcdef0123");
    expect(() => loadEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });

  it("TRUST_PROXY: true by default; false, a hop count, addresses, subnets or loopback; anything else stops start-up", () => {
    expect(loadEnv({}).trustProxy).toBe(true);
    expect(loadEnv({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "loopback" }).trustProxy).toBe("loopback");
    expect(loadEnv({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }).trustProxy).toBe("127.0.0.1,10.0.0.0/8");
    expect(loadEnv({ TRUST_PROXY: "loopback,fd00::/8" }).trustProxy).toBe("loopback,fd00::/8");
    for (const bad of ["yes", "proxy.example.org", "127.0.0.1;rm"]) expect(() => loadEnv({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
  });
});
