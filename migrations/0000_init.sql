CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"province_code" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"person_id" text,
	"locale" text DEFAULT 'th' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"grants" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"province_code" text,
	"granted_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reset_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"issued_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "public_holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area_groupings" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"group_id" text NOT NULL,
	"province_code" text,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" text PRIMARY KEY NOT NULL,
	"classification" text NOT NULL,
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"parent_id" text,
	"province_code" text,
	"iso" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"mode" text DEFAULT 'all-or-nothing' NOT NULL,
	"content" text,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"report" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"post_id" text,
	"organization_id" text NOT NULL,
	"role" text NOT NULL,
	"designation" text,
	"province_code" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_types" (
	"id" text PRIMARY KEY NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"department_id" text,
	"ministry_id" text
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"classification" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"abbreviation" text,
	"parent_id" text,
	"area_id" text,
	"province_code" text,
	"office_type_id" text,
	"founding_date" date,
	"dissolution_date" date,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversights" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"area_id" text NOT NULL,
	"province_code" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"honorific_th" text,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"email" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"label_th" text NOT NULL,
	"label_en" text DEFAULT '' NOT NULL,
	"organization_id" text NOT NULL,
	"area_id" text,
	"province_code" text,
	"start_date" date,
	"end_date" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_province_idx" ON "audit_log" USING btree ("province_code","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_uq" ON "accounts" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "grants_account_idx" ON "grants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "grants_scope_idx" ON "grants" USING btree ("scope");--> statement-breakpoint
CREATE INDEX "grants_province_idx" ON "grants" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "reset_tokens_hash_uq" ON "reset_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "area_groupings_area_idx" ON "area_groupings" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "area_groupings_group_idx" ON "area_groupings" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "area_groupings_province_idx" ON "area_groupings" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "areas_class_code_uq" ON "areas" USING btree ("classification","code");--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "areas_province_idx" ON "areas" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "areas_search_idx" ON "areas" USING gin ("search");--> statement-breakpoint
CREATE INDEX "areas_name_th_trgm_idx" ON "areas" USING gin ("name_th" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "memberships_post_idx" ON "memberships" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "memberships_province_idx" ON "memberships" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organizations_area_idx" ON "organizations" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "organizations_province_idx" ON "organizations" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "organizations_class_idx" ON "organizations" USING btree ("classification");--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "organizations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "organizations_name_th_trgm_idx" ON "organizations" USING gin ("name_th" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "oversights_post_idx" ON "oversights" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "oversights_area_idx" ON "oversights" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "oversights_province_idx" ON "oversights" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "persons_search_idx" ON "persons" USING gin ("search");--> statement-breakpoint
CREATE INDEX "persons_name_th_trgm_idx" ON "persons" USING gin ("name_th" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "posts_org_idx" ON "posts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "posts_area_idx" ON "posts" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "posts_province_idx" ON "posts" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "posts_role_idx" ON "posts" USING btree ("role");--> statement-breakpoint
CREATE INDEX "posts_search_idx" ON "posts" USING gin ("search");