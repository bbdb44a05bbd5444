import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Chiang Rai's provincial strategy office keeps its registry current from the web app: corrects an office's
 * details, adds a post, appoints a new official to it, ends a term, and sees each change in the history.
 * A wrong date is explained beside the field in Thai and nothing is saved. Other provinces' offices show
 * no editing buttons.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => screenshot(page, path.join(SHOTS, `edit-${name}.png`));
async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

it("the strategy office of Chiang Rai edits an office, adds a post, appoints, ends a term, and sees the history", async () => {
  const page = await loginAs(live.browser, live.server.url, "strategy.chiangrai");
  const serverErrors: string[] = [];
  page.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));

  // another province's office: readable, but no editing
  await page.goto(`${live.server.url}/organizations/${encodeURIComponent("pro:34:land")}`);
  await page.getByTestId("organization-title").waitFor();
  expect(await page.getByTestId("org-edit").count()).toBe(0);
  expect(await page.getByTestId("post-add").count()).toBe(0);

  await page.goto(`${live.server.url}/organizations/${encodeURIComponent("pro:57:land")}`);
  await page.getByTestId("org-edit").waitFor();

  // 1. a wrong date is explained beside the field and nothing is saved
  await page.getByTestId("org-edit").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("วันที่จัดตั้ง").fill("2026-12-01");
  await dialog.getByLabel("วันที่ยุบเลิก").fill("2026-01-01");
  await page.getByTestId("org-save").click();
  await dialog.getByText(/ก่อน|หลัง/).first().waitFor();
  await shot(page, "01-date-order-refused-th");
  await axe(page, "edit dialog with an error");
  await dialog.getByRole("button", { name: "ยกเลิก" }).click();
  await dialog.waitFor({ state: "detached" });
  expect(await page.getByText("01/12/2569").count()).toBe(0);

  // 2. a correct edit
  await page.getByTestId("org-edit").click();
  await dialog.getByLabel("ชื่อย่อ").fill("สนง.ที่ดิน ชร.");
  await page.getByTestId("org-save").click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText("(สนง.ที่ดิน ชร.)").waitFor();

  // 3. a new post, then a new official appointed to it
  await page.getByTestId("post-add").click();
  await page.getByTestId("post-label-th").fill("นักวิชาการที่ดินชำนาญการ (ตัวอย่าง)");
  await page.getByTestId("post-save").click();
  await dialog.waitFor({ state: "detached" });
  const row = page.getByTestId("post-row").filter({ hasText: "นักวิชาการที่ดินชำนาญการ (ตัวอย่าง)" });
  await row.getByTestId("appoint").click();
  await page.getByTestId("appoint-new").click();
  await page.getByTestId("appoint-name-th").fill("นางสาวทดลอง ระบบดี");
  await shot(page, "02-appoint-th");
  await axe(page, "appoint dialog");
  await page.getByTestId("appoint-save").click();
  await dialog.waitFor({ state: "detached" });
  await row.getByRole("link", { name: "นางสาวทดลอง ระบบดี" }).waitFor();
  await shot(page, "03-appointed-th");

  // 4. the history panel shows the edit, in Thai
  const history = page.getByTestId("history-panel");
  await history.getByTestId("history-item").first().waitFor();
  expect(await history.getByTestId("history-item").count()).toBeGreaterThanOrEqual(1);

  // 5. the person's page: end the term
  await row.getByRole("link", { name: "นางสาวทดลอง ระบบดี" }).click();
  await page.getByTestId("person-title").waitFor();
  await page.getByTestId("end-term").click();
  await page.getByTestId("end-save").click();
  await dialog.waitFor({ state: "detached" });
  await page.waitForFunction(() => !document.querySelector('[data-testid="end-term"]'));
  await shot(page, "04-term-ended-th");

  // 6. in English the buttons and dialogs speak English
  await page.getByTestId("lang-switch").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.getByTestId("person-edit").getByText("Edit person").waitFor();
  await page.getByTestId("person-edit").click();
  await dialog.getByText("Name in Thai").waitFor();
  await shot(page, "05-edit-person-en");
  await axe(page, "edit person dialog (en)");
  expect(serverErrors).toEqual([]);
});
