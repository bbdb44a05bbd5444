CREATE TABLE "allocation_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"from_org_id" text NOT NULL,
	"province_code" text NOT NULL,
	"total" numeric(16, 2) NOT NULL,
	"notified_on" date NOT NULL,
	"due_on" date NOT NULL,
	"days_late" integer DEFAULT 0 NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reference_th" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_acts" (
	"fiscal_year" integer PRIMARY KEY NOT NULL,
	"passed_on" date NOT NULL,
	"notice_due_on" date NOT NULL,
	"reference_th" text DEFAULT '' NOT NULL,
	"disbursement_targets" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_cap_ledger" (
	"deputy_pm_post_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"approved_total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"approvals" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emergency_cap_ledger_deputy_pm_post_id_fiscal_year_pk" PRIMARY KEY("deputy_pm_post_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "emergency_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" text NOT NULL,
	"requesting_org_id" text NOT NULL,
	"title_th" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"justification_th" text NOT NULL,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgency" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"deputy_pm_post_id" text,
	"submitted_on" date NOT NULL,
	"screening" jsonb,
	"decided_on" date,
	"decided_by" text,
	"decision_note_th" text DEFAULT '' NOT NULL,
	"project_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frame_shifts" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"from_org_id" text NOT NULL,
	"province_code" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"purpose_th" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leftover_funds" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" text NOT NULL,
	"project_id" text NOT NULL,
	"owner_org_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"remaining" numeric(16, 2) NOT NULL,
	"procurement_id" text,
	"recorded_on" date NOT NULL,
	"note_th" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leftover_reallocations" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"province_code" text NOT NULL,
	"target_project_id" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"purpose_th" text NOT NULL,
	"delegation_id" text NOT NULL,
	"authority" jsonb NOT NULL,
	"decided_on" date NOT NULL,
	"decided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_fund_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"matching_fund_id" text NOT NULL,
	"province_code" text NOT NULL,
	"party" text NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"entry_on" date NOT NULL,
	"reference_th" text DEFAULT '' NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_funds" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"province_code" text NOT NULL,
	"project_id" text NOT NULL,
	"local_gov_org_id" text NOT NULL,
	"province_share" numeric(16, 2) NOT NULL,
	"local_share" numeric(16, 2) NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"agreed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operating_plans" (
	"province_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"total_known_on" date,
	"total_known_basis" text,
	"due_on" date,
	"submitted_on" date,
	"submitted_by" text,
	"days_late" integer DEFAULT 0 NOT NULL,
	"note_th" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operating_plans_province_code_fiscal_year_pk" PRIMARY KEY("province_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"fiscal_year" integer NOT NULL,
	"level" text NOT NULL,
	"area_id" text NOT NULL,
	"province_code" text,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_on" date,
	"approved_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"procurement_id" text NOT NULL,
	"province_code" text,
	"supplier_party_id" text NOT NULL,
	"award_amount" numeric(16, 2) NOT NULL,
	"award_date" date NOT NULL,
	"award_justification_th" text DEFAULT '' NOT NULL,
	"contract_no" text,
	"contract_amount" numeric(16, 2),
	"signed_on" date,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_parties" (
	"id" text PRIMARY KEY NOT NULL,
	"procurement_id" text NOT NULL,
	"province_code" text,
	"name_th" text NOT NULL,
	"tax_id" text,
	"role" text NOT NULL,
	"bid_amount" numeric(16, 2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"procurement_id" text NOT NULL,
	"province_code" text,
	"amount" numeric(16, 2) NOT NULL,
	"paid_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"id" text PRIMARY KEY NOT NULL,
	"ocid" text NOT NULL,
	"project_id" text NOT NULL,
	"province_code" text,
	"fiscal_year" integer NOT NULL,
	"buyer_org_id" text NOT NULL,
	"title_th" text NOT NULL,
	"description_th" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"method_details_th" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"planned_value" numeric(16, 2) NOT NULL,
	"tender_value" numeric(16, 2),
	"tender_start" date,
	"tender_end" date,
	"stage" text DEFAULT 'planning' NOT NULL,
	"closed_reason_th" text DEFAULT '' NOT NULL,
	"closed_on" date,
	"completed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"province_code" text,
	"changes" jsonb NOT NULL,
	"reason_th" text NOT NULL,
	"amount" numeric(16, 2),
	"route" text NOT NULL,
	"status" text NOT NULL,
	"delegation_id" text,
	"authority" jsonb NOT NULL,
	"central_org_id" text,
	"requested_by" text,
	"requested_on" date NOT NULL,
	"decided_by" text,
	"decided_on" date,
	"decision_note_th" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_budget_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"province_code" text,
	"fiscal_year" integer NOT NULL,
	"source" text NOT NULL,
	"funder_org_id" text,
	"amount" numeric(16, 2) NOT NULL,
	"frame_shift_id" text,
	"allocation_notice_id" text,
	"note_th" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_files" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"province_code" text,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"caption_th" text DEFAULT '' NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"province_code" text,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_progress" (
	"project_id" text NOT NULL,
	"month" date NOT NULL,
	"province_code" text,
	"fiscal_year" integer NOT NULL,
	"physical_pct" numeric(5, 2),
	"disbursed" numeric(16, 2),
	"planned_disbursed" numeric(16, 2),
	"note_th" text DEFAULT '' NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_progress_project_id_month_pk" PRIMARY KEY("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"plan_id" text,
	"consolidated_into_plan_id" text,
	"duplicate_of" text,
	"not_duplicates" text[] DEFAULT '{}'::text[] NOT NULL,
	"province_code" text,
	"cluster_id" text,
	"origin" text NOT NULL,
	"owner_org_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"objective_th" text DEFAULT '' NOT NULL,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"goal_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priority" integer,
	"status" text DEFAULT 'proposed' NOT NULL,
	"total_budget" numeric(16, 2) DEFAULT '0' NOT NULL,
	"start_date" date,
	"end_date" date,
	"approved_on" date,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_notices_from_province_year_uq" ON "allocation_notices" USING btree ("from_org_id","province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "allocation_notices_province_idx" ON "allocation_notices" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "emergency_requests_province_idx" ON "emergency_requests" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "emergency_requests_dpm_idx" ON "emergency_requests" USING btree ("deputy_pm_post_id","fiscal_year","status");--> statement-breakpoint
CREATE INDEX "frame_shifts_province_idx" ON "frame_shifts" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "leftover_funds_province_idx" ON "leftover_funds" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "leftover_funds_project_idx" ON "leftover_funds" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "leftover_reallocations_fund_idx" ON "leftover_reallocations" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "leftover_reallocations_province_idx" ON "leftover_reallocations" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "matching_fund_entries_fund_idx" ON "matching_fund_entries" USING btree ("matching_fund_id");--> statement-breakpoint
CREATE INDEX "matching_funds_province_idx" ON "matching_funds" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_funds_project_uq" ON "matching_funds" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_level_area_year_uq" ON "plans" USING btree ("level","area_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "plans_province_idx" ON "plans" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "procurement_contracts_procurement_idx" ON "procurement_contracts" USING btree ("procurement_id");--> statement-breakpoint
CREATE INDEX "procurement_parties_procurement_idx" ON "procurement_parties" USING btree ("procurement_id");--> statement-breakpoint
CREATE INDEX "procurement_payments_contract_idx" ON "procurement_payments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "procurement_payments_procurement_idx" ON "procurement_payments" USING btree ("procurement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurements_ocid_uq" ON "procurements" USING btree ("ocid");--> statement-breakpoint
CREATE INDEX "procurements_project_idx" ON "procurements" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "procurements_province_idx" ON "procurements" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "project_amendments_project_idx" ON "project_amendments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_amendments_province_idx" ON "project_amendments" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "project_budget_lines_project_idx" ON "project_budget_lines" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_budget_lines_province_idx" ON "project_budget_lines" USING btree ("province_code","fiscal_year","source");--> statement-breakpoint
CREATE INDEX "project_budget_lines_frame_idx" ON "project_budget_lines" USING btree ("frame_shift_id");--> statement-breakpoint
CREATE INDEX "project_files_project_idx" ON "project_files" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_progress_province_idx" ON "project_progress" USING btree ("province_code","fiscal_year","month");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_uq" ON "projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "projects_province_year_idx" ON "projects" USING btree ("province_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "projects_plan_idx" ON "projects" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "projects_agency_idx" ON "projects" USING btree ("agency_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search");--> statement-breakpoint
CREATE INDEX "projects_title_trgm_idx" ON "projects" USING gin ("title_th" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_area_codes_idx" ON "projects" USING gin ("area_codes");