/**
 * The schema, read from the live database after migrations (pg_catalog), keeps the promise that lets it grow past
 * one database (docs/OPERATIONS.md, "Citus"): every table is reviewed as one of
 *  - PROVINCE-SCOPED: it has `province_code` and an index whose leading column is `province_code`;
 *  - CHILD: it has `province_code` (equal to its parent's, checked on the seeded data) but is read only through its
 *    parent's key, which an index leads with; a province_code index would cost writes and serve no query;
 *  - CHILD WITHOUT THE COLUMN: its rows belong to one province through a parent, but it has no `province_code` yet
 *    (it must get one, filled from the parent, before the database is distributed); every row finds its parent;
 *  - NATIONAL: its rows belong to no single province (reference data, accounts, queues), with the reason.
 * A new table that is none of these fails here until someone decides which it is. Tables whose `province_code` may be
 * null (national rows beside provincial ones) are listed too, with why: Citus refuses a null distribution column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/platform/db/client.js";
import { createTestDb } from "./db.js";

/** Has province_code, read through the parent: [parent, child columns, parent columns (default id)]. */
const CHILDREN: Record<string, { parent: string; via: string[]; parentKey?: string[] }> = {
  agenda_proposal_reviews: { parent: "agenda_assignments", via: ["assignment_id"] },
  agenda_proposal_versions: { parent: "agenda_assignments", via: ["assignment_id"] },
  agreement_amendments: { parent: "agreements", via: ["agreement_id"] },
  agreement_item_results: { parent: "agreements", via: ["agreement_id"] },
  agreement_items: { parent: "agreements", via: ["agreement_id"] },
  agreement_rounds: { parent: "agreements", via: ["agreement_id"] },
  case_events: { parent: "cases", via: ["case_id"] },
  case_photos: { parent: "cases", via: ["case_id"] },
  case_reporters: { parent: "cases", via: ["case_id"] },
  delegation_request_events: { parent: "delegation_requests", via: ["request_id"] },
  matching_fund_entries: { parent: "matching_funds", via: ["matching_fund_id"] },
  participation_changes: { parent: "participation_responses", via: ["response_id"] },
  participation_comments: { parent: "participation_proposals", via: ["proposal_id"] },
  participation_responses: { parent: "participation_calls", via: ["call_id"] },
  participation_supports: { parent: "participation_proposals", via: ["proposal_id"] },
  participation_survey_answers: { parent: "participation_surveys", via: ["survey_id"] },
  partner_agreement_agendas: { parent: "partner_agreements", via: ["agreement_id"] },
  permit_applicants: { parent: "permit_applications", via: ["application_id"] },
  pilot_incentives: { parent: "pilot_provinces", via: ["programme_id", "province_code"], parentKey: ["programme_id", "province_code"] },
  procurement_contracts: { parent: "procurements", via: ["procurement_id"] },
  procurement_parties: { parent: "procurements", via: ["procurement_id"] },
  procurement_payments: { parent: "procurements", via: ["procurement_id"] },
  project_files: { parent: "projects", via: ["project_id"] },
  project_milestones: { parent: "projects", via: ["project_id"] },
  sandbox_results: { parent: "sandboxes", via: ["sandbox_id"] },
  webhook_deliveries: { parent: "webhook_events", via: ["event_id"] },
};

/** No province_code yet, but each row belongs to one province through its parent (to add before distributing). */
const CHILDREN_WITHOUT_COLUMN: Record<string, { parent: string; via: string }> = {
  committee_meetings: { parent: "committees", via: "committee_id" },
  committee_seats: { parent: "committees", via: "committee_id" },
  committee_action_items: { parent: "committees", via: "committee_id" },
  committee_agenda_items: { parent: "committee_meetings", via: "meeting_id" },
  committee_resolutions: { parent: "committee_meetings", via: "meeting_id" },
  committee_votes: { parent: "committee_resolutions", via: "resolution_id" },
  // a national KPI has no province (kpis.province_code null): its targets and results stay national
  kpi_targets: { parent: "kpis", via: "kpi_id" },
  kpi_contributors: { parent: "kpis", via: "kpi_id" },
  measurements: { parent: "kpis", via: "kpi_id" },
  recruitment_candidates: { parent: "recruitment_committees", via: "committee_id" },
  recruitment_committee_members: { parent: "recruitment_committees", via: "committee_id" },
  webhook_attempts: { parent: "webhook_deliveries", via: "delivery_id" },
};

