import type { Ctx } from "../../platform/ctx.js";

/** The demo scenario of the planning module's funds part (labelled demo; idempotent). */
export async function seedDemoFunds({ ctx: _ctx }: { ctx: Ctx }): Promise<void> {}
