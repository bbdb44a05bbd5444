import { and, desc, eq, inArray } from "drizzle-orm";
import type { Operation } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ImportJobSummary } from "./contracts.js";
import { importJobView, importJobViewColumns, importReaderScopes } from "./get-import-job.js";
import { importJobs } from "./tables.js";

// the report can be long too: a list leaves it out
const { report: _report, ...listed } = importJobViewColumns;

/** The latest imports (the actor's own, or everyone's for a national importer), newest first, without reports. */
export async function listImportJobs({ ctx, input }: { ctx: Ctx; input: { limit: number; operation?: Operation; kinds?: readonly string[] } }): Promise<ImportJobSummary[]> {
  const scopes = importReaderScopes(ctx, input.operation);
  const rows = await ctx.db
    .select(listed)
    .from(importJobs)
    .where(and(scopes === null ? undefined : eq(importJobs.createdBy, ctx.actor.id ?? ""), input.kinds ? inArray(importJobs.kind, [...input.kinds]) : undefined))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(input.limit);
  return rows.map((r) => {
    const { issues: _issues, ...summary } = importJobView({ ...r, report: [] });
    return summary;
  });
}
