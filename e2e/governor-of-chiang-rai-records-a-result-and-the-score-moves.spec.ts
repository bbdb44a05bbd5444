import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Chiang Rai's governor opens her cockpit: the burn-permit KPI (57-AG-03) has no October 2026 result and is
 * overdue, and the 6-month round of the FY 2570 agreement has no score yet. She records October's result with its
 * evidence; the provincial strategy office verifies it (and is refused when it tries to verify a result it recorded
 * itself); back in the cockpit the 6-month round's live total shows a number and the due item is gone. OPDC reads
 * the same cockpit without any record or verify button.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string, fullPage = true) => screenshot(page, path.join(SHOTS, `${name}.png`), fullPage);
const roundTotal = (page: Page, round: number) => page.locator(`[data-testid="round-card"][data-round="${round}"] [data-testid="round-total"]`);
const dueReport = (page: Page) => page.locator('[data-testid="due-item"][data-kind="report"][data-entity="demo-kpi-57-3"]');
const kpiCard = (page: Page, id: string) => page.locator(`[data-testid="kpi-card"][data-kpi="${id}"]`);
const drawer = (page: Page, id: string) => page.locator(`[data-testid="kpi-detail"][data-kpi="${id}"]`);

/** The charts load with their own chunk: wait for them before a screenshot. */
async function charts(page: Page) {
  await page.locator('[data-testid="kpi-trend"] svg').first().waitFor();
  await page.locator('[data-testid="history-chart"] svg').first().waitFor();
}

