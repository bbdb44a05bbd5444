ALTER TABLE "accounts" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone" text;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_verified_email_uq" ON "accounts" USING btree (lower("email")) WHERE "accounts"."email_verified_at" is not null;