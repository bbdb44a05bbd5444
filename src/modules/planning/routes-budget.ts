import type { FastifyPluginAsync } from "fastify";
import "../../platform/http/request-ctx.js";

/** Routes of the planning module's budget part (filled in by that part). */
export const budgetRoutes: FastifyPluginAsync = async () => {};
