import type { Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { REOPEN_DAYS, ReporterActionInput } from "./contracts.js";
import { changeStatus } from "./change-status.js";
import { requireReporter } from "./reporter-auth.js";

/**
 * A reporter says the problem is not solved: disputing a resolution (resolved → reopened) or reopening a closed
 * case, within 30 days of its resolution. The service-level clock restarts from now and the case is escalated one
 * level, since the office's own answer was contested.
 */
export async function reopenCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ publicRef: string; status: string }> {
  const { id, ...rest } = input;
  const i = parseInput(ReporterActionInput, rest);
  const after = await changeStatus(ctx, {
    id,
    from: ["resolved", "closed"],
    to: "reopened",
    action: "reopen",
    textTh: `ผู้แจ้งโต้แย้งผลการดำเนินการ: ${i.reasonTh}`,
    authorize: async (tx, c) => {
      await requireReporter(tx, c, i.trackingCode);
    },
    check: async (tx, c) => {
      if (c.resolvedAt && tx.now().getTime() - c.resolvedAt.getTime() > REOPEN_DAYS * 86_400_000) {
        throw new RuleViolation("cases.reopen-too-late", `เปิดเรื่องใหม่ได้ภายใน ${REOPEN_DAYS} วันหลังดำเนินการเสร็จ กรุณาแจ้งเรื่องใหม่`, `A case can be reopened within ${REOPEN_DAYS} days of its resolution: report it again`);
      }
    },
    set: (c, now) => {
      const span = c.resolveDueAt.getTime() - c.receivedAt.getTime();
      return { disputedAt: c.status === "resolved" ? now : c.disputedAt, reopenCount: c.reopenCount + 1, closedAt: null, resolveDueAt: new Date(now.getTime() + span), escalationLevel: Math.max(c.escalationLevel, 1), escalatedAt: now };
    },
    eventData: { reason: i.reasonTh },
  });
  return { publicRef: after.publicRef, status: after.status };
}
