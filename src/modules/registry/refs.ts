import { eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, ValidationError } from "../../platform/errors.js";
import { areas, organizations, persons, posts } from "./tables.js";

/** Loads a referenced row or fails with a field error (never a 500 for a dangling id). */
export async function mustFindArea(ctx: Ctx, id: string, field: string) {
  const [row] = await ctx.db.select().from(areas).where(eq(areas.id, id)).limit(1);
  if (!row) throw new ValidationError([{ path: field, code: "ref.unknown-area", messageTh: `ไม่พบพื้นที่ ${id}`, messageEn: `Unknown area ${id}` }]);
  return row;
}

export async function mustFindOrganization(ctx: Ctx, id: string, field: string) {
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  if (!row) throw new ValidationError([{ path: field, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${id}`, messageEn: `Unknown organisation ${id}` }]);
  return row;
}

export async function mustFindPost(ctx: Ctx, id: string, field: string) {
  const [row] = await ctx.db.select().from(posts).where(eq(posts.id, id)).limit(1);
  if (!row) throw new ValidationError([{ path: field, code: "ref.unknown-post", messageTh: `ไม่พบตำแหน่ง ${id}`, messageEn: `Unknown post ${id}` }]);
  return row;
}

export async function mustFindPerson(ctx: Ctx, id: string, field: string) {
  const [row] = await ctx.db.select().from(persons).where(eq(persons.id, id)).limit(1);
  if (!row) throw new ValidationError([{ path: field, code: "ref.unknown-person", messageTh: `ไม่พบบุคคล ${id}`, messageEn: `Unknown person ${id}` }]);
  return row;
}

export function dateOrderError(field: string) {
  return new ValidationError([{ path: field, code: "date.before-start", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น", messageEn: "The end date must not be before the start date" }]);
}

/**
 * An organisation placed in an area of another province than its parent's needs the right over that area
 * too: otherwise an editor of one province could file offices into another (a ministry, with no province, may
 * place its offices anywhere).
 */
export async function requireAreaWithinReach(ctx: Ctx, area: { id: string; provinceCode: string | null }, parent: { provinceCode: string | null } | null | undefined) {
  if (!parent?.provinceCode || area.provinceCode === parent.provinceCode) return;
  await requirePermission(ctx, "registry:organization.write", { kind: "area", id: area.id });
}

/**
 * Runs a permission check; when it refuses a logged-in user, says instead which referenced id does not exist
 * (a scope that does not exist contains nothing, so "not allowed" would hide the real mistake — a typo in a
 * district code, say). The registry is public, so naming a missing id reveals nothing.
 */
export async function checkWithRefs(ctx: Ctx, check: () => Promise<void>, refs: { field: string; kind: "org" | "area"; id: string | null | undefined }[]): Promise<void> {
  try {
    await check();
  } catch (e) {
    if (!(e instanceof ForbiddenError)) throw e;
    for (const r of refs) if (r.id) await (r.kind === "org" ? mustFindOrganization(ctx, r.id, r.field) : mustFindArea(ctx, r.id, r.field));
    throw e;
  }
}