/** Logs out through the user menu and back in as another demo account, in the same browser tab. */
async function switchUser(page: Page, username: string) {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await page.waitForURL((u) => u.pathname === "/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill("changwat-demo");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

async function openCockpit(page: Page) {
  await page.getByTestId("nav-cockpit").click();
  // a user whose grant is one province lands on its cockpit
  await page.waitForURL((u) => u.pathname === "/cockpit/57");
  await page.getByTestId("cockpit-title").filter({ hasText: "เชียงราย" }).waitFor();
  await roundTotal(page, 6).waitFor();
}

it("the governor records October's result, the strategy office verifies it, and the 6-month live score moves", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.chiangrai");
  await openCockpit(page);
  expect(await page.getByTestId("cockpit").getAttribute("data-mode")).toBe("steer");

  // before: no score in the 6-month round (interim rounds leave KPIs without a result out), October is overdue
  expect((await roundTotal(page, 6).innerText()).trim()).toMatch(/^—/);
  expect(await page.locator('[data-testid="round-card"][data-round="6"]').innerText()).toContain("ยังไม่มีคะแนน");
  expect(await page.locator('[data-testid="round-card"][data-round="6"] [data-testid="score-kind"]').innerText()).toContain("คะแนนสด");
  await dueReport(page).waitFor();
  expect(await dueReport(page).innerText()).toContain("ต.ค. 2569");
  expect(await dueReport(page).getByTestId("due-overdue").innerText()).toContain("เลยกำหนด");
  expect(await kpiCard(page, "demo-kpi-57-3").getByTestId("kpi-next-report").innerText()).toContain("เลยกำหนด");
  await charts(page);
  await shot(page, "cockpit-57-before-th");

  // drill down into the KPI: history with evidence, and the form to record a result
  await kpiCard(page, "demo-kpi-57-3").getByTestId("kpi-link").click();
  await drawer(page, "demo-kpi-57-3").waitFor();
  await page.waitForURL((u) => u.searchParams.get("kpi") === "demo-kpi-57-3");
  expect(await page.getByTestId("measurements-table").innerText()).toContain("ระบบ FireD (ตัวอย่าง) 2026-09-30");
  expect(await page.getByTestId("record-period").inputValue()).toBe("ต.ค. 2569");
  expect(await page.getByTestId("verify-button").count()).toBe(0); // a governor reports; the strategy office verifies
  await page.locator('[data-testid="kpi-trend-large"] svg').waitFor();
  await shot(page, "cockpit-57-kpi-drawer-th", false);
  await page.getByTestId("record-value").fill("88");
  await page.getByTestId("record-evidence-name-0").fill("สรุปคำขออนุญาตเผาจากระบบ FireD ต.ค. 2569");
  await page.getByTestId("record-note").fill("พิจารณาคำขอภายใน 24 ชั่วโมง 1,056 จาก 1,200 คำขอ");
  await page.getByTestId("record-submit").click();
  await page.getByTestId("record-saved").waitFor();
  const row = page.locator('[data-testid="measurement-row"][data-period="2026-10-31"]');
  await row.and(page.locator('[data-status="submitted"]')).waitFor();
  expect(await row.innerText()).toContain("สรุปคำขออนุญาตเผาจากระบบ FireD ต.ค. 2569");
  expect(await row.innerText()).toContain("ร้อยละ 88");
  await row.scrollIntoViewIfNeeded();
  await shot(page, "cockpit-57-kpi-drawer-recorded-th", false);
  await page.keyboard.press("Escape");
  await drawer(page, "demo-kpi-57-3").waitFor({ state: "detached" });

  // the cockpit refreshed: October is reported (waiting for verification), but the score has not moved yet
  await dueReport(page).waitFor({ state: "detached" });
  await kpiCard(page, "demo-kpi-57-3").getByTestId("kpi-pending").waitFor();
  expect((await roundTotal(page, 6).innerText()).trim()).toMatch(/^—/);

  // the provincial strategy office verifies it from its own cockpit's "due this week" list
  await switchUser(page, "strategy.chiangrai");
  await openCockpit(page);
  const verifyDue = page.locator('[data-testid="due-item"][data-kind="verify"]').filter({ hasText: "57-AG-03" });
  await verifyDue.getByTestId("due-link").click();
  await drawer(page, "demo-kpi-57-3").waitFor();
  await row.getByTestId("verify-button").click();
  await row.and(page.locator('[data-status="verified"]')).waitFor();
  await page.keyboard.press("Escape");
  await drawer(page, "demo-kpi-57-3").waitFor({ state: "detached" });

  // the server refuses a verification of one's own result, and the page says why (in Thai)
  await kpiCard(page, "demo-kpi-57-pm25days").getByTestId("kpi-link").click();
  await drawer(page, "demo-kpi-57-pm25days").waitFor();
  await page.getByTestId("record-value").fill("45");
  await page.getByTestId("record-evidence-name-0").fill("ข้อมูลคุณภาพอากาศ กรมควบคุมมลพิษ (ฉบับแก้ไข)");
  await page.getByTestId("record-submit").click();
  await page.getByTestId("record-saved").waitFor();
  const own = page.locator('[data-testid="measurement-row"][data-status="submitted"]');
  await own.getByTestId("verify-button").click();
  await page.getByRole("alert").filter({ hasText: "ผู้รายงานผลตรวจสอบผลของตนเองไม่ได้" }).waitFor();
  await shot(page, "cockpit-57-self-review-refused-th", false);
  await page.keyboard.press("Escape");

  // back as the governor: the 6-month round now has a live score (88 % is between level 2 (85) and 3 (90): 2.6)
  await switchUser(page, "governor.chiangrai");
  await openCockpit(page);
  await roundTotal(page, 6).filter({ hasText: /\d\.\d{4}/ }).waitFor();
  expect(await roundTotal(page, 6).getAttribute("data-value")).toBe("2.6");
  expect(await roundTotal(page, 6).innerText()).toContain("2.6000");
  expect(await dueReport(page).count()).toBe(0);
  expect(await kpiCard(page, "demo-kpi-57-3").getByTestId("kpi-latest").innerText()).toContain("ร้อยละ 88");
  expect(await kpiCard(page, "demo-kpi-57-3").getByTestId("kpi-pending").count()).toBe(0);
  await charts(page);
  await shot(page, "cockpit-57-after-th");

  // the agreement page shows the same live score, explained
  await page.getByTestId("cockpit-agreement-link").click();
  await page.getByTestId("agreement-title").waitFor();
  await page.getByTestId("round-tab").filter({ hasText: "6" }).first().click();
  expect(await page.locator('[data-testid="round-panel"][data-round="6"] [data-testid="round-panel-total"]').innerText()).toContain("2.6000");
  expect(await page.locator('[data-testid="round-panel"][data-round="6"] [data-testid="score-row"][data-status="scored"]').innerText()).toContain("ร้อยละ 88");
  await page.context().close();

  // OPDC reads the same cockpit: read-only, no record form and no verify button, even on a result waiting for verification
  const opdc = await loginAs(live.browser, live.server.url, "opdc.evaluator");
  await opdc.goto(`${live.server.url}/cockpit/57`);
  await opdc.getByTestId("read-only-notice").waitFor();
  expect(await opdc.getByTestId("cockpit").getAttribute("data-mode")).toBe("read-only");
  expect(await roundTotal(opdc, 6).innerText()).toContain("2.6000");
  await kpiCard(opdc, "demo-kpi-57-pm25days").getByTestId("kpi-link").click();
  await drawer(opdc, "demo-kpi-57-pm25days").waitFor();
  await opdc.locator('[data-testid="measurement-row"][data-status="submitted"]').waitFor();
  expect(await opdc.getByTestId("record-form").count()).toBe(0);
  expect(await opdc.getByTestId("verify-button").count()).toBe(0);
  expect(await opdc.getByTestId("return-button").count()).toBe(0);
  await opdc.keyboard.press("Escape");
  await shot(opdc, "cockpit-57-opdc-read-only-th");
  await opdc.context().close();
});
