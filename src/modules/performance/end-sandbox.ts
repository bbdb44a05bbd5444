import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { EndSandboxInput, type SandboxSummary } from "./contracts.js";
import { sandboxSummary } from "./pilot-presenters.js";
import { mustGetSandbox, pilotRule, provinceNames, provinceScope, todayOf } from "./pilot-rules.js";
import { sandboxes } from "./tables.js";

/** Ends a sandbox on a date between its start and its expiry (early, or on lapsing), at the latest today. */
export async function endSandbox({ ctx, input }: { ctx: Ctx; input: { sandboxId: string } & z.input<typeof EndSandboxInput> }): Promise<SandboxSummary> {
  const i = parseInput(EndSandboxInput, input);
  const s = await mustGetSandbox(ctx, input.sandboxId);
  await requirePermission(ctx, "performance:sandbox.write", provinceScope(s.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const sandbox = await mustGetSandbox(tx, s.id, true);
    if (sandbox.status === "ended") throw new ConflictError("performance.sandbox.already-ended", `พื้นที่ทดลองนี้สิ้นสุดแล้วเมื่อ ${sandbox.endedOn}`, `This sandbox already ended on ${sandbox.endedOn}`);
    const today = todayOf(tx);
    if (i.endedOn < sandbox.startsOn || i.endedOn > sandbox.expiresOn || i.endedOn > today) {
      throw pilotRule("performance.sandbox.end-out-of-period", `วันสิ้นสุดต้องอยู่ระหว่างวันเริ่ม (${sandbox.startsOn}) ถึงวันหมดอายุ (${sandbox.expiresOn}) และไม่เลยวันนี้`, `The end date must lie between the start (${sandbox.startsOn}) and the expiry (${sandbox.expiresOn}), and not after today`, { fields: [{ path: "endedOn", code: "performance.sandbox.end-out-of-period", messageTh: "วันที่อยู่นอกช่วงที่รับได้", messageEn: "Date out of range" }] });
    }
    const [row] = await tx.db.update(sandboxes).set({ status: "ended", endedOn: i.endedOn, updatedAt: tx.now() }).where(eq(sandboxes.id, sandbox.id)).returning();
    const out = sandboxSummary(row!, today, await provinceNames(tx, [sandbox.provinceCode]));
    await writeAudit(tx, { action: "performance.sandbox.end", entityType: "sandbox", entityId: sandbox.id, provinceCode: sandbox.provinceCode, before: { status: sandbox.status, endedOn: null }, after: { status: "ended", endedOn: i.endedOn, reasonTh: i.reasonTh ?? null } });
    return out;
  });
}
