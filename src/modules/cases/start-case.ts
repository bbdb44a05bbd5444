import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { CaseActionInput } from "./contracts.js";
import { changeStatus } from "./change-status.js";
import { getCase } from "./get-case.js";

/** Work begins on the case (accepted or reopened → in progress); a received case is accepted on the way. */
export async function startCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }) {
  const { id, ...rest } = input;
  const i = parseInput(CaseActionInput, rest);
  await changeStatus(ctx, { id, version: i.version, from: ["received", "accepted", "reopened"], to: "in_progress", action: "start", textTh: i.textTh || "กำลังดำเนินการ", set: (c, now) => ({ acceptedAt: c.acceptedAt ?? now }) });
  return getCase({ ctx, input: { id } });
}
