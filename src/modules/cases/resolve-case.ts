import { and, eq, lt, ne, or } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { fieldError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ResolveCaseInput } from "./contracts.js";
import { changeStatus } from "./change-status.js";
import { getCase } from "./get-case.js";
import { casePhotos } from "./tables.js";

/**
 * Marks the work done. Traffy Fondue's known weakness is cases closed with unrelated photos, so the proof is
 * checked: an after-photo uploaded to THIS case, not the reporter's own before-photo and not a photo already used
 * on another case (same bytes or same picture by its difference hash); or else a stated reason.
 */
export async function resolveCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }) {
  const { id, ...rest } = input;
  const i = parseInput(ResolveCaseInput, rest);
  if (!i.afterPhotoId && !i.reasonTh) {
    throw new ValidationError([fieldError("afterPhotoId", "cases.resolution-proof-required", "ต้องแนบภาพหลังดำเนินการ หรือระบุเหตุผลที่ไม่มีภาพ (อย่างน้อย 10 ตัวอักษร)", "Attach an after-photo, or state why there is none (at least 10 characters)")]);
  }
  await changeStatus(ctx, {
    id,
    version: i.version,
    from: ["accepted", "in_progress", "reopened"],
    to: "resolved",
    action: "resolve",
    textTh: i.textTh || i.reasonTh || "ดำเนินการแล้วเสร็จ",
    check: async (tx, c) => {
      if (!i.afterPhotoId) return;
      const [p] = await tx.db.select({ id: casePhotos.id, kind: casePhotos.kind, sha256: casePhotos.sha256, dhash: casePhotos.dhash, createdAt: casePhotos.createdAt }).from(casePhotos).where(and(eq(casePhotos.id, i.afterPhotoId), eq(casePhotos.caseId, c.id))).limit(1);
      if (!p || p.kind !== "after") throw new ValidationError([fieldError("afterPhotoId", "cases.after-photo-unknown", "ไม่พบภาพหลังดำเนินการของเรื่องนี้", "No such after-photo on this case")]);
      // the same picture earlier: this case's before-photo, or any photo of another case kept before this one
      const earlier = or(and(eq(casePhotos.caseId, c.id), eq(casePhotos.kind, "before")), and(ne(casePhotos.caseId, c.id), lt(casePhotos.createdAt, p.createdAt)));
      const reusedBytes = await tx.db.select({ caseId: casePhotos.caseId, kind: casePhotos.kind }).from(casePhotos).where(and(eq(casePhotos.sha256, p.sha256), ne(casePhotos.id, p.id), earlier)).limit(1);
      // a flat picture (all bits equal) says nothing about which scene it shows: only the bytes count then
      const reusedPicture = p.dhash && !/^(0{16}|f{16})$/.test(p.dhash) ? await tx.db.select({ caseId: casePhotos.caseId, kind: casePhotos.kind }).from(casePhotos).where(and(eq(casePhotos.dhash, p.dhash), ne(casePhotos.id, p.id), earlier)).limit(1) : [];
      const reused = reusedBytes[0] ?? reusedPicture[0];
      if (reused) {
        const own = reused.caseId === c.id && reused.kind === "before";
        throw new RuleViolation(
          "cases.after-photo-reused",
          own ? "ภาพหลังดำเนินการเป็นภาพเดียวกับที่ผู้แจ้งส่งมา" : "ภาพหลังดำเนินการนี้เคยใช้กับเรื่องอื่นแล้ว กรุณาถ่ายภาพจริงของงานนี้",
          own ? "The after-photo is the reporter's own photo" : "This after-photo was already used on another case: take a real photo of this work",
        );
      }
    },
    set: (_c, now) => ({ resolvedAt: now, resolutionTh: i.reasonTh ?? null, afterPhotoId: i.afterPhotoId ?? null, disputedAt: null }),
    eventData: { afterPhotoId: i.afterPhotoId ?? null, reason: i.reasonTh ?? null },
  });
  return getCase({ ctx, input: { id } });
}
