import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

export const Holiday = z.object({ date: z.string(), nameTh: z.string(), nameEn: z.string(), source: z.string().nullable() });
export type Holiday = z.infer<typeof Holiday>;
export const ListHolidaysInput = z.object({ year: z.coerce.number().int().min(1900).max(2700).optional() });
export const UpsertHolidayInput = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD")
    .refine((s) => isIsoDate(s) && s >= "1900-01-01" && s <= "2199-12-31", "date must be a real Gregorian (C.E.) date, not a B.E. year"),
  nameTh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  source: z.string().trim().max(300).nullable().optional(),
});
export type UpsertHolidayInput = z.infer<typeof UpsertHolidayInput>;
