CREATE TABLE "partner_agreement_agendas" (
	"agreement_id" text NOT NULL,
	"strategy_node_id" text NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "partner_agreement_agendas_agreement_id_strategy_node_id_pk" PRIMARY KEY("agreement_id","strategy_node_id")
);
--> statement-breakpoint
CREATE TABLE "partner_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"partner_id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"purpose_th" text NOT NULL,
	"purpose_en" text DEFAULT '' NOT NULL,
	"signed_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ended_on" date,
	"ended_reason_th" text,
	"ended_reason_en" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_agreements_dates" CHECK ("partner_agreements"."ends_on" > "partner_agreements"."signed_on" and ("partner_agreements"."ended_on" is null or "partner_agreements"."ended_on" >= "partner_agreements"."signed_on"))
);
--> statement-breakpoint
CREATE TABLE "partner_contributions" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"partner_id" text NOT NULL,
	"agreement_id" text,
	"kind" text NOT NULL,
	"amount" numeric(16, 2),
	"volunteers" integer,
	"contributed_on" date NOT NULL,
	"description_th" text NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"strategy_node_id" text,
	"project_id" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_contributions_target" CHECK ("partner_contributions"."strategy_node_id" is not null or "partner_contributions"."project_id" is not null),
	CONSTRAINT "partner_contributions_amount" CHECK ("partner_contributions"."amount" is null or "partner_contributions"."amount" > 0),
	CONSTRAINT "partner_contributions_volunteers" CHECK ("partner_contributions"."volunteers" is null or "partner_contributions"."volunteers" > 0)
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"registry_org_id" text,
	"website" text,
	"focus_th" text DEFAULT '' NOT NULL,
	"focus_en" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "committee_seats" ADD COLUMN "partner_id" text;--> statement-breakpoint
CREATE INDEX "partner_agreement_agendas_node_idx" ON "partner_agreement_agendas" USING btree ("strategy_node_id");--> statement-breakpoint
CREATE INDEX "partner_agreements_province_idx" ON "partner_agreements" USING btree ("province_code","ends_on");--> statement-breakpoint
CREATE INDEX "partner_agreements_partner_idx" ON "partner_agreements" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_contributions_partner_idx" ON "partner_contributions" USING btree ("partner_id","contributed_on");--> statement-breakpoint
CREATE INDEX "partner_contributions_province_idx" ON "partner_contributions" USING btree ("province_code","strategy_node_id");--> statement-breakpoint
CREATE INDEX "partner_contributions_project_idx" ON "partner_contributions" USING btree ("project_id") WHERE "partner_contributions"."project_id" is not null;--> statement-breakpoint
CREATE INDEX "partners_province_idx" ON "partners" USING btree ("province_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_province_name" ON "partners" USING btree ("province_code","name_th");--> statement-breakpoint
CREATE INDEX "committee_seats_partner_idx" ON "committee_seats" USING btree ("partner_id") WHERE "committee_seats"."partner_id" is not null;