import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
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
