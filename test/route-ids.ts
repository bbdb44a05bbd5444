/**
 * Real ids for routes' path parameters, found in the seeded demo: the table a route's `:id` names (by its path, or
 * guessed from the segment before it as the access matrix does), preferring the rows of one province.
 */
import type { Database } from "../src/platform/db/client.js";

/** Paths (up to `/:id`) whose table is not named like their last segment. */
export const PATH_TABLES: Record<string, string> = {
  "/api/v1/imports": "import_jobs",
  "/api/v1/cases/imports": "import_jobs",
  "/api/v1/planning/imports": "import_jobs",
  "/api/v1/delegation/instruments": "delegations",
  "/api/v1/delegation/permits": "permit_applications",
  "/api/v1/delegation/personnel-actions": "personnel_actions",
  "/api/v1/delegation/committees": "recruitment_committees",
  "/api/v1/delegation/requests": "delegation_requests",
  "/api/v1/pilots": "pilot_programmes",
  "/api/v1/planning/plans": "plans",
  "/api/v1/planning/projects": "projects",
  "/api/v1/planning/amendments": "project_amendments",
  "/api/v1/planning/allocation-notices": "allocation_notices",
  "/api/v1/planning/leftover": "leftover_funds",
  "/api/v1/planning/matching": "matching_funds",
  "/api/v1/planning/emergency": "emergency_requests",
  "/api/v1/planning/procurements": "procurements",
  "/api/v1/meetings": "committee_meetings",
  "/api/v1/action-items": "committee_action_items",
  "/api/v1/committee-seats": "committee_seats",
  "/api/v1/committees": "committees",
  "/api/v1/partner-agreements": "partner_agreements",
  "/api/v1/partners": "partners",
  "/api/v1/measurements": "measurements",
  "/api/v1/strategy/nodes": "strategy_nodes",
  "/api/v1/agenda-assignments": "agenda_assignments",
  "/api/v1/webhooks/subscriptions": "webhook_subscriptions",
  "/api/v1/webhooks/deliveries": "webhook_deliveries",
  "/api/v1/participation/calls": "participation_calls",
  "/api/v1/participation/proposals": "participation_proposals",
  "/api/v1/participation/comments": "participation_comments",
  "/api/v1/participation/surveys": "participation_surveys",
  "/api/v1/oversight/alerts": "oversight_alerts",
  "/api/v1/cases/routing-rules": "case_routing_rules",
  "/api/v1/api-keys": "api_keys",
};

export type Tables = { names: Set<string>; withProvince: Set<string> };

export async function tablesOf(db: Database): Promise<Tables> {
  const cols = await db.query<{ t: string; c: string }>("select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() and column_name in ('id', 'province_code')");
  return { names: new Set(cols.filter((r) => r.c === "id").map((r) => r.t)), withProvince: new Set(cols.filter((r) => r.c === "province_code").map((r) => r.t)) };
}

/** The table a route's `:id` stands for, or null. */
export function tableFor(url: string, tables: Tables): string | null {
  const i = url.indexOf("/:id");
  if (i < 0) return null;
  const path = url.slice(0, i);
  if (PATH_TABLES[path]) return PATH_TABLES[path]!;
  const seg = path.split("/").pop()!.replace(/-/g, "_");
  const mod = url.split("/")[3]!.replace(/-/g, "_");
  return [seg, `${mod}_${seg}`, seg.replace(/s$/, ""), `${mod}_${seg.replace(/^.*?_/, "")}`].find((t) => tables.names.has(t)) ?? null;
}

/** Up to `n` ids of a table, the province's rows first when the table has a province (none of another province when `only`). */
export async function idsOf(db: Database, table: string, tables: Tables, opts: { provinceCode?: string; only?: boolean; n?: number } = {}): Promise<string[]> {
  const p = opts.provinceCode && tables.withProvince.has(table) ? opts.provinceCode : null;
  const where = p && opts.only ? "where province_code = $1" : "";
  const order = p ? "order by (province_code = $1) desc, id" : "order by id";
  const rows = await db.query<{ id: string }>(`select id::text as id from "${table}" ${where} ${order} limit ${opts.n ?? 1}`, p ? [p] : []);
  return rows.map((r) => r.id);
}
