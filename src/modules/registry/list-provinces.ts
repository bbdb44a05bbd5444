import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { cached } from "../../platform/cache.js";
import type { ProvinceSummary } from "./contracts.js";
import { AREA_CACHE } from "./lookup-area.js";
import { areaGroupings, areas } from "./tables.js";

/** The five provinces of the 2024 CEO-governor pilot (seed 003). */
export const PILOT_2024 = ["34", "31", "40", "57", "76"] as const;

const region = alias(areas, "region");
const cluster = alias(areas, "cluster");

/** Rows for one or all provinces with region and current cluster (shared with getProvince). */
export async function provinceRows(ctx: Ctx, code?: string) {
  return ctx.db
    .select({ p: areas, r: region, c: cluster })
    .from(areas)
    .innerJoin(region, eq(region.id, areas.parentId))
    .leftJoin(areaGroupings, and(eq(areaGroupings.areaId, areas.id), isNull(areaGroupings.validTo)))
    .leftJoin(cluster, and(eq(cluster.id, areaGroupings.groupId), eq(cluster.classification, "cluster")))
    .where(code ? and(eq(areas.classification, "province"), eq(areas.code, code)) : eq(areas.classification, "province"))
    .orderBy(asc(areas.code));
}

export function provinceSummaryOf(row: Awaited<ReturnType<typeof provinceRows>>[number]): ProvinceSummary {
  const attrs = (row.p.attributes ?? {}) as { ceo?: boolean; population?: number };
  return {
    code: row.p.code,
    id: row.p.id,
    iso: row.p.iso ?? `TH-${row.p.code}`,
    nameTh: row.p.nameTh,
    nameEn: row.p.nameEn,
    ceo: attrs.ceo !== false,
    region: { id: row.r.id, nameTh: row.r.nameTh, nameEn: row.r.nameEn },
    cluster: row.c ? { id: row.c.id, code: row.c.code, nameTh: row.c.nameTh, nameEn: row.c.nameEn } : null,
    population: typeof attrs.population === "number" ? attrs.population : null,
    pilot2024: (PILOT_2024 as readonly string[]).includes(row.p.code),
  };
}

/** All 77 provinces with their region, current cluster and the 2024 pilot flag. */
export async function listProvinces({ ctx }: { ctx: Ctx; input?: Record<string, never> }): Promise<ProvinceSummary[]> {
  await requirePermission(ctx, "registry:read", NATION);
  const rows = await provinceRows(ctx);
  const seen = new Map<string, ProvinceSummary>();
  for (const r of rows) if (!seen.has(r.p.code) || r.c) seen.set(r.p.code, provinceSummaryOf(r));
  return [...seen.values()];
}

/** The 77 provinces' codes in order, for other modules that ask a question of each province (no permission: codes are public facts). */
export async function listProvinceCodes(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.select({ code: areas.code }).from(areas).where(eq(areas.classification, "province")).orderBy(asc(areas.code));
  return rows.map((r) => r.code);
}

/** A province in the frame other modules' national views group by: its region and current cluster. */
export type ProvinceFrameRow = { code: string; nameTh: string; nameEn: string; region: { id: string; nameTh: string; nameEn: string }; cluster: { id: string; code: string; nameTh: string; nameEn: string } | null };

/**
 * The 77 provinces with their region and current cluster, for national read models (matrix columns, a cluster's or a
 * region's provinces); through the process's read cache (areas change only when the registry is imported).
 */
export function provinceFrame(ctx: Ctx): Promise<ProvinceFrameRow[]> {
  return cached(ctx, `${AREA_CACHE}province-frame`, async () => {
    const seen = new Map<string, ProvinceSummary>();
    for (const r of await provinceRows(ctx)) if (!seen.has(r.p.code) || r.c) seen.set(r.p.code, provinceSummaryOf(r));
    return [...seen.values()].map((p) => ({ code: p.code, nameTh: p.nameTh, nameEn: p.nameEn || p.nameTh, region: p.region, cluster: p.cluster }));
  });
}
