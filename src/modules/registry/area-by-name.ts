import { and, eq, or } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { AreaRef } from "./lookup-area.js";
import { areas } from "./tables.js";

/** An area by its Thai name (without prefixes such as จังหวัด or อำเภอ), within a parent when given: importers name places, not codes. */
export async function areaByName(ctx: Ctx, classification: "province" | "district" | "subdistrict", nameTh: string, parentId?: string): Promise<AreaRef | null> {
  const name = nameTh.trim().replace(/^(จังหวัด|อำเภอ|เขต|ตำบล|แขวง)\s*/, "");
  if (!name) return null;
  const rows = await ctx.db
    .select({ id: areas.id, classification: areas.classification, provinceCode: areas.provinceCode, nameTh: areas.nameTh, nameEn: areas.nameEn })
    .from(areas)
    .where(and(eq(areas.classification, classification), or(eq(areas.nameTh, name), eq(areas.nameTh, `เขต${name}`)), ...(parentId ? [eq(areas.parentId, parentId)] : [])))
    .limit(2);
  return rows.length === 1 ? rows[0]! : null;
}
