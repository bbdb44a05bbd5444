import { setImmediate as nextTurn } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import { fieldErrorsFromIssues } from "../../platform/http/error-handler.js";
import { parseThaiDate } from "../../platform/thai/index.js";
import type { ImportIssue, ImportJob, ImportKind, ImportStatus, OrganizationClassification } from "./contracts.js";
import { createMembership } from "./create-membership.js";
import { createOrganization } from "./create-organization.js";
import { createPerson } from "./create-person.js";
import { createPost } from "./create-post.js";
import { importJobView } from "./get-import-job.js";
import { readImportFile, type ImportRow } from "./import-file.js";
import { importKindHandler, ImportRowIssues } from "./import-kinds.js";
import { importJobs } from "./tables.js";

/** Rows between two progress writes (and, for valid-rows jobs, rows per committed chunk). */
export const IMPORT_CHUNK_ROWS = 200;
/** The report keeps this many lines; errorCount still counts them all. */
const MAX_REPORT = 5000;

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ProgressEvent = { jobId: string; status: ImportStatus; processedRows: number; totalRows: number; createdRows: number; errorCount: number };

/** Another worker took the job over (this claim is no longer the latest): whatever this one did is rolled back. */
export class ImportSupersededError extends Error {}
/** The runner is stopping: the job's open work is rolled back and the job goes back to the queue. */
export class ImportInterruptedError extends Error {}

const issue = (row: number, column: string, code: string, messageTh: string, messageEn: string): ImportIssue => ({ row, column, code, messageTh, messageEn });
const RowIssues = ImportRowIssues;

// Local government as people write it in Thai; the English classification values are accepted as they are.
const CLASSIFICATION_ALIASES: Record<string, OrganizationClassification> = {
  เทศบาล: "municipality",
  เทศบาลนคร: "municipality",
  เทศบาลเมือง: "municipality",
  เทศบาลตำบล: "municipality",
  "ทน.": "municipality",
  "ทม.": "municipality",
  "ทต.": "municipality",
  "อบต.": "subdistrict_administration",
  องค์การบริหารส่วนตำบล: "subdistrict_administration",
  "อบจ.": "provincial_administration",
  องค์การบริหารส่วนจังหวัด: "provincial_administration",
};

const opt = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
const snake = (field: string) => field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** Turns one row's cells into the use case's input and runs it: the same checks, permission and audit as the API. */
async function importRow(ctx: Ctx, kind: ImportKind, r: ImportRow): Promise<void> {
  const handler = importKindHandler(kind);
  if (handler) {
    try {
      return await handler.run(ctx, r);
    } catch (e) {
      throw new RowIssues(issuesOf(e, r.row, snake, r.values));
    }
  }
  const v = r.values;
  const problems: ImportIssue[] = [];
  if (r.extraValues) problems.push(issue(r.row, "", "import.extra-values", "มีค่าในคอลัมน์ที่ไม่มีหัวคอลัมน์", "There are values in a column without a header"));
  const date = (col: string): string | undefined => {
    const raw = opt(v[col]);
    if (raw === undefined) return undefined;
    try {
      return parseThaiDate(raw);
    } catch (e) {
      const d = e as { messageTh?: string; messageEn?: string };
      problems.push(issue(r.row, col, "thai.date.invalid", d.messageTh ?? "วันที่ไม่ถูกต้อง", d.messageEn ?? "Invalid date"));
      return undefined;
    }
  };
  // area: an explicit id, or the DOPA code of a subdistrict, district or province
  const areaColumn = ["area_id", "subdistrict_code", "district_code", "province_code"].find((c) => opt(v[c]));
  const areaId = opt(v.area_id) ?? (opt(v.subdistrict_code) ? `subdistrict:${v.subdistrict_code}` : opt(v.district_code) ? `district:${v.district_code}` : opt(v.province_code) ? `province:${v.province_code}` : undefined);
  const columnOf = (field: string) => (field === "areaId" && areaColumn ? areaColumn : snake(field));

  const run = async () => {
    if (kind === "organizations") {
      const classification = CLASSIFICATION_ALIASES[v.classification ?? ""] ?? v.classification;
      const input = { id: opt(v.id), classification: classification as OrganizationClassification, nameTh: v.name_th ?? "", nameEn: v.name_en ?? "", abbreviation: opt(v.abbreviation), parentId: opt(v.parent_id), areaId, foundingDate: date("founding_date"), dissolutionDate: date("dissolution_date") };
      if (problems.length) throw new RowIssues(problems);
      await createOrganization({ ctx, input });
    } else if (kind === "persons") {
      if (problems.length) throw new RowIssues(problems);
      await createPerson({ ctx, input: { id: opt(v.id), honorificTh: opt(v.honorific_th), nameTh: v.name_th ?? "", nameEn: v.name_en ?? "", email: opt(v.email) } });
    } else if (kind === "posts") {
      const input = { id: opt(v.id), role: v.role as never, labelTh: v.label_th ?? "", labelEn: v.label_en ?? "", organizationId: v.organization_id ?? "", areaId, startDate: date("start_date"), endDate: date("end_date") };
      if (problems.length) throw new RowIssues(problems);
      await createPost({ ctx, input });
    } else {
      const input = { id: opt(v.id), personId: v.person_id ?? "", postId: v.post_id ?? "", designation: (opt(v.designation) as "cco" | undefined) ?? null, startDate: date("start_date") ?? "", endDate: date("end_date") };
      if (problems.length) throw new RowIssues(problems);
      await createMembership({ ctx, input });
    }
  };
  try {
    await run();
  } catch (e) {
    throw new RowIssues(issuesOf(e, r.row, columnOf, v));
  }
}

