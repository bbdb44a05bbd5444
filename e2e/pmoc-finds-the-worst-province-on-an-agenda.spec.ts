import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The prime minister's operation centre signs in and lands on the nation's dashboard. From there it opens the
 * function × area × agenda matrix, picks last fiscal year's KPIs at their target and an agenda: the worst province is
 * named, and it is the lowest column total. It opens that
 * province's column total and sees the KPIs behind it, off target first, each linking to its page; then it sees the
 * same figure on the map. The governor of Buriram lands on her own province and cannot open the nation.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `oversight-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `oversight-${name}.png`)));
};
// the fiscal year (B.E.) before the current one: the demo's KPIs were verified then
const lastFiscalYear = () => {
  const d = new Date(Date.now() + 7 * 3_600_000);
  return d.getUTCFullYear() + 543 + (d.getUTCMonth() >= 9 ? 1 : 0) - 1;
};

it("the PMOC spots the worst province on an agenda in the matrix and drills to its records", async () => {
  const page = await loginAs(live.browser, live.server.url, "pmoc");
  // signing in lands the PMOC on its own operation centre: the nation
  await page.waitForURL(/\/oversight/);
  await page.getByTestId("oversight-title").waitFor();
  await page.getByTestId("figure-cases.received").waitFor();
  expect(await page.getByTestId("oversight-scope").inputValue()).toContain("ทั้งประเทศ");
  expect(await page.getByTestId("oversight-provinces").locator("tbody tr").count()).toBeGreaterThanOrEqual(5);
  expect(await page.getByText("ข้อมูล ณ").count()).toBeGreaterThan(0);
  await shot(page, "1-nation");

  // a figure opens its records
  await page.getByTestId("figure-cases.received").getByRole("button").click();
  await page.getByTestId("records-table").waitFor();
  expect(await page.getByTestId("records-total").innerText()).toMatch(/ทั้งหมด \d+ รายการ/);
  await page.keyboard.press("Escape");

  // the matrix, opened from the dashboard: last year's KPIs at target, an agenda, the worst province named
  const fy = lastFiscalYear();
  await page.getByTestId("link-matrix").click();
  await page.getByTestId("matrix-title").waitFor();
  await page.getByTestId("matrix-metric").click();
  await page.getByRole("option", { name: "ตัวชี้วัดที่ถึงค่าเป้าหมาย", exact: true }).click();
  expect(await page.getByTestId("matrix-metric").inputValue()).toBe("ตัวชี้วัดที่ถึงค่าเป้าหมาย");
  await page.getByTestId("matrix-fy").click();
  await page.getByRole("option", { name: `ปีงบประมาณ พ.ศ. ${fy}`, exact: true }).click();
  expect(await page.getByTestId("matrix-fy").inputValue()).toBe(`ปีงบประมาณ พ.ศ. ${fy}`);
  await page.waitForFunction((y) => new URL(location.href).searchParams.get("fy") === String(y), fy);
  await page.getByTestId("matrix-agenda").click();
  const options = page.getByRole("option");
  await options.first().waitFor();
  const names = await options.allInnerTexts();
  const agenda = names.find((n) => n !== "ทุกวาระ")!;
  await options.filter({ hasText: agenda }).first().click();
  await page.getByTestId("matrix-worst").waitFor();
  // the previous answer stays on screen while the agenda's loads: read the worst once the answers have settled
  await page.waitForURL(/agenda=/);
  await page.waitForLoadState("networkidle");
  const worst = await page.getByTestId("matrix-worst").innerText();
  const named = /แย่ที่สุด: (.+) · ([\d.]+)%/.exec(worst);
  expect(named, worst).not.toBeNull();
  const worstProvince = named![1].trim();
  // the worst is the lowest column total of the table
  const table = page.getByTestId("matrix-table");
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(1);
  const totals = (await table.locator('[data-testid^="total-"]').allInnerTexts()).map((x) => Number.parseFloat(x)).filter((x) => Number.isFinite(x));
  expect(totals.length).toBeGreaterThan(0);
  expect(Number.parseFloat(named![2])).toBe(Math.min(...totals));
  await shot(page, "2-matrix");

  await page.getByTestId("matrix-worst").getByRole("button").click();
  await page.getByTestId("records-table").waitFor();
  const recordsFor = await page.getByTestId("records-for").innerText();
  expect(recordsFor).toContain(agenda);
  expect(recordsFor, recordsFor).toContain(worstProvince);
  const rows = page.getByTestId("records-table").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.first().innerText()).toContain("ต้องติดตาม"); // off target first
  const href = await rows.first().getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/kpis\//);
  await shot(page, "3-records");
  await page.keyboard.press("Escape");

  // the same figure on the map
  await page.getByTestId("matrix-view").getByText("แผนที่", { exact: true }).click();
  await page.getByTestId("metric-map").waitFor();
  expect(await page.getByTestId("metric-map-legend").innerText()).toContain("ตัวชี้วัดที่ถึงค่าเป้าหมาย");
  await shot(page, "4-map");

  // and the KPI page opens from the record
  await page.goto(`${live.server.url}${href}`);
  await page.waitForURL(/\/kpis\//);
  await page.close();
});

it("a governor lands on her province and cannot open the nation", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.buriram");
  // she lands on her province's operation centre
  await page.waitForURL(/\/oversight/);
  await page.getByTestId("figure-kpi.on_target_pct").waitFor();
  expect(await page.getByTestId("oversight-scope").inputValue()).toContain("บุรีรัมย์");
  expect(await page.getByTestId("oversight-functions").locator("tbody tr").count()).toBeGreaterThan(0);
  await page.goto(`${live.server.url}/oversight?scope=nation`);
  await page.getByRole("alert").first().waitFor();
  expect(await page.getByRole("alert").first().innerText()).toMatch(/ไม่มีสิทธิ์/);
  await page.close();
});
