import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The governor of Buriram (demo: subscribed to her province's alerts, a digest every morning) opens the operation
 * centre, follows the unread count to her alerts: only Buriram's, each with its severity in words, the advisory
 * committee that stopped meeting among them. She marks one read and the count goes down; her subscription shows the
 * daily digest; the page reads in English too.
 */
const live = useServerAndBrowser();
const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `alerts-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `alerts-${name}.png`)));
};
const unreadOf = async (page: Page) => Number(/\d+/.exec(await page.getByTestId("alerts-unread-count").innerText())![0]);

it("the Buriram governor reads her province's alerts and marks one read", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.buriram");
  await page.getByTestId("nav-oversight").click();
  const link = page.getByTestId("link-alerts");
  await expect.poll(() => link.innerText()).toMatch(/ยังไม่อ่าน \d+/);
  await link.click();
  await page.getByTestId("alert-row").first().waitFor();
  const table = await page.getByTestId("alerts-table").innerText();
  expect(table).toContain("บุรีรัมย์");
  expect(table).toMatch(/วิกฤต|เตือน|แจ้งให้ทราบ/);
  expect(table).toContain("ไม่ได้ประชุมตามรอบ");
  for (const p of ["เชียงราย", "ขอนแก่น", "เพชรบุรี"]) expect(table).not.toContain(p);
  expect(await page.getByTestId("alerts-scopes").innerText()).toContain("บุรีรัมย์");
  const before = await unreadOf(page);
  await shot(page, "1-inbox");

  await page.getByTestId("alert-mark").first().click();
  await expect.poll(() => unreadOf(page)).toBe(before - 1);
  await page.getByTestId("alerts-unread").check();
  await expect.poll(() => page.getByTestId("alert-row").count()).toBeLessThanOrEqual(before - 1);

  const subs = page.getByTestId("alert-subscriptions");
  await subs.getByTestId("subscription-row").first().waitFor();
  expect(await subs.getByTestId("subscription-frequency").inputValue()).toBe("ทุกวัน (07:30 น.)");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByTestId("lang-switch").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await expect.poll(() => page.getByTestId("alerts-title").innerText()).toBe("Alerts");
  expect(await page.getByTestId("alerts-table").innerText()).toMatch(/Critical|Warning|Notice/);
  expect(await subs.getByTestId("subscription-frequency").inputValue()).toBe("Daily (07:30)");
  await shot(page, "2-english");
});
