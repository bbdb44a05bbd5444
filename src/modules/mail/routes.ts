import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { MailInfo, OutboxList, OutboxQuery } from "./contracts.js";
import { listOutbox } from "./list-outbox.js";
import { mailSettings } from "./settings.js";

/** Mail HTTP adapter: which transport is on, and the development outbox (404 unless MAIL_TRANSPORT=outbox). */
export const mailRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["mail"];
  r.get("/mail/info", { schema: { tags, response: { 200: MailInfo } } }, async () => ({ transport: mailSettings().transport.kind, outbox: mailSettings().transport.kind === "outbox" }));
  // a POST so that the address travels in the body: request logs record URLs, never bodies
  r.post(
    "/dev/outbox",
    { config: { rateLimit: { max: 60, timeWindow: "1 minute" } }, schema: { tags, description: "Development outbox: the mail stored for one address (MAIL_TRANSPORT=outbox only). A read: the address is in the body to keep it out of logs.", body: OutboxQuery, response: { 200: OutboxList, ...errorResponses } } },
    (req) => listOutbox({ ctx: req.ctx, input: req.body }),
  );
};
