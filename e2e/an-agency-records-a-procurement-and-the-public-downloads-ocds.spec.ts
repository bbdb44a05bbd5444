import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";

import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Chiang Rai's strategy office finds a demo procurement at the award stage, records the signed contract through the
 * step form (the stepper moves on, the change history lists it in Thai, stage before and after), and opens the
 * process's OCDS release; then a member of the public, not logged in, finds the open-data section and downloads every
 * release as one OCDS package, and sees the same process's page without its change history.
 */
const live = useServerAndBrowser();

const bangkokToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

it("an agency records a contract step by step and anyone downloads the OCDS releases", async () => {
  const page = await loginAs(live.browser, live.server.url, "strategy.chiangrai");
  const serverErrors: string[] = [];
  page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${live.server.url}/planning/procurement?provinceCode=57&stage=award`);
  await page.getByTestId("procurement-row").first().waitFor();
  expect(await page.getByTestId("procurements-title").innerText()).toContain("การจัดซื้อจัดจ้าง");
  await screenshot(page, path.join(SHOTS, "procurement-01-list-th.png"));
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
  // the change history: the signing first, in words, with the stage before and after; the award and earlier steps below
  const panel = page.getByTestId("history-panel");
  const signed = panel.getByTestId("history-item").first();
  await signed.locator('[data-action="planning.procurement.contract"]').waitFor();
  expect(await signed.innerText()).toContain("ลงนามสัญญา");
  expect(await signed.innerText()).toMatch(/ขั้นตอน\s+award\s+contract/);
  expect(await signed.innerText()).toContain("ชร 99/2570");
  expect(await panel.locator('[data-action="planning.procurement.award"]').innerText()).toBe("ประกาศผู้ชนะการเสนอราคา");
  await screenshot(page, path.join(SHOTS, "procurement-02-contract-signed-th.png"));
  await panel.screenshot({ path: path.join(SHOTS, "procurement-02b-history-th.png") });
  const processUrl = page.url();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // the process's own OCDS release: tagged contract, the contract in THB
  const href = await page.getByTestId("ocds-release-link").getAttribute("href");
  const pkg = await (await page.request.get(`${live.server.url}${href}`)).json();
  expect(pkg.releases[0].tag).toEqual(["contract"]);
  expect(pkg.releases[0].contracts[0].value).toEqual({ amount: 2_000_000, currency: "THB" });
  expect(pkg.releases[0].language).toBe("th");

  // the public: no login, the open-data section and the streamed bulk download
  const ctx = await live.browser.newContext();
  const anon = await ctx.newPage();
  await anon.goto(`${live.server.url}/planning/procurement`);
  await anon.getByTestId("open-data").waitFor();
  await screenshot(anon, path.join(SHOTS, "procurement-03-open-data-public-th.png"));
  expect(await anon.getByTestId("new-procurement").count()).toBe(0);
  const bulkHref = await anon.getByTestId("ocds-bulk-link").getAttribute("href");
  const res = await anon.request.get(`${live.server.url}${bulkHref}`);
  expect(res.status()).toBe(200);
  const bulk = await res.json();
  expect(bulk.version).toBe("1.1");
  expect(bulk.releases.length).toBeGreaterThanOrEqual(40);
  expect(bulk.releases.some((r: { ocid: string }) => r.ocid === pkg.releases[0].ocid)).toBe(true);
  // the process's public page: its facts, but no change history (nor any request for it)
  const historyAsked: string[] = [];
  anon.on("request", (r) => r.url().includes("/api/v1/history/") && historyAsked.push(r.url()));
  await anon.goto(processUrl);
  await anon.getByTestId("procurement-stepper").waitFor();
  await anon.waitForLoadState("networkidle");
  expect(await anon.getByTestId("history-panel").count()).toBe(0);
  expect(historyAsked).toEqual([]);
  await ctx.close();
  expect(serverErrors).toEqual([]);
});
