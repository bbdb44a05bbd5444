import { and, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import type { PublicCaseView } from "./contracts.js";
import { publicCaseView } from "./presenters.js";
import { casePhotos, cases } from "./tables.js";

/** A case's public page by its public reference: no reporter, no exact point, public timeline only. */
export async function getPublicCase({ ctx, input }: { ctx: Ctx; input: { publicRef: string } }): Promise<PublicCaseView> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const [r] = await ctx.db.select().from(cases).where(eq(cases.publicRef, input.publicRef)).limit(1);
  if (!r) throw new NotFoundError("case", input.publicRef);
  return publicCaseView(ctx, r);
}

/**
 * A photo of a case for the public: after-photos only (before-photos come from citizens and may show people or
 * homes; handlers see them through the staff page). Already stripped of metadata when stored.
 */
export async function getPublicCasePhoto({ ctx, input }: { ctx: Ctx; input: { publicRef: string; photoId: string; thumb?: boolean } }): Promise<{ mediaType: string; content: Buffer }> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const [p] = await ctx.db
    .select({ kind: casePhotos.kind, mediaType: casePhotos.mediaType, content: casePhotos.content, thumbnail: casePhotos.thumbnail })
    .from(casePhotos)
    .innerJoin(cases, eq(cases.id, casePhotos.caseId))
    .where(and(eq(cases.publicRef, input.publicRef), eq(casePhotos.id, input.photoId)))
    .limit(1);
  if (!p || p.kind !== "after") throw new NotFoundError("case-photo", input.photoId);
  return { mediaType: p.mediaType, content: input.thumb ? p.thumbnail : p.content };
}
