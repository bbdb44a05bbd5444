import { eq, inArray } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { formatThaiDate } from "../../platform/thai/dates.js";
import { checkAuthority } from "./check-authority.js";
import { DECIDER_GRANT_ROLES, holdsAs } from "./personnel-rules.js";
import { parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { businessDaysBetween, type Holidays } from "../../platform/thai/deadlines.js";
import { holidaySet } from "../calendar/index.js";
import { OPEN_PERMIT_STATUSES, type ApplicantKind, type PermitListItem, type PermitRoute, type PermitStatus } from "./contracts-permits.js";
import { loadNames } from "./presenters.js";
import { delegationRule, type Names, type Power } from "./rules.js";
import { permitApplications, powers } from "./tables.js";

export type PermitApplication = typeof permitApplications.$inferSelect;

export const isOpen = (status: string): boolean => (OPEN_PERMIT_STATUSES as readonly string[]).includes(status);

/** Where an application was received: its district when it names one, else its province (counter staff act there). */
export function receptionScope(a: { provinceCode: string; districtCode: string | null }): ScopeRef {
  return a.districtCode ? { kind: "area", id: `district:${a.districtCode}` } : { kind: "area", id: `province:${a.provinceCode}` };
}

/** The deciding post's scope (area:province:40, area:district:4001, org:moi.dol). */
export function deciderScopeRef(a: Pick<PermitApplication, "deciderScope">): ScopeRef {
  return parseScopeKey(a.deciderScope) ?? { kind: "nation" };
}

/** The people handling an application: counter staff where it was received, and those who decide at its decider scope. */
export async function mayHandle(ctx: Ctx, a: Pick<PermitApplication, "provinceCode" | "districtCode" | "deciderScope">): Promise<{ receive: boolean; decide: boolean }> {
  return {
    receive: await hasPermission(ctx, "delegation:permit.receive", receptionScope(a)),
    decide: await hasPermission(ctx, "delegation:permit.decide", deciderScopeRef(a)),
  };
}

export async function mustGetApplication(ctx: Ctx, id: string, lock = false): Promise<PermitApplication> {
  const q = ctx.db.select().from(permitApplications).where(eq(permitApplications.id, id)).limit(1);
  const [a] = lock ? await q.for("update") : await q;
  if (!a) throw delegationRule("delegation.permit.not-found", `ไม่พบคำขออนุญาต ${id}`, `Permit application not found (${id})`, { status: 404 });
  return a;
}

/** The public-holiday calendar (the calendar module's table) for business-day counting. */
export const loadHolidays = (ctx: Ctx): Promise<Set<string>> => holidaySet(ctx);

/**
 * A date given for a step (decision, withdrawal) must lie between reception and today: a 422 naming the field.
 */
export function checkStepDate(path: string, date: string, receivedOn: string, today: string): void {
  if (date < receivedOn) {
    throw delegationRule("delegation.permit.date-before-reception", `วันที่ต้องไม่ก่อนวันรับคำขอ (${receivedOn})`, `The date may not be before the application was received (${receivedOn})`, { fields: [{ path, code: "delegation.permit.date-before-reception", messageTh: "ก่อนวันรับคำขอ", messageEn: "Before reception" }] });
  }
  if (date > today) {
    throw delegationRule("delegation.permit.date-in-future", `วันที่ต้องไม่เกินวันนี้ (${today})`, `The date may not be in the future (today is ${today})`, { fields: [{ path, code: "delegation.permit.date-in-future", messageTh: "เป็นวันในอนาคต", messageEn: "In the future" }] });
  }
}

export function closedError(a: PermitApplication): never {
  if (a.status === "withdrawn") throw delegationRule("delegation.permit.withdrawn", `คำขอ ${a.trackingCode} ถูกถอนแล้ว`, `Application ${a.trackingCode} was withdrawn`, { status: 409, details: { status: a.status } });
  throw delegationRule("delegation.permit.already-decided", `คำขอ ${a.trackingCode} มีคำวินิจฉัยแล้ว (${a.status === "approved" ? "อนุญาต" : "ไม่อนุญาต"}) ตัดสินซ้ำไม่ได้`, `Application ${a.trackingCode} has already been decided (${a.status})`, { status: 409, details: { status: a.status } });
}

/** Names and powers a page of applications needs, in three queries. */
export async function permitContext(ctx: Ctx, rows: readonly PermitApplication[]): Promise<{ names: Names; powers: Map<string, Power>; holidays: Holidays }> {
  const codes = [...new Set(rows.map((r) => r.powerCode))];
  const ps = codes.length ? await ctx.db.select().from(powers).where(inArray(powers.code, codes)) : [];
  const areaIds = rows.flatMap((r) => [`province:${r.provinceCode}`, ...(r.districtCode ? [`district:${r.districtCode}`] : [])]);
  const names = await loadNames(ctx, [], [], areaIds);
  return { names, powers: new Map(ps.map((p) => [p.code, p])), holidays: await loadHolidays(ctx) };
}

/** The queue's view of an application: never the applicant's identity. Overdue and days left as of `today`. */
export function permitListItem(a: PermitApplication, c: { names: Names; powers: Map<string, Power>; holidays: Holidays }, today: string): PermitListItem {
  const p = c.powers.get(a.powerCode);
  const prov = c.names.province(a.provinceCode);
  const dist = a.districtCode ? c.names.district(a.districtCode) : undefined;
  const open = isOpen(a.status);
  return {
    id: a.id,
    trackingCode: a.trackingCode,
    powerCode: a.powerCode,
    powerNameTh: p?.nameTh ?? a.powerCode,
    powerNameEn: p?.nameEn ?? a.powerCode,
    provinceCode: a.provinceCode,
    provinceNameTh: prov?.nameTh ?? a.provinceCode,
    provinceNameEn: prov?.nameEn ?? a.provinceCode,
    districtCode: a.districtCode,
    districtNameTh: a.districtCode ? (dist?.nameTh ?? a.districtCode) : null,
    districtNameEn: a.districtCode ? (dist?.nameEn ?? a.districtCode) : null,
    applicantKind: a.applicantKind as ApplicantKind,
    subjectTh: a.subjectTh,
    amount: a.amount,
    receivedOn: a.receivedOn,
    route: a.route as PermitRoute,
    deciderDelegationId: a.deciderDelegationId,
    deciderLabelTh: a.deciderLabelTh,
    deciderLabelEn: a.deciderLabelEn,
    deciderScope: a.deciderScope,
    slaDays: a.slaDays,
    dueOn: a.dueOn,
    status: a.status as PermitStatus,
    decision: (a.decision as "approved" | "refused" | null) ?? null,
    decidedOn: a.decidedOn,
    turnaroundDays: a.turnaroundDays,
    overdue: open && today > a.dueOn,
    // businessDaysBetween(today, due): business days in (today, due], or minus those in [due, today) once past it
    daysLeft: open ? businessDaysBetween(today, a.dueOn, c.holidays) : null,
    isDemo: a.isDemo,
  };
}

/**
 * Who may decide (or start reviewing) an application on a date. A delegated one: a post the authority check names
 * as a decider on that date, acting in that post's role at its scope — the governor who delegated onward keeps the
 * power, a vice governor does not borrow the governor's. If no instrument applies any more (revoked or expired
 * since reception) the decision is refused: the application must go to the central authority. A central one:
 * `delegation:permit.decide` at the central organisation (its ministry included).
 */
export async function requireDecider(ctx: Ctx, a: PermitApplication, onDate: string): Promise<void> {
  if (a.route !== "delegated") {
    await requirePermission(ctx, "delegation:permit.decide", deciderScopeRef(a));
    return;
  }
  const answer = await checkAuthority({ ctx, input: { powerCode: a.powerCode, provinceCode: a.provinceCode, districtCode: a.districtCode ?? undefined, amount: a.amount === null ? undefined : Number(a.amount), date: onDate } });
  for (const d of answer.deciders) {
    const scope = parseScopeKey(d.scope);
    if (scope && (await holdsAs(ctx, "delegation:permit.decide", DECIDER_GRANT_ROLES[d.role], scope))) return;
  }
  if (answer.decision === "central") {
    throw delegationRule("delegation.permit.authority-lapsed", `ณ วันที่ ${formatThaiDate(onDate, { locale: "th" })} ไม่มีคำสั่งมอบอำนาจที่ใช้กับคำขอนี้แล้ว ต้องส่งเรื่องให้${answer.central.authorityTh}`, `On ${formatThaiDate(onDate, { locale: "en" })} no delegation instrument applies to this application any more: it must go to ${answer.central.authorityEn}`, { status: 409 });
  }
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError("delegation:permit.decide");
}
