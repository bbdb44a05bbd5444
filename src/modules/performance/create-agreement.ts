import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea } from "../registry/index.js";
import { and, eq } from "drizzle-orm";
import { CreateAgreementInput, type AgreementSummary } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreementScope, checkItemKpis, roundSchedule, writeAgreementItems } from "./rules.js";
import { agreementRounds, agreements } from "./tables.js";

/** Drafts a fiscal year's performance agreement for a province or a cluster, with its items and scoring scheme. */
export async function createAgreement({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateAgreementInput> & { id?: string; isDemo?: boolean } }): Promise<AgreementSummary> {
  const i = parseInput(CreateAgreementInput, input);
  await requirePermission(ctx, "performance:agreement.write", agreementScope(i));
  return withTransaction(ctx, async (tx) => {
    const area = await lookupArea(tx, i.areaId);
    if (!area) throw new ValidationError([{ path: "areaId", code: "ref.unknown-area", messageTh: `ไม่พบพื้นที่ ${i.areaId}`, messageEn: `Unknown area ${i.areaId}` }]);
    const provinceCode = i.kind === "provincial" ? area.provinceCode : null;
    await checkItemKpis(tx, provinceCode, i.items);
    const dup = await tx.db.select({ id: agreements.id }).from(agreements).where(and(eq(agreements.areaId, i.areaId), eq(agreements.fiscalYear, i.fiscalYear))).limit(1);
    if (dup.length) throw new ConflictError("performance.agreement.exists", `มีคำรับรองของพื้นที่นี้ในปีงบประมาณ ${i.fiscalYear} อยู่แล้ว`, `This area already has an agreement for fiscal year ${i.fiscalYear}`, { id: dup[0]!.id });
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(agreements)
      .values({ id, fiscalYear: i.fiscalYear, kind: i.kind, areaId: i.areaId, provinceCode, titleTh: i.titleTh, titleEn: i.titleEn, parties: i.parties, scheme: i.scheme, roundDueDays: i.roundDueDays, status: "draft", isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    await writeAgreementItems(tx, row!, i.items);
    await tx.db.insert(agreementRounds).values(roundSchedule(i.fiscalYear, i.roundDueDays).map((r) => ({ agreementId: id, ...r, status: "open", provinceCode })));
    const out = agreementSummary(row!);
    await writeAudit(tx, { action: "performance.agreement.create", entityType: "agreement", entityId: id, provinceCode, after: { ...out, items: i.items, scheme: i.scheme, parties: i.parties } });
    return out;
  });
}
