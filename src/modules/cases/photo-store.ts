import { createHash } from "node:crypto";
import { newId, type Ctx } from "../../platform/ctx.js";
import { casePhotos } from "./tables.js";

/** A photo already re-encoded without its metadata (photos.ts processPhoto), ready to keep. */
export type PhotoToStore = { bytes: Buffer; mediaType: string; width: number; height: number; thumbnail: { bytes: Buffer }; sha256?: string; dhash?: string | null };

/** Keeps a case's photo (inside the caller's transaction); returns its id. */
export async function storePhoto(ctx: Ctx, p: { caseId: string; provinceCode: string; kind: "before" | "after"; photo: PhotoToStore }): Promise<string> {
  const row = photoRow(ctx, p);
  await ctx.db.insert(casePhotos).values(row);
  return row.id;
}

/** The case_photos row of a stored photo (not yet written: submitCase sends it with the case in one statement). */
export function photoRow(ctx: Ctx, p: { caseId: string; provinceCode: string; kind: "before" | "after"; photo: PhotoToStore }) {
  return {
    id: newId(ctx.now().getTime()),
    caseId: p.caseId,
    provinceCode: p.provinceCode,
    kind: p.kind,
    mediaType: p.photo.mediaType,
    content: p.photo.bytes,
    thumbnail: p.photo.thumbnail.bytes,
    width: p.photo.width,
    height: p.photo.height,
    sha256: p.photo.sha256 ?? createHash("sha256").update(p.photo.bytes).digest("hex"),
    dhash: p.photo.dhash ?? null,
    uploadedBy: ctx.actor.id,
    createdAt: ctx.now(),
  };
}
