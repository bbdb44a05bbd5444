import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Khon Kaen's strategy office imports its agencies' FY 2570 project list from a spreadsheet exported with Thai
 * headers: all-or-nothing refuses the file for one bad row and says which row and why (nothing is written), then
 * valid-rows keeps the good rows and reports the bad one; the imported project opens with its budget lines.
 */
const live = useServerAndBrowser();

const HEAD = "รหัสโครงการ,ปีงบประมาณ,จังหวัด,หน่วยงานเจ้าของ,ชื่อโครงการ,เป้าหมายจังหวัด,ตำบล,งบฟังก์ชัน,งบจังหวัด,วันเริ่ม";
const row = (code: string, title: string, province = "40") => `${code},2570,${province},pro:40:agricultural-extension,${title},prov:40:goal:1.2,"400101,400102","1,250,000.50",300000,1 ต.ค. 2569`;
const CSV = [HEAD, row("E2E-IMP-01", "ศูนย์เรียนรู้การปลูกผักปลอดภัยบ้านโนนทัน"), row("E2E-IMP-02", "ตลาดเกษตรกรอำเภอเมืองเชียงราย", "57"), row("E2E-IMP-03", "โรงคัดบรรจุผักชุมชนตำบลท่าพระ")].join("\n");

async function upload(page: Page, mode: "all" | "valid") {
  await page.getByTestId("planning-import-kind").waitFor();
  await page.locator('input[type="file"]').setInputFiles({ name: "projects-khonkaen-2570.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await page.getByTestId(mode === "all" ? "planning-import-mode-all" : "planning-import-mode-valid").click();
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/api/v1/planning/imports")),
    page.getByTestId("planning-import-submit").click(),
  ]);
  const { id } = (await posted.json()) as { id: string };
  // this job (not the one shown before a reload) has finished: the API says so and the panel shows all rows checked
  for (let k = 0; k < 120; k++) {
    const j = (await (await page.request.get(`${live.server.url}/api/v1/planning/imports/${encodeURIComponent(id)}`)).json()) as { status: string };
    if (["succeeded", "partially_succeeded", "failed"].includes(j.status)) break;
    await page.waitForTimeout(500);
  }
  const job = page.getByTestId("planning-import-job");
  await job.getByTestId("planning-import-counts").getByText(/3 จาก 3/).waitFor({ timeout: 30_000 });
  return job;
}

it("the strategy office imports a project list: all-or-nothing refuses a bad row, valid-rows keeps the good ones", async () => {
  const page = await loginAs(live.browser, live.server.url, "strategy.khonkaen");
  const serverErrors: string[] = [];
  page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${live.server.url}/planning/imports`);

  // 1. all or nothing: the Chiang Rai row is refused, so nothing is imported
  let job = await upload(page, "all");
  const issue = page.getByTestId("planning-import-issue").first();
  await issue.waitFor();
  expect(await issue.innerText()).toMatch(/3/); // the data row 2 is line 3 of the file
  expect(await page.request.get(`${live.server.url}/api/v1/planning/projects?q=E2E-IMP-01`).then((r) => r.json())).toMatchObject({ total: 0 });
  await screenshot(page, path.join(SHOTS, "planning-import-01-all-or-nothing-th.png"));
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);

  // 2. valid rows: two projects are created, the bad row is reported
  await page.reload();
  job = await upload(page, "valid");
  await page.getByTestId("planning-import-issue").first().waitFor();
  expect(await job.getByTestId("planning-import-counts").innerText()).toMatch(/2/);
  const list = await page.request.get(`${live.server.url}/api/v1/planning/projects?q=E2E-IMP&provinceCode=40`).then((r) => r.json() as Promise<{ total: number; items: { id: string; code: string }[] }>);
  expect(list.items.map((p) => p.code).sort()).toEqual(["E2E-IMP-01", "E2E-IMP-03"]);
  await screenshot(page, path.join(SHOTS, "planning-import-02-valid-rows-th.png"));

  // 3. the imported project has its lines from the file
  await page.goto(`${live.server.url}/planning/projects/${encodeURIComponent(list.items.find((p) => p.code === "E2E-IMP-01")!.id)}`);
  await page.getByTestId("project-title").waitFor();
  expect(await page.locator("main").innerText()).toContain("1,550,000.50");
  expect(serverErrors).toEqual([]);
  await page.context().close();
});
