import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { HistoryItem, listHistory, ListHistoryInput } from "./list-history.js";

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/history/:entityType/:entityId",
    {
      schema: {
        tags: ["audit"],
        params: ListHistoryInput.pick({ entityType: true, entityId: true }),
        querystring: ListHistoryInput.pick({ limit: true, beforeId: true }),
        response: { 200: z.object({ items: z.array(HistoryItem) }), ...errorResponses },
      },
    },
    (req) => listHistory({ ctx: req.ctx, input: { ...req.params, ...req.query } }),
  );
};
