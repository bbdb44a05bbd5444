import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, loginAs, SHOTS, startServer } from "./harness.js";

/**
 * Chiang Rai's strategy office finds a demo procurement at the award stage, records the signed contract through the
 * step form (the stepper moves on, the history records it), and opens the process's OCDS release; then a member of
 * the public, not logged in, finds the open-data section and downloads every release as one OCDS package.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ DATABASE_URL: "" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const bangkokToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

it("an agency records a contract step by step and anyone downloads the OCDS releases", async () => {
  const page = await loginAs(browser, server.url, "strategy.chiangrai");
  const serverErrors: string[] = [];
  page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${server.url}/planning/procurement?provinceCode=57&stage=award`);
  await page.getByTestId("procurement-row").first().waitFor();
  expect(await page.getByTestId("procurements-title").innerText()).toContain("การจัดซื้อจัดจ้าง");
  await page.screenshot({ path: path.join(SHOTS, "procurement-01-list-th.png"), fullPage: true });
  await page.getByTestId("procurement-link").first().click();
  await page.getByTestId("procurement-next-step").waitFor();
  expect(await page.getByTestId("procurement-stage").first().getAttribute("data-stage")).toBe("award");

  const today = bangkokToday();
  await page.getByTestId("step-contractNo").fill("ชร 99/2570");
  await page.getByTestId("step-contractAmount").fill("2000000");
  await page.getByTestId("step-signedOn").fill(today);
  await page.getByTestId("step-periodStart").fill(today);
  await page.getByTestId("step-periodEnd").fill(plusDays(today, 120));
  await page.getByTestId("step-submit").click();
  await page.locator('[data-testid="procurement-stage"][data-stage="contract"]').first().waitFor({ timeout: 30_000 });
  const history = await page.getByTestId("procurement-history").innerText();
  expect(history).toContain("ลงนามสัญญา");
  await page.screenshot({ path: path.join(SHOTS, "procurement-02-contract-signed-th.png"), fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // the process's own OCDS release: tagged contract, the contract in THB
  const href = await page.getByTestId("ocds-release-link").getAttribute("href");
  const pkg = await (await page.request.get(`${server.url}${href}`)).json();
  expect(pkg.releases[0].tag).toEqual(["contract"]);
  expect(pkg.releases[0].contracts[0].value).toEqual({ amount: 2_000_000, currency: "THB" });
  expect(pkg.releases[0].language).toBe("th");

  // the public: no login, the open-data section and the streamed bulk download
  const ctx = await browser.newContext();
  const anon = await ctx.newPage();
  await anon.goto(`${server.url}/planning/procurement`);
  await anon.getByTestId("open-data").waitFor();
  await anon.screenshot({ path: path.join(SHOTS, "procurement-03-open-data-public-th.png"), fullPage: true });
  expect(await anon.getByTestId("new-procurement").count()).toBe(0);
  const bulkHref = await anon.getByTestId("ocds-bulk-link").getAttribute("href");
  const res = await anon.request.get(`${server.url}${bulkHref}`);
  expect(res.status()).toBe(200);
  const bulk = await res.json();
  expect(bulk.version).toBe("1.1");
  expect(bulk.releases.length).toBeGreaterThanOrEqual(40);
  expect(bulk.releases.some((r: { ocid: string }) => r.ocid === pkg.releases[0].ocid)).toBe(true);
  await ctx.close();
  expect(serverErrors).toEqual([]);
});
