-- Issue 7: the operation centre's figures and alerts cover the budget cycle's statutory deadlines (the 30-day allocation
-- notices, the 60-day operating plan), a roll-up family of their own ('deadlines', built from planning's computation).
-- Requests for more delegated authority get theirs too ('requests': days from submission to the Cabinet's decision).
-- Writes that move a deadline mark the provinces dirty like the other families; the nightly rebuild catches the
-- calendar (a deadline passing) and holiday changes. The Budget Act has no province: a change to it marks every province.
CREATE OR REPLACE FUNCTION oversight_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the family, and how to find the province: 'direct' (province_code), 'kpi' (kpi_id), 'committee' (committee_id), 'agreement' (agreement_id), 'area' (area_id), 'all' (every province)
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
  ELSIF TG_ARGV[1] = 'all' THEN
    INSERT INTO oversight_dirty (province_code, family) SELECT a.code, TG_ARGV[0] FROM areas a WHERE a.classification = 'province' AND EXISTS (SELECT 1 FROM changed_rows) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER oversight_mark_allocation_notices_deadlines_insert AFTER INSERT ON allocation_notices REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_allocation_notices_deadlines_update AFTER UPDATE ON allocation_notices REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_allocation_notices_deadlines_delete AFTER DELETE ON allocation_notices REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_operating_plans_deadlines_insert AFTER INSERT ON operating_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_operating_plans_deadlines_update AFTER UPDATE ON operating_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_operating_plans_deadlines_delete AFTER DELETE ON operating_plans REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_project_budget_lines_deadlines_insert AFTER INSERT ON project_budget_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_project_budget_lines_deadlines_update AFTER UPDATE ON project_budget_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_project_budget_lines_deadlines_delete AFTER DELETE ON project_budget_lines REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_deadlines_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_deadlines_update AFTER UPDATE ON projects REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_projects_deadlines_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_budget_acts_deadlines_insert AFTER INSERT ON budget_acts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'all');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_budget_acts_deadlines_update AFTER UPDATE ON budget_acts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'all');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_budget_acts_deadlines_delete AFTER DELETE ON budget_acts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('deadlines', 'all');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_delegation_requests_insert AFTER INSERT ON delegation_requests REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('requests', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_delegation_requests_update AFTER UPDATE ON delegation_requests REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('requests', 'direct');
--> statement-breakpoint
CREATE TRIGGER oversight_mark_delegation_requests_delete AFTER DELETE ON delegation_requests REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_mark('requests', 'direct');
--> statement-breakpoint
-- a database upgraded to this version has deadlines but no roll-ups of them yet
INSERT INTO oversight_dirty (province_code, family) SELECT a.code, f FROM areas a CROSS JOIN unnest(ARRAY['deadlines', 'requests']) f WHERE a.classification = 'province' ON CONFLICT DO NOTHING;
