import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { assertStatus, mustGetCase, recordEvent, requireHandler } from "./case-rules.js";
import { storePhoto, type PhotoToStore } from "./photo-store.js";
import type { PhotoView } from "./contracts.js";
import { photoUrl } from "./presenters.js";

/**
 * A handler adds the after-photo of the work (already re-encoded without its metadata by the route); the
 * resolution then names it. Only while the case is open: a closed case's record does not change.
 */
export async function uploadCasePhoto({ ctx, input }: { ctx: Ctx; input: { id: string; photo: PhotoToStore } }): Promise<PhotoView> {
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, input.id, { lock: true });
    await requireHandler(tx, c);
    assertStatus(c, ["accepted", "in_progress", "reopened"], "add an after-photo");
    const id = await storePhoto(tx, { caseId: c.id, provinceCode: c.provinceCode, kind: "after", photo: input.photo });
    await recordEvent(tx, c, { kind: "photo", visibility: "internal", textTh: "เพิ่มภาพหลังดำเนินการ", data: { photoId: id } });
    await writeAudit(tx, { action: "cases.photo.upload", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, after: { photoId: id, kind: "after", width: input.photo.width, height: input.photo.height } });
    return { id, kind: "after", width: input.photo.width, height: input.photo.height, url: photoUrl(c.publicRef, id), thumbnailUrl: photoUrl(c.publicRef, id, true) };
  });
}
