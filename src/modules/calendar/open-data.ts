import { max } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { publicHolidays } from "./tables.js";

/** The calendar's public dataset (open-data catalogue): official holidays, which move statutory deadlines. */
export const calendarOpenData: readonly OpenDataset[] = [
  {
    identifier: "calendar.holidays",
    title: { th: "วันหยุดราชการ", en: "Official public holidays" },
    description: { th: "วันหยุดราชการที่ใช้คำนวณกำหนดเวลาตามกฎหมาย", en: "The official holidays statutory deadlines are counted with" },
    keyword: ["วันหยุดราชการ", "holidays"],
    theme: ["GOVE"],
    distribution: [{ title: "Holidays (JSON)", path: "/api/v1/holidays", mediaType: "application/json", download: true }],
    modified: async (ctx) => (await ctx.db.select({ at: max(publicHolidays.updatedAt) }).from(publicHolidays))[0]?.at ?? null,
  },
];
