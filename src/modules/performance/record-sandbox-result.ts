import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { RecordSandboxResultInput, type SandboxResultView } from "./contracts.js";
import { sandboxResultView } from "./pilot-presenters.js";
import { mustGetSandbox, pilotRule, provinceScope, todayOf } from "./pilot-rules.js";
import { sandboxResults } from "./tables.js";

/** Records a measured result of a sandbox (an indicator's value on a date, with its baseline); not after it was ended. */
export async function recordSandboxResult({ ctx, input }: { ctx: Ctx; input: { sandboxId: string } & z.input<typeof RecordSandboxResultInput> & { id?: string; isDemo?: boolean } }): Promise<SandboxResultView> {
  const i = parseInput(RecordSandboxResultInput, input);
  const s = await mustGetSandbox(ctx, input.sandboxId);
  await requirePermission(ctx, "performance:sandbox.write", provinceScope(s.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const sandbox = await mustGetSandbox(tx, s.id, true);
    if (sandbox.status === "ended") {
      throw pilotRule("performance.sandbox.ended", "พื้นที่ทดลองนี้สิ้นสุดแล้ว จึงบันทึกผลเพิ่มไม่ได้", "This sandbox has ended: no more results can be recorded");
    }
    const today = todayOf(tx);
    if (i.measuredOn < sandbox.startsOn || i.measuredOn > today) {
      throw pilotRule("performance.sandbox.result-out-of-period", `วันที่วัดผลต้องอยู่ระหว่างวันเริ่มพื้นที่ทดลอง (${sandbox.startsOn}) ถึงวันนี้`, `The measurement date must lie between the sandbox's start (${sandbox.startsOn}) and today`, { fields: [{ path: "measuredOn", code: "performance.sandbox.result-out-of-period", messageTh: "วันที่อยู่นอกช่วงที่รับได้", messageEn: "Date out of range" }] });
    }
    const [row] = await tx.db
      .insert(sandboxResults)
      .values({ id: input.id ?? newId(), sandboxId: sandbox.id, provinceCode: sandbox.provinceCode, measuredOn: i.measuredOn, indicatorTh: i.indicatorTh, value: i.value, unit: i.unit, baseline: i.baseline ?? null, noteTh: i.noteTh ?? null, isDemo: input.isDemo ?? false })
      .returning();
    const out = sandboxResultView(row!);
    await writeAudit(tx, { action: "performance.sandbox.result.record", entityType: "sandbox", entityId: sandbox.id, provinceCode: sandbox.provinceCode, after: out });
    return out;
  });
}
