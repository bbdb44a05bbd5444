import { and, eq, sql } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import type { PublicCaseView } from "./contracts.js";
import { BOARD_COLUMNS, publicCaseView } from "./presenters.js";
import { preparedOnce } from "../../platform/db/prepared.js";
import { casePhotos, cases } from "./tables.js";

/** A case's public page by its public reference: no reporter, no exact point, public timeline only. */
export async function getPublicCase({ ctx, input }: { ctx: Ctx; input: { publicRef: string } }): Promise<PublicCaseView> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  // only the columns the page shows (not the description, search text and tsvectors), as a prepared statement
  const [r] = await preparedOnce(ctx.db, "cases_public_by_ref", () => ctx.db.select(BOARD_COLUMNS).from(cases).where(eq(cases.publicRef, sql.placeholder("ref"))).limit(1).prepare("cases_public_by_ref")).execute({ ref: input.publicRef });
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
