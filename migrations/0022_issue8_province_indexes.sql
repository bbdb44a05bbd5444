DROP INDEX "webhook_subscriptions_match_idx";--> statement-breakpoint
CREATE INDEX "notifications_unsent_idx" ON "notifications" USING btree ("created_at") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "webhook_events_province_idx" ON "webhook_events" USING btree ("province_code","occurred_at","id");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_province_idx" ON "webhook_subscriptions" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "participation_proposals_province_idx" ON "participation_proposals" USING btree ("province_code");