/** Rows that belong to no single province. */
const NATIONAL: Record<string, string> = {
  accounts: "one sign-in for the whole platform; what an account may do in a province is a grant (grants carries province_code)",
  api_keys: "a system's key, like an account; its grants name their scopes",
  sessions: "belongs to an account",
  reset_tokens: "belongs to an account",
  email_verifications: "belongs to an account",
  persons: "registry people move between provinces; their posts (memberships) carry the province",
  office_types: "reference catalogue of provincial office types",
  budget_acts: "the national Budget Act of a fiscal year",
  case_categories: "the national catalogue of case categories",
  case_routing_models: "one small model per scope (nation or a province), read by its scope key: a reference table",
  emergency_cap_ledger: "per deputy PM and fiscal year, across the provinces of the deputy PM's clusters",
  import_jobs: "one upload may touch many provinces; a queue read by status",
  mail_outbox: "development outbox addressed to a person (demo and development only)",
  mail_queue: "transactional mail to a person, deleted once sent",
  oversight_alert_subscriptions: "per account; an account's scopes may span provinces",
  oversight_alert_reads: "per account (read marks)",
  oversight_alert_digests: "per account and period",
  pilot_programmes: "national evaluation programmes across provinces (pilot_provinces and pilot_observations carry the province)",
  pilot_outcomes: "outcome measures of a national programme",
  powers: "the national catalogue of delegable powers",
  public_holidays: "the national calendar",
  strategy_links: "edges of the strategy cascade join provincial nodes to national ones: they cross provinces by design",
};

/** province_code may be null: these tables hold national (or cluster, ministry) rows beside provincial ones. */
const NATIONAL_ROWS: Record<string, string> = {
  areas: "regions and clusters are above any province",
  area_groupings: "groupings whose member area is not a province",
  organizations: "ministries and departments have no province",
  posts: "national posts (deputy PMs) have no province",
  memberships: "memberships of national posts",
  oversights: "a deputy PM's oversight of a cluster or region",
  grants: "grants at the nation or an organisation",
  audit_log: "national records (ministries, catalogues, accounts)",
  notifications: "addressed to a user or a national organisation",
  strategy_nodes: "the National Strategy, master plans and agendas",
  kpis: "national KPIs",
  agreements: "cluster agreements (a deputy PM's cluster)",
  agreement_amendments: "of a cluster agreement",
  agreement_item_results: "of a cluster agreement",
  agreement_items: "of a cluster agreement",
  agreement_rounds: "of a cluster agreement",
  delegations: "instruments that apply in every province (no area)",
  plans: "national and cluster plans",
  projects: "projects of national and cluster plans",
  project_amendments: "of a national project",
  project_budget_lines: "of a national project",
  project_files: "of a national project",
  project_milestones: "of a national project",
  project_progress: "of a national project",
  procurements: "procurement of a national project",
  procurement_contracts: "of a national procurement",
  procurement_parties: "of a national procurement",
  procurement_payments: "of a national procurement",
  recruitment_committees: "a national pool of candidates has no province",
  webhook_subscriptions: "nation-wide subscriptions",
  webhook_events: "events of national records",
  webhook_deliveries: "deliveries of national events",
};

type Column = { table: string; column: string; nullable: boolean };

let db: Database;
let tables: string[];
let columns: Column[];
/** table → the leading column of each of its indexes (primary key included) */
let leading: Map<string, Set<string>>;

const hasColumn = (t: string, c: string) => columns.some((x) => x.table === t && x.column === c);
const hasProvince = (t: string) => hasColumn(t, "province_code");
const provinceIndexed = (t: string) => hasProvince(t) && !!leading.get(t)?.has("province_code");

beforeAll(async () => {
  db = await createTestDb();
  tables = (await db.query<{ t: string }>("select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1")).map((r) => r.t);
  columns = (
    await db.query<{ t: string; c: string; nullable: boolean }>(
      "select c.relname as t, a.attname as c, not a.attnotnull as nullable from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped",
    )
  ).map((r) => ({ table: r.t, column: r.c, nullable: r.nullable }));
  leading = new Map();
  const idx = await db.query<{ t: string; c: string }>(
    "select c.relname as t, a.attname as c from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0] where n.nspname = 'public'",
  );
  for (const r of idx) leading.set(r.t, (leading.get(r.t) ?? new Set()).add(r.c));
});
afterAll(async () => db?.close());

