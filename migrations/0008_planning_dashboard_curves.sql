ALTER TABLE "projects" ADD COLUMN "cum_disbursed" numeric(16, 2)[];--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "cum_planned" numeric(16, 2)[];--> statement-breakpoint
-- Each project's disbursement curve to date (actual and planned, cumulative by fiscal month: 1 = October … 12 =
-- September), recomputed from project_progress for the projects a statement touched. Statement-level triggers with
-- transition tables, so a bulk insert of many months costs one pass, not one per row.
CREATE OR REPLACE FUNCTION project_curves_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE projects p SET cum_disbursed = c.cd, cum_planned = c.cp
  FROM (
    SELECT q.id, array_agg(q.cd ORDER BY q.k) AS cd, array_agg(q.cp ORDER BY q.k) AS cp
    FROM (
      SELECT pr.id, g.k,
        sum(sum(coalesce(x.disbursed, 0))) OVER (PARTITION BY pr.id ORDER BY g.k) AS cd,
        sum(sum(coalesce(x.planned_disbursed, 0))) OVER (PARTITION BY pr.id ORDER BY g.k) AS cp
      FROM projects pr
      CROSS JOIN generate_series(1, 12) AS g(k)
      LEFT JOIN project_progress x ON x.project_id = pr.id
        AND x.month >= (make_date(pr.fiscal_year - 544, 10, 1) + make_interval(months => g.k - 1))::date
        AND x.month < (make_date(pr.fiscal_year - 544, 10, 1) + make_interval(months => g.k))::date
      WHERE pr.id = ANY (ids)
      GROUP BY pr.id, g.k
    ) q
    GROUP BY q.id
  ) c
  WHERE p.id = c.id
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION project_progress_curves_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_curves_refresh(ARRAY(SELECT DISTINCT project_id FROM changed_rows));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_progress_curves_insert AFTER INSERT ON project_progress REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION project_progress_curves_new();
--> statement-breakpoint
CREATE TRIGGER project_progress_curves_update AFTER UPDATE ON project_progress REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION project_progress_curves_new();
--> statement-breakpoint
CREATE TRIGGER project_progress_curves_delete AFTER DELETE ON project_progress REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION project_progress_curves_new();
--> statement-breakpoint
SELECT project_curves_refresh(ARRAY(SELECT DISTINCT project_id FROM project_progress));
