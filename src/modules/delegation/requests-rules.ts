import { and, eq, inArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import { newId, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { addDays, bangkokDateOf } from "../../platform/thai/dates.js";
import type { RequestAction, RequestHolder, RequestIssue, RequestStatus } from "./contracts-requests.js";
import { delegationRule } from "./rules.js";
import { delegationRequestEvents, delegationRequests } from "./tables.js";

export type RequestRow = typeof delegationRequests.$inferSelect;

/**
 * Calendar days each holder has to act, counted from the day the request reached it. These are this deployment's
 * settings (the seeds fix no time limits for the request procedure): change them here.
 */
export const REQUEST_STAGE_DAYS: Readonly<Record<RequestHolder, number>> = {
  /** the Ministry of Interior, from the (re)submission */
  moi: 30,
  /** OPDC, from the ministry's forwarding */
  opdc: 45,
  /** the Cabinet, from OPDC's recommendation */
  cabinet: 60,
  /** the province, to revise and resubmit after a return */
  province: 30,
};

/** The Ministry of Interior: every province's request passes through it, so its staff review and read them all. */
export const MOI_SCOPE: ScopeRef = { kind: "org", id: "moi" };
import { provinceScope } from "../../platform/auth/scope.js";
export { provinceScope };

/** Who must act on a request in this status (a draft is the province's too; closed requests have nobody). */
export function holderOf(status: string): RequestHolder | null {
  switch (status as RequestStatus) {
    case "draft":
    case "returned":
      return "province";
    case "submitted":
      return "moi";
    case "moi-forwarded":
      return "opdc";
    case "opdc-recommended":
      return "cabinet";
    default:
      return null;
  }
}

/** The due date of the stage a request enters now (none for a draft or a closed request). */
export function stageDueOn(ctx: Ctx, status: RequestStatus): string | null {
  const holder = holderOf(status);
  if (holder === null || status === "draft") return null;
  return addDays(bangkokDateOf(ctx.now()), REQUEST_STAGE_DAYS[holder]);
}

export async function mustGetRequest(ctx: Ctx, id: string, lock = false): Promise<RequestRow> {
  const q = ctx.db.select().from(delegationRequests).where(eq(delegationRequests.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw delegationRule("delegation.request.not-found", `ไม่พบคำขอรับมอบอำนาจ (${id})`, `Delegation request not found (${id})`, { status: 404 });
  return row;
}

const STATUS_TH: Record<RequestStatus, string> = {
  draft: "ร่าง",
  submitted: "รอกระทรวงมหาดไทยพิจารณา",
  "moi-forwarded": "รอสำนักงาน ก.พ.ร. พิจารณา",
  "opdc-recommended": "รอคณะรัฐมนตรีพิจารณา",
  approved: "คณะรัฐมนตรีอนุมัติแล้ว",
  rejected: "คณะรัฐมนตรีไม่อนุมัติ",
  returned: "ส่งคืนจังหวัดแก้ไข",
  withdrawn: "จังหวัดถอนคำขอแล้ว",
};
export const statusTh = (s: string): string => STATUS_TH[s as RequestStatus] ?? s;

/** Refuses an action the request's status does not allow, and one based on a version the caller no longer sees. */
export function requireState(row: RequestRow, allowed: readonly RequestStatus[], expectedVersion: number | undefined, whatTh: string, whatEn: string): void {
  if (!allowed.includes(row.status as RequestStatus)) {
    throw new ConflictError(
      "delegation.request.wrong-status",
      `${whatTh}ไม่ได้ คำขอนี้อยู่ในสถานะ "${statusTh(row.status)}"`,
      `Cannot ${whatEn}: the request is ${row.status} (allowed: ${allowed.join(", ")})`,
      { status: row.status, allowed: [...allowed] },
    );
  }
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new ConflictError(
      "delegation.request.stale",
      "คำขอนี้มีผู้แก้ไขหรือดำเนินการไปแล้ว กรุณาเปิดดูฉบับล่าสุดก่อน",
      `The request has changed since you read it (version ${expectedVersion}, now ${row.version}): reload it first`,
      { expectedVersion, version: row.version },
    );
  }
}

/** The actions by which a person writes a request: whoever took one may not review it. */
const AUTHORING: readonly RequestAction[] = ["create", "update", "submit", "resubmit"];
const actorKey = (ctx: Ctx): string => ctx.actor.id ?? ctx.actor.kind;

export async function isAuthor(ctx: Ctx, requestId: string): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: delegationRequestEvents.id })
    .from(delegationRequestEvents)
    .where(and(eq(delegationRequestEvents.requestId, requestId), eq(delegationRequestEvents.actorId, actorKey(ctx)), inArray(delegationRequestEvents.action, [...AUTHORING])))
    .limit(1);
  return rows.length > 0;
}

