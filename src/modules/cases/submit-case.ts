import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { rowsOf } from "../../platform/db/rows.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, fieldError, ValidationError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/segment.js";
import { toBuddhistYear } from "../../platform/thai/dates.js";
import { lookupArea, lookupOrganization } from "../registry/index.js";
import { consentVersion } from "./retention.js";
import { SubmitCaseInput, type SubmittedCase } from "./contracts.js";
import { actorLabel, mustGetCategory, newTrackingCode, recordEvent, redactPersonalData, routeCase, trackingHash } from "./case-rules.js";
import { findDuplicatesAt } from "./find-duplicates.js";
import { cellOf, locateDistrict } from "./locate.js";
import { storePhoto, type PhotoToStore } from "./photo-store.js";
import { caseReporters, cases } from "./tables.js";
import { parseInput } from "../../platform/validation.js";

const HOUR = 3_600_000;

type Where = { provinceCode: string; districtCode: string | null; subdistrictCode: string | null };

/** Where the case is: the subdistrict named, else the district, else the district the pin falls in, else the province. */
export async function placeOf(ctx: Ctx, i: { subdistrictCode?: string; districtCode?: string; provinceCode?: string; lat?: number; lon?: number }): Promise<Where> {
  if (i.subdistrictCode) {
    const a = await lookupArea(ctx, `subdistrict:${i.subdistrictCode}`);
    if (!a?.provinceCode) throw new ValidationError([fieldError("subdistrictCode", "ref.unknown-area", `ไม่พบตำบลรหัส ${i.subdistrictCode}`, `Unknown subdistrict ${i.subdistrictCode}`)]);
    if (i.districtCode && !i.subdistrictCode.startsWith(i.districtCode)) throw new ValidationError([fieldError("subdistrictCode", "cases.area-mismatch", "ตำบลไม่อยู่ในอำเภอที่เลือก", "The subdistrict is not in the chosen district")]);
    return { provinceCode: a.provinceCode, districtCode: i.subdistrictCode.slice(0, 4), subdistrictCode: i.subdistrictCode };
  }
  if (i.districtCode) {
    const a = await lookupArea(ctx, `district:${i.districtCode}`);
    if (!a?.provinceCode) throw new ValidationError([fieldError("districtCode", "ref.unknown-area", `ไม่พบอำเภอรหัส ${i.districtCode}`, `Unknown district ${i.districtCode}`)]);
    return { provinceCode: a.provinceCode, districtCode: i.districtCode, subdistrictCode: null };
  }
  if (i.lat !== undefined && i.lon !== undefined) {
    const hit = locateDistrict(i.lat, i.lon);
    if (hit) return { provinceCode: hit.provinceCode, districtCode: hit.districtCode, subdistrictCode: null };
    if (!i.provinceCode) throw new ValidationError([fieldError("lat", "cases.outside-thailand", "หมุดอยู่นอกประเทศไทย กรุณาเลือกอำเภอหรือจังหวัด", "The pin is outside Thailand: choose a district or province")]);
  }
  if (i.provinceCode) {
    const a = await lookupArea(ctx, `province:${i.provinceCode}`);
    if (!a) throw new ValidationError([fieldError("provinceCode", "ref.unknown-area", `ไม่พบจังหวัดรหัส ${i.provinceCode}`, `Unknown province ${i.provinceCode}`)]);
    return { provinceCode: i.provinceCode, districtCode: null, subdistrictCode: null };
  }
  throw new ValidationError([fieldError("lat", "cases.location-required", "กรุณาปักหมุดหรือเลือกตำบล อำเภอ หรือจังหวัด", "Drop a pin or choose a subdistrict, district or province")]);
}

/**
 * Takes a report from any channel: places it, routes it (rules, or the office a staff member chose), starts its
 * service-level clock, keeps the reporter apart (PDPA) with a tracking code shown once, and offers the open cases
 * it may duplicate. One transaction with its timeline and audit record.
 */
