import type { ModuleManifest } from "../../platform/module.js";
import { calendarOpenData } from "./open-data.js";
import { calendarRoutes } from "./routes.js";
import { seedHolidays } from "./seed-holidays.js";

export const calendarModule: ModuleManifest = {
  name: "calendar",
  openData: calendarOpenData,
  routes: calendarRoutes,
  operations: ["calendar:read", "calendar:holiday.write"],
  auditActions: ["calendar.holiday.create", "calendar.holiday.update", "calendar.holiday.delete", "calendar.holiday.seed"],
  seed: async (ctx) => {
    await seedHolidays({ ctx });
  },
};
