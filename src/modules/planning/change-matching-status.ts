import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MatchingStatusInput, type MatchingFundDetail } from "./contracts-funds.js";
import { checkVersion } from "./emergency-rules.js";
import { todayOf } from "./funds-rules.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { entriesOf, mustGetMatching } from "./matching-rules.js";
import { matchingFunds } from "./tables.js";

const MOVES = { agree: { from: ["proposed"], to: "agreed" }, close: { from: ["funded"], to: "closed" }, cancel: { from: ["proposed", "agreed"], to: "cancelled" } } as const;

/** Moves a matching fund: proposed → agreed (both parties signed), funded → closed, proposed/agreed → cancelled (before any transfer). */
export async function changeMatchingStatus({ ctx, input }: { ctx: Ctx; input: MatchingStatusInput }): Promise<MatchingFundDetail> {
  const i = parseInput(MatchingStatusInput, input);
  await withTransaction(ctx, async (tx) => {
    const m = await mustGetMatching(tx, i.id, true);
    await requirePermission(tx, "planning:matching.write", provinceScope(m.provinceCode));
    checkVersion(m, i.version);
    const move = MOVES[i.action];
    if (!(move.from as readonly string[]).includes(m.status)) {
      throw new RuleViolation("planning.matching.bad-transition", `เปลี่ยนสถานะจาก "${m.status}" ด้วยการ "${i.action}" ไม่ได้`, `A fund that is ${m.status} cannot be moved by "${i.action}"`, { status: m.status });
    }
    if (i.action === "cancel" && (await entriesOf(tx, [m.id])).some((e) => e.kind === "transfer")) {
      throw new RuleViolation("planning.matching.has-transfers", "มีการโอนเงินแล้ว ยกเลิกไม่ได้", "Money has been transferred: the fund cannot be cancelled");
    }
    const on = i.on ?? todayOf(tx);
    const change = { status: move.to, ...(i.action === "agree" ? { agreedOn: on } : {}) };
    await tx.db.update(matchingFunds).set({ ...change, version: sql`${matchingFunds.version} + 1`, updatedAt: tx.now() }).where(eq(matchingFunds.id, m.id));
    await writeAudit(tx, { action: `planning.matching.${i.action}`, entityType: "matching-fund", entityId: m.id, provinceCode: m.provinceCode, before: { status: m.status }, after: { ...change, on } });
  });
  return getMatchingFund({ ctx, input: { id: i.id } });
}