/** Maps whatever a row's use case threw to report lines; anything that is not about the row (connection lost …) is rethrown. */
function issuesOf(e: unknown, row: number, columnOf: (field: string) => string, values: Record<string, string>): ImportIssue[] {
  if (e instanceof ImportRowIssues) return e.issues;
  if (e instanceof AppError) {
    if (e.fields?.length) return e.fields.map((f) => issue(row, columnOf(f.path.split(".")[0]!), f.code, f.messageTh, f.messageEn));
    return [issue(row, "", e.code, e.messageTh, e.messageEn)];
  }
  if (e && typeof e === "object" && "issues" in e && Array.isArray((e as { issues: unknown }).issues)) {
    const raw = (e as { issues: { code?: string; path?: unknown[]; values?: unknown[] }[] }).issues;
    return fieldErrorsFromIssues(raw as never[]).map((f, i) => {
      const column = columnOf(f.path.split(".")[0]!);
      const allowed = raw[i]?.code === "invalid_value" ? raw[i]?.values : undefined;
      // an unknown classification or role: say which value and what the file may use instead
      if (allowed?.length) {
        const list = allowed.map(String).join(", ");
        return issue(row, column, "validation.invalid_value", `ไม่รู้จักค่า "${values[column] ?? ""}" ค่าที่ใช้ได้: ${list}`, `Unknown value "${values[column] ?? ""}"; allowed: ${list}`);
      }
      return issue(row, column, `validation.${f.code}`, f.messageTh, f.messageEn);
    });
  }
  // Drizzle wraps driver errors; a SQLSTATE of class 22 (data) or 23 (integrity) is about this row's values.
  const pgCode = String((e as { cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code ?? "");
  if (pgCode === "23505") return [issue(row, "id", "import.duplicate-id", "มีรหัสนี้อยู่แล้ว (ในระบบหรือในแถวก่อนหน้าของไฟล์)", "This id already exists (in the registry or in an earlier row of the file)")];
  if (/^2[23]/.test(pgCode)) return [issue(row, "", `import.rejected.${pgCode}`, "ฐานข้อมูลไม่รับค่าในแถวนี้", "The database refused a value in this row")];
  throw e;
}

type Tally = { processed: number; created: number; errors: number; report: ImportIssue[] };

/**
 * Writes progress from outside the import's transaction, at most one write in flight and the latest value
 * wins. Never awaited inside the transaction: on PGlite (one session) the write waits for it to end.
 */
function progressWriter(base: Ctx, job: ImportJobRow) {
  let pending: Promise<void> = Promise.resolve();
  let inFlight = false;
  let next: number | null = null;
  const write = async (processed: number) => {
    await base.db
      .update(importJobs)
      .set({ processedRows: processed, heartbeatAt: sql`now()` })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.attempts, job.attempts), eq(importJobs.status, "running")));
  };
  const pump = (): void => {
    if (inFlight || next === null) return;
    const n = next;
    next = null;
    inFlight = true;
    pending = write(n)
      .catch(() => undefined) // progress is best-effort; the final result is written in the job's transaction
      .finally(() => {
        inFlight = false;
        pump();
      });
  };
  return {
    report(processed: number) {
      next = processed;
      pump();
    },
    async flush() {
      while (inFlight || next !== null) {
        pump();
        await pending;
      }
    },
  };
}

/** valid-rows: clean, some rows written and some reported, or nothing written at all */
function validRowsStatus(t: Tally): ImportStatus {
  if (!t.errors) return "succeeded";
  return t.created ? "partially_succeeded" : "failed";
}

/** Marks the job finished (fenced by its attempt) and writes the finish audit record, in the caller's transaction. */
async function finish(tx: Ctx, job: ImportJobRow, status: ImportStatus, t: Tally): Promise<ImportJob> {
  const [row] = await tx.db
    .update(importJobs)
    .set({ status, processedRows: t.processed, createdRows: t.created, errorCount: t.errors, report: t.report.slice(0, MAX_REPORT), finishedAt: tx.now(), heartbeatAt: sql`now()`, content: null })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.attempts, job.attempts), eq(importJobs.status, "running")))
    .returning();
  if (!row) throw new ImportSupersededError(`import ${job.id} attempt ${job.attempts} was superseded`);
  await writeAudit(tx, { action: "registry.import.finish", entityType: "import", entityId: job.id, after: { status, kind: job.kind, mode: job.mode, rows: t.processed, created: t.created, errors: t.errors } });
  return importJobView(row);
}

