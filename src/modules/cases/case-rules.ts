import { cached } from "../../platform/cache.js";
import { createHash, randomInt } from "node:crypto";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { hasAnyPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import { newId, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation } from "../../platform/errors.js";
import { thaiWords } from "../../platform/thai/segment.js";
import { emitEvent, publicLink } from "../../platform/webhooks/index.js";
import { lookupArea, lookupOrganization, lookupOrganizationCached } from "../registry/index.js";
import { type CaseStatus, type EventVisibility } from "./contracts.js";
import { boardItem, loadLookups, type CaseLookups } from "./presenters.js";
import { caseCategories, caseEvents, caseRoutingRules, cases } from "./tables.js";

export type CaseRow = typeof cases.$inferSelect;
export type CategoryRow = typeof caseCategories.$inferSelect;

/** The case, for update (row-locked inside a transaction); 404 when unknown or merged away is still returned. */
export async function mustGetCase(ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<CaseRow> {
  const q = ctx.db.select().from(cases).where(eq(cases.id, id)).limit(1);
  const [c] = opts.lock ? await q.for("update") : await q;
  if (!c) throw new NotFoundError("case", id);
  return c;
}

export async function mustGetCategory(ctx: Ctx, id: string): Promise<CategoryRow> {
  const c = await cached(ctx, `cases:category:${id}`, async () => (await ctx.db.select().from(caseCategories).where(eq(caseCategories.id, id)).limit(1))[0]);
  if (!c || !c.active) throw new NotFoundError("case-category", id);
  return c;
}

/**
 * Who handles a case: its organisation's staff, its district's Damrongdhama centre and the province (the
 * governor's office). Reading reaches further up (departments and ministries over their offices, by scope).
 */
export function caseScopes(c: Pick<CaseRow, "assignedOrgId" | "districtCode" | "provinceCode">): ScopeRef[] {
  return [
    ...(c.assignedOrgId ? [{ kind: "org" as const, id: c.assignedOrgId }] : []),
    ...(c.districtCode ? [{ kind: "area" as const, id: `district:${c.districtCode}` }] : []),
    { kind: "area" as const, id: `province:${c.provinceCode}` },
  ];
}

export const requireHandler = (ctx: Ctx, c: CaseRow) => requireAnyPermission(ctx, "cases:handle", caseScopes(c));
export const isHandler = (ctx: Ctx, c: CaseRow) => hasAnyPermission(ctx, "cases:handle", caseScopes(c));

export function assertVersion(c: CaseRow, version: number | undefined): void {
  if (version !== undefined && version !== c.version) {
    throw new ConflictError("cases.stale", "เรื่องนี้ถูกแก้ไขไปแล้วโดยผู้อื่น กรุณาโหลดใหม่", "Someone else changed this case meanwhile: reload it", { current: c.version });
  }
}

/** Refuses an action in a status it does not apply to (422, with both statuses named). */
export function assertStatus(c: CaseRow, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(c.status as CaseStatus)) {
    throw new RuleViolation("cases.wrong-status", `ทำรายการ "${action}" ไม่ได้เมื่อเรื่องอยู่ในสถานะ ${STATUS_TH[c.status as CaseStatus] ?? c.status}`, `Cannot ${action} a case that is ${c.status}`, { status: c.status, allowed });
  }
}

export const STATUS_TH: Record<CaseStatus, string> = {
  received: "รับเรื่องแล้ว",
  accepted: "หน่วยงานรับเรื่อง",
  in_progress: "กำลังดำเนินการ",
  resolved: "ดำเนินการเสร็จ",
  closed: "ปิดเรื่อง",
  reopened: "เปิดเรื่องใหม่",
};

/** A timeline entry as recordEvent writes it. */
export type CaseEventInput = { kind: string; visibility: EventVisibility; fromStatus?: string | null; toStatus?: string | null; textTh?: string; data?: Record<string, unknown>; actorLabelTh?: string };

/** The case_events row of a timeline entry (not yet written). */
export function caseEventRow(ctx: Ctx, c: Pick<CaseRow, "id" | "provinceCode">, e: CaseEventInput) {
  return {
    id: newId(ctx.now().getTime()),
    caseId: c.id,
    provinceCode: c.provinceCode,
    kind: e.kind,
    visibility: e.visibility,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    textTh: e.textTh ?? "",
    data: e.data ?? {},
    actorId: ctx.actor.kind === "system" ? "system" : ctx.actor.id,
    actorLabelTh: e.actorLabelTh ?? "",
    at: ctx.now(),
  };
}

/** The webhook event type of a public timeline entry: `case.created` for the first, else `case.<kind>`. */
export const caseEventType = (kind: string) => (kind === "received" ? "case.created" : `case.${kind}`);

/** A public timeline entry as other systems receive it: the entry and the case as the public board shows it. */
export function caseEventPayload(ctx: Ctx, r: CaseRow, l: CaseLookups, e: CaseEventInput): Record<string, unknown> {
  const { afterPhotoThumbnailUrl: _t, ...item } = boardItem(r, l, null);
  const event = { kind: e.kind, fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, textTh: e.textTh ?? "", actorLabelTh: e.actorLabelTh ?? "", at: ctx.now().toISOString() };
  return { event, case: { ...item, boardUrl: publicLink(`/board/${encodeURIComponent(r.publicRef)}`) } };
}

/** Appends to the case's timeline. `actorLabelTh` is what the public may read: an office, never a person's name. */
export async function recordEvent(ctx: Ctx, c: Pick<CaseRow, "id" | "provinceCode">, e: CaseEventInput): Promise<string> {
  const row = caseEventRow(ctx, c, e);
  await ctx.db.insert(caseEvents).values(row);
  // other systems hear of what the public may read, in this transaction (the outbox): `case.<kind>`, with the
  // case as the public board shows it (never reporters, exact points or internal notes)
  if (e.visibility === "public") {
    await emitEvent(ctx, {
      type: caseEventType(e.kind),
      provinceCode: c.provinceCode,
      entityType: "case",
      entityId: c.id,
      data: async (tx) => {
        const r = await mustGetCase(tx, c.id);
        return caseEventPayload(tx, r, await loadLookups(tx, [r]), e);
      },
    });
  }
  return row.id;
}

/** Prefix of the cached routing rules (dropped when a rule is set or deleted). */
export const ROUTING_CACHE = "cases:rules:";

/**
 * Routes a case: the most specific rule of its area (subdistrict, then district, then province; a rule for the
 * category before a rule for every category), else the category's office in the province, else the province's
 * Damrongdhama centre (the provincial office, where the centre sits).
 */
export async function routeCase(ctx: Ctx, at: { provinceCode: string; districtCode?: string | null; subdistrictCode?: string | null; category: CategoryRow }): Promise<{ orgId: string; ruleId: string | null }> {
  const areaIds = [at.subdistrictCode ? `subdistrict:${at.subdistrictCode}` : null, at.districtCode ? `district:${at.districtCode}` : null, `province:${at.provinceCode}`].filter((x): x is string => !!x);
  const rules = await cached(ctx, `${ROUTING_CACHE}${areaIds.join(",")}|${at.category.id}`, () =>
    ctx.db
      .select({ id: caseRoutingRules.id, areaId: caseRoutingRules.areaId, categoryId: caseRoutingRules.categoryId, orgId: caseRoutingRules.orgId })
      .from(caseRoutingRules)
      .where(and(inArray(caseRoutingRules.areaId, areaIds), or(eq(caseRoutingRules.categoryId, at.category.id), isNull(caseRoutingRules.categoryId)))),
  );
  for (const areaId of areaIds) {
    const hit = rules.find((r) => r.areaId === areaId && r.categoryId === at.category.id) ?? rules.find((r) => r.areaId === areaId && r.categoryId === null);
    if (hit) return { orgId: hit.orgId, ruleId: hit.id };
  }
  if (at.category.defaultOfficeType) {
    const office = `pro:${at.provinceCode}:${at.category.defaultOfficeType}`;
    if (await lookupOrganizationCached(ctx, office)) return { orgId: office, ruleId: null };
  }
  return { orgId: `pro:${at.provinceCode}:provincial-office`, ruleId: null };
}

const REDACTED = "[ข้อมูลส่วนบุคคล]";
const PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail
  /\b\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d\b/g, // 13-digit national ID, with or without dashes
  /(\+66|0)[\s-]?\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}\b/g, // Thai phone numbers
  /(line\s*(id)?|ไลน์|ไอดีไลน์)\s*[:：]?\s*@?[\w.-]{3,}/giu, // LINE ids
  /(นาย|นางสาว|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.)\s*[\u0E00-\u0E7F]{2,}(\s+[\u0E00-\u0E7F]{2,})?/gu, // Thai titled names
  // house numbers (an exact home, like the pin the board coarsens): "บ้านเลขที่ 12", "เลขที่ 73/1448", "บ้าน 9/1"
  /บ้าน\s*เลขที่\s*[0-9๐-๙]+(\s*\/\s*[0-9๐-๙]+)*/gu,
  /(เลขที่|บ้าน)\s*[0-9๐-๙]+(\s*\/\s*[0-9๐-๙]+)+/gu,
  /\b(house|home)\s*(no\.?|number)\s*\d+(\s*\/\s*\d+)*/giu,
];

