CREATE TABLE "delegation_request_events" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"province_code" text NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"comment_th" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegation_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"power_code" text NOT NULL,
	"title_th" text NOT NULL,
	"yearly_volume" integer NOT NULL,
	"central_turnaround_days" integer NOT NULL,
	"expected_turnaround_days" integer NOT NULL,
	"benefit_th" text NOT NULL,
	"justification_th" text DEFAULT '' NOT NULL,
	"amount_cap" numeric(16, 2),
	"conditions_th" text DEFAULT '' NOT NULL,
	"may_subdelegate" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"stage_due_on" date,
	"submitted_at" timestamp with time zone,
	"returned_stage" text,
	"opdc_opinion" text,
	"cabinet_date" date,
	"cabinet_resolution_no" text,
	"effective_from" date,
	"effective_to" date,
	"decided_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" text PRIMARY KEY NOT NULL,
	"power_code" text NOT NULL,
	"parent_id" text,
	"root_id" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"delegator_org_id" text,
	"delegator_label_th" text NOT NULL,
	"delegator_label_en" text DEFAULT '' NOT NULL,
	"delegate_role" text NOT NULL,
	"delegate_org_id" text,
	"area_id" text,
	"province_code" text,
	"district_code" text,
	"amount_cap" numeric(16, 2),
	"conditions_th" text DEFAULT '' NOT NULL,
	"instrument_no" text NOT NULL,
	"instrument_date" date NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"may_subdelegate" boolean DEFAULT false NOT NULL,
	"revoked_from" date,
	"revoked_at" timestamp with time zone,
	"revoke_reason_th" text,
	"cascaded_from_id" text,
	"request_id" text,
	"created_by" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permit_applicants" (
	"application_id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "permit_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"province_code" text NOT NULL,
	"district_code" text,
	"power_code" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"subject_th" text NOT NULL,
	"amount" numeric(16, 2),
	"received_on" date NOT NULL,
	"received_by" text NOT NULL,
	"received_by_name" text DEFAULT '' NOT NULL,
	"route" text NOT NULL,
	"decider_delegation_id" text,
	"decider_label_th" text NOT NULL,
	"decider_label_en" text DEFAULT '' NOT NULL,
	"decider_scope" text NOT NULL,
	"sla_days" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"review_started_on" date,
	"review_started_by" text,
	"decision" text,
	"reason_th" text,
	"decided_on" date,
	"decided_by" text,
	"decided_by_name" text,
	"turnaround_days" integer,
	"withdrawn_on" date,
	"withdrawn_by" text,
	"withdraw_reason_th" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personnel_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"power_code" text NOT NULL,
	"person_name" text NOT NULL,
	"position_th" text NOT NULL,
	"from_org_id" text,
	"to_org_id" text,
	"details_th" text DEFAULT '' NOT NULL,
	"effective_on" date NOT NULL,
	"order_no" text,
	"status" text NOT NULL,
	"route" text NOT NULL,
	"decider_delegation_id" text,
	"decider_instrument_no" text,
	"decider_label_th" text NOT NULL,
	"decider_label_en" text DEFAULT '' NOT NULL,
	"decider_scope" text NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "powers" (
	"code" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description_th" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"legal_basis_th" text NOT NULL,
	"legal_basis_en" text DEFAULT '' NOT NULL,
	"central_org_id" text NOT NULL,
	"central_authority_th" text DEFAULT '' NOT NULL,
	"central_authority_en" text DEFAULT '' NOT NULL,
	"typical_delegation" text DEFAULT '' NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_permit" boolean DEFAULT false NOT NULL,
	"sla_days_delegated" integer,
	"sla_days_central" integer,
	"verification" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"ord" integer NOT NULL,
	"name" text NOT NULL,
	"current_position_th" text NOT NULL,
	"current_org_id" text,
	"score" numeric(5, 2),
	"rank" integer,
	"shortlisted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_committee_members" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"ord" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"position_th" text DEFAULT '' NOT NULL,
	"org_id" text
);
--> statement-breakpoint
CREATE TABLE "recruitment_committees" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"province_code" text,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"position_th" text NOT NULL,
	"appointed_on" date NOT NULL,
	"order_no" text NOT NULL,
	"status" text NOT NULL,
	"assessed_on" date,
	"assessment_th" text,
	"decision_on" date,
	"selected_candidate_id" text,
	"decision_th" text,
	"parent_committee_id" text,
	"created_by" text NOT NULL,
	"created_by_name" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "delegation_request_events_request_uq" ON "delegation_request_events" USING btree ("request_id","version");--> statement-breakpoint
CREATE INDEX "delegation_requests_province_idx" ON "delegation_requests" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "delegation_requests_status_idx" ON "delegation_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "delegation_requests_power_idx" ON "delegation_requests" USING btree ("power_code","province_code");--> statement-breakpoint
CREATE INDEX "delegation_requests_due_idx" ON "delegation_requests" USING btree ("stage_due_on");--> statement-breakpoint
CREATE INDEX "delegations_check_idx" ON "delegations" USING btree ("power_code","province_code","effective_from");--> statement-breakpoint
CREATE INDEX "delegations_parent_idx" ON "delegations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "delegations_root_idx" ON "delegations" USING btree ("root_id");--> statement-breakpoint
CREATE INDEX "delegations_province_idx" ON "delegations" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "delegations_request_idx" ON "delegations" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_applications_tracking_uq" ON "permit_applications" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "permit_applications_province_idx" ON "permit_applications" USING btree ("province_code","status");--> statement-breakpoint
CREATE INDEX "permit_applications_power_idx" ON "permit_applications" USING btree ("power_code","route");--> statement-breakpoint
CREATE INDEX "permit_applications_scope_idx" ON "permit_applications" USING btree ("decider_scope","status");--> statement-breakpoint
CREATE INDEX "permit_applications_due_idx" ON "permit_applications" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "personnel_actions_province_idx" ON "personnel_actions" USING btree ("province_code","effective_on");--> statement-breakpoint
CREATE INDEX "personnel_actions_kind_idx" ON "personnel_actions" USING btree ("kind","effective_on");--> statement-breakpoint
CREATE INDEX "powers_area_idx" ON "powers" USING btree ("area");--> statement-breakpoint
CREATE INDEX "powers_central_org_idx" ON "powers" USING btree ("central_org_id");--> statement-breakpoint
CREATE INDEX "recruitment_candidates_committee_idx" ON "recruitment_candidates" USING btree ("committee_id","ord");--> statement-breakpoint
CREATE INDEX "recruitment_committee_members_committee_idx" ON "recruitment_committee_members" USING btree ("committee_id","ord");--> statement-breakpoint
CREATE INDEX "recruitment_committees_province_idx" ON "recruitment_committees" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "recruitment_committees_parent_uq" ON "recruitment_committees" USING btree ("parent_committee_id");