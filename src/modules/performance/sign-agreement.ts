import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { SignAgreementInput, type AgreementSummary } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreementScope, missingParties, mustGetAgreement, signedError } from "./rules.js";
import { agreements } from "./tables.js";

/** Records the signing of an agreement by its parties; from then on it changes only by amendment. */
export async function signAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof SignAgreementInput> }): Promise<AgreementSummary> {
  const i = parseInput(SignAgreementInput, input);
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:agreement.sign", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    if (a.status !== "draft") throw signedError();
    const missing = missingParties(a.kind, a.parties as { role: string }[]);
    if (missing.length)
      throw new RuleViolation("performance.agreement.parties-missing", `ยังไม่ได้ระบุคู่สัญญา: ${missing.join(", ")}`, `The agreement cannot be signed without its parties: ${missing.join(", ")}`, { missing });
    const signedAt = i.signedOn ? new Date(`${i.signedOn}T03:00:00Z`) : tx.now();
    const [row] = await tx.db
      .update(agreements)
      .set({ status: "signed", signedAt, signedBy: tx.actor.id ?? tx.actor.kind, signedByName: tx.actor.name, updatedAt: tx.now() })
      .where(eq(agreements.id, a.id))
      .returning();
    await writeAudit(tx, { action: "performance.agreement.sign", entityType: "agreement", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status }, after: { status: "signed", signedAt: signedAt.toISOString() } });
    return agreementSummary(row!);
  });
}
