import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListPilotObservationsInput, type PilotObservationView } from "./contracts.js";
import { pilotObservationView } from "./pilot-presenters.js";
import { mustGetOutcome, mustGetProgramme, requireStaffRead } from "./pilot-rules.js";
import { pilotObservations, pilotOutcomes } from "./tables.js";

/** Every observation of a programme (or of one of its outcomes), by outcome, province and period: the data behind the comparison. */
export async function listObservations({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof ListPilotObservationsInput> }): Promise<{ items: PilotObservationView[] }> {
  requireStaffRead(ctx);
  const i = parseInput(ListPilotObservationsInput, input);
  const p = await mustGetProgramme(ctx, input.programmeId);
  const ids = i.outcomeId ? [(await mustGetOutcome(ctx, p.id, i.outcomeId)).id] : (await ctx.db.select({ id: pilotOutcomes.id }).from(pilotOutcomes).where(eq(pilotOutcomes.programmeId, p.id))).map((o) => o.id);
  if (!ids.length) return { items: [] };
  const rows = await ctx.db.select().from(pilotObservations).where(and(inArray(pilotObservations.outcomeId, ids))).orderBy(asc(pilotObservations.outcomeId), asc(pilotObservations.provinceCode), asc(pilotObservations.periodEnd));
  return { items: rows.map(pilotObservationView) };
}
