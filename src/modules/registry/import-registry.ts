import { eq } from "drizzle-orm";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { writeAudit } from "../../platform/audit/audit.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { AppError, ForbiddenError, UnauthorizedError, ValidationError } from "../../platform/errors.js";
import { parseThaiDate } from "../../platform/thai/index.js";
import type { ImportIssue, ImportJob, ImportKind } from "./contracts.js";
import { createMembership } from "./create-membership.js";
import { createOrganization } from "./create-organization.js";
import { createPerson } from "./create-person.js";
import { createPost } from "./create-post.js";
import { importJobView } from "./get-import-job.js";
import { importJobs } from "./tables.js";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** Live progress of jobs running in this process (the job row is only written when the transaction ends). */
const progress = new Map<string, number>();
export function liveProgress(id: string): number | undefined {
  return progress.get(id);
}

type Row = Record<string, string>;
const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  organizations: { required: ["classification", "name_th"], optional: ["id", "name_en", "abbreviation", "parent_id", "area_id", "province_code", "founding_date", "dissolution_date"] },
  persons: { required: ["name_th"], optional: ["id", "honorific_th", "name_en", "email"] },
  posts: { required: ["role", "label_th", "organization_id"], optional: ["id", "label_en", "area_id", "province_code", "start_date", "end_date"] },
  memberships: { required: ["person_id", "post_id", "start_date"], optional: ["id", "designation", "end_date"] },
};
const FIELD_TO_COLUMN: Record<string, string> = {
  nameTh: "name_th", nameEn: "name_en", parentId: "parent_id", areaId: "area_id", foundingDate: "founding_date", dissolutionDate: "dissolution_date",
  honorificTh: "honorific_th", labelTh: "label_th", labelEn: "label_en", organizationId: "organization_id", startDate: "start_date", endDate: "end_date",
  personId: "person_id", postId: "post_id",
};

function issue(row: number, column: string, code: string, th: string, en: string): ImportIssue {
  return { row, column, code, messageTh: th, messageEn: en };
}

async function readRows(format: "csv" | "xlsx", content: Buffer): Promise<Row[]> {
  if (format === "csv") {
    const text = content.toString("utf8").replace(/^\uFEFF/, "");
    return parseCsv(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: true }) as Row[];
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const header: string[] = [];
  ws.getRow(1).eachCell((c, col) => (header[col] = String(c.text ?? "").trim().toLowerCase()));
  const rows: Row[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const obj: Row = {};
    header.forEach((h, col) => {
      if (!h) return;
      const cell = r.getCell(col);
      const v = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : String(cell.text ?? "").trim();
      obj[h] = v;
    });
    if (Object.values(obj).some((v) => v !== "")) rows.push(obj);
  });
  return rows;
}

function date(v: string | undefined): string | null | undefined {
  if (v === undefined || v === "") return undefined;
  return parseThaiDate(v);
}
const opt = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);

async function importRow(ctx: Ctx, kind: ImportKind, r: Row): Promise<void> {
  const areaId = opt(r.area_id) ?? (opt(r.province_code) ? `province:${r.province_code}` : undefined);
  if (kind === "organizations")
    await createOrganization({ ctx, input: { id: opt(r.id), classification: r.classification as never, nameTh: r.name_th!, nameEn: r.name_en ?? "", abbreviation: opt(r.abbreviation), parentId: opt(r.parent_id), areaId, foundingDate: date(r.founding_date), dissolutionDate: date(r.dissolution_date) } });
  else if (kind === "persons") await createPerson({ ctx, input: { id: opt(r.id), honorificTh: opt(r.honorific_th), nameTh: r.name_th!, nameEn: r.name_en ?? "", email: opt(r.email) } });
  else if (kind === "posts")
    await createPost({ ctx, input: { id: opt(r.id), role: r.role as never, labelTh: r.label_th!, labelEn: r.label_en ?? "", organizationId: r.organization_id!, areaId, startDate: date(r.start_date), endDate: date(r.end_date) } });
  else await createMembership({ ctx, input: { id: opt(r.id), personId: r.person_id!, postId: r.post_id!, designation: (opt(r.designation) as "cco" | undefined) ?? null, startDate: date(r.start_date)!, endDate: date(r.end_date) } });
}

function issuesOf(e: unknown, row: number): ImportIssue[] {
  if (e instanceof AppError) {
    if (e.fields?.length) return e.fields.map((f) => issue(row, FIELD_TO_COLUMN[f.path.split(".")[0]!] ?? f.path, f.code, f.messageTh, f.messageEn));
    return [issue(row, "", e.code, e.messageTh, e.messageEn)];
  }
  if (e && typeof e === "object" && "issues" in e) {
    return (e as { issues: { path: (string | number)[]; code: string; message: string }[] }).issues.map((i) =>
      issue(row, FIELD_TO_COLUMN[String(i.path[0])] ?? String(i.path[0] ?? ""), `validation.${i.code}`, "ค่าไม่ถูกต้อง", i.message),
    );
  }
  if (e && typeof e === "object" && "code" in e && (e as { code: string }).code === "thai.date.invalid") {
    return [issue(row, "date", "thai.date.invalid", (e as unknown as { messageTh: string }).messageTh, (e as unknown as { messageEn: string }).messageEn)];
  }
  throw e;
}

