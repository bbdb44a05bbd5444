import { and, eq, ne } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MergeCaseInput } from "./contracts.js";
import { assertStatus, assertVersion, mustGetCase, recordEvent, requireHandler } from "./case-rules.js";
import { notifyReporters } from "./notify-reporters.js";
import { caseReporters, cases } from "./tables.js";

/**
 * Merges a duplicate into the case it repeats: its reporters join the target (their tracking codes now lead there,
 * they are notified and counted as support), the duplicate is closed as merged. Both must be open; the handler
 * must handle both.
 */
export async function mergeCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ id: string; mergedInto: string; supportCount: number }> {
  const { id, ...rest } = input;
  const i = parseInput(MergeCaseInput, rest);
  return withTransaction(ctx, async (tx) => {
    if (i.intoId === id) throw new RuleViolation("cases.merge-self", "รวมเรื่องเข้ากับตัวเองไม่ได้", "A case cannot be merged into itself");
    // lock in id order so two merges of the same pair cannot deadlock
    const [a, b] = [id, i.intoId].sort();
    const first = await mustGetCase(tx, a!, { lock: true });
    const second = await mustGetCase(tx, b!, { lock: true });
    const dup = first.id === id ? first : second;
    const target = first.id === id ? second : first;
    await requireHandler(tx, dup);
    await requireHandler(tx, target);
    assertVersion(dup, i.version);
    assertStatus(dup, ["received", "accepted", "in_progress", "reopened"], "merge");
    assertStatus(target, ["received", "accepted", "in_progress", "reopened"], "merge into");
    const now = tx.now();
    const moved = await tx.db.update(caseReporters).set({ caseId: target.id, original: false, fromCaseId: dup.id, updatedAt: now }).where(eq(caseReporters.caseId, dup.id)).returning({ id: caseReporters.id });
    const supportCount = target.supportCount + dup.supportCount;
    await tx.db.update(cases).set({ mergedInto: target.id, status: "closed", closedAt: now, resolutionTh: `รวมกับเรื่อง ${target.publicRef}`, version: dup.version + 1, updatedAt: now }).where(eq(cases.id, dup.id));
    const [t] = await tx.db.update(cases).set({ supportCount, version: target.version + 1, updatedAt: now }).where(and(eq(cases.id, target.id), ne(cases.id, dup.id))).returning();
    await recordEvent(tx, dup, { kind: "merged", visibility: "public", fromStatus: dup.status, toStatus: "closed", textTh: `รวมกับเรื่อง ${target.publicRef} ซึ่งแจ้งปัญหาเดียวกัน`, data: { into: target.id } });
    await recordEvent(tx, target, { kind: "merged-in", visibility: "public", textTh: `รวมเรื่อง ${dup.publicRef} เข้ามา: ผู้แจ้งเรื่องนี้รวม ${supportCount} คน`, data: { from: dup.id, reporters: moved.length } });
    await notifyReporters(tx, t!, { kind: "merged", textTh: `เรื่อง ${dup.publicRef} ที่ท่านแจ้งถูกรวมกับเรื่อง ${target.publicRef} ซึ่งแจ้งปัญหาเดียวกัน ท่านจะได้รับความคืบหน้าของเรื่องนี้`, occasion: `merge:${dup.id}` });
    await writeAudit(tx, { action: "cases.case.merge", entityType: "case", entityId: dup.id, provinceCode: dup.provinceCode, before: { status: dup.status }, after: { mergedInto: target.id, reporters: moved.map((m) => m.id), supportCount } });
    return { id: dup.id, mergedInto: target.id, supportCount };
  });
}
