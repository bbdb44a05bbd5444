import { asc, eq, inArray, sql } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { PilotOutcomeView, PilotProgrammeDetail, PilotRole } from "./contracts.js";
import { pilotIncentiveView } from "./pilot-presenters.js";
import { mustGetProgramme, PROGRAMME_SCOPE, provinceNames, requireStaffRead } from "./pilot-rules.js";
import { kpis, pilotIncentives, pilotObservations, pilotOutcomes, pilotProvinces } from "./tables.js";

/** The outcomes of a programme in order, each with its KPI's code and how many observations it has. */
export async function programmeOutcomes(ctx: Ctx, programmeId: string): Promise<PilotOutcomeView[]> {
  const rows = await ctx.db.select().from(pilotOutcomes).where(eq(pilotOutcomes.programmeId, programmeId)).orderBy(asc(pilotOutcomes.position), asc(pilotOutcomes.id));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const counts = new Map(
    (await ctx.db.select({ id: pilotObservations.outcomeId, n: sql<number>`count(*)::int` }).from(pilotObservations).where(inArray(pilotObservations.outcomeId, ids)).groupBy(pilotObservations.outcomeId)).map((c) => [c.id, c.n]),
  );
  const kpiIds = rows.map((r) => r.kpiId).filter((k): k is string => !!k);
  const codes = new Map(kpiIds.length ? (await ctx.db.select({ id: kpis.id, code: kpis.code }).from(kpis).where(inArray(kpis.id, kpiIds))).map((k) => [k.id, k.code]) : []);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as PilotOutcomeView["kind"],
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    unit: r.unit,
    direction: r.direction as PilotOutcomeView["direction"],
    kpiId: r.kpiId,
    kpiCode: r.kpiId ? (codes.get(r.kpiId) ?? null) : null,
    position: r.position,
    observations: counts.get(r.id) ?? 0,
  }));
}

/** A pilot programme with its provinces by role, its outcomes and the incentives granted to its pilot provinces. */
export async function getProgramme({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<PilotProgrammeDetail> {
  requireStaffRead(ctx);
  const p = await mustGetProgramme(ctx, input.id);
  const provinces = await ctx.db.select().from(pilotProvinces).where(eq(pilotProvinces.programmeId, p.id)).orderBy(asc(pilotProvinces.role), asc(pilotProvinces.provinceCode));
  const names = await provinceNames(ctx, provinces.map((r) => r.provinceCode));
  const outcomes = await programmeOutcomes(ctx, p.id);
  const incentives = await ctx.db.select().from(pilotIncentives).where(eq(pilotIncentives.programmeId, p.id)).orderBy(asc(pilotIncentives.grantedOn), asc(pilotIncentives.provinceCode));
  return {
    id: p.id,
    code: p.code,
    nameTh: p.nameTh,
    nameEn: p.nameEn,
    descriptionTh: p.descriptionTh,
    descriptionEn: p.descriptionEn,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    treatmentStart: p.treatmentStart,
    pilots: provinces.filter((r) => r.role === "pilot").length,
    comparisons: provinces.filter((r) => r.role === "comparison").length,
    outcomes,
    provinces: provinces.map((r) => ({ provinceCode: r.provinceCode, ...names.get(r.provinceCode)!, role: r.role as PilotRole, pairedWith: r.pairedWith })),
    incentives: incentives.map(pilotIncentiveView),
    isDemo: p.isDemo,
    may: { write: ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "performance:pilot.write", PROGRAMME_SCOPE)) },
  };
}
