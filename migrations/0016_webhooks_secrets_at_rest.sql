ALTER TABLE "webhook_subscriptions" ALTER COLUMN "secret" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "secret_key_id" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "secret_nonce" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "secret_tag" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "previous_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "previous_secret_nonce" text;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "previous_secret_tag" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_settled_idx" ON "webhook_deliveries" USING btree ((coalesce(delivered_at, last_attempt_at, created_at))) WHERE status in ('succeeded', 'gave_up') and not is_demo;--> statement-breakpoint
CREATE INDEX "webhook_events_occurred_idx" ON "webhook_events" USING btree ("occurred_at");--> statement-breakpoint
-- ===== Hand-written (keep when regenerating): checks drizzle cannot express. =====
-- A subscription's current secret is stored in exactly one form: plaintext (a row from before this migration,
-- until it is sealed) or sealed with all of ciphertext, nonce, tag and key id. A sealed rotated-out secret has
-- all three parts or none, and never sits beside a plaintext one.
-- The data migration plaintext → ciphertext needs WEBHOOKS_SECRET_KEY, which SQL does not have: the webhooks
-- module's start hook (platform/webhooks/secrets.ts#sealStoredSecrets) seals every plaintext row at the first
-- start after this migration and sets `secret` / `previous_secret` to null; a delivery seals a row it reads too.
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_secret_stored_once" CHECK (
  (secret IS NULL AND secret_ciphertext IS NOT NULL AND secret_nonce IS NOT NULL AND secret_tag IS NOT NULL AND secret_key_id IS NOT NULL)
  OR (secret IS NOT NULL AND secret_ciphertext IS NULL)
);--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_previous_secret_stored_once" CHECK (
  (previous_secret IS NULL OR previous_secret_ciphertext IS NULL)
  AND (previous_secret_ciphertext IS NULL) = (previous_secret_nonce IS NULL)
  AND (previous_secret_ciphertext IS NULL) = (previous_secret_tag IS NULL)
);
