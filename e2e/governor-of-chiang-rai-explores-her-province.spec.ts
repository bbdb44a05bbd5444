import path from "node:path";
import { expect, it } from "vitest";

import { screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

const live = useServerAndBrowser();

it("the governor of Chiang Rai logs in, opens her province, switches to English and searches a district in Thai", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "th-TH" });
  await page.goto(`${live.server.url}/login`);
  await page.getByTestId("demo-badge").first().waitFor({ state: "visible" });
  await page.getByTestId("login-username").fill("governor.chiangrai");
  await page.getByTestId("login-password").fill("changwat-demo");
  await screenshot(page, path.join(SHOTS, "01-login-th.png"));
  await page.getByTestId("login-submit").click();
  // staff land on their operation-centre dashboard (the province's, for a governor); then she opens the province page
  await page.waitForURL((u) => u.pathname === "/oversight");
  await expect.poll(() => page.getByTestId("oversight-scope").inputValue(), { timeout: 20_000 }).toContain("เชียงราย");
  await page.goto(`${live.server.url}/provinces/57`);
  await page.getByTestId("province-title").waitFor();
  expect(await page.getByTestId("province-title").innerText()).toContain("เชียงราย");
  await page.waitForLoadState("networkidle");
  await screenshot(page, path.join(SHOTS, "02-province-57-th.png"));

  await page.getByTestId("lang-switch").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  expect(await page.getByTestId("province-title").innerText()).toContain("Chiang Rai");
  await screenshot(page, path.join(SHOTS, "03-province-57-en.png"));

  await page.getByTestId("global-search").fill("แม่สาย");
  await page.getByTestId("global-search").press("Enter");
  await page.waitForURL(/\/search/);
  await page.getByTestId("search-results").waitFor();
  await page.getByText("Mae Sai").first().waitFor();
  await screenshot(page, path.join(SHOTS, "04-search-mae-sai-en.png"));
  const fontOk = await page.evaluate(() => document.fonts.check("16px Sarabun", "เชียงราย"));
  expect(fontOk).toBe(true);
});

it("the national map shows 77 provinces and the five 2024 pilots", async () => {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${live.server.url}/`);
  await page.getByTestId("tile-57").waitFor();
  expect(await page.locator('a[data-testid^="tile-"]').count()).toBe(77);
  await screenshot(page, path.join(SHOTS, "05-map-th.png"));
});
