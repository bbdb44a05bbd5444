import sharp from "sharp";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { AppError, ValidationError } from "../../platform/errors.js";
import { PROJECT_FILE_MAX_BYTES, PROJECT_FILE_TYPES, type ProjectFileView } from "./contracts-projects.js";
import { fileView } from "./project-presenters.js";
import { mustGetProject, projectWriters } from "./project-rules.js";
import { projectFiles } from "./tables.js";

type MediaType = keyof typeof PROJECT_FILE_TYPES;

/** The file's first bytes must match its declared type (a renamed executable is not a PDF). */
function looksLike(type: MediaType, b: Buffer): boolean {
  const starts = (...xs: number[]) => xs.every((x, k) => b[k] === x);
  switch (type) {
    case "application/pdf":
      return b.subarray(0, 5).toString("latin1") === "%PDF-";
    case "image/jpeg":
      return starts(0xff, 0xd8, 0xff);
    case "image/png":
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case "image/webp":
      return b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP";
    default:
      return starts(0x50, 0x4b, 0x03, 0x04); // docx / xlsx are zip packages
  }
}

/**
 * An image must also open: a picture cut short or corrupt is not kept, nor one over 50 megapixels (a small file
 * that would decode to gigabytes). Other types are checked by their signature alone.
 */
async function readableImage(type: string, b: Buffer): Promise<boolean> {
  if (!type.startsWith("image/")) return true;
  try {
    const m = await sharp(b, { failOn: "error", limitInputPixels: false }).metadata();
    if (!m.width || !m.height || m.width * (m.pageHeight ?? m.height) > 50_000_000) return false;
    await sharp(b, { failOn: "error", pages: 1 }).resize(8, 8, { fit: "inside" }).toBuffer(); // decodes every pixel
    return true;
  } catch {
    return false;
  }
}

export class FileTooLargeError extends AppError {
  constructor(size: number) {
    super("planning.file-too-large", 413, `ไฟล์ใหญ่เกิน ${PROJECT_FILE_MAX_BYTES / 1024 / 1024} MB`, `The file is larger than ${PROJECT_FILE_MAX_BYTES / 1024 / 1024} MB`, undefined, { size, max: PROJECT_FILE_MAX_BYTES });
  }
}

/**
 * The upload's right alone, on the project's scopes: the route asks it before it reads the body, so a caller without
 * the right is refused (401/403) before the body's size is looked at. uploadProjectFile checks it again in its transaction.
 */
export async function checkProjectFileUpload({ ctx, input }: { ctx: Ctx; input: { projectId: string } }): Promise<void> {
  const p = await mustGetProject(ctx, input.projectId);
  await requireAnyPermission(ctx, "planning:project.progress", projectWriters(p));
}

/** Stores a document or photo of a project (≤ 5 MB; PDF, JPEG, PNG, WebP, DOCX or XLSX whose bytes match the type). */
export async function uploadProjectFile({ ctx, input }: { ctx: Ctx; input: { projectId: string; fileName: string; mediaType: string; content: Buffer; captionTh?: string; kind?: "document" | "photo" } }): Promise<ProjectFileView> {
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.projectId, true);
    await requireAnyPermission(tx, "planning:project.progress", projectWriters(p));
    const type = input.mediaType.split(";")[0]!.trim().toLowerCase();
    if (!(type in PROJECT_FILE_TYPES)) throw new ValidationError([{ path: "file", code: "planning.file-type", messageTh: "รับเฉพาะไฟล์ PDF, JPEG, PNG, WebP, DOCX หรือ XLSX", messageEn: "Only PDF, JPEG, PNG, WebP, DOCX or XLSX files are accepted" }]);
    if (input.content.length > PROJECT_FILE_MAX_BYTES) throw new FileTooLargeError(input.content.length);
    if (input.content.length === 0 || !looksLike(type as MediaType, input.content) || !(await readableImage(type, input.content)))
      throw new ValidationError([{ path: "file", code: "planning.file-content", messageTh: "เนื้อไฟล์ไม่ตรงกับชนิดไฟล์ที่ระบุ", messageEn: "The file's content does not match its type" }]);
    const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, "_").trim().slice(0, 200) || "file";
    const caption = (input.captionTh ?? "").trim().slice(0, 500);
    const kind = input.kind === "document" ? "document" : PROJECT_FILE_TYPES[type as MediaType];
    const row = { id: newId(tx.now().getTime()), projectId: p.id, provinceCode: p.provinceCode, kind, fileName, mediaType: type, size: input.content.length, content: input.content, captionTh: caption, uploadedBy: tx.actor.name ?? tx.actor.id ?? null };
    const [saved] = await tx.db.insert(projectFiles).values(row).returning({ id: projectFiles.id, projectId: projectFiles.projectId, provinceCode: projectFiles.provinceCode, kind: projectFiles.kind, fileName: projectFiles.fileName, mediaType: projectFiles.mediaType, size: projectFiles.size, captionTh: projectFiles.captionTh, uploadedBy: projectFiles.uploadedBy, createdAt: projectFiles.createdAt, updatedAt: projectFiles.updatedAt });
    const { content: _c, ...audited } = row;
    await writeAudit(tx, { action: "planning.file.upload", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, after: audited });
    return fileView(saved!);
  });
}
