import { asc, eq } from "drizzle-orm";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ProjectDetail } from "./contracts-projects.js";
import { projectDetail } from "./presenters.js";
import { mustGetProject, projectReadScopes } from "./project-rules.js";
import { projectBudgetLines } from "./tables.js";

/** One project with its goals, outcomes and budget lines. */
export async function getProject({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ProjectDetail> {
  const p = await mustGetProject(ctx, input.id);
  await requireAnyPermission(ctx, "planning:read", projectReadScopes(p));
  const lines = await ctx.db.select().from(projectBudgetLines).where(eq(projectBudgetLines.projectId, p.id)).orderBy(asc(projectBudgetLines.id));
  return projectDetail(ctx, p, lines);
}
