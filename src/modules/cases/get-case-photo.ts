import { and, eq } from "drizzle-orm";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { caseScopes, mustGetCase, requireHandler } from "./case-rules.js";
import { casePhotos } from "./tables.js";

/** A case's photo for staff: after-photos for any reader of the case, the reporter's before-photos for its handlers. */
export async function getCasePhoto({ ctx, input }: { ctx: Ctx; input: { id: string; photoId: string; thumb?: boolean } }): Promise<{ mediaType: string; content: Buffer }> {
  const c = await mustGetCase(ctx, input.id);
  await requireAnyPermission(ctx, "cases:read", caseScopes(c));
  const [p] = await ctx.db.select().from(casePhotos).where(and(eq(casePhotos.caseId, c.id), eq(casePhotos.id, input.photoId))).limit(1);
  if (!p) throw new NotFoundError("case-photo", input.photoId);
  if (p.kind === "before") await requireHandler(ctx, c);
  return { mediaType: p.mediaType, content: input.thumb ? p.thumbnail : p.content };
}
