CREATE SEQUENCE "public"."case_ref_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"description_th" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"group_th" text DEFAULT '' NOT NULL,
	"group_en" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"accept_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"default_office_type" text,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"visibility" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"text_th" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" text,
	"actor_label_th" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"dhash" text,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_reporters" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"province_code" text NOT NULL,
	"account_id" text,
	"name" text,
	"phone" text,
	"email" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"tracking_hash" text NOT NULL,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"notify" boolean DEFAULT true NOT NULL,
	"original" boolean DEFAULT true NOT NULL,
	"from_case_id" text,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_routing_models" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"model" jsonb NOT NULL,
	"examples" integer NOT NULL,
	"metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_routing_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"area_id" text NOT NULL,
	"category_id" text,
	"org_id" text NOT NULL,
	"note_th" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"public_ref" text NOT NULL,
	"province_code" text NOT NULL,
	"district_code" text,
	"subdistrict_code" text,
	"category_id" text NOT NULL,
	"channel" text NOT NULL,
	"description_th" text NOT NULL,
	"public_text" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"address_th" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"cell" bigint,
	"status" text NOT NULL,
	"assigned_org_id" text,
	"assignee_account_id" text,
	"routed_by" text,
	"accept_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"merged_into" text,
	"support_count" integer DEFAULT 1 NOT NULL,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"resolution_th" text,
	"after_photo_id" text,
	"disputed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"rating" double precision,
	"external_id" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"public_search_text" text DEFAULT '' NOT NULL,
	"public_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', public_search_text)) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_photos_case_idx" ON "case_photos" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_photos_sha_idx" ON "case_photos" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "case_photos_dhash_idx" ON "case_photos" USING btree ("dhash");--> statement-breakpoint
CREATE INDEX "case_reporters_case_idx" ON "case_reporters" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_reporters_account_idx" ON "case_reporters" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_reporters_tracking_uq" ON "case_reporters" USING btree ("tracking_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "case_routing_models_uq" ON "case_routing_models" USING btree ("kind","scope");--> statement-breakpoint
CREATE UNIQUE INDEX "case_routing_rules_uq" ON "case_routing_rules" USING btree ("area_id",coalesce("category_id", ''));--> statement-breakpoint
CREATE INDEX "case_routing_rules_province_idx" ON "case_routing_rules" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_public_ref_uq" ON "cases" USING btree ("public_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_external_uq" ON "cases" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "cases_province_status_idx" ON "cases" USING btree ("province_code","status","received_at");--> statement-breakpoint
CREATE INDEX "cases_org_status_idx" ON "cases" USING btree ("assigned_org_id","status");--> statement-breakpoint
CREATE INDEX "cases_district_idx" ON "cases" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "cases_cell_idx" ON "cases" USING btree ("cell","received_at");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("resolve_due_at") WHERE status in ('received','accepted','in_progress','reopened');--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search");--> statement-breakpoint
CREATE INDEX "cases_public_search_idx" ON "cases" USING gin ("public_search");