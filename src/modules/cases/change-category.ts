import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { actorLabel, assertStatus, assertVersion, mustGetCase, mustGetCategory, recordEvent, redactPersonalData, requireHandler } from "./case-rules.js";
import { ChangeCategoryInput } from "./contracts.js";
import { caseReporters, cases } from "./tables.js";

/**
 * A handler corrects a case's category (the reporter chose the wrong one). The public timeline says so; the service
 * times already running stay (a correction must not buy time); a sensitive category hides the text from the public
 * search. The corrected category is what the next training of the suggestions learns from.
 */
export async function changeCaseCategory({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ id: string; categoryId: string; version: number }> {
  const { id, ...rest } = input;
  const i = parseInput(ChangeCategoryInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    await requireHandler(tx, c);
    assertVersion(c, i.version);
    assertStatus(c, ["received", "accepted", "in_progress", "reopened"], "change-category");
    if (i.categoryId === c.categoryId) throw new RuleViolation("cases.category-unchanged", "เรื่องนี้อยู่ในประเภทนี้แล้ว", "The case already has this category");
    const to = await mustGetCategory(tx, i.categoryId).catch(() => {
      throw new ValidationError([fieldError("categoryId", "cases.unknown-category", `ไม่พบประเภทเรื่อง ${i.categoryId}`, `Unknown category ${i.categoryId}`)]);
    });
    const from = await mustGetCategory(tx, c.categoryId);
    const names = (await tx.db.select({ name: caseReporters.name }).from(caseReporters).where(eq(caseReporters.caseId, c.id))).map((r) => r.name);
    const publicSearchText = to.sensitive ? "" : from.sensitive ? redactPersonalData(c.publicText, names) : c.publicSearchText;
    await tx.db.update(cases).set({ categoryId: to.id, publicSearchText, version: c.version + 1, updatedAt: tx.now() }).where(eq(cases.id, c.id));
    await recordEvent(tx, c, { kind: "category", visibility: "public", textTh: `เปลี่ยนประเภทเรื่องจาก "${from.nameTh}" เป็น "${to.nameTh}"${i.reasonTh ? `: ${i.reasonTh}` : ""}`, actorLabelTh: await actorLabel(tx, c), data: { fromCategoryId: from.id, toCategoryId: to.id } });
    await writeAudit(tx, { action: "cases.case.category", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { categoryId: from.id }, after: { categoryId: to.id, reason: i.reasonTh ?? null } });
    return { id: c.id, categoryId: to.id, version: c.version + 1 };
  });
}