export type ProcessImportInput = {
  /** the claimed job row (status running, this worker's attempt) */
  job: ImportJobRow;
  /** checked between rows: true when the runner is stopping */
  shouldStop: () => boolean;
  onProgress: (e: ProgressEvent) => void;
};

/**
 * Runs a claimed import job as the actor who uploaded it: every row through the same use case as the API,
 * with its permission check and audit record in the same transaction as the write.
 * all-or-nothing: one transaction (a savepoint per row); any bad row and it rolls back, the report is kept.
 * valid-rows: chunks of rows, each committed together with the job's progress and report, so a restart
 * continues after the last committed chunk and never writes a row twice.
 */
export async function processImportJob({ ctx, input }: { ctx: Ctx; input: ProcessImportInput }): Promise<ImportJob> {
  const { job, shouldStop, onProgress } = input;
  const kind = job.kind as ImportKind;
  const allOrNothing = job.mode !== "valid-rows";
  const file = await readImportFile(kind, job.format as "csv" | "xlsx", Buffer.from(job.content ?? "", "base64")).catch((e: unknown) => e as Error);
  if (file instanceof Error) {
    const t: Tally = { processed: 0, created: 0, errors: 1, report: [e2issue(file)] };
    return withTransaction(ctx, (tx) => finish(tx, job, "failed", t));
  }
  const rows = file.rows;
  const total = rows.length;
  const emit = (t: Tally, status: ImportStatus = "running") => onProgress({ jobId: job.id, status, processedRows: t.processed, totalRows: total, createdRows: t.created, errorCount: t.errors });
  const runRow = async (tx: Ctx, r: ImportRow, t: Tally) => {
    try {
      await tx.db.transaction(async (sp) => importRow({ ...tx, db: sp as never }, kind, r));
      t.created++;
    } catch (e) {
      if (!(e instanceof RowIssues)) throw e;
      t.errors += e.issues.length;
      if (t.report.length < MAX_REPORT) t.report.push(...e.issues.slice(0, MAX_REPORT - t.report.length));
    }
    t.processed++;
    // PGlite answers without I/O, so a loop of queries would never let timers or HTTP requests run: yield each row
    await nextTurn();
  };

  if (allOrNothing) {
    // A restart begins again from the first row: the interrupted attempt's transaction rolled back.
    const t: Tally = { processed: 0, created: 0, errors: 0, report: [] };
    const progress = progressWriter(ctx, job);
    emit(t);
    class Rejected extends Error {}
    try {
      const done = await withTransaction(ctx, async (tx) => {
        for (const r of rows) {
          if (shouldStop()) throw new ImportInterruptedError();
          await runRow(tx, r, t);
          if (t.processed % IMPORT_CHUNK_ROWS === 0 && t.processed < total) {
            progress.report(t.processed);
            emit(t);
          }
        }
        if (t.errors) throw new Rejected();
        return finish(tx, job, "succeeded", t);
      });
      await progress.flush();
      emit(t, done.status);
      return done;
    } catch (e) {
      await progress.flush();
      if (!(e instanceof Rejected)) throw e;
      t.created = 0;
      const failed = await withTransaction(ctx, (tx) => finish(tx, job, "failed", t));
      emit(t, failed.status);
      return failed;
    }
  }

  // valid-rows: continue after what earlier attempts committed.
  const t: Tally = { processed: job.processedRows, created: job.createdRows, errors: job.errorCount, report: [...(job.report as ImportIssue[])] };
  emit(t);
  while (t.processed < total) {
    if (shouldStop()) throw new ImportInterruptedError();
    const start = t.processed;
    const chunk = rows.slice(start, start + IMPORT_CHUNK_ROWS);
    const before = { ...t, report: t.report.length };
    try {
      await withTransaction(ctx, async (tx) => {
        for (const r of chunk) await runRow(tx, r, t);
        const [saved] = await tx.db
          .update(importJobs)
          .set({ processedRows: t.processed, createdRows: t.created, errorCount: t.errors, report: t.report.slice(0, MAX_REPORT), heartbeatAt: sql`now()` })
          .where(and(eq(importJobs.id, job.id), eq(importJobs.attempts, job.attempts), eq(importJobs.status, "running"), eq(importJobs.processedRows, start)))
          .returning({ id: importJobs.id });
        if (!saved) throw new ImportSupersededError(`import ${job.id} attempt ${job.attempts} was superseded`);
      });
    } catch (e) {
      Object.assign(t, { processed: before.processed, created: before.created, errors: before.errors, report: t.report.slice(0, before.report) });
      throw e;
    }
    emit(t);
  }
  const done = await withTransaction(ctx, (tx) => finish(tx, job, validRowsStatus(t), t));
  emit(t, done.status);
  return done;
}

function e2issue(e: Error): ImportIssue {
  if (e instanceof AppError) return issue(0, "", e.code, e.messageTh, e.messageEn);
  return issue(0, "", "import.unreadable", "อ่านไฟล์ไม่ได้", `The file could not be read: ${e.message}`.slice(0, 300));
}
