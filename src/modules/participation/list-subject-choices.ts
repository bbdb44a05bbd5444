import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { kpiTargetsOf, provinceKpis } from "../performance/index.js";
import { provinceAgendas, provinceGoalNodes } from "../strategy/index.js";
import type { SubjectChoices } from "./contracts.js";

/** What the office may open a call or survey on: the province's agendas, goals and KPIs (with the years that have targets). */
export async function listSubjectChoices({ ctx, input }: { ctx: Ctx; input: { provinceCode: string } }): Promise<SubjectChoices> {
  await requirePermission(ctx, "participation:manage", provinceScope(input.provinceCode));
  const [agendas, goals, kpis] = await Promise.all([provinceAgendas(ctx, input.provinceCode), provinceGoalNodes(ctx, input.provinceCode), provinceKpis(ctx, input.provinceCode)]);
  const withYears = [];
  for (const k of kpis) withYears.push({ id: k.id, code: k.code, nameTh: k.nameTh, nameEn: k.nameEn, unit: k.unit, targetYears: [...new Set((await kpiTargetsOf(ctx, k.id)).map((t) => t.fiscalYear))] });
  return {
    agendas: agendas.map((a) => ({ id: a.agendaNodeId, nameTh: a.nameTh, nameEn: a.nameEn })),
    goals: goals.map((g) => ({ id: g.id, code: g.code, nameTh: g.nameTh, nameEn: g.nameEn, kind: g.kind })),
    kpis: withYears,
  };
}
