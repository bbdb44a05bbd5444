CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"recipient" text NOT NULL,
	"province_code" text,
	"kind" text NOT NULL,
	"subject_th" text NOT NULL,
	"subject_en" text NOT NULL,
	"body_th" text,
	"body_en" text,
	"link" text,
	"entity_type" text,
	"entity_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agreement_amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"agreement_id" text NOT NULL,
	"version" integer NOT NULL,
	"reason_th" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"province_code" text
);
--> statement-breakpoint
CREATE TABLE "agreement_item_results" (
	"agreement_id" text NOT NULL,
	"round" integer NOT NULL,
	"item_id" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"entered_by" text NOT NULL,
	"entered_by_name" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"province_code" text,
	CONSTRAINT "agreement_item_results_agreement_id_round_item_id_pk" PRIMARY KEY("agreement_id","round","item_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_items" (
	"agreement_id" text NOT NULL,
	"item_id" text NOT NULL,
	"kpi_id" text,
	"name_th" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" double precision NOT NULL,
	"component" text,
	"criteria" jsonb NOT NULL,
	"position" integer NOT NULL,
	"province_code" text,
	CONSTRAINT "agreement_items_agreement_id_item_id_pk" PRIMARY KEY("agreement_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_rounds" (
	"agreement_id" text NOT NULL,
	"round" integer NOT NULL,
	"period_end" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"self_assessment_th" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"submitted_by_name" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"score" jsonb,
	"total" double precision,
	"province_code" text,
	CONSTRAINT "agreement_rounds_agreement_id_round_pk" PRIMARY KEY("agreement_id","round")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"area_id" text NOT NULL,
	"province_code" text,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scheme" jsonb NOT NULL,
	"round_due_days" integer DEFAULT 30 NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" text,
	"signed_by_name" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_incentives" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"description_th" text NOT NULL,
	"amount" numeric(16, 2),
	"unit" text,
	"granted_on" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_observations" (
	"outcome_id" text NOT NULL,
	"province_code" text NOT NULL,
	"period_end" text NOT NULL,
	"value" double precision NOT NULL,
	"respondents" integer,
	"sd" double precision,
	"source" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pilot_observations_outcome_id_province_code_period_end_pk" PRIMARY KEY("outcome_id","province_code","period_end")
);
--> statement-breakpoint
CREATE TABLE "pilot_outcomes" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"kind" text NOT NULL,
	"kpi_id" text,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description_th" text,
	"description_en" text,
	"period_start" text NOT NULL,
	"period_end" text NOT NULL,
	"treatment_start" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_programmes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "pilot_provinces" (
	"programme_id" text NOT NULL,
	"province_code" text NOT NULL,
	"role" text NOT NULL,
	"paired_with" text,
	CONSTRAINT "pilot_provinces_programme_id_province_code_pk" PRIMARY KEY("programme_id","province_code")
);
--> statement-breakpoint
CREATE TABLE "sandbox_results" (
	"id" text PRIMARY KEY NOT NULL,
	"sandbox_id" text NOT NULL,
	"province_code" text NOT NULL,
	"measured_on" text NOT NULL,
	"indicator_th" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"baseline" double precision,
	"note_th" text,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandboxes" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"scope_th" text NOT NULL,
	"legal_basis_th" text,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_on" text NOT NULL,
	"expires_on" text NOT NULL,
	"status" text NOT NULL,
	"ended_on" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"agenda_node_id" text NOT NULL,
	"province_code" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"assigned_on" text NOT NULL,
	"assigned_by" text NOT NULL,
	"status" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_proposal_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"version" integer NOT NULL,
	"province_code" text NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"comment_th" text,
	"reviewed_by" text NOT NULL,
	"reviewed_by_name" text NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_proposal_versions" (
	"assignment_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"province_code" text NOT NULL,
	"edited_by" text NOT NULL,
	"edited_by_name" text NOT NULL,
	"edited_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "agenda_proposal_versions_assignment_id_version_pk" PRIMARY KEY("assignment_id","version")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "notifications_province_idx" ON "notifications" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_amendments_version_uq" ON "agreement_amendments" USING btree ("agreement_id","version");--> statement-breakpoint
CREATE INDEX "agreement_items_kpi_idx" ON "agreement_items" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "agreement_rounds_due_idx" ON "agreement_rounds" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_area_year_uq" ON "agreements" USING btree ("area_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "agreements_province_idx" ON "agreements" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "pilot_incentives_programme_idx" ON "pilot_incentives" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "pilot_observations_province_idx" ON "pilot_observations" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "pilot_outcomes_programme_idx" ON "pilot_outcomes" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "pilot_provinces_province_idx" ON "pilot_provinces" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "sandbox_results_sandbox_idx" ON "sandbox_results" USING btree ("sandbox_id");--> statement-breakpoint
CREATE INDEX "sandboxes_province_idx" ON "sandboxes" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "sandboxes_expiry_idx" ON "sandboxes" USING btree ("status","expires_on");--> statement-breakpoint
CREATE INDEX "agenda_assignments_province_idx" ON "agenda_assignments" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "agenda_assignments_agenda_idx" ON "agenda_assignments" USING btree ("agenda_node_id");--> statement-breakpoint
CREATE INDEX "agenda_proposal_reviews_assignment_idx" ON "agenda_proposal_reviews" USING btree ("assignment_id");