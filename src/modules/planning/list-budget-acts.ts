import { desc } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { budgetActView } from "./budget-rules.js";
import type { BudgetActView } from "./contracts-budget.js";
import { budgetActs } from "./tables.js";

/** The Budget Acts recorded, newest year first, with each year's notice deadline and disbursement targets (public facts). */
export async function listBudgetActs({ ctx }: { ctx: Ctx }): Promise<BudgetActView[]> {
  await requirePermission(ctx, "planning:public", NATION);
  const rows = await ctx.db.select().from(budgetActs).orderBy(desc(budgetActs.fiscalYear));
  return rows.map(budgetActView);
}
