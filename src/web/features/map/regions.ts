import type { ProvinceSummary } from "../../../modules/registry/contracts.js";

// Light fills so dark labels keep ≥ 7:1 contrast; the legend and tooltips name each region (not colour alone).
const PALETTE = ["#a6cee3", "#fdbf6f", "#b2df8a", "#cab2d6", "#ffe680", "#8dd3c7", "#fb9a99", "#d9d9d9"];
export const TILE_TEXT = "#111827";

export interface RegionInfo {
  id: string;
  nameTh: string;
  nameEn: string;
  color: string;
  count: number;
}

/** Regions in a stable order (by their lowest province code) with a colour each. */
export function regionsOf(provinces: readonly ProvinceSummary[]): RegionInfo[] {
  const byId = new Map<string, { r: ProvinceSummary["region"]; min: string; count: number }>();
  for (const p of provinces) {
    const e = byId.get(p.region.id);
    if (!e) byId.set(p.region.id, { r: p.region, min: p.code, count: 1 });
    else {
      e.count++;
      if (p.code < e.min) e.min = p.code;
    }
  }
  return [...byId.values()]
    .sort((a, b) => a.min.localeCompare(b.min))
    .map((e, i) => ({ id: e.r.id, nameTh: e.r.nameTh, nameEn: e.r.nameEn, color: PALETTE[i % PALETTE.length], count: e.count }));
}