export async function requireNotAuthor(ctx: Ctx, requestId: string): Promise<void> {
  if (await isAuthor(ctx, requestId)) {
    throw delegationRule("delegation.request.self-review", "ผู้จัดทำคำขอพิจารณาคำขอของตนเองไม่ได้", "You cannot review a request you wrote", { status: 403 });
  }
}

/** What keeps a request from being submitted, in the order a reader fills the form; empty when it is complete. */
export function requestIssues(r: Pick<RequestRow, "yearlyVolume" | "centralTurnaroundDays" | "expectedTurnaroundDays" | "benefitTh">): RequestIssue[] {
  const out: RequestIssue[] = [];
  const issue = (path: string, code: string, messageTh: string, messageEn: string) => out.push({ path, code: `delegation.request.${code}`, messageTh, messageEn });
  if (!(r.yearlyVolume > 0)) issue("yearlyVolume", "no-volume", "ต้องระบุปริมาณเรื่องต่อปี (มากกว่า 0)", "Give the yearly volume of matters (more than 0)");
  if (!(r.centralTurnaroundDays > 0)) issue("centralTurnaroundDays", "no-central-turnaround", "ต้องระบุระยะเวลาดำเนินการที่ส่วนกลางในปัจจุบัน (วัน)", "Give today's turnaround at the centre (days)");
  else if (!(r.expectedTurnaroundDays < r.centralTurnaroundDays)) {
    issue("expectedTurnaroundDays", "no-gain", `ระยะเวลาที่คาดว่าจะใช้เมื่อได้รับมอบอำนาจต้องน้อยกว่าที่ส่วนกลาง (${r.centralTurnaroundDays} วัน)`, `The expected turnaround if delegated must be shorter than the centre's (${r.centralTurnaroundDays} days)`);
  }
  if (!r.benefitTh.trim()) issue("benefitTh", "no-benefit", "ต้องระบุประโยชน์ที่ประชาชนจะได้รับ", "Say what citizens gain");
  return out;
}

type Step = {
  action: RequestAction;
  to: RequestStatus;
  comment?: string | null;
  /** kept with the event (and in the audit record) */
  details?: Record<string, string | number | boolean | null>;
  /** other columns the step sets */
  set?: Partial<Omit<RequestRow, "id" | "status" | "version" | "stageDueOn" | "updatedAt">>;
  /** more for the audit record only (e.g. the whole content of a new request) */
  audit?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
};

/**
 * Moves a request on (inside the caller's transaction): the new status, its stage's due date and a new version;
 * the event in the request's history and the audit record are written with it.
 */
export async function transition(tx: Ctx, row: RequestRow, t: Step): Promise<RequestRow> {
  const [after] = await tx.db
    .update(delegationRequests)
    // an edit that keeps the status keeps its due date: revising a returned request does not buy time
    .set({ ...t.set, status: t.to, stageDueOn: t.to === row.status ? row.stageDueOn : stageDueOn(tx, t.to), version: row.version + 1, updatedAt: tx.now() })
    .where(eq(delegationRequests.id, row.id))
    .returning();
  await recordStep(tx, row, after!, t);
  return after!;
}

