import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { areas, organizations } from "./tables.js";

/** Thai and English names of scope keys (`area:province:57` → เชียงราย / Chiang Rai), for grant lists. */
export async function describeScopes(ctx: Ctx, keys: string[]): Promise<Map<string, { nameTh: string; nameEn: string; classification: string }>> {
  const out = new Map<string, { nameTh: string; nameEn: string; classification: string }>();
  out.set("nation", { nameTh: "ทั้งประเทศ", nameEn: "Whole country", classification: "nation" });
  const areaIds = keys.filter((k) => k.startsWith("area:")).map((k) => k.slice(5));
  const orgIds = keys.filter((k) => k.startsWith("org:")).map((k) => k.slice(4));
  if (areaIds.length) {
    for (const a of await ctx.db.select().from(areas).where(inArray(areas.id, areaIds))) out.set(`area:${a.id}`, { nameTh: a.nameTh, nameEn: a.nameEn, classification: a.classification });
  }
  if (orgIds.length) {
    for (const o of await ctx.db.select().from(organizations).where(inArray(organizations.id, orgIds))) out.set(`org:${o.id}`, { nameTh: o.nameTh, nameEn: o.nameEn, classification: o.classification });
  }
  return out;
}
