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
