import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { CaseActionInput } from "./contracts.js";
import { changeStatus } from "./change-status.js";
import { getCase } from "./get-case.js";

/** The office takes the case on (its first response): received or reopened → accepted. */
export async function acceptCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }) {
  const { id, ...rest } = input;
  const i = parseInput(CaseActionInput, rest);
  await changeStatus(ctx, { id, version: i.version, from: ["received"], to: "accepted", action: "accept", textTh: i.textTh || "หน่วยงานรับเรื่องแล้ว", set: (_c, now) => ({ acceptedAt: now }) });
  return getCase({ ctx, input: { id } });
}