describe("province-scoped tables (schema after migrations)", () => {
  it("every table is reviewed: province-scoped with a province_code index, a child, a child without the column yet, or national", () => {
    expect(tables.length).toBeGreaterThan(90);
    const problems: string[] = [];
    for (const t of tables) {
      const kinds = [provinceIndexed(t) && "province-scoped", t in CHILDREN && "child", t in CHILDREN_WITHOUT_COLUMN && "child-without-column", t in NATIONAL && "national"].filter(Boolean);
      if (kinds.length === 0) {
        problems.push(hasProvince(t) ? `${t}: has province_code but no index leading with it — add one in a migration (or list it in CHILDREN with its parent)` : `${t}: new table without province_code — add the column and an index, or list it as a child or national with the reason`);
      } else if (kinds.length > 1) problems.push(`${t}: listed as ${kinds.join(" and ")} — pick one`);
    }
    for (const t of [...Object.keys(CHILDREN), ...Object.keys(CHILDREN_WITHOUT_COLUMN), ...Object.keys(NATIONAL), ...Object.keys(NATIONAL_ROWS)]) {
      if (!tables.includes(t)) problems.push(`${t}: listed here but not in the database (remove it from the list)`);
    }
    for (const t of Object.keys(NATIONAL)) if (hasProvince(t)) problems.push(`${t}: listed as national but has province_code`);
    for (const t of Object.keys(CHILDREN_WITHOUT_COLUMN)) if (hasProvince(t)) problems.push(`${t}: now has province_code — move it to CHILDREN (or give it an index)`);
    expect(problems).toEqual([]);
  });

  it("the province-scoped tables are many, and include the big ones", () => {
    const scoped = tables.filter(provinceIndexed);
    expect(scoped.length).toBeGreaterThanOrEqual(48);
    for (const t of ["cases", "audit_log", "projects", "oversight_rollups", "permit_applications", "webhook_events", "participation_proposals", "organizations", "kpis", "committees"]) expect(scoped, t).toContain(t);
  });

  it("a child carries province_code, is indexed by its parent's key, and its parent is province-scoped", () => {
    const problems: string[] = [];
    for (const [t, { parent, via, parentKey = ["id"] }] of Object.entries(CHILDREN)) {
      if (!hasProvince(t)) problems.push(`${t}: a child must carry province_code`);
      for (const c of via) if (!hasColumn(t, c)) problems.push(`${t}.${c}: no such column`);
      for (const c of parentKey) if (!hasColumn(parent, c)) problems.push(`${parent}.${c}: no such column`);
      if (!leading.get(t)?.has(via[0]!)) problems.push(`${t}: no index leads with ${via[0]} (how it is read)`);
      if (!provinceIndexed(parent) && !(parent in CHILDREN)) problems.push(`${t}: parent ${parent} is not province-scoped`);
    }
    expect(problems).toEqual([]);
  });

  it("a child's province_code is its parent's, row by row (they land on the same shard)", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [t, { parent, via, parentKey = ["id"] }] of Object.entries(CHILDREN)) {
      const on = via.map((c, i) => `p."${parentKey[i]}" = c."${c}"`).join(" and ");
      const [r] = await db.query<{ rows: number; differ: number; orphans: number }>(
        `select count(*)::int as rows,
                count(*) filter (where p."${parentKey[0]}" is not null and c.province_code is distinct from p.province_code)::int as differ,
                count(*) filter (where p."${parentKey[0]}" is null)::int as orphans
           from "${t}" c left join "${parent}" p on ${on}`,
      );
      checked += r!.rows;
      if (r!.differ) problems.push(`${t}: ${r!.differ} rows whose province_code differs from their ${parent}'s`);
      if (r!.orphans) problems.push(`${t}: ${r!.orphans} rows without their ${parent}`);
    }
    expect(problems).toEqual([]);
    // the seeded demo has rows in most of them, so the check has something to check
    expect(checked).toBeGreaterThan(500);
  });

  it("a child without the column can get it from its parent: the link is indexed and every row finds its parent", async () => {
    const problems: string[] = [];
    const province = (t: string): boolean => hasProvince(t) || (t in CHILDREN_WITHOUT_COLUMN && province(CHILDREN_WITHOUT_COLUMN[t]!.parent));
    for (const [t, { parent, via }] of Object.entries(CHILDREN_WITHOUT_COLUMN)) {
      if (!hasColumn(t, via)) problems.push(`${t}.${via}: no such column`);
      else if (!leading.get(t)?.has(via)) problems.push(`${t}: no index leads with ${via}`);
      if (!province(parent)) problems.push(`${t}: parent ${parent} does not lead to a province`);
      const [r] = await db.query<{ orphans: number }>(`select count(*)::int as orphans from "${t}" c where not exists (select 1 from "${parent}" p where p.id = c."${via}")`);
      if (r!.orphans) problems.push(`${t}: ${r!.orphans} rows without their ${parent}`);
    }
    expect(problems).toEqual([]);
  });

  it("province_code is nullable only where national rows live beside provincial ones (listed, with the reason)", () => {
    const nullable = columns.filter((c) => c.column === "province_code" && c.nullable).map((c) => c.table).sort();
    expect(nullable).toEqual(Object.keys(NATIONAL_ROWS).sort());
  });
});
