import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * "บอกเราถึงรัฐ" on a phone, in Thai: the demo citizen opens Chiang Rai's call on its PM2.5 KPI target, supports a
 * proposal (the count goes up by one; supporting again does not count twice), comments on it, then opens the
 * proposal the province has answered and reads the official response with what changed in the KPI's target.
 * Then the strategy office of Chiang Rai finds the proposal that passed its threshold in its queue and publishes
 * a response; the citizen-facing page shows it. The PM2.5 KPI's page lists both answers under "changed after public
 * input" (KPI pages are staff reading, performance:read, so the office reads it there; citizens read the same
 * answers on the proposals). Last, moderation: an answered proposal is not offered for hiding, a hidden one is
 * shown again with a reason and hidden again.
 */
const live = useServerAndBrowser();

const shot = async (page: Page, name: string, fullPage = true) => {
  const file = path.join(SHOTS, `participation-${name}.png`);
  await screenshot(page, file, fullPage);
  fs.copyFileSync(file, path.join("/tmp", `participation-${name}.png`));
};
async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), where).toEqual([]);
}
/** A phone-sized Thai browser, logged in through the login page. */
async function phoneLogin(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "th-TH", isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill("changwat-demo");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}
const count = async (page: Page, card: ReturnType<Page["locator"]>) => Number((await card.getByTestId("support-count").innerText()).replace(/[^\d]/g, ""));

