import { and, eq } from "drizzle-orm";
import { requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { AppError, ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { areaByName, ImportRowIssues, registerImportKind, type ImportRow } from "../registry/index.js";
import { categoryForTraffyTypes } from "./categories.js";
import { locateDistrict } from "./locate.js";
import { submitCase } from "./submit-case.js";
import { cases } from "./tables.js";
import { parseCoords, parsePgArray, parseTraffyTimestamp, TRAFFY_COLUMNS, TRAFFY_STATUS } from "./traffy-csv.js";

export const TRAFFY_IMPORT_KIND = "cases-traffy";

const issue = (row: number, column: string, code: string, th: string, en: string) => new ImportRowIssues([{ row, column, code, messageTh: th, messageEn: en }]);

/**
 * One Traffy Fondue export row as a case, for a province moving its history here: placed by its pin (or its
 * province, district and subdistrict names), categorised by its first known type (else "other"), routed by this
 * province's rules, received at its own time, then set to its Traffy status with its rating. Traffy's export has
 * no reporter identity: imported cases are anonymous. Photo links are kept for staff; nothing is downloaded.
 * The same ticket imported twice is refused (one case per ticket).
 */
export async function importTraffyRow(ctx: Ctx, row: ImportRow): Promise<void> {
  const v = row.values;
  const ticket = (v.ticket_id ?? "").trim();
  const at = parseTraffyTimestamp(v.timestamp ?? "");
  if (!ticket) throw issue(row.row, "ticket_id", "cases.import.ticket-missing", "ไม่มีเลขเรื่อง (ticket_id)", "ticket_id is missing");
  if (!at) throw issue(row.row, "timestamp", "cases.import.bad-timestamp", "วันเวลาแจ้งอ่านไม่ได้", "The timestamp cannot be read");
  const { lat, lon } = parseCoords(v.coords ?? "");
  let where: { provinceCode?: string; districtCode?: string; subdistrictCode?: string } = {};
  const hit = lat !== null && lon !== null ? locateDistrict(lat, lon) : null;
  if (!hit) {
    const p = await areaByName(ctx, "province", v.province ?? "");
    if (!p?.provinceCode) throw issue(row.row, "province", "cases.import.unknown-place", `ไม่พบจังหวัด "${v.province ?? ""}" และไม่มีพิกัดในประเทศไทย`, `Unknown province "${v.province ?? ""}" and no coordinates in Thailand`);
    const d = await areaByName(ctx, "district", v.district ?? "", p.id);
    const s = d ? await areaByName(ctx, "subdistrict", v.subdistrict ?? "", d.id) : null;
    where = { provinceCode: p.provinceCode, districtCode: d?.id.slice("district:".length), subdistrictCode: s?.id.slice("subdistrict:".length) };
  }
  await requirePermission(ctx, "cases:import", { kind: "area", id: `province:${hit?.provinceCode ?? where.provinceCode}` });
  const [dup] = await ctx.db.select({ id: cases.id }).from(cases).where(and(eq(cases.channel, "import"), eq(cases.externalId, ticket))).limit(1);
  if (dup) throw issue(row.row, "ticket_id", "cases.import.duplicate", `นำเข้าเรื่อง ${ticket} แล้ว`, `Ticket ${ticket} was already imported`);
  const text = (v.comment ?? "").trim();
  if (text.length < 5) throw issue(row.row, "comment", "cases.import.comment-short", "รายละเอียดสั้นเกินไป (อย่างน้อย 5 ตัวอักษร)", "The comment is too short (at least 5 characters)");
  const status = TRAFFY_STATUS[(v.state ?? "").trim()] ?? "received";
  const star = Number(v.star);
  await withTransaction(ctx, async (tx) => {
    try {
      const made = await submitCase({
        ctx: { ...tx, now: () => at },
        channel: "import",
        externalId: ticket,
        input: {
          categoryId: categoryForTraffyTypes(parsePgArray(v.type ?? "")) ?? "other",
          descriptionTh: text.slice(0, 4000),
          ...(hit ? { lat: lat!, lon: lon! } : {}),
          ...where,
          addressTh: (v.address ?? "").slice(0, 300),
          attributes: { traffy_ticket: ticket, ...(v.photo ? { traffy_photo: v.photo.slice(0, 500) } : {}), ...(v.photo_after ? { traffy_photo_after: v.photo_after.slice(0, 500) } : {}) },
          reporter: { anonymous: true, notify: false },
          consent: true,
        },
      });
      const last = parseTraffyTimestamp(v.last_activity ?? "") ?? at;
      if (status !== "received") {
        const done = status === "resolved" || status === "closed";
        await tx.db
          .update(cases)
          .set({ status, acceptedAt: at, resolvedAt: done ? last : null, resolutionTh: done ? "ดำเนินการเสร็จในระบบเดิม (Traffy Fondue)" : null, rating: star >= 1 && star <= 5 ? star : null, reopenCount: Number(v.count_reopen) || 0, updatedAt: last })
          .where(eq(cases.id, made.id));
        await writeAudit(tx, { action: "cases.import", entityType: "case", entityId: made.id, provinceCode: hit?.provinceCode ?? where.provinceCode, after: { source: "traffy", ticket, status, rating: star >= 1 && star <= 5 ? star : null } });
      }
    } catch (e) {
      if (e instanceof ImportRowIssues) throw e;
      if (e instanceof AppError) throw new ImportRowIssues((e.fields?.length ? e.fields : [{ path: "", code: e.code, messageTh: e.messageTh, messageEn: e.messageEn }]).map((f) => ({ row: row.row, column: f.path.split(".")[0] === "descriptionTh" ? "comment" : "", code: f.code, messageTh: f.messageTh, messageEn: f.messageEn })));
      throw e;
    }
  });
}

/** The right to import case files at all (each row is checked again for its province): asked before the body is read. */
export async function checkCasesImportRight(ctx: Ctx): Promise<void> {
  const reach = scopesFor(ctx, "cases:import");
  if (reach !== null && reach.length === 0) throw ctx.actor.kind === "anonymous" ? new UnauthorizedError() : new ForbiddenError("cases:import");
}

let registered = false;
/** Registers the Traffy Fondue export as an import kind of the registry's machinery (progress, report, modes). */
export function registerCasesImports(): void {
  if (registered) return;
  registered = true;
  const [required, optional] = [["ticket_id", "timestamp", "comment"], TRAFFY_COLUMNS.filter((c) => !["ticket_id", "timestamp", "comment"].includes(c))];
  registerImportKind({ kind: TRAFFY_IMPORT_KIND, operation: "cases:import", columns: { required, optional }, run: importTraffyRow });
}
