import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { Holiday, ListHolidaysInput, UpsertHolidayInput } from "./contracts.js";
import { deleteHoliday } from "./delete-holiday.js";
import { listHolidays } from "./list-holidays.js";
import { upsertHoliday } from "./upsert-holiday.js";

export const calendarRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["calendar"];
  r.get("/holidays", { schema: { tags, querystring: ListHolidaysInput, response: { 200: z.array(Holiday), ...errorResponses } } }, (req) => listHolidays({ ctx: req.ctx, input: req.query }));
  r.post("/holidays", { schema: { tags, body: UpsertHolidayInput, response: { 200: Holiday, ...errorResponses } } }, (req) => upsertHoliday({ ctx: req.ctx, input: req.body }));
  r.delete("/holidays/:date", { schema: { tags, params: z.object({ date: UpsertHolidayInput.shape.date }), response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } } }, async (req) => {
    await deleteHoliday({ ctx: req.ctx, input: req.params });
    return { ok: true as const };
  });
};
