import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { areas } from "./tables.js";

export type AreaRef = { id: string; classification: string; provinceCode: string | null; nameTh: string; nameEn: string };

/** An area's identity for other modules (which may not read the registry's tables): null when unknown. */
export async function lookupArea(ctx: Ctx, id: string): Promise<AreaRef | null> {
  const [a] = await ctx.db.select({ id: areas.id, classification: areas.classification, provinceCode: areas.provinceCode, nameTh: areas.nameTh, nameEn: areas.nameEn }).from(areas).where(eq(areas.id, id)).limit(1);
  return a ?? null;
}
