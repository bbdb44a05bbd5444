import { date, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Official public holidays; deadlines in business days skip them. Administrators edit this table. */
export const publicHolidays = pgTable("public_holidays", {
  date: date("date").primaryKey(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  source: text("source"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
