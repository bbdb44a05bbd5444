import { describe, expect, it } from "vitest";
import { configureParticipation } from "../modules/participation/index.js";
import { participationSettings } from "../modules/participation/rules.js";
import { ConfigError, loadEnv } from "./env.js";

const VARS = { proposalsPerDay: "PARTICIPATION_PROPOSALS_PER_DAY", commentsPerHour: "PARTICIPATION_COMMENTS_PER_HOUR", dueSoonDays: "PARTICIPATION_DUE_SOON_DAYS" } as const;

describe("configuration: participation limits and reminders", () => {
  it("defaults to 5 proposals a day, 20 comments an hour, a reminder 3 days before an answer is due", () => {
    expect(loadEnv({}).participation).toEqual({ proposalsPerDay: 5, commentsPerHour: 20, dueSoonDays: 3 });
    expect(loadEnv({ PARTICIPATION_PROPOSALS_PER_DAY: "" }).participation.proposalsPerDay).toBe(5);
  });

  it("reads each variable; 0 days means the reminder goes out on the last day only", () => {
    expect(loadEnv({ PARTICIPATION_PROPOSALS_PER_DAY: "2", PARTICIPATION_COMMENTS_PER_HOUR: "60", PARTICIPATION_DUE_SOON_DAYS: "0" }).participation).toEqual({ proposalsPerDay: 2, commentsPerHour: 60, dueSoonDays: 0 });
  });

  it("a bad value stops start-up with a message naming the variable", () => {
    const bad: [keyof typeof VARS, string][] = [
      ["proposalsPerDay", "0"],
      ["proposalsPerDay", "many"],
      ["proposalsPerDay", "2.5"],
      ["commentsPerHour", "-1"],
      ["commentsPerHour", "100000"],
      ["dueSoonDays", "-1"],
      ["dueSoonDays", "366"],
      ["dueSoonDays", "three"],
    ];
    for (const [key, value] of bad) {
      const name = VARS[key];
      const e = (() => {
        try {
          loadEnv({ [name]: value });
          return null;
        } catch (x) {
          return x;
        }
      })();
      expect(e, `${name}=${value}`).toBeInstanceOf(ConfigError);
      expect((e as Error).message, `${name}=${value}`).toContain(name);
      // and only that variable is named
      for (const other of Object.values(VARS).filter((v) => v !== name)) expect((e as Error).message).not.toContain(other);
    }
  });

  it("what start-up passes to configureParticipation is what the module then uses", () => {
    const before = { ...participationSettings() };
    try {
      configureParticipation(loadEnv({ PARTICIPATION_PROPOSALS_PER_DAY: "7", PARTICIPATION_COMMENTS_PER_HOUR: "9", PARTICIPATION_DUE_SOON_DAYS: "5" }).participation);
      expect(participationSettings()).toEqual({ proposalsPerDay: 7, commentsPerHour: 9, dueSoonDays: 5 });
    } finally {
      configureParticipation(before);
    }
  });
});
