// Locating pins in districts, public coarsening and the duplicate-search cells, against the committed shapes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.js";
import { readSeedJson } from "../../platform/paths.js";
import {
  CELL_DEG,
  EARTH_RADIUS_M,
  cellOf,
  cellsAround,
  coarsenLocation,
  districtCentroid,
  districtPoint,
  districtsAt,
  distanceMeters,
  locateDistrict,
  nearestDistrict,
  type LatLon,
} from "./locate.js";

type ShapeRow = [string, string, number[], number[], number[], number[][]];
const shapes = readSeedJson<{ rows: ShapeRow[] }>("reference", "district-shapes.json").rows;
const seedDistricts = readSeedJson<{ rows: [string, string, string, string][] }>("reference", "districts.json").rows;

/** The point `meters` from `p` on `bearing` (radians) on the haversine sphere. */
function destination(p: LatLon, bearing: number, meters: number): LatLon {
  const d = meters / EARTH_RADIUS_M;
  const φ1 = (p.lat * Math.PI) / 180;
  const λ1 = (p.lon * Math.PI) / 180;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
  const λ2 = λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: (φ2 * 180) / Math.PI, lon: (((λ2 * 180) / Math.PI + 540) % 360) - 180 };
}

function validationCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.fields?.[0]?.code;
    throw e;
  }
  return undefined;
}

describe("district shapes file", () => {
  it("has one shape per district of districts.json, under the same province", () => {
    expect(shapes.map((r) => r[0])).toEqual(seedDistricts.map((r) => r[0]).sort());
    const province = new Map(seedDistricts.map((r) => [r[0], r[3]]));
    for (const r of shapes) expect(r[1]).toBe(province.get(r[0]));
  });
});

