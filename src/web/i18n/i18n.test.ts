import { describe, expect, it } from "vitest";
import { RoleId } from "../../modules/accounts/contracts.js";
import { AreaClassification, OrganizationClassification, PostRole } from "../../modules/registry/contracts.js";
import th from "./th.json";
import en from "./en.json";
import grid from "../features/map/tile-grid.json";
import { toCsv } from "../app/csv.js";

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ""): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("translations", () => {
  it("th and en have exactly the same keys", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(th as Tree).sort());
  });
  it("label every role and classification the contracts define", () => {
    for (const lang of [th, en] as Tree[]) {
      for (const r of RoleId.options) expect((lang.roles as Tree)[r], `roles.${r}`).toBeTruthy();
      for (const c of OrganizationClassification.options) expect((lang.orgClass as Tree)[c], `orgClass.${c}`).toBeTruthy();
      for (const c of AreaClassification.options) expect((lang.areaClass as Tree)[c], `areaClass.${c}`).toBeTruthy();
      for (const r of PostRole.options) expect((lang.postRoles as Tree)[r], `postRoles.${r}`).toBeTruthy();
    }
  });
  it("has a unique short label for every province on the tile grid", () => {
    for (const lang of [th, en] as Tree[]) {
      const abbr = lang.provinceAbbr as Record<string, string>;
      expect(Object.keys(abbr).sort()).toEqual(grid.map((c) => c.code).sort());
      expect(new Set(Object.values(abbr)).size).toBe(77);
    }
  });
});

describe("tile grid", () => {
  it("places 77 provinces in unique cells", () => {
    expect(grid).toHaveLength(77);
    expect(new Set(grid.map((c) => `${c.x},${c.y}`)).size).toBe(77);
    expect(new Set(grid.map((c) => c.code)).size).toBe(77);
  });
});

describe("csv", () => {
  it("quotes separators and neutralises formulas", () => {
    expect(toCsv(["a", "b"], [["x,y", "=1+1"], [5, null]])).toBe('a,b\r\n"x,y",\'=1+1\r\n5,\r\n');
  });
});
