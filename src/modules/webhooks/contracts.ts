import { z } from "zod";

/** Every event another system can subscribe to: `case.<kind>` of a case's public timeline, and the test event. */
export const CASE_EVENT_TYPES = [
  "case.created",
  "case.routed",
  "case.accept",
  "case.start",
  "case.update",
  "case.transferred",
  "case.escalated",
  "case.resolve",
  "case.reopen",
  "case.rated",
  "case.auto-closed",
  "case.merged",
  "case.merged-in",
] as const;
/**
 * The events of the other modules' changes that operation centres link on (issue 7): KPI results and agreement
 * scores (performance), projects and procurement money (planning), meetings, resolutions and action items
 * (committees), alerts (oversight), partner MOUs and contributions (networks), delegation orders (delegation).
 * Their payloads carry ids, area, organisation and figures, never a person's name or contact.
 */
export const MODULE_EVENT_TYPES = [
  "kpi.result-recorded",
  "kpi.result-reviewed",
  "agreement.round-scored",
  "project.created",
  "project.updated",
  "project.status-changed",
  "project.progress-recorded",
  "procurement.awarded",
  "procurement.payment-recorded",
  "committee.meeting-held",
  "committee.resolution-recorded",
  "committee.action-item-added",
  "committee.action-item-updated",
  "alert.raised",
  "alert.resolved",
  "partner.agreement-signed",
  "partner.agreement-ended",
  "partner.contribution-recorded",
  "delegation.issued",
  "delegation.revoked",
] as const;
export type ModuleEventType = (typeof MODULE_EVENT_TYPES)[number];
/** Every type the outbox records (the feed serves these; the test event goes to one subscription only). */
export const EVENT_TYPES = [...CASE_EVENT_TYPES, ...MODULE_EVENT_TYPES] as const;
/** The families a subscription or the feed may name: "case.*", "kpi.*", … */
export const EVENT_FAMILIES = ["case.*", "kpi.*", "agreement.*", "project.*", "procurement.*", "committee.*", "alert.*", "partner.*", "delegation.*"] as const;
export const WEBHOOK_TEST_EVENT = "webhook.test";
/** What a subscription may name: one event type, a family ("case.*") or everything ("*"). */
export const EVENT_TYPE_CHOICES = ["*", ...EVENT_FAMILIES, ...EVENT_TYPES, WEBHOOK_TEST_EVENT] as const;
export const EventTypeChoice = z.enum(EVENT_TYPE_CHOICES);
export type EventTypeChoice = z.infer<typeof EventTypeChoice>;

export const SubscriptionStatus = z.enum(["active", "paused"]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;
export const DeliveryStatus = z.enum(["pending", "sending", "succeeded", "gave_up"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
const Url = z.string().trim().min(1).max(2000);
const EventTypes = z
  .array(EventTypeChoice)
  .min(1)
  .max(EVENT_TYPE_CHOICES.length)
  .refine((a) => new Set(a).size === a.length, "each event type once");

/** A new subscription: province null = nation-wide (administrators only). */
export const CreateSubscriptionInput = z.object({
  url: Url,
  provinceCode: ProvinceCode.nullable(),
  eventTypes: EventTypes,
  descriptionTh: z.string().trim().max(500).default(""),
});
export type CreateSubscriptionInput = z.input<typeof CreateSubscriptionInput>;

/** Changes to a subscription; `status` pauses or resumes it. `version` guards against overwriting someone else's change. */
export const UpdateSubscriptionInput = z
  .object({
    url: Url.optional(),
    eventTypes: EventTypes.optional(),
    descriptionTh: z.string().trim().max(500).optional(),
    status: SubscriptionStatus.optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type UpdateSubscriptionInput = z.input<typeof UpdateSubscriptionInput>;

export const SubscriptionView = z.object({
  id: z.string(),
  provinceCode: z.string().nullable(),
  url: z.string(),
  descriptionTh: z.string(),
  eventTypes: z.array(z.string()),
  status: SubscriptionStatus,
  pausedReason: z.enum(["manual", "failing"]).nullable(),
  health: z.object({
    lastSuccessAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    consecutiveFailures: z.number(),
    failingSince: z.string().nullable(),
  }),
  /** while a rotated-out secret still signs (24 h after a rotation) */
  previousSecretExpiresAt: z.string().nullable(),
  version: z.number(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

/** The answer to a creation: the only time the signing secret is shown. */
export const CreatedSubscription = SubscriptionView.extend({ secret: z.string() });
export type CreatedSubscription = z.infer<typeof CreatedSubscription>;

export const RotatedSecret = z.object({ id: z.string(), secret: z.string(), previousSecretExpiresAt: z.string(), version: z.number() });
export type RotatedSecret = z.infer<typeof RotatedSecret>;

export const ListDeliveriesInput = z.object({
  subscriptionId: z.string().max(64).optional(),
  status: DeliveryStatus.optional(),
  eventType: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>;

export const AttemptView = z.object({
  attempt: z.number(),
  trigger: z.enum(["scheduled", "manual"]),
  at: z.string(),
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
  responseExcerpt: z.string(),
});
export type AttemptView = z.infer<typeof AttemptView>;

export const DeliveryView = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  provinceCode: z.string().nullable(),
  status: DeliveryStatus,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  isDemo: z.boolean(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryList = z.object({ items: z.array(DeliveryView), total: z.number(), page: z.number(), pageSize: z.number() });
export type DeliveryList = z.infer<typeof DeliveryList>;

/** A delivery with its attempts and the exact body sent (the event's payload). */
export const DeliveryDetail = DeliveryView.extend({ payload: z.unknown(), attemptsLog: z.array(AttemptView) });
export type DeliveryDetail = z.infer<typeof DeliveryDetail>;

/** What a redelivery or a test event did: the attempt made at once. */
export const SendResult = z.object({
  deliveryId: z.string(),
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
  status: DeliveryStatus,
});
export type SendResult = z.infer<typeof SendResult>;

/** The event types the feed serves (a subscription's test event goes to that subscription only, never the feed). */
export const FEED_EVENT_TYPE_CHOICES = [...EVENT_FAMILIES, ...EVENT_TYPES] as const;

/**
 * The event feed for systems that poll instead of receiving webhooks: the events after a cursor (opaque: take it
 * from the previous page's `cursor`), oldest first.
 */
export const ListEventsInput = z.object({
  after: z.string().regex(/^[A-Za-z0-9_-]{8,200}$/, "a cursor from a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  type: z.enum(FEED_EVENT_TYPE_CHOICES).optional(),
  provinceCode: ProvinceCode.optional(),
});
export type ListEventsInput = z.input<typeof ListEventsInput>;

/** The same JSON body a webhook receiver is sent. */
export const EventPayload = z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) });
export const FeedEvent = z.object({
  /** also the `webhook-id` a subscriber receives for this event: drop repeats by it */
  id: z.string(),
  type: z.string(),
  provinceCode: z.string().nullable(),
  occurredAt: z.string(),
  payload: EventPayload,
});
export type FeedEvent = z.infer<typeof FeedEvent>;
export const EventFeed = z.object({
  items: z.array(FeedEvent),
  /** pass as `after` for the next page; when there is nothing new it is the cursor you sent (null at the very start of an empty feed) */
  cursor: z.string().nullable(),
  /** more events wait after this page: ask again at once */
  hasMore: z.boolean(),
});
export type EventFeed = z.infer<typeof EventFeed>;
