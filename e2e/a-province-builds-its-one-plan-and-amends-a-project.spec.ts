import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, pickOption, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Khon Kaen's strategy office builds the FY 2570 provincial plan: it pulls in the district and subdistrict
 * proposals, sees the subdistrict's road proposal flagged as a likely duplicate of the rural-roads office's road
 * (same subdistrict, similar Thai title) side by side, and confirms it. The governor of Phetchaburi then amends a
 * running project: the dialog says beforehand that the province decides under the Budget Bureau's instrument and
 * that she may approve it; the record shows "approved under" that instrument. Chiang Rai's governor sees his
 * amendment waiting for the Budget Bureau (no instrument there).
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `one-plan-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `one-plan-${name}.png`)));
};

it("the strategy office consolidates the provincial plan and settles a likely duplicate", async () => {
  const page = await loginAs(live.browser, live.server.url, "strategy.khonkaen");
  await page.goto(`${live.server.url}/planning/plans?provinceCode=40&fiscalYear=2570`);
  await page.getByTestId("plan-row").first().waitFor();
  await shot(page, "plans-list");
  await page.goto(`${live.server.url}/planning/plans/plan-province-40-2570`);
  await page.getByTestId("plan-title").waitFor();
  expect(await page.getByTestId("plan-status").textContent()).toContain("ร่าง");
  await page.getByTestId("consolidate").click();
  await page.getByTestId("consolidated-msg").waitFor();
  expect(await page.getByTestId("consolidated-msg").textContent()).toMatch(/รวบรวมข้อเสนอใหม่ 3 โครงการ/);
  const pair = page.locator('[data-testid="duplicate-pair"][data-project="DEMO-40-2570-11"][data-other="DEMO-40-2570-03"]');
  await pair.waitFor();
  expect(await pair.textContent()).toContain("ตำบลเดียวกัน: 400104");
  await shot(page, "duplicates-flagged");
  await pair.getByTestId("dup-confirm").click();
  await page.locator('[data-testid="plan-project-row"][data-code="DEMO-40-2570-11"]').getByText("ซ้ำกับ DEMO-40-2570-03").waitFor();
  expect(await page.locator('[data-testid="duplicate-pair"][data-project="DEMO-40-2570-11"]').count()).toBe(0);
  // move the agency's first proposal down one place
  const before = await page.locator('[data-testid="plan-project-row"]').first().getAttribute("data-code");
  await page.locator('[data-testid="plan-project-row"]').first().getByTestId("move-down").click();
  await page.waitForFunction((code) => document.querySelector('[data-testid="plan-project-row"]')?.getAttribute("data-code") !== code, before);
  // the plan's change history: the new order above the consolidation, in words
  const planHistory = page.getByTestId("history-panel");
  await planHistory.locator('[data-action="planning.plan.prioritise"]').first().waitFor();
  expect(await planHistory.getByTestId("history-item").first().innerText()).toContain("จัดลำดับความสำคัญของโครงการ");
  expect(await planHistory.innerText()).toContain("รวบรวมข้อเสนอจากแผนระดับอำเภอและตำบล");
  await shot(page, "duplicate-confirmed");

  // a new proposal: the owner is found by typing part of its name, not by its id
  await page.getByTestId("propose").click();
  const dialog = page.getByRole("dialog");
  await page.getByTestId("propose-title").fill("คัดกรองเบาหวานเชิงรุกในชุมชน ตำบลท่าพระ");
  await pickOption(page, page.getByTestId("propose-owner"), "สาธารณสุข", /สำนักงานสาธารณสุขจังหวัดขอนแก่น/);
  await page.getByTestId("propose-goal").click();
  await page.getByRole("option").first().click();
  await shot(page, "propose-owner-picked");
  await page.getByTestId("propose-save").click();
  await dialog.waitFor({ state: "detached" });
  const row = page.locator('[data-testid="plan-project-row"]').filter({ hasText: "คัดกรองเบาหวานเชิงรุกในชุมชน" });
  await row.waitFor();
  expect(await row.textContent()).toContain("สาธารณสุข");
  await page.context().close();
});

it("the governor of Phetchaburi amends a running project under the delegation, and Chiang Rai's waits for the centre", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.phetchaburi");
  await page.goto(`${live.server.url}/planning/projects/demo-proj-76-2569-02`);
  await page.getByTestId("project-title").waitFor();
  await page.locator('[data-testid="timeline-event"]').first().waitFor();
  await page.getByTestId("amend").click();
  await page.getByTestId("amend-end").fill("2026-12-31");
  // the provincial line grows by 100,000 baht: the total after the change is shown before anyone sends it
  const line = page.getByTestId("amend-line").first();
  const was = Number((await line.inputValue()).replace(/,/g, ""));
  await line.fill(String(was + 100_000));
  await page.getByTestId("amend-total").getByText((was + 100_000 + 600_000).toLocaleString("en-US")).waitFor();
  await page.getByTestId("amend-reason").fill("ชุมชนขอขยายเวลาจัดตั้งธนาคารขยะให้ครบ 30 ชุมชน");
  const routeBox = page.getByTestId("amend-route");
  await routeBox.waitFor();
  expect(await routeBox.getAttribute("data-decision")).toBe("delegated");
  expect(await routeBox.textContent()).toContain("ท่านเป็นผู้มีอำนาจอนุมัติ");
  await shot(page, "amend-dialog");
  await page.getByTestId("amend-send").click();
  const approved = page.locator('[data-testid="amendment"][data-status="approved"]').getByTestId("approved-under").first();
  await approved.waitFor();
  expect(await approved.textContent()).toContain("คำสั่งสำนักงบประมาณ ที่ 576/2568");
  // the project's change history records the amendment in words
  const projectHistory = page.getByTestId("history-panel");
  await projectHistory.locator('[data-action="planning.amendment.request"]').first().waitFor();
  expect(await projectHistory.innerText()).toContain("ขอแก้ไขเปลี่ยนแปลงโครงการ");
  await shot(page, "amend-approved");
  await page.context().close();

  const cr = await loginAs(live.browser, live.server.url, "governor.chiangrai");
  await cr.goto(`${live.server.url}/planning/projects/demo-proj-57-2569-01`);
  await cr.getByTestId("pending-central").waitFor();
  expect(await cr.getByTestId("pending-central").textContent()).toContain("สำนักงบประมาณ");
  expect(await cr.getByTestId("amend").count()).toBe(0); // one amendment at a time
  await shot(cr, "amend-central");
  await cr.context().close();
});
