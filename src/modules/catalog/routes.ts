import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import type { OpenDataset } from "../../platform/module.js";
import { Catalog } from "./contracts.js";
import { getCatalog } from "./get-catalog.js";

/** The open-data catalogue, built from the datasets the modules declare (handed over by the composition root). */
export const catalogRoutes =
  (opts: { datasets: readonly OpenDataset[]; publicUrl?: string | null }): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      "/catalog",
      { schema: { tags: ["catalog"], description: "The open-data catalogue (DCAT-like JSON, public): every dataset served without login, with its distributions (API pages and whole-file downloads) and the standards they follow.", response: { 200: Catalog, ...errorResponses } } },
      async (req, reply) => reply.header("cache-control", "public, max-age=300").send(await getCatalog({ ctx: req.ctx, input: { baseUrl: opts.publicUrl || `${req.protocol}://${req.host}`, datasets: opts.datasets } })),
    );
  };
