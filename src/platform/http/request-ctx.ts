import type { Ctx } from "../ctx.js";

declare module "fastify" {
  interface FastifyRequest {
    ctx: Ctx;
  }
}

export {};
