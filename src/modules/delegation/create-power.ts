import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { CreatePowerInput, type PowerView } from "./contracts.js";
import { loadNames, powerView } from "./presenters.js";
import { powers } from "./tables.js";
import { eq } from "drizzle-orm";

/** Adds a power to the catalogue (OPDC or an administrator), with its legal basis and the central authority that holds it. */
export async function createPower({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreatePowerInput> & { isDemo?: boolean } }): Promise<PowerView> {
  const i = parseInput(CreatePowerInput, input);
  await requirePermission(ctx, "delegation:power.write", NATION);
  return withTransaction(ctx, async (tx) => {
    const names = await loadNames(tx, [], [{ centralOrgId: i.centralOrgId }]);
    if (!names.org(i.centralOrgId)) throw new ValidationError([{ path: "centralOrgId", code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${i.centralOrgId}`, messageEn: `Unknown organisation ${i.centralOrgId}` }]);
    const [dup] = await tx.db.select({ code: powers.code }).from(powers).where(eq(powers.code, i.code)).limit(1);
    if (dup) throw new ConflictError("delegation.power.exists", `มีอำนาจรหัส ${i.code} อยู่แล้ว`, `A power with code ${i.code} already exists`);
    const { amountLimitBaht, ...rest } = i;
    const [row] = await tx.db
      .insert(powers)
      .values({ ...rest, parameters: amountLimitBaht == null ? {} : { amountLimitBaht }, slaDaysDelegated: i.slaDaysDelegated ?? null, slaDaysCentral: i.slaDaysCentral ?? null, isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    const view = powerView(row!, names, 0);
    await writeAudit(tx, { action: "delegation.power.create", entityType: "power", entityId: i.code, after: view });
    return view;
  });
}
