CREATE TABLE "committee_action_items" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"agenda_item_id" text,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"owner_org_id" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"progress_th" text,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_agenda_items" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title_th" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"link_type" text,
	"link_id" text,
	"action_item_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"number" integer NOT NULL,
	"scheduled_on" date NOT NULL,
	"place" text,
	"status" text NOT NULL,
	"held_on" date,
	"minutes_th" text,
	"minutes_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_resolutions" (
	"id" text PRIMARY KEY NOT NULL,
	"agenda_item_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"text_th" text NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"outcome" text NOT NULL,
	"votes_for" integer DEFAULT 0 NOT NULL,
	"votes_against" integer DEFAULT 0 NOT NULL,
	"abstentions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_seats" (
	"id" text PRIMARY KEY NOT NULL,
	"committee_id" text NOT NULL,
	"kind" text NOT NULL,
	"ministry_id" text,
	"holder_org_id" text,
	"holder_name_th" text NOT NULL,
	"holder_name_en" text DEFAULT '' NOT NULL,
	"voting" boolean NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_votes" (
	"resolution_id" text NOT NULL,
	"seat_id" text NOT NULL,
	"vote" text NOT NULL,
	CONSTRAINT "committee_votes_resolution_id_seat_id_pk" PRIMARY KEY("resolution_id","seat_id")
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"province_code" text NOT NULL,
	"registry_org_id" text,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"cadence_days" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "committee_action_items_committee_idx" ON "committee_action_items" USING btree ("committee_id","status");--> statement-breakpoint
CREATE INDEX "committee_action_items_owner_idx" ON "committee_action_items" USING btree ("owner_org_id","status");--> statement-breakpoint
CREATE INDEX "committee_agenda_items_meeting_idx" ON "committee_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_agenda_items_follow_up" ON "committee_agenda_items" USING btree ("meeting_id","action_item_id") WHERE "committee_agenda_items"."action_item_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "committee_meetings_number" ON "committee_meetings" USING btree ("committee_id","fiscal_year","number");--> statement-breakpoint
CREATE INDEX "committee_meetings_committee_idx" ON "committee_meetings" USING btree ("committee_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "committee_resolutions_meeting_idx" ON "committee_resolutions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "committee_seats_committee_idx" ON "committee_seats" USING btree ("committee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_seats_one_per_ministry" ON "committee_seats" USING btree ("committee_id","ministry_id") WHERE "committee_seats"."kind" = 'ministry' and "committee_seats"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "committees_province_idx" ON "committees" USING btree ("province_code");