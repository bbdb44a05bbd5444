CREATE TABLE "strategy_links" (
	"from_id" text NOT NULL,
	"to_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_links_from_id_to_id_pk" PRIMARY KEY("from_id","to_id")
);
--> statement-breakpoint
CREATE TABLE "strategy_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description_th" text,
	"description_en" text,
	"area_id" text,
	"province_code" text,
	"mission" text,
	"from_year" integer,
	"to_year" integer,
	"status" text DEFAULT 'approved' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "strategy_links_to_idx" ON "strategy_links" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "strategy_nodes_kind_idx" ON "strategy_nodes" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "strategy_nodes_area_idx" ON "strategy_nodes" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "strategy_nodes_province_idx" ON "strategy_nodes" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "strategy_nodes_search_idx" ON "strategy_nodes" USING gin ("search");