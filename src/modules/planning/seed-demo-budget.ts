import type { Ctx } from "../../platform/ctx.js";

/** The demo scenario of the planning module's budget part (labelled demo; idempotent). */
export async function seedDemoBudget({ ctx: _ctx }: { ctx: Ctx }): Promise<void> {}
