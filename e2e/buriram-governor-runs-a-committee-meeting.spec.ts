import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, pickOption, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The governor of Buriram opens the provincial executive committee (demo): one seat per ministry, each with one vote,
 * meetings kept. She calls a meeting for today: the two action items still open from earlier meetings are already on
 * its agenda. She adds an item for decision, records the vote (adopted), asks the tourism office to act by a date,
 * marks one follow-up done and records the minutes. On next month's meeting the new action item is waiting as a
 * follow-up, and the one she marked done has left it.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `committee-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `committee-${name}.png`)));
};
const bangkokDate = (offsetDays = 0) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

it("the Buriram governor runs a committee meeting whose action items come back next month", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.buriram");
  await page.getByTestId("nav-prov-committees").click();
  await page.getByTestId("committee-row").first().waitFor();
  expect(await page.getByTestId("committees-table").innerText()).toContain("ตามกำหนด");
  expect(await page.getByTestId("committees-table").innerText()).toContain("ล่าช้า"); // the advisory committee stopped meeting
  await page.getByTestId("committee-link").filter({ hasText: "คณะกรมการจังหวัดบุรีรัมย์" }).click();
  await page.getByTestId("seats-table").waitFor();
  expect(await page.getByTestId("seat-row").count()).toBe(23); // chair, 18 ministries, 3 private and civil, secretary
  await shot(page, "1-committee");

  // a meeting today: what is still open comes with it
  await page.getByTestId("schedule-date").fill(bangkokDate());
  await page.getByTestId("schedule-place").fill("ห้องประชุมพนมรุ้ง");
  await page.getByTestId("schedule-submit").click();
  await page.getByTestId("meeting-title").waitFor();
  const followUps = page.getByTestId("follow-up");
  await expect.poll(() => followUps.count()).toBe(2);
  expect(await followUps.first().innerText()).toContain("เกินกำหนด");

  await page.getByTestId("agenda-title").fill("ขยายเวลาเปิดด่านตรวจสินค้าช่วงเทศกาลแข่งรถ");
  await page.getByTestId("agenda-submit").click();
  const item = page.getByTestId("agenda-item").filter({ hasText: "ขยายเวลาเปิดด่าน" });
  await item.waitFor();
  await item.getByTestId("open-resolution").click();
  await item.getByTestId("resolution-text").fill("เห็นชอบให้ขยายเวลาเปิดด่านถึง 22.00 น. ระหว่างการแข่งขัน");
  expect(await item.getByTestId("votes-table").locator("tr").count()).toBe(22);
  await item.getByTestId("resolution-submit").click();
  await item.getByTestId("resolution").waitFor();
  expect(await item.getByTestId("resolution").innerText()).toMatch(/เห็นชอบ[\s\S]*เห็นชอบ 22/);

  await item.getByTestId("open-action").click();
  await item.getByTestId("action-title").fill("ประสานผู้จัดการแข่งขันเรื่องการจราจรและที่พัก");
  await pickOption(page, item.getByTestId("action-owner"), "ท่องเที่ยว", /สำนักงานการท่องเที่ยวและกีฬาจังหวัดบุรีรัมย์/);
  await item.getByTestId("action-due").fill(bangkokDate(25));
  await item.getByTestId("action-submit").click();
  await page.getByTestId("raised-row").filter({ hasText: "ประสานผู้จัดการแข่งขัน" }).waitFor();

  // the overdue follow-up is reported done at the meeting
  const overdueItem = page.getByTestId("agenda-item").filter({ hasText: "จัดทำแผนเส้นทางท่องเที่ยว" });
  const overdue = overdueItem.getByTestId("follow-up");
  await overdueItem.getByTestId("mark-done").click();
  await expect.poll(() => overdue.innerText()).toContain("เสร็จแล้ว");

  await page.getByTestId("minutes-input").fill("ประธานเปิดประชุม ที่ประชุมติดตามเรื่องที่มอบหมายและมีมติเรื่องด่านตรวจ (ทดสอบ)");
  await page.getByTestId("minutes-submit").click();
  await expect.poll(() => page.getByTestId("meeting-status").innerText()).toBe("ประชุมแล้ว");
  await shot(page, "2-meeting-held");

  // next month's meeting: the new action item is on its agenda, the one done is not
  await page.getByRole("link", { name: "คณะกรมการจังหวัดบุรีรัมย์ (ตัวอย่าง)" }).click();
  await page.getByTestId("meetings-table").waitFor();
  await page.getByTestId("meeting-row").filter({ hasText: "นัดแล้ว" }).getByTestId("meeting-link").click();
  await page.getByTestId("meeting-title").waitFor();
  const next = page.getByTestId("follow-up");
  await expect.poll(() => next.count()).toBe(2);
  const texts = (await page.getByTestId("agenda-item").allInnerTexts()).join("\n");
  expect(texts).toContain("ประสานผู้จัดการแข่งขันเรื่องการจราจรและที่พัก");
  expect(texts).toContain("สำรวจบ่อบาดาล");
  expect(texts).not.toContain("จัดทำแผนเส้นทางท่องเที่ยว");
  await shot(page, "3-next-month");
});
