CREATE TABLE "participation_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"fiscal_year" integer,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"description_th" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"support_threshold" integer NOT NULL,
	"response_days" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"response_id" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_name_th" text NOT NULL,
	"subject_name_en" text DEFAULT '' NOT NULL,
	"field_th" text NOT NULL,
	"field_en" text DEFAULT '' NOT NULL,
	"fiscal_year" integer,
	"round" integer,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"applied" boolean NOT NULL,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"province_code" text NOT NULL,
	"author_account_id" text NOT NULL,
	"author_name" text,
	"body_th" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason_th" text,
	"hidden_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"province_code" text NOT NULL,
	"author_account_id" text NOT NULL,
	"author_name" text,
	"title_th" text NOT NULL,
	"body_th" text NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"threshold_reached_at" timestamp with time zone,
	"response_due_on" text,
	"overdue_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_reason_th" text,
	"hidden_by" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"call_id" text NOT NULL,
	"province_code" text NOT NULL,
	"decision" text NOT NULL,
	"reasoning_th" text NOT NULL,
	"reasoning_en" text DEFAULT '' NOT NULL,
	"due_on" text,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_supports" (
	"proposal_id" text NOT NULL,
	"account_id" text NOT NULL,
	"province_code" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_survey_answers" (
	"survey_id" text NOT NULL,
	"account_id" text NOT NULL,
	"province_code" text NOT NULL,
	"score" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"kpi_id" text NOT NULL,
	"question_th" text NOT NULL,
	"question_en" text DEFAULT '' NOT NULL,
	"period_end" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"respondents" integer DEFAULT 0 NOT NULL,
	"result_mean" double precision,
	"result_sd" double precision,
	"distribution" jsonb,
	"measurement_id" text,
	"recorded_as" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "participation_calls_province_idx" ON "participation_calls" USING btree ("province_code","closes_at");--> statement-breakpoint
CREATE INDEX "participation_calls_subject_idx" ON "participation_calls" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "participation_changes_response_idx" ON "participation_changes" USING btree ("response_id","seq");--> statement-breakpoint
CREATE INDEX "participation_changes_subject_idx" ON "participation_changes" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "participation_comments_proposal_idx" ON "participation_comments" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE INDEX "participation_comments_author_idx" ON "participation_comments" USING btree ("author_account_id","created_at");--> statement-breakpoint
CREATE INDEX "participation_proposals_call_idx" ON "participation_proposals" USING btree ("call_id","support_count");--> statement-breakpoint
CREATE INDEX "participation_proposals_author_idx" ON "participation_proposals" USING btree ("author_account_id","created_at");--> statement-breakpoint
CREATE INDEX "participation_proposals_due_idx" ON "participation_proposals" USING btree ("response_due_on") WHERE responded_at is null and threshold_reached_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "participation_responses_proposal_uq" ON "participation_responses" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "participation_responses_call_idx" ON "participation_responses" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_supports_uq" ON "participation_supports" USING btree ("proposal_id","account_id");--> statement-breakpoint
CREATE INDEX "participation_supports_account_idx" ON "participation_supports" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_survey_answers_uq" ON "participation_survey_answers" USING btree ("survey_id","account_id");--> statement-breakpoint
CREATE INDEX "participation_surveys_province_idx" ON "participation_surveys" USING btree ("province_code","closes_at");--> statement-breakpoint
CREATE INDEX "participation_surveys_kpi_idx" ON "participation_surveys" USING btree ("kpi_id");--> statement-breakpoint
-- Hand-written (drizzle cannot express CHECK constraints here): keep this block at the end when regenerating.
ALTER TABLE "participation_survey_answers" ADD CONSTRAINT "participation_survey_answers_score_ck" CHECK ("score" between 1 and 5);--> statement-breakpoint
ALTER TABLE "participation_proposals" ADD CONSTRAINT "participation_proposals_support_ck" CHECK ("support_count" >= 0);--> statement-breakpoint
ALTER TABLE "participation_calls" ADD CONSTRAINT "participation_calls_kind_ck" CHECK ("subject_kind" in ('agenda', 'goal', 'kpi', 'target'));
