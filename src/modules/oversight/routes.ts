import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { getAlertSubscriptions, setAlertSubscriptions } from "./alert-subscriptions.js";
import { AlertPage, AlertsInput, AlertSubscriptions, AlertSubscriptionsInput, MarkAlertReadInput, MarkedAlert } from "./contracts-alerts.js";
import { Dashboard, DashboardInput, MapInput, Matrix, MatrixInput, MetricMap, MyScopes, RebuildInput, RecordPage, RecordsInput } from "./contracts.js";
import { ProvinceReportQuery } from "./contracts-report.js";
import { getDashboard } from "./get-dashboard.js";
import { getProvinceReport } from "./get-province-report.js";
import { getMetricMap } from "./get-map.js";
import { getMatrix } from "./get-matrix.js";
import { listAlerts } from "./list-alerts.js";
import { listRecords } from "./list-records.js";
import { markAlertRead } from "./mark-alert-read.js";
import { rebuildRollups } from "./rebuild-rollups.js";
import { renderProvinceBriefPdf, renderProvinceReportPdf } from "./report-pdf.js";
import { myScopes } from "./scopes.js";

const Rebuilt = z.object({ provinces: z.number().int(), families: z.number().int(), rows: z.number().int(), ms: z.number().int() });

/**
 * Operation centres: the reader's scopes, a scope's dashboard, the function × area matrix, the map by metric, the records
 * behind a figure; the alert inbox, read marks and the reader's alert subscriptions.
 */
export const oversightRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["oversight"];
  r.get("/oversight/scopes", { schema: { tags, response: { 200: MyScopes, ...errorResponses } } }, (req) => myScopes({ ctx: req.ctx }));
  r.get("/oversight/dashboard", { schema: { tags, querystring: DashboardInput, response: { 200: Dashboard, ...errorResponses } } }, (req) => getDashboard({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/matrix", { schema: { tags, querystring: MatrixInput, response: { 200: Matrix, ...errorResponses } } }, (req) => getMatrix({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/map", { schema: { tags, querystring: MapInput, response: { 200: MetricMap, ...errorResponses } } }, (req) => getMetricMap({ ctx: req.ctx, input: req.query }));
  r.get("/oversight/records", { schema: { tags, querystring: RecordsInput, response: { 200: RecordPage, ...errorResponses } } }, (req) => listRecords({ ctx: req.ctx, input: req.query }));
  r.post("/oversight/rollups/rebuild", { schema: { tags, body: RebuildInput, response: { 200: Rebuilt, ...errorResponses } } }, (req) => rebuildRollups({ ctx: req.ctx, input: req.body }));
  r.get("/oversight/reports/province", { schema: { tags, querystring: ProvinceReportQuery, response: errorResponses } }, async (req, reply) => {
    const report = await getProvinceReport({ ctx: req.ctx, input: req.query });
    const body = req.query.format === "brief" ? await renderProvinceBriefPdf(report) : await renderProvinceReportPdf(report);
    const name = `province-${report.province.code}-${report.fiscalYear}-${report.period}m${req.query.format === "brief" ? "-brief" : ""}.pdf`;
    return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="${name}"`).send(body as never); // a file: Fastify sends buffers as they are
  });
  r.get("/oversight/alerts", { schema: { tags, querystring: AlertsInput, response: { 200: AlertPage, ...errorResponses } } }, (req) => listAlerts({ ctx: req.ctx, input: req.query }));
  r.post("/oversight/alerts/:id/read", { schema: { tags, params: z.object({ id: z.string().min(1).max(64) }), body: MarkAlertReadInput.optional(), response: { 200: MarkedAlert, ...errorResponses } } }, (req) =>
    markAlertRead({ ctx: req.ctx, alertId: req.params.id, input: req.body ?? {} }),
  );
  r.get("/oversight/alert-subscriptions", { schema: { tags, response: { 200: AlertSubscriptions, ...errorResponses } } }, (req) => getAlertSubscriptions({ ctx: req.ctx }));
  r.put("/oversight/alert-subscriptions", { schema: { tags, body: AlertSubscriptionsInput, response: { 200: AlertSubscriptions, ...errorResponses } } }, (req) => setAlertSubscriptions({ ctx: req.ctx, input: req.body }));
};
