import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./demo-accounts.js";
import { homeOf } from "./grant-views.js";

describe("where a user lands after login", () => {
  it("sends staff whose grant opens a dashboard to /oversight (which opens their widest scope)", () => {
    expect(homeOf([{ role: "governor", scope: "area:province:31" }])).toBe("/oversight");
    expect(homeOf([{ role: "ministry_officer", scope: "org:moi" }])).toBe("/oversight");
    expect(homeOf([{ role: "department_officer", scope: "org:moi.dopa" }])).toBe("/oversight");
    expect(homeOf([{ role: "agency_head", scope: "org:pro:57:land" }])).toBe("/oversight");
    expect(homeOf([{ role: "cluster_office", scope: "area:cluster:N2" }])).toBe("/oversight");
    expect(homeOf([{ role: "pmoc_viewer", scope: "nation" }])).toBe("/oversight");
    expect(homeOf(["N2", "NE3"].map((c) => ({ role: "deputy_pm_office", scope: `area:cluster:${c}` })))).toBe("/oversight");
  });

  it("keeps the citizen, a district's centre and an account with no grant where they landed before", () => {
    expect(homeOf([{ role: "citizen", scope: "nation" }])).toBe("/");
    expect(homeOf([{ role: "district_officer", scope: "area:district:5709" }])).toBe("/areas/district%3A5709");
    expect(homeOf([])).toBe("/");
    // a citizen's grant never opens a dashboard, whatever its scope
    expect(homeOf([{ role: "citizen", scope: "area:province:31" }])).toBe("/provinces/31");
  });

  it("lands every demo account but the citizen and Mae Sai's centre on /oversight", () => {
    const homes = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.username, homeOf(a.grants)]));
    const others = Object.entries(homes).filter(([u]) => u !== "citizen" && u !== "district.maesai");
    expect(others.every(([, h]) => h === "/oversight")).toBe(true);
    expect([homes["citizen"], homes["district.maesai"]]).toEqual(["/", "/areas/district%3A5709"]);
  });
});
