import type { Ctx } from "../../platform/ctx.js";

/** The demo scenario of the planning module's procurement part (labelled demo; idempotent). */
export async function seedDemoProcurement({ ctx: _ctx }: { ctx: Ctx }): Promise<void> {}