export async function submitCase({ ctx, input, photos = [], channel: via, externalId }: { ctx: Ctx; input: unknown; photos?: PhotoToStore[]; channel?: "open311" | "import"; externalId?: string }): Promise<SubmittedCase> {
  const i = parseInput(SubmitCaseInput, input);
  const staffEntry = !!(i.channel || i.orgId);
  const place = await placeOf(ctx, i);
  const area = place.districtCode ? { kind: "area" as const, id: `district:${place.districtCode}` } : { kind: "area" as const, id: `province:${place.provinceCode}` };
  await requirePermission(ctx, staffEntry ? "cases:intake" : "cases:submit", area);
  const category = await mustGetCategory(ctx, i.categoryId).catch(() => {
    throw new ValidationError([fieldError("categoryId", "cases.unknown-category", `ไม่พบประเภทเรื่อง ${i.categoryId}`, `Unknown category ${i.categoryId}`)]);
  });
  const missing = (category.attributes as { code: string; required?: boolean; descriptionTh?: string }[]).filter((a) => a.required && !(a.code in i.attributes));
  if (missing.length) throw new ValidationError(missing.map((a) => fieldError(`attributes.${a.code}`, "cases.attribute-required", `กรุณาตอบ: ${a.descriptionTh ?? a.code}`, `Required: ${a.code}`)));
  if (i.consentVersion !== undefined && i.consentVersion !== consentVersion()) {
    throw new ConflictError("cases.consent-changed", "ข้อความยินยอมเปลี่ยนไปตั้งแต่ท่านเปิดแบบฟอร์ม กรุณาอ่านข้อความใหม่แล้วยืนยันอีกครั้ง", "The consent text has changed since you opened the form: read it again and agree", { current: consentVersion() });
  }
  if (!i.reporter.anonymous && !i.reporter.name && !i.reporter.phone && !i.reporter.email) {
    throw new ValidationError([fieldError("reporter", "cases.contact-or-anonymous", "กรุณาให้ช่องทางติดต่ออย่างน้อยหนึ่งช่องทาง หรือเลือกไม่ประสงค์ออกนาม", "Give at least one way to contact you, or report anonymously")]);
  }
  let routed: { orgId: string; ruleId: string | null; by: string };
  if (i.orgId) {
    const org = await lookupOrganization(ctx, i.orgId);
    if (!org) throw new ValidationError([fieldError("orgId", "ref.unknown-organization", `ไม่พบหน่วยงาน ${i.orgId}`, `Unknown organisation ${i.orgId}`)]);
    routed = { orgId: org.id, ruleId: null, by: "staff" };
  } else routed = { ...(await routeCase(ctx, { ...place, category })), by: via === "import" ? "import" : "rule" };

  const now = ctx.now();
  const trackingCode = newTrackingCode();
  const hasPin = i.lat !== undefined && i.lon !== undefined;
  return withTransaction(ctx, async (tx) => {
    const [{ n }] = rowsOf<{ n: string }>(await tx.db.execute(sql`select nextval('case_ref_seq')::text as n`)) as [{ n: string }];
    const publicRef = `${place.provinceCode}-${String(toBuddhistYear(now.getUTCFullYear())).slice(2)}-${n.padStart(6, "0")}`;
    const dupes = hasPin ? await findDuplicatesAt(tx, { lat: i.lat!, lon: i.lon!, text: i.descriptionTh }) : [];
    const id = newId(now.getTime());
    const org = await lookupOrganization(tx, routed.orgId);
    const row = {
      id,
      publicRef,
      ...place,
      categoryId: category.id,
      channel: via ?? i.channel ?? "web",
      descriptionTh: i.descriptionTh,
      publicText: redactPersonalData(i.descriptionTh, [i.reporter.name]),
      attributes: i.attributes,
      addressTh: i.addressTh ?? "",
      lat: hasPin ? i.lat! : null,
      lon: hasPin ? i.lon! : null,
      cell: hasPin ? cellOf(i.lat!, i.lon!) : null,
      status: "received",
      externalId: externalId ?? null,
      assignedOrgId: routed.orgId,
      routedBy: routed.by,
      acceptDueAt: new Date(now.getTime() + category.acceptHours * HOUR),
      resolveDueAt: new Date(now.getTime() + category.resolveHours * HOUR),
      searchText: searchText(publicRef, category.nameTh, i.descriptionTh, i.addressTh),
      publicSearchText: category.sensitive ? "" : searchText(redactPersonalData(i.descriptionTh, [i.reporter.name])),
      createdBy: ctx.actor.id,
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await tx.db.insert(cases).values(row);
    const reporterId = newId(now.getTime());
    await tx.db.insert(caseReporters).values({
      id: reporterId,
      caseId: id,
      provinceCode: place.provinceCode,
      accountId: ctx.actor.kind === "user" && ctx.actor.grants.some((g) => g.role === "citizen") ? ctx.actor.id : null,
      name: i.reporter.anonymous ? null : (i.reporter.name ?? null),
      phone: i.reporter.anonymous ? null : (i.reporter.phone ?? null),
      email: i.reporter.anonymous ? null : (i.reporter.email ?? null),
      anonymous: i.reporter.anonymous,
      trackingHash: trackingHash(trackingCode),
      consentVersion: consentVersion(),
      consentAt: now,
      notify: !i.reporter.anonymous && !!i.reporter.email && i.reporter.notify,
    });
    for (const p of photos) await storePhoto(tx, { caseId: id, provinceCode: place.provinceCode, kind: "before", photo: p });
    const channelTh = { web: "เว็บไซต์", hotline_1567: "สายด่วน 1567", walk_in: "ศูนย์ดำรงธรรม (มาด้วยตนเอง)", open311: "ระบบเชื่อมต่อ Open311", import: "นำเข้าจากระบบเดิม" }[row.channel];
    await recordEvent(tx, row, { kind: "received", visibility: "public", toStatus: "received", textTh: `รับเรื่องทาง${channelTh}`, actorLabelTh: await actorLabel(tx, row), data: { channel: row.channel } });
    await recordEvent(tx, row, { kind: "routed", visibility: "public", textTh: `ส่งเรื่องถึง ${org?.nameTh ?? routed.orgId}`, actorLabelTh: "ระบบ", data: { orgId: routed.orgId, ruleId: routed.ruleId, by: routed.by } });
    if (dupes.length) await recordEvent(tx, row, { kind: "possible-duplicate", visibility: "internal", textTh: `อาจซ้ำกับเรื่อง ${dupes.map((d) => d.publicRef).join(", ")}`, data: { candidates: dupes.map((d) => ({ id: d.id, distanceMeters: d.distanceMeters, similarity: d.similarity })) } });
    // no personal data in the audit log: the reporter is named by the row's id only
    await writeAudit(tx, { action: "cases.case.submit", entityType: "case", entityId: id, provinceCode: place.provinceCode, after: { publicRef, categoryId: category.id, channel: row.channel, assignedOrgId: routed.orgId, routedBy: routed.by, reporterId, anonymous: i.reporter.anonymous, photos: photos.length } });
    return {
      id,
      publicRef,
      trackingCode,
      status: "received" as const,
      assignedOrgId: routed.orgId,
      assignedOrgNameTh: org?.nameTh ?? null,
      assignedOrgNameEn: org?.nameEn || org?.nameTh || null,
      resolveDueAt: row.resolveDueAt.toISOString(),
      possibleDuplicates: dupes.map((d) => ({ id: d.id, publicRef: d.publicRef, distanceMeters: d.distanceMeters, similarity: d.similarity })),
    };
  });
}