describe("locateDistrict", () => {
  it.each([
    ["Chiang Rai clock tower", 19.9105, 99.8406, "5701", "57"],
    ["Mae Sai border market (อ.แม่สาย, not 5708 เชียงแสน)", 20.4273, 99.884, "5709", "57"],
    ["Khao Wang, Phetchaburi", 13.1086, 99.9333, "7601", "76"],
    ["Victory Monument (เขตราชเทวี)", 13.7649, 100.5383, "1037", "10"],
    ["Siam, Pathum Wan", 13.7462, 100.5347, "1007", "10"],
    ["Hat Yai", 7.0086, 100.4747, "9011", "90"],
    ["Betong, the southern tip", 5.7736, 101.0725, "9502", "95"],
    ["Mae Sot", 16.7138, 98.5697, "6306", "63"],
    ["Ko Samui", 9.53, 100.0, "8404", "84"],
  ])("%s → district %s", (_name, lat, lon, districtCode, provinceCode) => {
    expect(locateDistrict(lat, lon)).toEqual({ districtCode, provinceCode });
  });

  it.each([
    ["the Gulf of Thailand", 11.5, 101.0],
    ["the Andaman Sea", 8.0, 97.0],
    ["Vientiane, Laos", 17.9757, 102.6331],
    ["Yangon, Myanmar", 16.8409, 96.1735],
    ["Phnom Penh, Cambodia", 11.5564, 104.9282],
    ["Kuala Lumpur", 3.139, 101.6869],
    ["0, 0", 0, 0],
    ["NaN", Number.NaN, 100],
  ])("%s → null", (_name, lat, lon) => {
    expect(locateDistrict(lat, lon)).toBeNull();
  });

  it("finds 926 districts' own centroids; Chiang Saen's and Ko Lanta's lie outside every district, so the map point is used", () => {
    let self = 0;
    const elsewhere: string[] = [];
    for (const [code] of shapes) {
      const c = districtCentroid(code)!;
      const found = locateDistrict(c.lat, c.lon)?.districtCode;
      if (found === code) self++;
      else elsewhere.push(`${code}→${found ?? "none"}`);
      // The map point always lies in its own district.
      const p = districtPoint(code)!;
      expect(locateDistrict(p.lat, p.lon)?.districtCode, code).toBe(code);
    }
    expect(self).toBe(926);
    expect(elsewhere).toEqual(["5708→none", "8103→none"]);
    expect(districtCentroid("9999")).toBeNull();
    expect(districtPoint("9999")).toBeNull();
  });

  it("resolves every point on a border (vertex or edge) to at most one district, and a shared edge to exactly one of its two", () => {
    const edges = new Map<string, { owners: string[]; a: number[]; b: number[] }>();
    for (const [code, , , , , rings] of shapes) {
      for (const r of rings) {
        for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
          const a = [r[j], r[j + 1]];
          const b = [r[i], r[i + 1]];
          const key = [a.join(), b.join()].sort().join("|");
          const e = edges.get(key) ?? { owners: [], a, b };
          e.owners.push(code);
          edges.set(key, e);
        }
      }
    }
    let shared = 0;
    for (const e of edges.values()) {
      for (const [lon, lat] of [e.a, e.b]) expect(districtsAt(lat, lon).length).toBeLessThanOrEqual(1);
      const mid = districtsAt((e.a[1] + e.b[1]) / 2, (e.a[0] + e.b[0]) / 2);
      if (e.owners.length === 2) {
        shared++;
        expect(mid).toHaveLength(1);
        expect(e.owners).toContain(mid[0]);
      } else expect(mid.length).toBeLessThanOrEqual(1);
    }
    expect(shared).toBeGreaterThan(4000);
  });

  it("never places a random point in two districts, and answers the same twice", () => {
    fc.assert(
      fc.property(fc.double({ min: 5.5, max: 20.6, noNaN: true }), fc.double({ min: 97.3, max: 105.7, noNaN: true }), (lat, lon) => {
        const all = districtsAt(lat, lon);
        expect(all.length).toBeLessThanOrEqual(1);
        expect(locateDistrict(lat, lon)?.districtCode).toBe(all[0]);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("nearestDistrict", () => {
  it("returns the containing district at 0 m", () => {
    expect(nearestDistrict(19.9105, 99.8406, 1000)).toEqual({ districtCode: "5701", provinceCode: "57", meters: 0 });
  });

  it("puts pins on islands that the coarse shapes leave out into the nearest district", () => {
    expect(locateDistrict(12.56, 101.45)).toBeNull(); // Ko Samet
    const samet = nearestDistrict(12.56, 101.45, 10_000)!;
    expect(samet.districtCode).toBe("2101"); // Mueang Rayong, which Ko Samet belongs to
    expect(samet.meters).toBeGreaterThan(4000);
    expect(samet.meters).toBeLessThan(5000);
    expect(nearestDistrict(12.9177, 100.7842, 10_000)?.districtCode).toBe("2004"); // Ko Larn, Bang Lamung
    expect(nearestDistrict(11.82, 102.48, 15_000)?.districtCode).toBe("2306"); // Ko Mak, Ko Kut district
  });

  it("cannot tell the sea from a neighbouring country: Vientiane is 4.6 km from the Thai outline", () => {
    expect(nearestDistrict(17.9757, 102.6331, 4000)).toBeNull();
    expect(nearestDistrict(17.9757, 102.6331, 5000)?.districtCode).toBe("4307");
  });

  it("returns null beyond the distance asked (Ko Tao is missing from the shapes), and refuses bad distances", () => {
    expect(nearestDistrict(10.09, 99.84, 3000)).toBeNull();
    expect(nearestDistrict(10.09, 99.84, 40_000)?.districtCode).toBe("8405"); // Ko Pha-ngan, Ko Tao's district
    expect(nearestDistrict(11.5, 101.0, 3000)).toBeNull();
    expect(validationCode(() => nearestDistrict(10, 100, 60_000))).toBe("location.radius-out-of-range");
    expect(validationCode(() => nearestDistrict(10, 100, -1))).toBe("location.radius-out-of-range");
    expect(validationCode(() => nearestDistrict(91, 100, 10))).toBe("location.out-of-range");
  });
});

describe("distanceMeters", () => {
  it("is the haversine distance on the mean-radius sphere", () => {
    const a = { lat: 13, lon: 100 };
    expect(distanceMeters(a, a)).toBe(0);
    expect(distanceMeters(a, { lat: 14, lon: 100 })).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_M, 6);
    // One degree of longitude shrinks with cos(latitude).
    expect(distanceMeters({ lat: 60, lon: 0 }, { lat: 60, lon: 1 })).toBeCloseTo(55_597, 0);
    const clockTower = { lat: 19.9105, lon: 99.8406 };
    const victory = { lat: 13.7649, lon: 100.5383 };
    expect(distanceMeters(clockTower, victory)).toBe(distanceMeters(victory, clockTower));
    expect(Math.round(distanceMeters(clockTower, victory) / 1000)).toBe(687);
  });
});

describe("cellOf and cellsAround", () => {
  it("encodes row × 360000 + col of the 0.001° grid, within the safe integers", () => {
    expect(cellOf(13.7649, 100.5383)).toBe(103_764 * 360_000 + 280_538);
    expect(cellOf(-90, -180)).toBe(0);
    expect(cellOf(90, 179.9999)).toBe(179_999 * 360_000 + 359_999);
    expect(cellOf(13, 180)).toBe(cellOf(13, -180));
    expect(cellOf(90, 179.9999)).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(validationCode(() => cellOf(Number.NaN, 100))).toBe("location.out-of-range");
    expect(validationCode(() => cellOf(13, 181))).toBe("location.out-of-range");
  });

  it("lists a few cells for the 50 m duplicate search, and only the point's own cell at 0 m", () => {
    expect(cellsAround(13.7649, 100.5383, 0)).toEqual([cellOf(13.7649, 100.5383)]);
    const around = cellsAround(13.7649, 100.5383, 50);
    expect(around).toContain(cellOf(13.7649, 100.5383));
    expect(around.length).toBeLessThanOrEqual(4);
    expect([...around].sort((a, b) => a - b)).toEqual(around);
    expect(validationCode(() => cellsAround(13, 100, 5_001))).toBe("location.radius-out-of-range");
    expect(validationCode(() => cellsAround(13, 100, Number.NaN))).toBe("location.radius-out-of-range");
  });

  it("covers every point within the radius (property)", () => {
    const centre = fc.oneof(
      fc.record({ lat: fc.double({ min: 5.5, max: 20.6, noNaN: true }), lon: fc.double({ min: 97.3, max: 105.7, noNaN: true }) }),
      fc.record({ lat: fc.double({ min: -80, max: 80, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) }),
    );
    fc.assert(
      fc.property(
        centre,
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, r, bearing, f) => {
          const p = destination(c, bearing, r * f);
          fc.pre(distanceMeters(c, p) <= r);
          expect(cellsAround(c.lat, c.lon, r)).toContain(cellOf(p.lat, p.lon));
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("covers the points exactly on cell edges and corners near the circle", () => {
    // A centre on a grid node: the four cells meeting there all touch even a tiny circle.
    const around = cellsAround(13.765, 100.538, 1);
    for (const [dLat, dLon] of [
      [-1e-6, -1e-6],
      [-1e-6, 1e-6],
      [1e-6, -1e-6],
      [1e-6, 1e-6],
    ])
      expect(around).toContain(cellOf(13.765 + dLat, 100.538 + dLon));
  });
});

describe("coarsenLocation", () => {
  const onGrid = (v: number) => Math.abs(v / CELL_DEG - Math.round(v / CELL_DEG)) < 1e-6;

  it("keeps the exact point, and the district's map point for sensitive categories", () => {
    expect(coarsenLocation(19.9105, 99.8406, "exact")).toEqual({ lat: 19.9105, lon: 99.8406 });
    expect(coarsenLocation(19.9105, 99.8406, "district")).toEqual(districtPoint("5701"));
    expect(coarsenLocation(19.9105, 99.8406, "district", "5702")).toEqual(districtPoint("5702"));
    // Chiang Saen's centroid is outside it, so its public point is the interior one.
    expect(coarsenLocation(20.2745, 100.2351, "district")).toEqual(districtPoint("5708"));
    expect(districtPoint("5708")).not.toEqual(districtCentroid("5708"));
    expect(coarsenLocation(11.5, 101.0, "district")).toBeNull(); // at sea, no district given: no public point
    expect(coarsenLocation(11.5, 101.0, "district", "2307")).toEqual(districtPoint("2307"));
  });

  it("snaps to the 0.001° grid node within 79 m, deterministically", () => {
    expect(coarsenLocation(19.91049, 99.84061, "block")).toEqual({ lat: 19.91, lon: 99.841 });
    fc.assert(
      fc.property(fc.double({ min: 5.6, max: 20.4, noNaN: true }), fc.double({ min: 97.4, max: 105.6, noNaN: true }), (lat, lon) => {
        const c = coarsenLocation(lat, lon, "block")!;
        expect(coarsenLocation(lat, lon, "block")).toEqual(c);
        expect(onGrid(c.lat) && onGrid(c.lon)).toBe(true);
        const meters = distanceMeters({ lat, lon }, c);
        const d = locateDistrict(lat, lon)?.districtCode;
        // The nearest node (≤ half a cell diagonal) unless another corner keeps the district (≤ a diagonal).
        expect(meters <= 79 || (meters <= 158 && d !== undefined && locateDistrict(c.lat, c.lon)?.districtCode === d)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("keeps the case in its district where a corner of its cell allows", () => {
    // Pins just inside a border: sample points near shared edges.
    let moved = 0;
    let kept = 0;
    for (const [code, , , , , rings] of shapes.slice(0, 200)) {
      const r = rings[0];
      for (let i = 0; i + 3 < r.length; i += 2) {
        const lon = r[i] + (r[i + 2] - r[i]) * 0.37;
        const lat = r[i + 1] + (r[i + 3] - r[i + 1]) * 0.37;
        // Step 30 m towards the district's map point so the pin is inside.
        const p = districtPoint(code)!;
        const len = distanceMeters({ lat, lon }, p);
        const pin = { lat: lat + ((p.lat - lat) * 30) / len, lon: lon + ((p.lon - lon) * 30) / len };
        if (locateDistrict(pin.lat, pin.lon)?.districtCode !== code) continue;
        const c = coarsenLocation(pin.lat, pin.lon, "block")!;
        if (locateDistrict(c.lat, c.lon)?.districtCode === code) kept++;
        else moved++;
      }
    }
    expect(kept).toBeGreaterThan(1000);
    expect(moved / (kept + moved)).toBeLessThan(0.01);
  });

  it("refuses bad coordinates and unknown districts", () => {
    expect(validationCode(() => coarsenLocation(Number.NaN, 100, "block"))).toBe("location.out-of-range");
    expect(validationCode(() => coarsenLocation(13, 100, "district", "9999"))).toBe("location.district-unknown");
  });
});
