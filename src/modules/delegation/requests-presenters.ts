import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { diffDays } from "../../platform/thai/dates.js";
import type { PowerArea } from "./contracts.js";
import type { OpdcOpinion, RequestEventView, RequestStatus, RequestView } from "./contracts-requests.js";
import { holderOf, type RequestRow } from "./requests-rules.js";
import { loadNames } from "./presenters.js";
import { todayOf, type Names, type Power } from "./rules.js";
import { powers, type delegationRequestEvents } from "./tables.js";

type EventRow = typeof delegationRequestEvents.$inferSelect;

/** A request as listed: names, its holder and stage due date, and whether it is overdue today (Bangkok). */
export function requestView(r: RequestRow, power: Pick<Power, "nameTh" | "nameEn" | "area" | "centralOrgId"> | undefined, names: Names, today: string): RequestView {
  const province = names.province(r.provinceCode);
  const centralOrgId = power?.centralOrgId ?? "";
  const org = centralOrgId ? names.org(centralOrgId) : undefined;
  const late = r.stageDueOn !== null ? diffDays(r.stageDueOn, today) : 0;
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    provinceNameTh: province?.nameTh ?? r.provinceCode,
    provinceNameEn: province?.nameEn ?? r.provinceCode,
    powerCode: r.powerCode,
    powerNameTh: power?.nameTh ?? r.powerCode,
    powerNameEn: power?.nameEn ?? r.powerCode,
    powerArea: (power?.area ?? "commands-permits") as PowerArea,
    centralOrgId,
    centralOrgNameTh: org?.nameTh ?? centralOrgId,
    centralOrgNameEn: org?.nameEn ?? centralOrgId,
    titleTh: r.titleTh,
    yearlyVolume: r.yearlyVolume,
    centralTurnaroundDays: r.centralTurnaroundDays,
    expectedTurnaroundDays: r.expectedTurnaroundDays,
    citizenDaysSavedPerYear: Math.max(0, r.centralTurnaroundDays - r.expectedTurnaroundDays) * r.yearlyVolume,
    benefitTh: r.benefitTh,
    justificationTh: r.justificationTh,
    amountCap: r.amountCap,
    conditionsTh: r.conditionsTh,
    maySubdelegate: r.maySubdelegate,
    status: r.status as RequestStatus,
    holder: holderOf(r.status),
    returnedStage: r.status === "returned" ? ((r.returnedStage as "moi" | "opdc" | null) ?? null) : null,
    stageDueOn: r.stageDueOn,
    overdue: late > 0,
    daysOverdue: Math.max(0, late),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    opdcOpinion: (r.opdcOpinion as OpdcOpinion | null) ?? null,
    cabinetDate: r.cabinetDate,
    cabinetResolutionNo: r.cabinetResolutionNo,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdByName: r.createdByName,
    version: r.version,
    isDemo: r.isDemo,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function requestEventView(e: EventRow): RequestEventView {
  return {
    id: e.id,
    action: e.action as RequestEventView["action"],
    fromStatus: (e.fromStatus as RequestStatus | null) ?? null,
    toStatus: e.toStatus as RequestStatus,
    commentTh: e.commentTh,
    details: (e.details ?? {}) as RequestEventView["details"],
    actorName: e.actorName,
    at: e.at.toISOString(),
  };
}

/** Views of these requests, with the names of their provinces, powers and central organisations (three queries). */
export async function loadRequestViews(ctx: Ctx, rows: readonly RequestRow[]): Promise<RequestView[]> {
  if (!rows.length) return [];
  const ps = await ctx.db.select().from(powers).where(inArray(powers.code, [...new Set(rows.map((r) => r.powerCode))]));
  const byCode = new Map(ps.map((p) => [p.code, p]));
  const names = await loadNames(ctx, [], ps, [...new Set(rows.map((r) => `province:${r.provinceCode}`))]);
  const today = todayOf(ctx);
  return rows.map((r) => requestView(r, byCode.get(r.powerCode), names, today));
}

export async function loadRequestView(ctx: Ctx, row: RequestRow): Promise<RequestView> {
  return (await loadRequestViews(ctx, [row]))[0]!;
}
