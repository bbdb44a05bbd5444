import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { CreatedSubscription, CreateSubscriptionInput, DeliveryDetail, DeliveryList, EVENT_TYPE_CHOICES, EventFeed, ListDeliveriesInput, ListEventsInput, RotatedSecret, SendResult, SubscriptionView, UpdateSubscriptionInput } from "./contracts.js";
import { createSubscription } from "./create-subscription.js";
import { deleteSubscription } from "./delete-subscription.js";
import { getDelivery } from "./get-delivery.js";
import { listDeliveries } from "./list-deliveries.js";
import { listEvents } from "./list-events.js";
import { listSubscriptions } from "./list-subscriptions.js";
import { redeliver } from "./redeliver.js";
import { rotateSecret } from "./rotate-secret.js";
import { sendTestEvent } from "./send-test-event.js";
import { updateSubscription } from "./update-subscription.js";

const tags = ["webhooks"];
const Id = z.object({ id: z.string().min(1).max(64) });

/** Signed webhooks for other systems: subscriptions, secret rotation, the delivery log, redelivery, test events. */
export const webhooksRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/webhooks/event-types", { schema: { tags, description: "The event types a subscription may name (see docs/API.md, Webhooks).", response: { 200: z.object({ items: z.array(z.string()) }) } } }, async () => ({ items: [...EVENT_TYPE_CHOICES] }));
  r.get("/webhooks/subscriptions", { schema: { tags, querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional() }), response: { 200: z.object({ items: z.array(SubscriptionView) }), ...errorResponses } } }, (req) => listSubscriptions({ ctx: req.ctx, input: req.query }));
  r.post(
    "/webhooks/subscriptions",
    { schema: { tags, description: "Registers an https URL for events of a province (null: every province, administrators). The answer carries the signing secret (whsec_…): shown this once.", body: CreateSubscriptionInput, response: { 201: CreatedSubscription, ...errorResponses } } },
    async (req, reply) => reply.code(201).header("cache-control", "no-store").send(await createSubscription({ ctx: req.ctx, input: req.body })),
  );
  r.patch("/webhooks/subscriptions/:id", { schema: { tags, description: "Changes the URL, event types or description; `status` pauses or resumes.", params: Id, body: UpdateSubscriptionInput, response: { 200: SubscriptionView, ...errorResponses } } }, (req) =>
    updateSubscription({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }),
  );
  r.delete("/webhooks/subscriptions/:id", { schema: { tags, params: Id, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await deleteSubscription({ ctx: req.ctx, input: { id: req.params.id } });
    return reply.code(204).send(null);
  });
  r.post("/webhooks/subscriptions/:id/rotate-secret", { schema: { tags, description: "A new secret (shown once); the old one keeps signing beside it for 24 h.", params: Id, response: { 200: RotatedSecret, ...errorResponses } } }, async (req, reply) =>
    reply.header("cache-control", "no-store").send(await rotateSecret({ ctx: req.ctx, input: { id: req.params.id } })),
  );
  r.post("/webhooks/subscriptions/:id/test", { schema: { tags, description: "Sends a signed webhook.test event now and answers with what the receiver said.", params: Id, response: { 200: SendResult, ...errorResponses } } }, (req) => sendTestEvent({ ctx: req.ctx, input: { id: req.params.id } }));
  r.get(
    "/events",
    {
      schema: {
        tags,
        description:
          "The event feed, for systems that poll instead of receiving webhooks: events after the cursor `after`, oldest first, each with the same JSON body a webhook receives. Readable for the provinces whose webhooks the caller may manage (nation-wide grants: all). Events are deleted WEBHOOKS_RETENTION_DAYS (30) after they happened.",
        querystring: ListEventsInput,
        response: { 200: EventFeed, ...errorResponses },
      },
    },
    (req) => listEvents({ ctx: req.ctx, input: req.query }),
  );
  r.get("/webhooks/deliveries", { schema: { tags, querystring: ListDeliveriesInput, response: { 200: DeliveryList, ...errorResponses } } }, (req) => listDeliveries({ ctx: req.ctx, input: req.query }));
  r.get("/webhooks/deliveries/:id", { schema: { tags, params: Id, response: { 200: DeliveryDetail, ...errorResponses } } }, (req) => getDelivery({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/webhooks/deliveries/:id/redeliver", { schema: { tags, description: "Sends the delivery again now (same webhook-id).", params: Id, response: { 200: SendResult, ...errorResponses } } }, (req) => redeliver({ ctx: req.ctx, input: { id: req.params.id } }));
};
