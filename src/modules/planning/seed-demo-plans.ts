import type { Ctx } from "../../platform/ctx.js";

/** The demo scenario of the planning module's plans part (labelled demo; idempotent). */
export async function seedDemoPlans({ ctx: _ctx }: { ctx: Ctx }): Promise<void> {}