it("a citizen supports a proposal on Chiang Rai's clean-air KPI, comments, reads the official response; the strategy office answers another", async () => {
  const url = live.server.url;
  const serverErrors: string[] = [];

  // 1. the citizen, on a phone, finds Chiang Rai's open call on the PM2.5 target
  const phone = await phoneLogin(live.browser, url, "citizen");
  phone.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await phone.goto(`${url}/participation?provinceCode=57`);
  await phone.getByTestId("call-card").first().waitFor();
  await shot(phone, "1-calls");
  await axe(phone, "calls");
  await phone.getByTestId("call-link").filter({ hasText: "PM2.5" }).click();
  await phone.getByTestId("call-title").waitFor();
  expect(await phone.getByTestId("call-title").innerText()).toContain("PM2.5");
  expect(await phone.getByTestId("call-targets").first().innerText()).toContain("34"); // the FY 2571 target as it stands (changed after public input)

  // 2. supports a proposal still collecting support: the count goes up by one, and only once
  const card = phone.getByTestId("proposal-card").filter({ hasText: "แยกเป้าหมายจุดความร้อน" });
  const before = await count(phone, card);
  await card.getByTestId("support-button").click();
  await expect.poll(() => count(phone, card)).toBe(before + 1);
  expect(await card.getByTestId("support-button").getAttribute("aria-pressed")).toBe("true");
  await card.getByTestId("support-button").click();
  await card.getByTestId("support-already").waitFor();
  expect(await count(phone, card)).toBe(before + 1);
  await shot(phone, "2-call-supported");
  await axe(phone, "call");

  // 3. comments on it (shown as "ประชาชน": the citizen did not choose to show a name)
  await card.getByTestId("proposal-link").click();
  await phone.getByTestId("proposal-page").waitFor();
  const comment = "เห็นด้วยครับ ควรแยกเป้าหมายพื้นที่เกษตรเพื่อให้รู้ว่ามาตรการไหนได้ผล";
  await phone.getByTestId("comment-body").fill(comment);
  await phone.getByTestId("comment-submit").click();
  await phone.getByTestId("comment").filter({ hasText: comment }).waitFor();
  expect(await phone.getByTestId("comment").filter({ hasText: comment }).innerText()).toContain("ประชาชน");
  expect(await phone.getByTestId("support-count").innerText()).toContain(String(before + 1));
  await shot(phone, "3-proposal-commented");

  // 4. reads the proposal the province answered: the official response, and the target before → after
  await phone.goto(`${url}/participation/calls/demo-call-57-pm25`);
  await phone.getByTestId("proposal-card").filter({ hasText: "ตั้งเป้าวันฝุ่น" }).getByTestId("proposal-link").click();
  await phone.getByTestId("official-response").waitFor();
  expect(await phone.getByTestId("response-decision").innerText()).toBe("รับข้อเสนอบางส่วน");
  expect(await phone.getByTestId("response-reasoning").innerText()).toContain("38 วันเป็น 34 วัน");
  expect(await phone.getByTestId("change-before").first().innerText()).toBe("54 · 46 · 38 · 31 · 25");
  expect(await phone.getByTestId("change-after").first().innerText()).toContain("50 · 42 · 34 · 27 · 20");
  expect(await phone.getByTestId("changes-table").innerText()).toContain("ปรับในระบบตัวชี้วัดแล้ว");
  await phone.getByTestId("official-response").scrollIntoViewIfNeeded();
  await shot(phone, "4-official-response");
  await axe(phone, "proposal with response");
  await phone.context().close();

  // 5. the strategy office answers the proposal awaiting its response, from its queue
  const office = await loginAs(live.browser, url, "strategy.chiangrai");
  office.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await office.goto(`${url}/participation/office`);
  const row = office.getByTestId("queue-row").filter({ hasText: "ทุกอำเภอ" });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/เหลือ \d+ วัน/);
  await shot(office, "5-office-queue");
  await axe(office, "office");
  await row.getByRole("link").click();
  await office.getByTestId("respond-form").waitFor();
  await office.getByTestId("respond-decision").getByText("รับข้อเสนอบางส่วน").click();
  await office.getByTestId("respond-reasoning").fill("จังหวัดจะรายงานจำนวนวันที่ค่าฝุ่นเกินมาตรฐานแยกรายอำเภอทุกเดือน โดยใช้ข้อมูลสถานีของกรมควบคุมมลพิษร่วมกับเซ็นเซอร์ชุมชนที่ผ่านการสอบเทียบ ส่วนตัวชี้วัดหลักยังใช้ค่าเฉลี่ยของจังหวัดตามเดิม");
  await office.getByTestId("respond-submit").click();
  await office.getByTestId("official-response").waitFor();
  expect(await office.getByTestId("response-decision").innerText()).toBe("รับข้อเสนอบางส่วน");
  expect(await office.getByTestId("proposal-state").first().innerText()).toContain("จังหวัดตอบแล้ว");
  await shot(office, "6-office-responded");

  // 6. the KPI's page: what changed after public input, newest first: the answer just published (no change to the
  //    KPI), then the answer that moved the FY 2571 targets, before → after, each linking to its proposal
  await office.goto(`${url}/kpis/demo-kpi-57-pm25days`);
  const changed = office.getByTestId("changed-after-input");
  await changed.waitFor();
  expect(await changed.getByRole("heading", { level: 2 }).innerText()).toBe("ความเห็นประชาชนที่ได้รับการตอบ");
  const answers = changed.getByTestId("changed-after-item");
  expect(await answers.count()).toBe(2);
  expect(await answers.nth(0).getByTestId("changed-after-proposal").innerText()).toContain("ทุกอำเภอ");
  expect(await answers.nth(0).getByTestId("response-decision-badge").innerText()).toContain("รับข้อเสนอบางส่วน");
  const tighter = answers.nth(1);
  expect(await tighter.getByTestId("changed-after-proposal").innerText()).toContain("ตั้งเป้าวันฝุ่น");
  expect(await tighter.getByTestId("change-before").innerText()).toBe("54 · 46 · 38 · 31 · 25");
  expect(await tighter.getByTestId("change-after").innerText()).toContain("50 · 42 · 34 · 27 · 20");
  await changed.scrollIntoViewIfNeeded();
  await shot(office, "7-kpi-changed-after-input", false);
  await axe(office, "kpi page");
  await tighter.getByTestId("changed-after-proposal").click();
  await office.getByTestId("official-response").waitFor();

  // 7. an answered proposal is part of the record: no hide button, and the office is told why
  await office.getByTestId("proposal-kept").waitFor();
  expect(await office.getByTestId("hide-proposal").count()).toBe(0);
  // a hidden proposal is shown again with a reason (audited), then hidden again
  await office.goto(`${url}/participation/proposals/demo-prop-57-ad`);
  await office.getByTestId("unhide-proposal").click();
  await office.getByTestId("unhide-proposal-reason").fill("ทดสอบการแสดงข้อเสนออีกครั้งหลังตรวจสอบ");
  await office.getByTestId("unhide-proposal-submit").click();
  await office.getByTestId("proposal-body").waitFor();
  expect(await office.getByTestId("proposal-body").innerText()).toContain("เครื่องฟอกอากาศ");
  await office.getByTestId("hide-proposal").click();
  await office.getByTestId("hide-proposal-reason").fill("เป็นการโฆษณาขายสินค้า ไม่เกี่ยวกับเป้าหมายของจังหวัด");
  await office.getByTestId("hide-proposal-submit").click();
  await office.getByTestId("proposal-hidden").waitFor();
  await shot(office, "8-office-hidden-again", false);
  expect(serverErrors).toEqual([]);
});
