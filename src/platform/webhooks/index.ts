/** Signed webhooks (Standard Webhooks): the outbox, signing, URL safety and delivery, shared by every module. */
export { emitEvent, emitEvents, eventWrites, insertEvent, matchingPatterns, subscriptionsFor, WEBHOOK_CACHE, MAX_PAYLOAD_BYTES, type WebhookEventInput } from "./emit.js";
export { deliverDue, deliverNow, DELIVERY_TIMEOUT_MS, PAUSE_AFTER_FAILING_MS, RETRY_DELAYS_MS, type AttemptResult } from "./deliver.js";
export { configureWebhooks, DEFAULT_RETENTION_DAYS, publicLink, webhookSettings, type WebhookSettings } from "./settings.js";
export { dataDirKey, DEVELOPMENT_KEY, KEY_FILE_NAME, parseSecretKey, SECRET_UNREADABLE, secretKey, SecretUnreadableError, type SecretKey, type SecretKeyring } from "./secret-box.js";
export { openSubscriptionSecrets, sealedSecretColumns, sealStoredSecrets } from "./secrets.js";
export { purgeSettledDeliveries } from "./purge.js";
export { newWebhookSecret, signedHeaders, signV1, SECRET_PREFIX } from "./signing.js";
export { checkUrlShape, checkUrlTarget, guardedLookup, isBlockedAddress, resolveChecked, systemResolver, UnsafeUrlError, type Resolver } from "./url-safety.js";
export { postPinned, type PostAnswer } from "./post.js";
export { webhookAttempts, webhookDeliveries, webhookEvents, webhookSubscriptions } from "./tables.js";