/** The event and the audit record of a step already applied (`before` null for a new request). */
export async function recordStep(tx: Ctx, before: RequestRow | null, after: RequestRow, t: Step): Promise<void> {
  const now = tx.now();
  const comment = t.comment?.trim() || null;
  await tx.db.insert(delegationRequestEvents).values({
    id: newId(now.getTime()),
    requestId: after.id,
    version: after.version,
    provinceCode: after.provinceCode,
    action: t.action,
    fromStatus: before?.status ?? null,
    toStatus: t.to,
    commentTh: comment,
    details: t.details ?? {},
    actorId: actorKey(tx),
    actorName: tx.actor.name,
    at: now,
  });
  await writeAudit(tx, {
    action: `delegation.request.${t.action}`,
    entityType: "delegation-request",
    entityId: after.id,
    provinceCode: after.provinceCode,
    before: before ? { status: before.status, version: before.version, ...t.audit?.before } : null,
    after: { status: after.status, version: after.version, stageDueOn: after.stageDueOn, comment, ...t.details, ...t.audit?.after },
  });
}

/** Statuses in which a request is still open: a province asks for a power once at a time. */
export const OPEN_STATUSES = ["draft", "submitted", "moi-forwarded", "opdc-recommended", "returned"] as const;

/** Refuses a second open request of one province for one power (409), naming the open one. */
export async function requireNoOpenRequest(ctx: Ctx, provinceCode: string, powerCode: string, exceptId?: string): Promise<void> {
  // two offices saving at once must not both pass the check: serialise on (province, power) until the transaction ends
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`delegation-request:${provinceCode}:${powerCode}`}))`);
  const open = await ctx.db
    .select({ id: delegationRequests.id, status: delegationRequests.status })
    .from(delegationRequests)
    .where(and(eq(delegationRequests.provinceCode, provinceCode), eq(delegationRequests.powerCode, powerCode), inArray(delegationRequests.status, [...OPEN_STATUSES])));
  const other = open.find((r) => r.id !== exceptId);
  if (other) {
    throw new ConflictError("delegation.request.duplicate", `จังหวัดนี้มีคำขอรับมอบอำนาจนี้ที่ยังดำเนินการอยู่แล้ว (${other.id})`, `This province already has an open request for this power (${other.id})`, { requestId: other.id, status: other.status });
  }
}

/** Where the caller may read requests: everywhere (nation or the Ministry of Interior), or these provinces and central organisations' powers. */
export type ReadReach = { all: true } | { all: false; provinces: Set<string>; orgScopes: ScopeRef[] };

/**
 * Requests are internal: staff read their own province's (an agency in the province counts), a ministry or
 * department reads those for its own powers, and the Ministry of Interior and national staff read them all.
 */
export async function readReach(ctx: Ctx): Promise<ReadReach> {
  const keys = scopesFor(ctx, "delegation:request.read");
  if (keys === null) return { all: true };
  if (keys.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("delegation:request.read");
  }
  if (await hasPermission(ctx, "delegation:request.read", MOI_SCOPE)) return { all: true };
  const provinces = new Set<string>();
  const orgScopes: ScopeRef[] = [];
  for (const key of keys) {
    const ref = parseScopeKey(key);
    if (!ref || ref.kind === "nation") continue;
    const p = await ctx.scopes.provinceOf(ref);
    if (p) provinces.add(p);
    if (ref.kind === "org") orgScopes.push(ref);
  }
  return { all: false, provinces, orgScopes };
}

/** May the caller read this request (its province and the power's central organisation decide)? */
export async function mayReadRequest(ctx: Ctx, reach: ReadReach, provinceCode: string, centralOrgId: string): Promise<boolean> {
  if (reach.all || reach.provinces.has(provinceCode)) return true;
  if (await hasPermission(ctx, "delegation:request.read", provinceScope(provinceCode))) return true;
  return reach.orgScopes.length > 0 && (await hasPermission(ctx, "delegation:request.read", { kind: "org", id: centralOrgId }));
}

export const CABINET_SCOPE: ScopeRef = NATION;
