import { sql } from "drizzle-orm";
import { auditWrite } from "../../platform/audit/audit.js";
import { executeAsOne, insertRows, type RowsWrite } from "../../platform/db/one-statement.js";
import { eventWrites, subscriptionsFor } from "../../platform/webhooks/index.js";
import { rowsOf } from "../../platform/db/rows.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, type Ctx } from "../../platform/ctx.js";
import { ConflictError, fieldError, ValidationError } from "../../platform/errors.js";
import { searchText, termsOfWords, thaiWords } from "../../platform/thai/segment.js";
import { toBuddhistYear } from "../../platform/thai/dates.js";
import { lookupArea, lookupOrganization, lookupOrganizationCached } from "../registry/index.js";
import { consentVersion } from "./retention.js";
import { SubmitCaseInput, type SubmittedCase } from "./contracts.js";
import { actorLabel, caseEventPayload, caseEventRow, caseEventType, mustGetCategory, newTrackingCode, redactPersonalData, routeCase, trackingHash, type CaseEventInput, type CaseRow } from "./case-rules.js";
import { loadLookups, type CaseLookups } from "./presenters.js";
import { findDuplicatesAt } from "./find-duplicates.js";
import { cellOf, locateDistrict } from "./locate.js";
import { photoRow, type PhotoToStore } from "./photo-store.js";
import { caseEvents, casePhotos, caseReporters, cases } from "./tables.js";
import { parseInput } from "../../platform/validation.js";
import { boundedMemo } from "../../platform/memo.js";

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

const categoryTerms = boundedMemo(1000, (nameTh) => searchText(nameTh));

/** How many case numbers a process takes from the sequence at a time (one round trip for this many intakes). */
export const CASE_NUMBER_BLOCK = 20;
const numberPools = new WeakMap<object, { free: string[]; refill?: Promise<void> }>();

/**
 * The next number for a case's public reference: from the process's block for this database (taken CASE_NUMBER_BLOCK at
 * a time from `case_ref_seq`), or straight from the sequence inside a transaction. Numbers stay unique across
 * processes; a block's numbers not used when a process stops are skipped, as a failed write's number always was.
 */
