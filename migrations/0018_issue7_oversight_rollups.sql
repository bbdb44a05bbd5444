CREATE TABLE "oversight_dirty" (
	"province_code" text NOT NULL,
	"family" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oversight_dirty_province_code_family_pk" PRIMARY KEY("province_code","family")
);
--> statement-breakpoint
CREATE TABLE "oversight_refreshes" (
	"province_code" text NOT NULL,
	"family" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"rows" integer NOT NULL,
	"ms" integer NOT NULL,
	CONSTRAINT "oversight_refreshes_province_code_family_pk" PRIMARY KEY("province_code","family")
);
--> statement-breakpoint
CREATE TABLE "oversight_rollups" (
	"province_code" text NOT NULL,
	"family" text NOT NULL,
	"measure" text NOT NULL,
	"org_id" text NOT NULL,
	"department_id" text NOT NULL,
	"ministry_id" text NOT NULL,
	"agenda_id" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"month" date NOT NULL,
	"value" numeric(20, 2) NOT NULL,
	CONSTRAINT "oversight_rollups_province_code_family_measure_org_id_agenda_id_month_pk" PRIMARY KEY("province_code","family","measure","org_id","agenda_id","month")
);
--> statement-breakpoint
CREATE INDEX "oversight_rollups_year_idx" ON "oversight_rollups" USING btree ("fiscal_year","org_id","agenda_id","measure");--> statement-breakpoint
CREATE INDEX "oversight_rollups_ministry_idx" ON "oversight_rollups" USING btree ("ministry_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "oversight_rollups_department_idx" ON "oversight_rollups" USING btree ("department_id","fiscal_year");
--> statement-breakpoint
-- The read model is kept current by statement triggers on the source tables: each marks the provinces a statement
-- touched as dirty for its family (one row per province and family, however many records), and the refresh job
-- (oversight.refresh-dirty, every minute) rebuilds them. Changes to the registry or the strategy cascade (functions,
-- agendas) are picked up by the nightly full rebuild.
CREATE OR REPLACE FUNCTION oversight_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the family, and how to find the province: 'direct' (province_code), 'kpi' (kpi_id), 'committee' (committee_id), 'agreement' (agreement_id), 'area' (area_id)
  IF TG_ARGV[1] = 'direct' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT DISTINCT province_code, TG_ARGV[0] FROM changed_rows WHERE province_code IS NOT NULL ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[1] = 'kpi' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT DISTINCT k.province_code, TG_ARGV[0] FROM changed_rows c JOIN kpis k ON k.id = c.kpi_id WHERE k.province_code IS NOT NULL ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[1] = 'committee' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT DISTINCT m.province_code, TG_ARGV[0] FROM changed_rows c JOIN committees m ON m.id = c.committee_id ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[1] = 'agreement' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT DISTINCT substr(a.area_id, 10), TG_ARGV[0] FROM changed_rows c JOIN agreements a ON a.id = c.agreement_id WHERE a.area_id LIKE 'province:%' ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[1] = 'area' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT DISTINCT substr(area_id, 10), TG_ARGV[0] FROM changed_rows WHERE area_id LIKE 'province:%' ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oversight_mark_cases_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('cases', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_cases_update AFTER UPDATE ON cases REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('cases', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_cases_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('cases', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('budget', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_update AFTER UPDATE ON projects REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('budget', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('budget', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpis_insert AFTER INSERT ON kpis REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpis_update AFTER UPDATE ON kpis REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpis_delete AFTER DELETE ON kpis REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_permit_applications_insert AFTER INSERT ON permit_applications REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('permits', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_permit_applications_update AFTER UPDATE ON permit_applications REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('permits', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_permit_applications_delete AFTER DELETE ON permit_applications REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('permits', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committees_insert AFTER INSERT ON committees REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committees_update AFTER UPDATE ON committees REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committees_delete AFTER DELETE ON committees REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_measurements_insert AFTER INSERT ON measurements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_measurements_update AFTER UPDATE ON measurements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_measurements_delete AFTER DELETE ON measurements REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpi_targets_insert AFTER INSERT ON kpi_targets REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpi_targets_update AFTER UPDATE ON kpi_targets REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_kpi_targets_delete AFTER DELETE ON kpi_targets REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('kpis', 'kpi');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_meetings_insert AFTER INSERT ON committee_meetings REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_meetings_update AFTER UPDATE ON committee_meetings REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_meetings_delete AFTER DELETE ON committee_meetings REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_action_items_insert AFTER INSERT ON committee_action_items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_action_items_update AFTER UPDATE ON committee_action_items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_committee_action_items_delete AFTER DELETE ON committee_action_items REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('committees', 'committee');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreement_rounds_insert AFTER INSERT ON agreement_rounds REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'agreement');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreement_rounds_update AFTER UPDATE ON agreement_rounds REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'agreement');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreement_rounds_delete AFTER DELETE ON agreement_rounds REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'agreement');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreements_insert AFTER INSERT ON agreements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'area');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreements_update AFTER UPDATE ON agreements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'area');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_agreements_delete AFTER DELETE ON agreements REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('agreements', 'area');
--> statement-breakpoint
-- a database upgraded to this version has records but no roll-ups yet: every province is due a first build
INSERT INTO oversight_dirty (province_code, family) SELECT a.code, f FROM areas a CROSS JOIN unnest(ARRAY['cases', 'budget', 'kpis', 'permits', 'agreements', 'committees']) f WHERE a.classification = 'province' ON CONFLICT DO NOTHING;
