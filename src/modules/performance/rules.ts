import { and, asc, eq, inArray } from "drizzle-orm";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, RuleViolation, ValidationError, type FieldError } from "../../platform/errors.js";
import { addDays } from "../../platform/thai/dates.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import type { Component, Criteria, Round, ScoredItem, ScoringScheme } from "./scoring.js";
import { agreementItems, agreementRounds, agreements, kpis } from "./tables.js";

type Kpi = typeof kpis.$inferSelect;

/** Where a KPI is governed: its province for provincial and joint KPIs, its owner organisation for national ones. */
export function kpiScope(k: Pick<Kpi, "level" | "provinceCode" | "ownerOrgId">): ScopeRef {
  return k.level !== "national" && k.provinceCode ? { kind: "area", id: `province:${k.provinceCode}` } : { kind: "org", id: k.ownerOrgId };
}

/** Who reports a KPI: its owner, and for a joint KPI the ministry or department bound to it as well. */
export function reporterScopes(k: Pick<Kpi, "ownerOrgId" | "jointOrgId">): ScopeRef[] {
  return [{ kind: "org", id: k.ownerOrgId }, ...(k.jointOrgId ? [{ kind: "org" as const, id: k.jointOrgId }] : [])];
}

export async function mustGetKpi(ctx: Ctx, id: string, lock = false): Promise<Kpi> {
  const q = ctx.db.select().from(kpis).where(eq(kpis.id, id)).limit(1);
  const [k] = lock ? await q.for("update") : await q;
  if (!k) throw new NotFoundError("kpi", id);
  return k;
}

/** Target levels must run strictly in the KPI's direction: up when higher is better, down when lower is. */
export function levelsOrdered(direction: string, levels: readonly number[]): boolean {
  for (let i = 1; i < levels.length; i++) {
    if (direction === "higher" ? !(levels[i]! > levels[i - 1]!) : !(levels[i]! < levels[i - 1]!)) return false;
  }
  return true;
}

// ───────────────────────────── agreements ─────────────────────────────

type Agreement = typeof agreements.$inferSelect;
type AgreementItemRow = typeof agreementItems.$inferSelect;

/** Where an agreement is governed: the province's or the cluster's area. */
export function agreementScope(a: Pick<Agreement, "areaId">): ScopeRef {
  return { kind: "area", id: a.areaId };
}

export async function mustGetAgreement(ctx: Ctx, id: string, lock = false): Promise<Agreement> {
  const q = ctx.db.select().from(agreements).where(eq(agreements.id, id)).limit(1);
  const [a] = lock ? await q.for("update") : await q;
  if (!a) throw new NotFoundError("agreement", id);
  return a;
}

/** The three follow-up rounds of a fiscal year: periods end 31 March, 30 June and 30 September; due `dueDays` later. */
export function roundSchedule(fiscalYear: number, dueDays: number): { round: Round; periodEnd: string; dueDate: string }[] {
  const { end } = fiscalYearRange(fiscalYear);
  const y = end.slice(0, 4);
  const ends: [Round, string][] = [[6, `${y}-03-31`], [9, `${y}-06-30`], [12, end]];
  return ends.map(([round, periodEnd]) => ({ round, periodEnd, dueDate: addDays(periodEnd, dueDays) }));
}

/** The scoring engine's view of an agreement's items (weights, criteria), as stored. */
export function scoringDefinition(a: Pick<Agreement, "scheme">, items: readonly AgreementItemRow[]): { scheme: ScoringScheme; items: ScoredItem[] } {
  return {
    scheme: a.scheme as ScoringScheme,
    items: [...items]
      .sort((x, y) => x.position - y.position)
      .map((i) => ({ id: i.itemId, nameTh: i.nameTh, nameEn: i.nameEn, weight: i.weight, ...(i.component ? { component: i.component as Component } : {}), criteria: i.criteria as Criteria })),
  };
}

export const signedError = () =>
  new RuleViolation("performance.agreement.signed", "คำรับรองนี้ลงนามแล้ว แก้ไขได้โดยการแก้ไขเพิ่มเติม (amendment) พร้อมเหตุผลเท่านั้น", "This agreement is signed: change it through an amendment with a reason");

