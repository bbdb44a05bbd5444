import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The governor of Phetchaburi opens the province's pool of leftover allotment funds: the agricultural extension
 * office's (moac.doae) and the public works and town planning office's (moi.dpt). She reallocates part of the
 * agricultural one to another agricultural activity: the dialog lists only that agency's activities and shows the
 * delegation chain (Budget Bureau → DOPA → governors) she acts under; the pool's remaining amount falls. Trying to
 * send the same money to the public works office's project (a request the dialog never offers, sent by hand) is
 * refused with a message naming both agencies, and nothing moves.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `leftover-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `leftover-${name}.png`)));
};

it("reallocates within the agency's mandate and is refused outside it", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.phetchaburi");
  await page.goto(`${live.server.url}/planning/leftover?province=76`);
  const doae = page.locator('[data-testid="leftover-agency"][data-agency="moac.doae"]');
  await expect.poll(() => doae.count(), { timeout: 20_000 }).toBe(1);
  expect(await page.locator('[data-testid="leftover-agency"][data-agency="moi.dpt"]').count()).toBe(1);
  expect(await doae.innerText()).toContain("1,350,000.00 บาท");
  await shot(page, "1-pool");

  // the public works fund's dialog offers only public works activities
  await page.locator('[data-testid="leftover-agency"][data-agency="moi.dpt"]').getByTestId("leftover-reallocate").click();
  await page.getByTestId("leftover-target").click();
  await page.getByRole("option", { name: /DEMO-FUNDS-76-05/ }).waitFor(); // the options load with the dialog
  const dptOptions = await page.getByRole("option").allInnerTexts();
  expect(dptOptions.some((o) => o.includes("DEMO-FUNDS-76-05"))).toBe(true);
  expect(dptOptions.some((o) => o.includes("DEMO-FUNDS-76-02"))).toBe(false);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "ยกเลิก" }).click();

  // the agricultural fund: only agricultural activities, and the chain of authority
  await doae.getByTestId("leftover-reallocate").click();
  await page.getByTestId("leftover-target").click();
  await page.getByRole("option", { name: /DEMO-FUNDS-76-02/ }).waitFor();
  const options = await page.getByRole("option").allInnerTexts();
  expect(options.some((o) => o.includes("DEMO-FUNDS-76-02"))).toBe(true);
  expect(options.some((o) => o.includes("DEMO-FUNDS-76-05"))).toBe(false);
  await page.getByRole("option", { name: /DEMO-FUNDS-76-02/ }).click();
  await page.getByTestId("leftover-amount").fill("500000");
  await page.getByTestId("leftover-purpose").fill("ขยายแปลงเรียนรู้ชมพู่เพชรสายรุ้งอีก 5 แปลง");
  const authority = page.getByTestId("leftover-authority");
  await expect.poll(() => authority.getAttribute("data-may")).toBe("true");
  expect(await authority.innerText()).toContain("สำนักงบประมาณ");
  await shot(page, "2-dialog");
  await page.getByTestId("leftover-confirm").click();
  await expect.poll(() => page.getByTestId("leftover-done").count()).toBe(1);
  await expect.poll(() => doae.innerText()).toContain("850,000.00 บาท");
  expect(await page.getByTestId("leftover-reallocations").innerText()).toContain("DEMO-FUNDS-76-02");
  await shot(page, "3-reallocated");
  // the fund's change history: the reallocation in words, what remained before and after
  await doae.getByTestId("leftover-history").first().click();
  const dialog = page.getByTestId("history-panel");
  await dialog.locator('[data-action="planning.leftover.reallocate"]').waitFor();
  const moved = await dialog.getByTestId("history-item").first().innerText();
  expect(moved).toContain("โอนเงินเหลือจ่ายไปใช้ในกิจกรรมอื่น");
  expect(moved).toContain("ขยายแปลงเรียนรู้ชมพู่เพชรสายรุ้งอีก 5 แปลง");
  await shot(page, "3b-history");
  await page.keyboard.press("Escape");
  await expect.poll(() => page.getByTestId("history-panel").count()).toBe(0);

  // outside the mandate: sent by hand to the public works project, refused and nothing moves
  const fundId = await doae.getByTestId("leftover-fund").first().getAttribute("data-id");
  const refused = await page.evaluate(async ({ fundId }) => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const r = await fetch(`/api/v1/planning/leftover/${fundId}/reallocate`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: JSON.stringify({ targetProjectId: "demo-funds-76-05", amount: 100000, purposeTh: "ปรับปรุงภูมิทัศน์ถนนเลียบแม่น้ำ" }) });
    return { status: r.status, body: await r.json() };
  }, { fundId });
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe("planning.leftover.outside-mandate");
  expect(refused.body.error.messageTh).toContain("กรมส่งเสริมการเกษตร");
  expect(refused.body.error.messageTh).toContain("กรมโยธาธิการและผังเมือง");
  await page.reload();
  await expect.poll(() => doae.innerText()).toContain("850,000.00 บาท");
  await page.context().close();
}, 180_000);
