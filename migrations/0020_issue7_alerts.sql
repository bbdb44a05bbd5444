CREATE TABLE "oversight_alert_digests" (
	"account_id" text NOT NULL,
	"frequency" text NOT NULL,
	"period" date NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"alerts" integer NOT NULL,
	"notification_id" text,
	CONSTRAINT "oversight_alert_digests_account_id_frequency_period_pk" PRIMARY KEY("account_id","frequency","period")
);
--> statement-breakpoint
CREATE TABLE "oversight_alert_reads" (
	"account_id" text NOT NULL,
	"alert_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oversight_alert_reads_account_id_alert_id_pk" PRIMARY KEY("account_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "oversight_alert_subscriptions" (
	"account_id" text NOT NULL,
	"scope" text NOT NULL,
	"rules" text[],
	"frequency" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oversight_alert_subscriptions_account_id_scope_pk" PRIMARY KEY("account_id","scope")
);
--> statement-breakpoint
CREATE TABLE "oversight_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"province_code" text NOT NULL,
	"org_id" text DEFAULT '' NOT NULL,
	"department_id" text DEFAULT '' NOT NULL,
	"ministry_id" text DEFAULT '' NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text NOT NULL,
	"detail_th" text DEFAULT '' NOT NULL,
	"detail_en" text DEFAULT '' NOT NULL,
	"link" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oversight_alert_subscriptions_frequency_idx" ON "oversight_alert_subscriptions" USING btree ("frequency");--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_alerts_open_uq" ON "oversight_alerts" USING btree ("dedupe_key") WHERE "oversight_alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "oversight_alerts_province_idx" ON "oversight_alerts" USING btree ("province_code","rule","raised_at");--> statement-breakpoint
CREATE INDEX "oversight_alerts_ministry_idx" ON "oversight_alerts" USING btree ("ministry_id","raised_at");--> statement-breakpoint
CREATE INDEX "oversight_alerts_department_idx" ON "oversight_alerts" USING btree ("department_id","raised_at");--> statement-breakpoint
CREATE INDEX "oversight_alerts_open_idx" ON "oversight_alerts" USING btree ("rule") WHERE "oversight_alerts"."resolved_at" is null;