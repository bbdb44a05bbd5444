import { and, eq, lt } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { AUTO_CLOSE_DAYS } from "./contracts.js";
import { mustGetCase, recordEvent } from "./case-rules.js";
import { cases } from "./tables.js";

/** Resolved cases no reporter disputed or rated within 7 days close by themselves. */
export async function closeResolvedCases({ ctx }: { ctx: Ctx }): Promise<{ closed: number }> {
  const now = ctx.now();
  const rows = await ctx.db.select({ id: cases.id }).from(cases).where(and(eq(cases.status, "resolved"), lt(cases.resolvedAt, new Date(now.getTime() - AUTO_CLOSE_DAYS * 86_400_000)))).limit(5000);
  let closed = 0;
  for (const { id } of rows) {
    closed += await withTransaction(ctx, async (tx) => {
      const c = await mustGetCase(tx, id, { lock: true });
      if (c.status !== "resolved") return 0;
      await tx.db.update(cases).set({ status: "closed", closedAt: now, version: c.version + 1, updatedAt: now }).where(eq(cases.id, c.id));
      await recordEvent(tx, c, { kind: "auto-closed", visibility: "public", fromStatus: "resolved", toStatus: "closed", textTh: `ปิดเรื่องอัตโนมัติ: ไม่มีการโต้แย้งภายใน ${AUTO_CLOSE_DAYS} วัน`, actorLabelTh: "ระบบ" });
      await writeAudit(tx, { action: "cases.case.auto-close", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { status: "resolved" }, after: { status: "closed" } });
      return 1;
    });
  }
  return { closed };
}