/** Every KPI item names a KPI that exists and is answered for in the agreement's province (or is national). */
export async function checkItemKpis(ctx: Ctx, provinceCode: string | null, items: readonly { kpiId?: string | null }[]): Promise<Map<string, Kpi>> {
  const ids = [...new Set(items.map((i) => i.kpiId).filter((k): k is string => !!k))];
  const rows = ids.length ? await ctx.db.select().from(kpis).where(inArray(kpis.id, ids)) : [];
  const found = new Map(rows.map((k) => [k.id, k]));
  const fields: FieldError[] = [];
  items.forEach((it, n) => {
    if (!it.kpiId) return;
    const k = found.get(it.kpiId);
    if (!k) fields.push({ path: `items.${n}.kpiId`, code: "ref.unknown-kpi", messageTh: `ไม่พบตัวชี้วัด ${it.kpiId}`, messageEn: `Unknown KPI ${it.kpiId}` });
    else if (provinceCode && k.provinceCode && k.provinceCode !== provinceCode)
      fields.push({ path: `items.${n}.kpiId`, code: "performance.kpi-other-province", messageTh: `ตัวชี้วัด ${k.code} เป็นของจังหวัดอื่น`, messageEn: `KPI ${k.code} belongs to another province` });
  });
  if (fields.length) throw new ValidationError(fields);
  return found;
}

/** Replaces an agreement's items (a draft's edit, or an amendment). */
export async function writeAgreementItems(ctx: Ctx, a: Pick<Agreement, "id" | "provinceCode">, items: readonly (ScoredItem & { kpiId?: string | null })[]): Promise<void> {
  await ctx.db.delete(agreementItems).where(eq(agreementItems.agreementId, a.id));
  await ctx.db.insert(agreementItems).values(
    items.map((it, position) => ({
      agreementId: a.id,
      itemId: it.id,
      kpiId: it.kpiId ?? null,
      nameTh: it.nameTh,
      nameEn: it.nameEn,
      weight: it.weight,
      component: it.component ?? null,
      criteria: it.criteria,
      position,
      provinceCode: a.provinceCode,
    })),
  );
}

/** The parties a signed agreement needs: the governor, the area's deputy PM and the Minister of Interior (a cluster: its chair and the deputy PM). */
export function missingParties(kind: string, parties: readonly { role: string }[]): string[] {
  const need = kind === "provincial" ? ["governor", "deputy_pm", "minister_interior"] : ["cluster_chair", "deputy_pm"];
  return need.filter((r) => !parties.some((p) => p.role === r));
}

export async function loadAgreementItems(ctx: Ctx, agreementId: string): Promise<AgreementItemRow[]> {
  return ctx.db.select().from(agreementItems).where(eq(agreementItems.agreementId, agreementId)).orderBy(asc(agreementItems.position));
}

/** A round of a signed agreement that is not closed yet (results, self-assessments and closing need one). */
export async function mustGetOpenRound(ctx: Ctx, a: Agreement, round: number): Promise<typeof agreementRounds.$inferSelect> {
  if (a.status !== "signed")
    throw new RuleViolation("performance.agreement.not-signed", "คำรับรองยังไม่ได้ลงนาม จึงยังไม่มีการติดตามผลรอบนี้", "The agreement is not signed yet, so its rounds have not started");
  const [r] = await ctx.db.select().from(agreementRounds).where(and(eq(agreementRounds.agreementId, a.id), eq(agreementRounds.round, round))).limit(1);
  if (!r) throw new NotFoundError("agreement-round", `${a.id}/${round}`);
  if (r.status === "closed")
    throw new RuleViolation("performance.round.closed", `รอบ ${round} เดือนปิดแล้ว คะแนนถูกบันทึกไว้แล้ว`, `The ${round}-month round is closed; its score is final`);
  return r;
}

/** Period ends of a fiscal year's quarters or months (ISO dates). */
export function periodEnds(fy: number, frequency: "monthly" | "quarterly" | "half-yearly" | "yearly"): string[] {
  const y = fy - 543;
  const months = [[y - 1, 10], [y - 1, 11], [y - 1, 12], [y, 1], [y, 2], [y, 3], [y, 4], [y, 5], [y, 6], [y, 7], [y, 8], [y, 9]] as const;
  const last = (yy: number, m: number) => new Date(Date.UTC(yy, m, 0)).toISOString().slice(0, 10);
  const all = months.map(([yy, m]) => last(yy, m));
  if (frequency === "monthly") return all;
  if (frequency === "quarterly") return [all[2]!, all[5]!, all[8]!, all[11]!];
  return frequency === "half-yearly" ? [all[5]!, all[11]!] : [all[11]!];
}


/** Each item's KPI code and unit (items no KPI measures get nulls), for display beside the item. */
export async function itemKpiInfo(ctx: Ctx, items: readonly AgreementItemRow[]): Promise<Record<string, { kpiCode: string | null; unit: string | null }>> {
  const ids = items.map((i) => i.kpiId).filter((k): k is string => !!k);
  const rows = ids.length ? await ctx.db.select({ id: kpis.id, code: kpis.code, unit: kpis.unit }).from(kpis).where(inArray(kpis.id, ids)) : [];
  const byId = new Map(rows.map((k) => [k.id, k]));
  return Object.fromEntries(items.map((i) => { const k = i.kpiId ? byId.get(i.kpiId) : undefined; return [i.itemId, { kpiCode: k?.code ?? null, unit: k?.unit ?? null }]; }));
}
