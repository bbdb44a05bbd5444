import { desc, eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { ImportJobSummary } from "./contracts.js";
import { importJobView, importJobViewColumns, importReaderScopes } from "./get-import-job.js";
import { importJobs } from "./tables.js";

// the report can be long too: a list leaves it out
const { report: _report, ...listed } = importJobViewColumns;

/** The latest imports (the actor's own, or everyone's for a national importer), newest first, without reports. */
export async function listImportJobs({ ctx, input }: { ctx: Ctx; input: { limit: number } }): Promise<ImportJobSummary[]> {
  const scopes = importReaderScopes(ctx);
  const rows = await ctx.db
    .select(listed)
    .from(importJobs)
    .where(scopes === null ? undefined : eq(importJobs.createdBy, ctx.actor.id ?? ""))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(input.limit);
  return rows.map((r) => {
    const { issues: _issues, ...summary } = importJobView({ ...r, report: [] });
    return summary;
  });
}
