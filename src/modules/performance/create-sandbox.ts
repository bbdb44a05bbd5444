import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { CreateSandboxInput, type SandboxDetail } from "./contracts.js";
import { sandboxSummary } from "./pilot-presenters.js";
import { pilotRule, provinceNames, provinceScope, requireProvince, todayOf } from "./pilot-rules.js";
import { sandboxes } from "./tables.js";

/**
 * Records a special administration experiment (sandbox) under the 2022 Royal Decree on integrated area-based
 * administration: one province, its scope, the rules it waives or modifies, and the date it lapses.
 */
export async function createSandbox({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateSandboxInput> & { id?: string; isDemo?: boolean } }): Promise<SandboxDetail> {
  const i = parseInput(CreateSandboxInput, input);
  await requirePermission(ctx, "performance:sandbox.write", provinceScope(i.provinceCode));
  if (!(i.startsOn < i.expiresOn)) {
    throw new ValidationError([{ path: "expiresOn", code: "performance.sandbox.period-order", messageTh: "วันสิ้นสุดต้องอยู่หลังวันเริ่ม", messageEn: "The expiry date must come after the start date" }]);
  }
  return withTransaction(ctx, async (tx) => {
    await requireProvince(tx, i.provinceCode, "provinceCode");
    const today = todayOf(tx);
    if (i.expiresOn < today) {
      throw pilotRule("performance.sandbox.already-expired", `วันสิ้นสุด ${i.expiresOn} ผ่านมาแล้ว จึงสร้างพื้นที่ทดลองที่หมดอายุแล้วไม่ได้`, `The expiry date ${i.expiresOn} has passed: a lapsed sandbox cannot be created`, { fields: [{ path: "expiresOn", code: "performance.sandbox.already-expired", messageTh: "วันที่ผ่านมาแล้ว", messageEn: "In the past" }] });
    }
    const id = input.id ?? newId();
    const rules = i.rules.map((r) => ({ ruleTh: r.ruleTh, change: r.change, detailTh: r.detailTh }));
    const [row] = await tx.db
      .insert(sandboxes)
      .values({ id, provinceCode: i.provinceCode, nameTh: i.nameTh, nameEn: i.nameEn, scopeTh: i.scopeTh, legalBasisTh: i.legalBasisTh ?? null, rules, startsOn: i.startsOn, expiresOn: i.expiresOn, status: "active", endedOn: null, isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    const out: SandboxDetail = { ...sandboxSummary(row!, today, await provinceNames(tx, [i.provinceCode])), scopeTh: row!.scopeTh, legalBasisTh: row!.legalBasisTh, rules, results: [], may: { write: true } };
    await writeAudit(tx, { action: "performance.sandbox.create", entityType: "sandbox", entityId: id, provinceCode: i.provinceCode, after: { ...out, may: undefined } });
    return out;
  });
}
