CREATE TABLE "kpi_contributors" (
	"kpi_id" text NOT NULL,
	"org_id" text NOT NULL,
	CONSTRAINT "kpi_contributors_kpi_id_org_id_pk" PRIMARY KEY("kpi_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"kpi_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"round" integer NOT NULL,
	"levels" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_targets_kpi_id_fiscal_year_round_pk" PRIMARY KEY("kpi_id","fiscal_year","round")
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"level" text NOT NULL,
	"baseline" double precision,
	"baseline_year" integer,
	"definition_th" text,
	"formula" text,
	"data_source" text,
	"frequency" text NOT NULL,
	"owner_org_id" text NOT NULL,
	"joint_org_id" text,
	"province_code" text,
	"goal_node_id" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measurements" (
	"id" text PRIMARY KEY NOT NULL,
	"kpi_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"period_end" text NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" text,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "kpis_code_province_uq" ON "kpis" USING btree ("code","province_code");--> statement-breakpoint
CREATE INDEX "kpis_province_idx" ON "kpis" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "kpis_owner_idx" ON "kpis" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "kpis_goal_idx" ON "kpis" USING btree ("goal_node_id");--> statement-breakpoint
CREATE INDEX "measurements_kpi_idx" ON "measurements" USING btree ("kpi_id","period_end");