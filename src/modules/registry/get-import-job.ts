import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../platform/errors.js";
import type { ImportJob } from "./contracts.js";
import { importJobs } from "./tables.js";

export function importJobView(r: typeof importJobs.$inferSelect): ImportJob {
  return {
    id: r.id,
    kind: r.kind as ImportJob["kind"],
    format: r.format as ImportJob["format"],
    fileName: r.fileName,
    status: r.status as ImportJob["status"],
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    createdRows: r.createdRows,
    errorCount: r.errorCount,
    issues: (r.report as ImportJob["issues"]).slice(0, 1000),
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Progress and validation report of an import (its author, or a national editor). */
export async function getImportJob({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ImportJob> {
  const scopes = scopesFor(ctx, "registry:import");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("registry:import");
  }
  const [row] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, input.id)).limit(1);
  if (!row || (scopes !== null && row.createdBy !== ctx.actor.id)) throw new NotFoundError("import", input.id);
  return importJobView(row);
}
