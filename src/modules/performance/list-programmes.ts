import { asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListPilotProgrammesInput, type PilotProgrammeSummary } from "./contracts.js";
import { requireStaffRead } from "./pilot-rules.js";
import { pilotOutcomes, pilotProgrammes, pilotProvinces } from "./tables.js";

/** Lists pilot programmes (optionally those a province takes part in), oldest first, with group sizes. */
export async function listProgrammes({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListPilotProgrammesInput> }): Promise<{ items: PilotProgrammeSummary[]; total: number }> {
  requireStaffRead(ctx);
  const i = parseInput(ListPilotProgrammesInput, input);
  const cond = i.provinceCode ? inArray(pilotProgrammes.id, ctx.db.select({ id: pilotProvinces.programmeId }).from(pilotProvinces).where(eq(pilotProvinces.provinceCode, i.provinceCode))) : undefined;
  const rows = await ctx.db.select().from(pilotProgrammes).where(cond).orderBy(asc(pilotProgrammes.treatmentStart), asc(pilotProgrammes.code)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(pilotProgrammes).where(cond)) as [{ n: number }];
  const ids = rows.map((r) => r.id);
  const groups = ids.length ? await ctx.db.select({ id: pilotProvinces.programmeId, role: pilotProvinces.role, n: sql<number>`count(*)::int` }).from(pilotProvinces).where(inArray(pilotProvinces.programmeId, ids)).groupBy(pilotProvinces.programmeId, pilotProvinces.role) : [];
  const outcomes = ids.length ? await ctx.db.select({ id: pilotOutcomes.programmeId, n: sql<number>`count(*)::int` }).from(pilotOutcomes).where(inArray(pilotOutcomes.programmeId, ids)).groupBy(pilotOutcomes.programmeId) : [];
  const count = (id: string, role: string) => groups.find((g) => g.id === id && g.role === role)?.n ?? 0;
  return {
    items: rows.map((p) => ({
      id: p.id,
      code: p.code,
      nameTh: p.nameTh,
      nameEn: p.nameEn,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      treatmentStart: p.treatmentStart,
      pilots: count(p.id, "pilot"),
      comparisons: count(p.id, "comparison"),
      outcomes: outcomes.find((o) => o.id === p.id)?.n ?? 0,
      isDemo: p.isDemo,
    })),
    total: n,
  };
}
