import { writeAudit } from "../../platform/audit/audit.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import type { ImportFormat, ImportJob, ImportKind, ImportMode } from "./contracts.js";
import { importJobView } from "./get-import-job.js";
import { checkImportSize, detectFormat, readImportFile } from "./import-file.js";
import { importKindHandler } from "./import-kinds.js";
import { importRunner } from "./import-runner.js";
import { importJobs } from "./tables.js";

export type ImportRegistryInput = { kind: ImportKind | string; mode: ImportMode; format?: ImportFormat; fileName: string; content: Buffer };

/**
 * Accepts a CSV or XLSX file of organisations, persons, posts or memberships (or of a kind another module
 * registered, see import-kinds.ts) as a queued job and returns it
 * (the API answers 202): the file is checked (readable, right header, size) and stored with the uploader's
 * identity and the start audit record in one transaction; a background runner then writes the rows.
 */
export async function importRegistry({ ctx, input }: { ctx: Ctx; input: ImportRegistryInput }): Promise<ImportJob> {
  // Each row is checked again against its own target by the create use case; this is the right to import at all.
  // a kind another module registered is uploaded under that module's right (e.g. planning:import)
  const operation = importKindHandler(input.kind)?.operation ?? "registry:import";
  const scopes = scopesFor(ctx, operation);
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError(operation);
  }
  checkImportSize(input.content);
  const format = detectFormat(input.content, input.fileName, input.format);
  const file = await readImportFile(input.kind, format, input.content);
  const id = newId();
  const { sessionId: _session, ...actor } = ctx.actor;
  const job = await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(importJobs)
      .values({
        id,
        kind: input.kind,
        format,
        mode: input.mode,
        fileName: input.fileName,
        status: "queued",
        content: input.content.toString("base64"),
        totalRows: file.rows.length,
        createdBy: ctx.actor.id,
        actor,
        requestId: ctx.requestId,
        createdAt: tx.now(),
      })
      .returning();
    await writeAudit(tx, { action: "registry.import.start", entityType: "import", entityId: id, after: { kind: input.kind, format, mode: input.mode, fileName: input.fileName, bytes: input.content.length, rows: file.rows.length } });
    return importJobView(row!);
  });
  // Inside a caller's transaction the job is not visible yet: the runner's periodic sweep will find it.
  if (!ctx.inTransaction) importRunner(ctx).kick();
  return job;
}
