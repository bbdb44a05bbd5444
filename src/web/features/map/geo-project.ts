/** Province boundaries (operator-supplied GeoJSON) projected to SVG paths: one projection for every boundary map. */
type Ring = number[][];
export interface ProvinceGeoJson {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    properties: { code?: string } & Record<string, unknown>;
    geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null;
  }[];
}

export type ProjectedShape = { key: string; code: string | null; d: string; cx: number; cy: number };

function polygonsOf(g: ProvinceGeoJson["features"][number]["geometry"]): Ring[][] {
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

/**
 * A simple equirectangular projection (good enough at a country's scale) into `width` wide: each feature's path,
 * and a label point (the middle of its largest polygon's box, for a figure printed on the shape).
 */
export function projectGeo(geojson: ProvinceGeoJson, width = 600): { paths: ProjectedShape[]; height: number } {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const f of geojson.features)
    for (const poly of polygonsOf(f.geometry))
      for (const ring of poly)
        for (const [lon, lat] of ring) {
          if (lon! < minLon) minLon = lon!;
          if (lon! > maxLon) maxLon = lon!;
          if (lat! < minLat) minLat = lat!;
          if (lat! > maxLat) maxLat = lat!;
        }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * kx || 1);
  const height = Number.isFinite(maxLat - minLat) ? (maxLat - minLat) * scale : 0;
  const x = (lon: number) => (lon - minLon) * kx * scale;
  const y = (lat: number) => (maxLat - lat) * scale;
  const paths = geojson.features
    .map((f, i) => {
      const code = typeof f.properties?.code === "string" ? f.properties.code : null;
      const polys = polygonsOf(f.geometry);
      const d = polys.flatMap((poly) => poly.map((ring) => "M" + ring.map(([lon, lat]) => `${x(lon!).toFixed(1)},${y(lat!).toFixed(1)}`).join("L") + "Z")).join("");
      // the label goes on the largest polygon (an island province's mainland, not its islets)
      let best = { area: -1, cx: 0, cy: 0 };
      for (const poly of polys) {
        const outer = poly[0] ?? [];
        if (!outer.length) continue;
        const xs = outer.map(([lon]) => x(lon!));
        const ys = outer.map(([, lat]) => y(lat!));
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const area = (x1 - x0) * (y1 - y0);
        if (area > best.area) best = { area, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
      }
      return { key: code ?? `f${i}`, code, d, cx: best.cx, cy: best.cy };
    })
    .filter((s) => s.d);
  return { paths, height };
}
