import { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import type { PersonnelActionView } from "./contracts-personnel.js";
import { mayReadAction, mustGetAction, personnelActionViews, requireStaff } from "./personnel-rules.js";

const GetPersonnelActionInput = z.object({ id: z.string().min(1).max(120) });

/** One personnel action with the instrument (or central authority) it was decided under. */
export async function getPersonnelAction({ ctx, input }: { ctx: Ctx; input: z.input<typeof GetPersonnelActionInput> }): Promise<PersonnelActionView> {
  requireStaff(ctx);
  const i = parseInput(GetPersonnelActionInput, input);
  const a = await mustGetAction(ctx, i.id);
  if (!(await mayReadAction(ctx, a))) throw new ForbiddenError("delegation:personnel.read");
  const [view] = await personnelActionViews(ctx, [a]);
  return view!;
}
