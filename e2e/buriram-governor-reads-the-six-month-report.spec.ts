import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The governor of Buriram opens her province's operation centre, picks the 6-month report of this fiscal year and
 * downloads it: a Thai PDF whose text (read back with poppler) names the province, its agendas and the sections a
 * governor reports on. Then the one-page executive brief. The pages are rendered as pictures beside the screenshots
 * (.screenshots/report-*.png) so that a person can read them as the governor would.
 */
const live = useServerAndBrowser();
const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `report-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `report-${name}.png`)));
};
const hasPoppler = spawnSync("pdftotext", ["-v"]).error === undefined && spawnSync("pdftoppm", ["-v"]).error === undefined;
/** pdftotext breaks lines where the layout did, and gives sara am as nikhahit + sara aa: compare without whitespace, composed */
const squash = (s: string) => s.replace(/\s+/g, "").replace(/\u0e4d\u0e32/g, "\u0e33");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-e2e-report-"));

async function download(page: Page, testId: string, name: string): Promise<{ file: string; suggested: string; text: string; pages: number }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const file = path.join(tmp, name);
  await dl.saveAs(file);
  const head = fs.readFileSync(file).subarray(0, 5).toString("latin1");
  expect(head).toBe("%PDF-");
  if (!hasPoppler) {
    if (process.env.CI) throw new Error("pdftotext/pdftoppm are missing on CI: .ci/run installs poppler-utils so the report is read back");
    return { file, suggested: dl.suggestedFilename(), text: "", pages: 0 };
  }
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).toString("utf8").normalize("NFC");
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString("utf8"))![1]);
  // the pages as pictures, to be looked at
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", file, path.join(SHOTS, `report-${name.replace(/\.pdf$/, "")}-page`)]);
  return { file, suggested: dl.suggestedFilename(), text, pages };
}

it("the Buriram governor downloads the 6-month report and the executive brief and reads them", async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const page = await loginAs(live.browser, live.server.url, "governor.buriram");
  await page.getByTestId("nav-oversight").click();
  const card = page.getByTestId("province-reports");
  await card.waitFor();
  await card.getByText("6 เดือน", { exact: true }).click();
  await expect.poll(() => page.getByTestId("province-report-pdf").getAttribute("href")).toContain("period=6");
  expect(await page.getByTestId("province-report-pdf").getAttribute("href")).toContain("provinceCode=31");
  await shot(page, "1-card");

  const full = await download(page, "province-report-pdf", "six-month.pdf");
  expect(full.suggested).toMatch(/^province-31-\d{4}-6m\.pdf$/);
  if (full.pages) {
    expect(full.pages).toBeGreaterThanOrEqual(3);
    // the cover, labelled demo, and the sections a governor reports on: agendas, KPIs, money, citizens' cases, next steps
    for (const heading of ["ข้อมูลสาธิต (demo)", "รายงานผลการดำเนินงานจังหวัดบุรีรัมย์", "รอบ 6 เดือน", "2. ความก้าวหน้าตามวาระและประเด็นปัญหา", "3. ตัวชี้วัด", "4. งบประมาณและการเบิกจ่าย", "5. บริการประชาชนและเรื่องร้องเรียน", "7. ขั้นตอนต่อไป"])
      expect(squash(full.text)).toContain(squash(heading));
    // no citizen's identity in a report that leaves the building
    expect(full.text).not.toMatch(/\b0\d{2}-?\d{3}-?\d{4}\b/);
  }

  const brief = await download(page, "province-report-brief", "brief.pdf");
  expect(brief.suggested).toMatch(/-brief\.pdf$/);
  if (brief.pages) {
    expect(brief.pages).toBe(1);
    expect(squash(brief.text)).toContain(squash("จังหวัดบุรีรัมย์"));
  }
});
