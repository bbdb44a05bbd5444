import { describe, expect, it } from "vitest";
import type { MetricMap } from "../../../modules/oversight/contracts.js";
import { projectGeo, type ProvinceGeoJson } from "../map/geo-project.js";
import { colourShapes, heatColor, heatText, legendSteps, OUTSIDE } from "./heat.js";

// three squares side by side (Buriram 31, Surin 32 and a shape with no province code) and an island province 83
const square = (lon: number, lat: number, s = 1) => [[lon, lat], [lon + s, lat], [lon + s, lat + s], [lon, lat + s], [lon, lat]];
const geojson: ProvinceGeoJson = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { code: "31" }, geometry: { type: "Polygon", coordinates: [square(102, 14)] } },
    { type: "Feature", properties: { code: "32" }, geometry: { type: "Polygon", coordinates: [square(103, 14)] } },
    { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square(104, 14)] } },
    { type: "Feature", properties: { code: "83" }, geometry: { type: "MultiPolygon", coordinates: [[square(98, 7, 0.1)], [square(98.2, 7.5, 0.5)]] } },
    { type: "Feature", properties: { code: "10" }, geometry: null },
  ],
};
const data: MetricMap = {
  metric: "cases.on_time_pct",
  fiscalYear: 2570,
  provinces: [
    { code: "31", nameTh: "บุรีรัมย์", nameEn: "Buriram", value: 90, num: 9, den: 10 },
    { code: "32", nameTh: "สุรินทร์", nameEn: "Surin", value: 40, num: 4, den: 10 },
    { code: "83", nameTh: "ภูเก็ต", nameEn: "Phuket", value: null, num: 0, den: 0 },
  ],
  min: 40,
  max: 90,
  asOf: null,
};

describe("the oversight map on real boundaries", () => {
  it("projects every shape with a path into the map's width, north up, a label point inside its largest polygon", () => {
    const { paths, height } = projectGeo(geojson, 600);
    expect(paths.map((p) => p.code)).toEqual(["31", "32", null, "83"]); // the feature without geometry has no shape
    expect(height).toBeGreaterThan(0);
    for (const p of paths) {
      const xs = [...p.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      expect(xs.every(([x, y]) => x >= -0.1 && x <= 600.1 && y >= -0.1 && y <= height + 0.1)).toBe(true);
    }
    const [buriram, surin] = paths;
    expect(surin!.cx).toBeGreaterThan(buriram!.cx); // east is right
    const phuket = paths.find((p) => p.code === "83")!;
    expect(phuket.cy).toBeGreaterThan(buriram!.cy); // south is down
    // the label sits on the larger of Phuket's two polygons
    const [, big] = phuket.d.split("M").filter(Boolean).map((r) => r.split("L").map((xy) => xy.split(",").map(Number)));
    const bx = big!.map(([x]) => x!);
    expect(phuket.cx).toBeGreaterThan(Math.min(...bx));
    expect(phuket.cx).toBeLessThan(Math.max(...bx));
  });

  it("colours each province by the same scale as the tile map; no value is the 'no value' grey, outside the scope blank", () => {
    const shapes = colourShapes(projectGeo(geojson, 600).paths, data);
    const fill = (code: string | null) => shapes.find((s) => s.code === code)!.fill;
    expect(fill("31")).toBe(heatColor("cases.on_time_pct", 90, 40, 90));
    expect(fill("31")).toBe("#0b4f8a"); // the best on a "higher is better" figure: darkest
    expect(fill("32")).toBe("#e7f5ff");
    expect(fill("83")).toBe("#f1f3f5");
    expect(fill(null)).toBe(OUTSIDE);
    expect(shapes.find((s) => s.code === null)!.province).toBeNull();
    expect(shapes.find((s) => s.code === "31")!.province?.nameEn).toBe("Buriram");
    expect(shapes.find((s) => s.code === "31")!.textFill).toBe(heatText("#0b4f8a"));
    // a "lower is better" figure turns the scale round
    const down = colourShapes(projectGeo(geojson, 600).paths, { ...data, metric: "cases.open_overdue" });
    expect(down.find((s) => s.code === "31")!.fill).toBe("#e7f5ff");
  });

  it("gives the legend five steps across the range, one when all are equal, none without data", () => {
    expect(legendSteps(40, 90)).toEqual([40, 52.5, 65, 77.5, 90]);
    expect(legendSteps(5, 5)).toEqual([5]);
    expect(legendSteps(null, null)).toEqual([]);
  });
});
