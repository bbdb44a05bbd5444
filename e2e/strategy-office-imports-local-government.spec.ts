import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Chiang Rai's strategy office imports its municipalities and subdistrict administrations from a CSV file
 * written the way people write it (Thai classifications, DOPA codes). One row names a district that does not
 * exist: all-or-nothing (the default) writes nothing and the report says row, column and reason in Thai;
 * valid-rows writes the good rows. The imported municipality can then be found by Thai search.
 */
const live = useServerAndBrowser();

const CSV = [
  "classification,name_th,name_en,district_code,subdistrict_code",
  "เทศบาลตำบล,เทศบาลตำบลเวียงพางคำ (ตัวอย่าง),Wiang Phang Kham Subdistrict Municipality (demo),5709,",
  "อบต.,องค์การบริหารส่วนตำบลโป่งผา (ตัวอย่าง),Pong Pha SAO (demo),,570905",
  "เทศบาลตำบล,เทศบาลตำบลนอกแผนที่ (ตัวอย่าง),Nowhere Municipality (demo),5799,",
].join("\n");

async function upload(page: Page, mode: "all" | "valid") {
  await page.locator('input[type="file"]').setInputFiles({ name: "local-government-chiangrai.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await page.getByTestId(mode === "all" ? "import-mode-all" : "import-mode-valid").click();
  await page.getByTestId("import-submit").click();
  await page.getByTestId("import-outcome").waitFor({ timeout: 60_000 });
}

it("the strategy office of Chiang Rai imports local government: all-or-nothing refuses a bad file, valid-rows keeps the good rows", async () => {
  const page = await loginAs(live.browser, live.server.url, "strategy.chiangrai");
  const serverErrors: string[] = [];
  page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${live.server.url}/admin/imports`);
  await page.getByTestId("import-submit").waitFor();

  // all-or-nothing: nothing written, the report names row 4, the district column and the reason in Thai
  await upload(page, "all");
  expect(await page.getByTestId("import-status").first().innerText()).toContain("ไม่ได้นำเข้า");
  const report = page.getByTestId("import-report");
  await report.waitFor();
  const reportText = await report.innerText();
  expect(reportText).toContain("4");
  expect(reportText).toContain("district_code");
  expect(reportText).toMatch(/[\u0E00-\u0E7F]/);
  await screenshot(page, path.join(SHOTS, "import-01-all-or-nothing-th.png"));
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  const before = await (await page.request.get(`${live.server.url}/api/v1/search?q=${encodeURIComponent("เวียงพางคำ")}&kinds=organization`)).json();
  expect(before.hits.filter((h: { nameTh: string }) => h.nameTh.includes("(ตัวอย่าง)"))).toEqual([]);

  // valid-rows: the two good rows are written, the bad one reported
  await page.goto(`${live.server.url}/admin/imports`);
  await page.getByTestId("import-submit").waitFor();
  await upload(page, "valid");
  expect(await page.getByTestId("import-outcome").innerText()).toContain("2");
  await screenshot(page, path.join(SHOTS, "import-02-valid-rows-th.png"));

  // the municipality is in the registry, in Chiang Rai, found by Thai words
  await page.getByTestId("global-search").fill("เวียงพางคำ");
  await page.getByTestId("global-search").press("Enter");
  await page.getByTestId("search-results").waitFor();
  await page.getByText("เทศบาลตำบลเวียงพางคำ (ตัวอย่าง)").first().waitFor();
  const after = await (await page.request.get(`${live.server.url}/api/v1/search?q=${encodeURIComponent("เวียงพางคำ")}&kinds=organization`)).json();
  const hit = after.hits.find((h: { nameTh: string }) => h.nameTh === "เทศบาลตำบลเวียงพางคำ (ตัวอย่าง)");
  expect(hit.classification).toBe("municipality");
  expect(hit.provinceCode).toBe("57");
  expect(serverErrors).toEqual([]);
});
