import { eq, getTableColumns } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../platform/errors.js";
import type { Operation } from "../../platform/auth/policy.js";
import type { ImportJob } from "./contracts.js";
import { importJobs } from "./tables.js";

// the upload can be megabytes and is never shown: polls and lists leave it in the table
const { content: _content, ...viewColumns } = getTableColumns(importJobs);
export { viewColumns as importJobViewColumns };

export function importJobView(r: Omit<typeof importJobs.$inferSelect, "content">): ImportJob {
  return {
    id: r.id,
    kind: r.kind as ImportJob["kind"],
    format: r.format as ImportJob["format"],
    mode: r.mode as ImportJob["mode"],
    fileName: r.fileName,
    status: r.status as ImportJob["status"],
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    createdRows: r.createdRows,
    errorCount: r.errorCount,
    issues: (r.report as ImportJob["issues"]).slice(0, 1000),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Throws unless the actor may import at all; returns null for national importers (they see every job). */
export function importReaderScopes(ctx: Ctx, operation: Operation = "registry:import"): string[] | null {
  const scopes = scopesFor(ctx, operation);
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError(operation);
  }
  return scopes;
}

/** Status, progress and validation report of an import (its author's, or any for a national importer). */
export async function getImportJob({ ctx, input }: { ctx: Ctx; input: { id: string; operation?: Operation; kinds?: readonly string[] } }): Promise<ImportJob> {
  const scopes = importReaderScopes(ctx, input.operation);
  const [row] = await ctx.db.select(viewColumns).from(importJobs).where(eq(importJobs.id, input.id)).limit(1);
  if (!row || (scopes !== null && row.createdBy !== ctx.actor.id) || (input.kinds && !input.kinds.includes(row.kind))) throw new NotFoundError("import", input.id);
  return importJobView(row);
}
