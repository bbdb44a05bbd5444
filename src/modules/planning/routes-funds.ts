import type { FastifyPluginAsync } from "fastify";
import "../../platform/http/request-ctx.js";

/** Routes of the planning module's funds part (filled in by that part). */
export const fundsRoutes: FastifyPluginAsync = async () => {};
