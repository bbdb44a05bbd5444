import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { launchBrowser, loginAs, pickOption, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The governor of Buriram opens the province's partner network (demo): the chamber of commerce's sports tourism MOU is
 * ending soon. She adds a new partner, records the MOU the province signed with it ten days ago for a month, and the
 * first money it gave to the informal-debt agenda. Anyone, not logged in, then finds the partner, its MOU (ending soon,
 * in words) and the contribution, and the chamber's page says which committee seat it holds only to staff.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `networks-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `networks-${name}.png`)));
};
const bangkokDate = (offsetDays = 0) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const NAME = "สมาคมผู้ประกอบการอาหารปลอดภัยบุรีรัมย์ (ทดสอบ)";

it("the Buriram governor records a partner, its MOU and a contribution, and anyone can read them", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.buriram");
  await page.getByTestId("nav-networks").click();
  await page.getByTestId("partner-row").first().waitFor();
  await pickOption(page, page.getByTestId("partners-province"), "บุรี", /^31 · /);
  await expect.poll(() => page.getByTestId("partners-table").innerText()).toContain("หอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)");
  expect(await page.getByTestId("expiring-card").innerText()).toMatch(/หอการค้าจังหวัดบุรีรัมย์[\s\S]*ใกล้สิ้นสุด/);
  await page.getByTestId("agenda-totals").waitFor();
  await shot(page, "1-list");

  // a new partner
  await page.getByTestId("partner-new").click();
  await page.getByTestId("partner-new-title").waitFor();
  await page.getByTestId("partner-name-th").fill(NAME);
  await page.getByTestId("partner-name-en").fill("Buriram Safe Food Association (test)");
  await page.getByTestId("partner-focus-th").fill("อาหารปลอดภัยและอาชีพครัวเรือน");
  await page.getByTestId("partner-website-input").fill("https://safe-food.example.org");
  await page.getByTestId("partner-submit").click();
  await page.getByTestId("partner-title").waitFor();
  expect(await page.getByTestId("partner-title").innerText()).toBe(NAME);

  // the MOU the province signed with it, ending in a month
  await page.getByTestId("agreement-add-open").click();
  await page.getByTestId("agreement-title-th").fill("บันทึกข้อตกลงส่งเสริมอาชีพครัวเรือนที่ปรับโครงสร้างหนี้ (ทดสอบ)");
  await page.getByTestId("agreement-purpose-th").fill("สมาคมรับซื้อผลผลิตจากครัวเรือนที่ผ่านคลินิกแก้หนี้");
  await pickOption(page, page.getByTestId("agreement-agendas"), "หนี้", /หนี้/);
  await page.getByTestId("agreement-signed-on").fill(bangkokDate(-10));
  await page.getByTestId("agreement-ends-on").fill(bangkokDate(30));
  await page.getByTestId("agreement-submit").click();
  const mou = page.getByTestId("agreement-row");
  await mou.first().waitFor();
  expect(await mou.first().getByTestId("agreement-status").innerText()).toMatch(/ใกล้สิ้นสุด/);

  // its first contribution: money to the informal-debt agenda, under the MOU
  await page.getByTestId("contribution-add-open").click();
  await page.getByTestId("contribution-amount").fill("50000");
  await page.getByTestId("contribution-date").fill(bangkokDate());
  await page.getByTestId("contribution-description-th").fill("เงินทุนตั้งต้นรับซื้อผลผลิต");
  await pickOption(page, page.getByTestId("contribution-agenda"), "หนี้", /หนี้/);
  await pickOption(page, page.getByTestId("contribution-agreement"), "ส่งเสริม", /ส่งเสริมอาชีพ/);
  await page.getByTestId("contribution-submit").click();
  await page.getByTestId("contribution-row").first().waitFor();
  expect(await page.getByTestId("partner-totals").innerText()).toContain("50,000.00 บาท");
  await expect.poll(() => page.getByTestId("history-panel").innerText().catch(() => "")).toContain("บันทึกการสนับสนุนของภาคี");
  await shot(page, "2-partner");
  const partnerUrl = page.url();

  // a correction to what it works on, in the edit form (sent with the version it was read at)
  await page.getByTestId("partner-edit-open").click();
  await page.getByTestId("partner-edit-focus-th").fill("อาหารปลอดภัย อาชีพครัวเรือน และตลาดชุมชน");
  await shot(page, "2b-edit");
  await page.getByTestId("partner-edit-submit").click();
  await expect.poll(() => page.getByTestId("partner-focus").innerText()).toContain("ตลาดชุมชน");
  await expect.poll(() => page.getByTestId("history-panel").innerText().catch(() => "")).toContain("แก้ไขข้อมูลภาคีเครือข่าย");

  // the committee's civil-society seat passes to the association (the demo's farmers council held it)
  await page.getByTestId("nav-prov-committees").click();
  await page.getByTestId("committee-link").filter({ hasText: "คณะกรมการจังหวัดบุรีรัมย์" }).click();
  await page.getByTestId("seats-table").waitFor();
  const seat = page.getByTestId("seat-row").filter({ hasText: "ประธานสภาเกษตรกรจังหวัดบุรีรัมย์" });
  await expect.poll(() => seat.getByTestId("seat-partner-link").innerText()).toContain("สภาเกษตรกร");
  const select = seat.getByTestId("seat-partner-select");
  await expect.poll(() => select.isEnabled()).toBe(true); // the province's partners have loaded
  const saved = page.waitForResponse((r) => r.url().includes("/api/v1/committee-seats/") && r.request().method() === "PATCH", { timeout: 60_000 });
  // (not pickOption: the field shows the seat as saved, so it reads the new partner only once the save is back)
  await select.click();
  await select.fill("อาหารปลอดภัย");
  await page.getByRole("option", { name: /อาหารปลอดภัย/ }).first().click();
  expect((await saved).status()).toBe(200);
  await expect.poll(() => seat.getByTestId("seat-partner-link").innerText(), { timeout: 60_000 }).toContain("อาหารปลอดภัย");
  await expect.poll(() => page.getByTestId("history-panel").innerText().catch(() => "")).toContain("แก้ไขที่นั่ง");
  await shot(page, "2c-seat");
  await page.goto(partnerUrl);
  await page.getByTestId("partner-seats-table").waitFor();
  expect(await page.getByTestId("partner-seats-table").innerText()).toContain("คณะกรมการจังหวัดบุรีรัมย์");

  // anyone reads it (organisations only) and cannot record
  const browser = await launchBrowser();
  try {
    const anon = await (await browser.newContext({ locale: "th-TH" })).newPage();
    await anon.goto(partnerUrl);
    await anon.getByTestId("partner-title").waitFor();
    expect(await anon.getByTestId("contributions-table").innerText()).toContain("เงินทุนตั้งต้นรับซื้อผลผลิต");
    expect(await anon.getByTestId("agreement-status").first().innerText()).toMatch(/ใกล้สิ้นสุด/);
    expect(await anon.getByTestId("agreement-add-open").count()).toBe(0);
    expect(await anon.getByTestId("contribution-add-open").count()).toBe(0);
    expect(await anon.getByTestId("partner-seats-table").count()).toBe(0);
  } finally {
    await browser.close();
  }

  // staff see which committee seat the chamber holds
  await page.goto(`${live.server.url}/networks?provinceCode=31&q=${encodeURIComponent("หอการค้า")}`);
  await page.getByTestId("partner-link").first().click();
  await page.getByTestId("partner-seats-table").waitFor();
  expect(await page.getByTestId("partner-seats-table").innerText()).toContain("คณะกรมการจังหวัดบุรีรัมย์");
  await shot(page, "3-chamber");
});