/**
 * The description as the public may read it: e-mail addresses, national ID and phone numbers, LINE ids, titled
 * Thai names, house numbers and the reporter's own name removed. Staff can correct it; the original stays for handlers.
 */
export function redactPersonalData(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const n of names) {
    for (const part of (n ?? "").split(/\s+/).filter((p) => p.length >= 2)) out = out.split(part).join(REDACTED);
  }
  for (const re of PATTERNS) out = out.replace(re, REDACTED);
  return out.replace(new RegExp(`(${REDACTED.replace(/[[\]]/g, "\\$&")}\\s*)+`, "g"), `${REDACTED} `).trim();
}

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L: read out on the phone
/** A reporter's secret tracking code, e.g. K7M2-Q9XA-4H (shown once); only its hash is stored. */
export function newTrackingCode(): string {
  const c = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}
export const trackingHash = (code: string) => createHash("sha256").update(code.trim().toUpperCase().replace(/[^0-9A-Z]/g, "")).digest("hex");

/** The words of a Thai text that similarity counts (two letters or more). */
export const similarityWords = (words: readonly string[]): Set<string> => new Set(words.filter((w) => w.length >= 2));

/** Dice coefficient of two word sets. */
export function setSimilarity(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
  if (!wa.size || !wb.size) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

/** Word-set similarity of two Thai texts (Dice coefficient over their words of two letters or more). */
export function textSimilarity(a: string, b: string): number {
  return setSimilarity(similarityWords(thaiWords(a)), similarityWords(thaiWords(b)));
}
/** Texts at least this similar are offered as duplicates (tuned on near-identical Traffy reports; see the test). */
export const DUPLICATE_SIMILARITY = 0.3;

/**
 * Who acted, as the public may read it: the office (its name), the district's or province's Damrongdhama centre,
 * "ผู้แจ้ง" for the reporter, "ระบบ" for jobs; never a person's name.
 */
export async function actorLabel(ctx: Ctx, c?: Pick<CaseRow, "assignedOrgId" | "districtCode" | "provinceCode">): Promise<string> {
  if (ctx.actor.kind === "system") return "ระบบ";
  const staff = ctx.actor.grants.filter((g) => g.role !== "citizen");
  if (ctx.actor.kind === "anonymous" || staff.length === 0) return "ผู้แจ้ง";
  const scopes = staff.map((g) => g.scope);
  const pick = (c?.assignedOrgId && scopes.includes(`org:${c.assignedOrgId}`) && `org:${c.assignedOrgId}`) || (c?.districtCode && scopes.includes(`area:district:${c.districtCode}`) && `area:district:${c.districtCode}`) || (c && scopes.includes(`area:province:${c.provinceCode}`) && `area:province:${c.provinceCode}`) || scopes[0]!;
  if (pick.startsWith("org:")) return (await lookupOrganization(ctx, pick.slice(4)))?.nameTh ?? "เจ้าหน้าที่";
  const m = /^area:(district|province):(\d+)$/.exec(pick);
  if (m) {
    const a = await lookupArea(ctx, `${m[1]}:${m[2]}`);
    if (a) return m[1] === "district" ? `ศูนย์ดำรงธรรมอำเภอ${a.nameTh}` : `ศูนย์ดำรงธรรมจังหวัด${a.nameTh}`;
  }
  return "เจ้าหน้าที่";
}
