import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * OPDC's evaluator opens Khon Kaen's FY 2570 agreement (PB/PT). Its Potential Base item has no KPI: the assessor
 * scores it. In the 6-month round, which has no score yet, he enters 80 points; the round's live total changes from
 * "—" to a number, the assessor's result is listed, and the tab shows the same live total.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string, fullPage = true) => screenshot(page, path.join(SHOTS, `${name}.png`), fullPage);
const panel = (page: Page) => page.locator('[data-testid="round-panel"][data-round="6"]');

it("OPDC's evaluator enters 80 points for Khon Kaen's Potential Base and the 6-month live total moves", async () => {
  const page = await loginAs(live.browser, live.server.url, "opdc.evaluator");
  await page.goto(`${live.server.url}/agreements/demo-agreement-40-2570?round=6`);
  await page.getByTestId("agreement-title").waitFor();
  const total = panel(page).getByTestId("round-panel-total");
  await total.waitFor();
  const before = (await total.innerText()).trim();
  expect(before).toMatch(/^—/);
  expect(await page.getByTestId("agreement-sign").count()).toBe(0); // signed already

  const form = panel(page).locator('[data-testid="item-result-form"][data-item="potential"]');
  await form.waitFor();
  expect(await panel(page).locator('[data-testid="item-result-form"]').count()).toBe(1); // the KPI items are scored from their results
  await form.getByTestId("item-result-value").fill("80");
  await form.getByTestId("item-result-note").fill("ประเมินจากการนำเสนอของจังหวัด (ตัวอย่าง)");
  await form.getByTestId("item-result-save").click();
  await form.getByTestId("item-result-saved").waitFor();

  await total.filter({ hasText: /\d/ }).waitFor();
  const after = (await total.innerText()).trim();
  expect(after).not.toMatch(/^—/);
  expect(after).toContain("80.000");
  expect(await panel(page).locator('[data-testid="score-row"][data-item="potential"]').getAttribute("data-status")).toBe("scored");
  expect(await panel(page).innerText()).toContain("ประเมินจากการนำเสนอของจังหวัด (ตัวอย่าง)");
  expect(await page.getByTestId("round-tab").filter({ hasText: "80.000" }).count()).toBe(1);
  await panel(page).getByTestId("assessor-panel").scrollIntoViewIfNeeded();
  await shot(page, "agreement-40-opdc-assessed-th", false);

  // closing asks first: the score will be frozen
  await panel(page).getByTestId("round-close").click();
  await page.getByRole("dialog").filter({ hasText: "ตรึง" }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  await page.context().close();
});

it("the deputy PM's office amends Chiang Rai's weights: the running sum must reach 100 % and the amendment is listed", async () => {
  const page = await loginAs(live.browser, live.server.url, "dpm.office");
  await page.goto(`${live.server.url}/agreements/demo-agreement-57-2570`);
  await page.getByTestId("agreement-title").waitFor();
  await page.getByTestId("amendments-empty").waitFor();
  await page.getByTestId("agreement-amend").click();
  const weights = page.getByTestId("amend-weight");
  await weights.first().waitFor();
  expect(await page.getByTestId("amend-weight-sum").getAttribute("data-ok")).toBe("true");
  await weights.nth(0).fill("45");
  await page.getByTestId("amend-reason").fill("มติคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ ครั้งที่ 1/2570 (ตัวอย่าง)");
  expect(await page.getByTestId("amend-weight-sum").getAttribute("data-ok")).toBe("false");
  expect(await page.getByTestId("amend-weight-error").innerText()).toContain("105");
  expect(await page.getByTestId("amend-save").isDisabled()).toBe(true);
  await weights.nth(1).fill("30");
  expect(await page.getByTestId("amend-weight-sum").getAttribute("data-ok")).toBe("true");
  await shot(page, "agreement-57-amend-th", false);
  await page.getByTestId("amend-save").click();
  await page.getByTestId("amend-form").waitFor({ state: "detached" });
  await page.getByTestId("amendments").filter({ hasText: "แก้ไขเป็นฉบับที่ 2" }).waitFor();
  expect(await page.getByTestId("amendments").innerText()).toContain("ครั้งที่ 1/2570");
  expect(await page.getByTestId("agreement-items").innerText()).toContain("45%");
  await page.context().close();
});