export async function nextCaseNumber(ctx: Ctx): Promise<string> {
  if (ctx.inTransaction) return rowsOf<{ n: string }>(await ctx.db.execute(sql`select nextval('case_ref_seq')::text as n`))[0]!.n;
  let pool = numberPools.get(ctx.db);
  if (!pool) numberPools.set(ctx.db, (pool = { free: [] }));
  const p = pool;
  while (!p.free.length) {
    p.refill ??= Promise.resolve(ctx.db.execute(sql`select nextval('case_ref_seq') as n from generate_series(1, ${CASE_NUMBER_BLOCK})`))
      .then((r) => {
        p.free.push(...rowsOf<{ n: string | number }>(r).map((x) => BigInt(x.n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String));
      })
      .finally(() => {
        p.refill = undefined;
      });
    await p.refill;
  }
  return p.free.shift()!;
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
  // the Thai word break of the description is the costliest step of an intake: done once, for the search text and
  // for the duplicate search
  const descriptionWords = thaiWords(i.descriptionTh);
  // one read (and a block of numbers now and then), then every write as one statement (executeAsOne: atomic, one
  // round trip; the duplicate search is a read and needs no transaction under read committed). The number is taken
  // first: a failed write leaves a gap.
  const [n, dupes, org, actorLabelTh] = await Promise.all([
    nextCaseNumber(ctx),
    hasPin ? findDuplicatesAt(ctx, { lat: i.lat!, lon: i.lon!, text: i.descriptionTh, words: descriptionWords }) : Promise.resolve([]),
    lookupOrganizationCached(ctx, routed.orgId),
    actorLabel(ctx, { assignedOrgId: routed.orgId, ...place }),
  ]);
  const publicRef = `${place.provinceCode}-${String(toBuddhistYear(now.getUTCFullYear())).slice(2)}-${n.padStart(6, "0")}`;
  const id = newId(now.getTime());
  const channel = via ?? i.channel ?? "web";
  const publicText = redactPersonalData(i.descriptionTh, [i.reporter.name]);
  const descriptionTerms = termsOfWords(descriptionWords).join(" ");
  const row: CaseRow = {
    id,
    publicRef,
    ...place,
    categoryId: category.id,
    channel,
    descriptionTh: i.descriptionTh,
    publicText,
    attributes: i.attributes,
    addressTh: i.addressTh ?? "",
    lat: hasPin ? i.lat! : null,
    lon: hasPin ? i.lon! : null,
    cell: hasPin ? cellOf(i.lat!, i.lon!) : null,
    status: "received",
    assignedOrgId: routed.orgId,
    assigneeAccountId: null,
    routedBy: routed.by,
    acceptDueAt: new Date(now.getTime() + category.acceptHours * HOUR),
    resolveDueAt: new Date(now.getTime() + category.resolveHours * HOUR),
    escalationLevel: 0,
    escalatedAt: null,
    mergedInto: null,
    supportCount: 1,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTh: null,
    afterPhotoId: null,
    disputedAt: null,
    reopenCount: 0,
    rating: null,
    externalId: externalId ?? null,
    // the reference's terms are its dash-separated parts ("57-69-000123"); a category's name is split once per process
    searchText: [publicRef.split("-").join(" "), categoryTerms(category.nameTh), descriptionTerms, searchText(i.addressTh)].filter(Boolean).join(" "),
    search: null,
    // the Thai word break of a long text is the costliest step here: done once when nothing was redacted
    publicSearchText: category.sensitive ? "" : publicText === i.descriptionTh ? descriptionTerms : searchText(publicText),
    publicSearch: null,
    version: 1,
    isDemo: false,
    createdBy: ctx.actor.id,
    receivedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  const { search: _s, publicSearch: _p, ...insertRow } = row;
  const reporterId = newId(now.getTime());
  const channelTh = { web: "เว็บไซต์", hotline_1567: "สายด่วน 1567", walk_in: "ศูนย์ดำรงธรรม (มาด้วยตนเอง)", open311: "ระบบเชื่อมต่อ Open311", import: "นำเข้าจากระบบเดิม" }[channel];
  const events: CaseEventInput[] = [
    { kind: "received", visibility: "public", toStatus: "received", textTh: `รับเรื่องทาง${channelTh}`, actorLabelTh, data: { channel } },
    { kind: "routed", visibility: "public", textTh: `ส่งเรื่องถึง ${org?.nameTh ?? routed.orgId}`, actorLabelTh: "ระบบ", data: { orgId: routed.orgId, ruleId: routed.ruleId, by: routed.by } },
    ...(dupes.length ? [{ kind: "possible-duplicate", visibility: "internal" as const, textTh: `อาจซ้ำกับเรื่อง ${dupes.map((d) => d.publicRef).join(", ")}`, data: { candidates: dupes.map((d) => ({ id: d.id, distanceMeters: d.distanceMeters, similarity: d.similarity })) } }] : []),
  ];
  const writes: RowsWrite[] = [
    insertRows(cases, insertRow),
    insertRows(caseReporters, {
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
    }),
    ...photos.map((p) => insertRows(casePhotos, photoRow(ctx, { caseId: id, provinceCode: place.provinceCode, kind: "before", photo: p }))),
    insertRows(caseEvents, events.map((e) => caseEventRow(ctx, row, e))),
    // no personal data in the audit log: the reporter is named by the row's id only
    auditWrite(ctx, { action: "cases.case.submit", entityType: "case", entityId: id, provinceCode: place.provinceCode, after: { publicRef, categoryId: category.id, channel, assignedOrgId: routed.orgId, routedBy: routed.by, reporterId, anonymous: i.reporter.anonymous, photos: photos.length } }),
  ];
  // the outbox (webhooks): the public entries as the board shows the new case, in the same statement
  let lookups: CaseLookups | null = null;
  for (const e of events.filter((x) => x.visibility === "public")) {
    // recorded with or without subscribers: the outbox is also the polled event feed (GET /events)
    const subs = await subscriptionsFor(ctx, caseEventType(e.kind), place.provinceCode);
    lookups ??= await loadLookups(ctx, [row]);
    const l = lookups;
    writes.push(...(await eventWrites(ctx, { type: caseEventType(e.kind), provinceCode: place.provinceCode, entityType: "case", entityId: id, data: caseEventPayload(ctx, row, l, e) }, subs)).writes);
  }
  await executeAsOne(ctx, writes);
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
}
