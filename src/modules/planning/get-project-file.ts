import { and, eq } from "drizzle-orm";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { mustGetProject, projectReadScopes } from "./project-rules.js";
import { projectFiles } from "./tables.js";

/** A project's document or photo, for those who may read the project. */
export async function getProjectFile({ ctx, input }: { ctx: Ctx; input: { projectId: string; fileId: string } }): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const p = await mustGetProject(ctx, input.projectId);
  await requireAnyPermission(ctx, "planning:read", projectReadScopes(p));
  const [f] = await ctx.db.select({ fileName: projectFiles.fileName, mediaType: projectFiles.mediaType, content: projectFiles.content }).from(projectFiles).where(and(eq(projectFiles.id, input.fileId), eq(projectFiles.projectId, p.id))).limit(1);
  if (!f) throw new NotFoundError("file", input.fileId);
  return f;
}
