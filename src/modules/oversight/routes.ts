import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { Dashboard, DashboardInput, MapInput, Matrix, MatrixInput, MetricMap, MyScopes, RebuildInput, RecordPage, RecordsInput } from "./contracts.js";
import { getDashboard } from "./get-dashboard.js";
import { getMetricMap } from "./get-map.js";
import { getMatrix } from "./get-matrix.js";
import { listRecords } from "./list-records.js";
import { rebuildRollups } from "./rebuild-rollups.js";
import { myScopes } from "./scopes.js";

const Rebuilt = z.object({ provinces: z.number().int(), families: z.number().int(), rows: z.number().int(), ms: z.number().int() });

/** Operation centres: the reader's scopes, a scope's dashboard, the function × area matrix, the map by metric, the records behind a figure. */
export const oversightRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["oversight"];
  r.get("/oversight/scopes", { schema: { tags, response: { 200: MyScopes, ...errorResponses } } }, (req) => myScopes({ ctx: req.ctx }));
  r.get("/oversight/dashboard", { schema: { tags, querystring: DashboardInput, response: { 200: Dashboard, ...errorResponses } } }, (req) => getDashboard({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/matrix", { schema: { tags, querystring: MatrixInput, response: { 200: Matrix, ...errorResponses } } }, (req) => getMatrix({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/map", { schema: { tags, querystring: MapInput, response: { 200: MetricMap, ...errorResponses } } }, (req) => getMetricMap({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/records", { schema: { tags, querystring: RecordsInput, response: { 200: RecordPage, ...errorResponses } } }, (req) => listRecords({ ctx: req.ctx, input: req.query }));
  r.post("/oversight/rollups/rebuild", { schema: { tags, body: RebuildInput, response: { 200: Rebuilt, ...errorResponses } } }, (req) => rebuildRollups({ ctx: req.ctx, input: req.body }));
};
