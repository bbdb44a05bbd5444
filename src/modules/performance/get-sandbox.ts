import { asc, eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { SandboxDetail } from "./contracts.js";
import { sandboxResultView, sandboxSummary } from "./pilot-presenters.js";
import { mustGetSandbox, provinceNames, provinceScope, requireStaffRead, todayOf } from "./pilot-rules.js";
import { sandboxResults } from "./tables.js";

type StoredRule = { ruleTh?: unknown; change?: unknown; detailTh?: unknown };

/** A sandbox with its scope, the rules it changes, its measured results (oldest first) and what the viewer may do. */
export async function getSandbox({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<SandboxDetail> {
  requireStaffRead(ctx);
  const s = await mustGetSandbox(ctx, input.id);
  const results = await ctx.db.select().from(sandboxResults).where(eq(sandboxResults.sandboxId, s.id)).orderBy(asc(sandboxResults.measuredOn), asc(sandboxResults.id));
  const rules = (Array.isArray(s.rules) ? (s.rules as StoredRule[]) : []).map((r) => ({ ruleTh: String(r.ruleTh ?? ""), change: r.change === "waived" ? ("waived" as const) : ("modified" as const), detailTh: String(r.detailTh ?? "") }));
  return {
    ...sandboxSummary(s, todayOf(ctx), await provinceNames(ctx, [s.provinceCode])),
    scopeTh: s.scopeTh,
    legalBasisTh: s.legalBasisTh,
    rules,
    results: results.map(sandboxResultView),
    may: { write: ctx.actor.kind !== "anonymous" && s.status !== "ended" && (await hasPermission(ctx, "performance:sandbox.write", provinceScope(s.provinceCode))) },
  };
}