/** Runs a stored import job: every row through the same use case as the API, all-or-nothing by default. */
export async function processImportJob(ctx: Ctx, jobId: string): Promise<ImportJob> {
  const [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId)).limit(1);
  if (!job) throw new Error(`import job ${jobId} vanished`);
  const kind = job.kind as ImportKind;
  const content = Buffer.from(job.content ?? "", "base64");
  const issues: ImportIssue[] = [];
  let rows: Row[] = [];
  try {
    rows = await readRows(job.format as "csv" | "xlsx", content);
  } catch (e) {
    issues.push(issue(0, "", "import.unreadable", "อ่านไฟล์ไม่ได้ (ต้องเป็น CSV UTF-8 หรือ XLSX)", `The file could not be read (CSV in UTF-8 or XLSX expected): ${(e as Error).message}`.slice(0, 300)));
  }
  if (rows.length > MAX_IMPORT_ROWS) issues.push(issue(0, "", "import.too-many-rows", `ไฟล์มีเกิน ${MAX_IMPORT_ROWS} แถว`, `More than ${MAX_IMPORT_ROWS} rows`));
  if (rows.length) {
    const present = new Set(Object.keys(rows[0]!));
    for (const c of COLUMNS[kind].required) if (!present.has(c)) issues.push(issue(1, c, "import.missing-column", `ไม่มีคอลัมน์ ${c}`, `Missing column ${c}`));
  } else if (!issues.length) issues.push(issue(0, "", "import.empty", "ไฟล์ไม่มีข้อมูล", "The file has no data rows"));
  let created = 0;
  const allOrNothing = job.mode !== "valid-rows";
  class Abort extends Error {}
  const finish = async (tx: Ctx, status: ImportJob["status"]) => {
    const [row] = await tx.db
      .update(importJobs)
      .set({ status, totalRows: rows.length, processedRows: rows.length, createdRows: created, errorCount: issues.length, report: issues.slice(0, 5000), finishedAt: tx.now(), content: null })
      .where(eq(importJobs.id, jobId))
      .returning();
    await writeAudit(tx, { action: "registry.import.finish", entityType: "import", entityId: jobId, after: { status, created, errors: issues.length } });
    return importJobView(row!);
  };
  try {
    return await withTransaction(ctx, async (tx) => {
      if (!issues.length) {
        for (const [n, r] of rows.entries()) {
          const rowNo = n + 2; // header is row 1
          try {
            await tx.db.transaction(async (sp) => importRow({ ...tx, db: sp as never }, kind, r));
            created++;
          } catch (e) {
            issues.push(...issuesOf(e, rowNo));
          }
          progress.set(jobId, n + 1);
        }
      }
      if (issues.length && allOrNothing) throw new Abort();
      return finish(tx, issues.length ? (created ? "partially_succeeded" : "failed") : "succeeded");
    });
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    created = 0;
    return withTransaction(ctx, (tx) => finish(tx, "failed"));
  } finally {
    progress.delete(jobId);
  }
}

/** Accepts a CSV or XLSX file of organisations, persons, posts or memberships and runs it as a job. */
export async function importRegistry({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { kind: ImportKind; mode: "all-or-nothing" | "valid-rows"; format?: "csv" | "xlsx"; fileName: string; content: Buffer };
}): Promise<ImportJob> {
  const scopes = scopesFor(ctx, "registry:import");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("registry:import");
  }
  if (input.content.length === 0) throw new ValidationError([{ path: "body", code: "import.empty-file", messageTh: "ไม่ได้แนบไฟล์", messageEn: "No file was sent" }]);
  if (input.content.length > MAX_IMPORT_BYTES) throw new ValidationError([{ path: "body", code: "import.too-large", messageTh: "ไฟล์ใหญ่เกิน 10 MB", messageEn: "The file is larger than 10 MB" }]);
  const isZip = input.content[0] === 0x50 && input.content[1] === 0x4b;
  const format = input.format ?? (isZip || input.fileName.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv");
  const id = newId();
  await withTransaction(ctx, async (tx) => {
    await tx.db.insert(importJobs).values({ id, kind: input.kind, format, mode: input.mode, fileName: input.fileName, status: "running", content: input.content.toString("base64"), createdBy: ctx.actor.id, createdAt: tx.now() });
    await writeAudit(tx, { action: "registry.import.start", entityType: "import", entityId: id, after: { kind: input.kind, format, mode: input.mode, fileName: input.fileName, bytes: input.content.length } });
  });
  return processImportJob(ctx, id);
}
