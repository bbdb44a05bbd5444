import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The Department of Provincial Administration (dopa.officer) has not yet notified Phetchaburi of its FY 2570
 * allocation; the Act passed on 18 Sep 2026 (demo date), so the notices were due on Mon 19 Oct 2026. The officer
 * records the notice today: the form answers at once that it is late and by how many days, and the list flags it.
 * The governor of Phetchaburi then sees the late notice on the province's budget dashboard and in the deadline
 * calendar, with the day-counting rule spelled out.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => screenshot(page, path.join(SHOTS, `budget-${name}.png`)).then(() => fs.copyFileSync(path.join(SHOTS, `budget-${name}.png`), path.join("/tmp", `budget-${name}.png`)));
async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), where).toEqual([]);
}

it("a department officer sends Phetchaburi its allocation notice late and the governor sees it flagged", async () => {
  const page = await loginAs(live.browser, live.server.url, "dopa.officer");
  await page.goto(`${live.server.url}/planning/budget/notices?fy=2570`);
  await page.getByTestId("notice-form").waitFor();
  expect(await page.getByTestId("notice-from").inputValue()).toBe("moi.dopa");
  await page.getByTestId("notice-province").click();
  await page.getByTestId("notice-province").fill("เพชรบุรี");
  await page.getByRole("option", { name: /เพชรบุรี/ }).first().click();
  await page.getByTestId("notice-total").fill("12500000");
  await page.getByTestId("notice-ref").fill("มท 0300/4567");
  await page.getByTestId("notice-submit").click();
  const result = page.getByTestId("notice-result");
  await result.waitFor();
  const text = await result.innerText();
  expect(text).toMatch(/แจ้งล่าช้า \d+ วัน/);
  expect(text).toContain("19 ตุลาคม 2569"); // due: Act 18 Sep 2026 + 30 = Sun 18 Oct → Mon 19 Oct (B.E. 2569)
  expect(text).toContain("12,500,000");
  expect(await page.getByTestId("notice-result-status").getAttribute("data-status")).toBe("late");
  const row = page.locator('[data-testid="notice-row"][data-from="moi.dopa"][data-province="76"]');
  await row.waitFor();
  expect(await row.getByTestId("notice-status").getAttribute("data-status")).toBe("late");
  await shot(page, "notice-sent-late");
  await axe(page, "notices page");
  await page.context().close();

  const gov = await loginAs(live.browser, live.server.url, "governor.phetchaburi");
  await gov.goto(`${live.server.url}/planning/budget?province=76&fy=2570`);
  await gov.getByTestId("deadline-status").waitFor();
  await gov.getByTestId("budget-dashboard-title").waitFor();
  const late = await gov.getByTestId("late-notices").innerText();
  expect(Number(/\d+/.exec(late)?.[0])).toBeGreaterThanOrEqual(1);
  await gov.locator('[data-testid="disbursement-curve"] svg path').first().waitFor({ state: "attached" }); // the chart has drawn
  await shot(gov, "dashboard-phetchaburi");
  await axe(gov, "dashboard");

  await gov.goto(`${live.server.url}/planning/budget/calendar?province=76&fy=2570`);
  const item = gov.locator('[data-kind="allocation-notice"][data-org="moi.dopa"]');
  await item.waitFor();
  expect(await item.locator("[data-status]").getAttribute("data-status")).toBe("late");
  expect(await item.innerText()).toMatch(/ช้า \d+ วัน/);
  expect(await gov.getByTestId("calendar-rule").innerText()).toContain("19 ตุลาคม 2569");
  await shot(gov, "calendar-phetchaburi");
  await axe(gov, "calendar");
  await gov.context().close();
}, 180_000);
