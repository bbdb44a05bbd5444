import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";

import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * OPDC's evaluator opens the pilot programmes, picks the 2024 five-province pilot, sees who are the pilot and
 * the comparison provinces and the incentives granted, and reads, per outcome, the chart of the two groups'
 * means over time with the start marked and the difference-in-differences estimate with its 95 % interval in
 * Thai words and numbers; then checks the sandbox about to lapse.
 */
const live = useServerAndBrowser();

it("the OPDC evaluator compares the 2024 pilot provinces with their neighbours and reads the estimate with its interval", async () => {
  const page = await loginAs(live.browser, live.server.url, "opdc.evaluator");
  await page.getByRole("link", { name: "โครงการนำร่อง" }).first().click();
  await page.getByTestId("pilots-title").waitFor();
  expect(await page.getByTestId("pilots-table").innerText()).toContain("PILOT-2544");
  await page.getByTestId("pilot-link").filter({ hasText: "5 จังหวัดนำร่อง พ.ศ. 2567" }).click();
  await page.getByTestId("pilot-title").waitFor();
  expect(await page.getByTestId("pilot-title").innerText()).toContain("ผู้ว่า CEO");

  const pilots = await page.getByTestId("pilot-provinces").innerText();
  for (const name of ["อุบลราชธานี", "บุรีรัมย์", "ขอนแก่น", "เชียงราย", "เพชรบุรี"]) expect(pilots).toContain(name);
  const comparisons = await page.getByTestId("comparison-provinces").innerText();
  for (const name of ["ศรีสะเกษ", "สุรินทร์", "อุดรธานี", "เชียงใหม่", "ประจวบคีรีขันธ์"]) expect(comparisons).toContain(name);
  expect(comparisons).toContain("คู่เทียบของเชียงราย");
  const incentives = await page.getByTestId("pilot-incentives").innerText();
  expect(incentives).toContain("งบประมาณพัฒนาบุคลากร");
  expect(incentives).toContain("1,500,000.00 บาท");
  expect(incentives).toContain("โควตาเลื่อนเงินเดือนกรณีพิเศษ");

  // the first outcome: PM2.5 days, following Chiang Rai's KPI; the chart draws both groups and marks the start
  const chart = page.getByTestId("comparison-chart");
  await chart.locator("svg").waitFor();
  const svgText = await chart.locator("svg").innerHTML();
  expect(svgText).toContain("เริ่มโครงการ");
  expect(svgText).toContain("ค่าเฉลี่ยจังหวัดนำร่อง");
  expect(svgText).toContain("ค่าเฉลี่ยจังหวัดเปรียบเทียบ");
  expect(svgText).toContain("ปีงบ 2568");
  expect(await chart.locator("svg path").count()).toBeGreaterThan(4);
  const did = page.getByTestId("did-result");
  const sentence = await page.getByTestId("did-sentence").innerText();
  expect(sentence).toMatch(/^ผลต่างของผลต่าง -?[\d.,]+ วัน · ช่วงความเชื่อมั่น 95%: -?[\d.,]+ ถึง -?[\d.,]+ วัน$/);
  const text = await did.innerText();
  expect(text).toContain("เมื่อหักการเปลี่ยนแปลงที่จังหวัดเปรียบเทียบก็มีเช่นกันแล้ว");
  expect(text).toContain("ความคลาดเคลื่อนมาตรฐาน");
  expect(text).toContain("นำร่อง 5 · เปรียบเทียบ 5");
  expect(await page.getByTestId("did-small-sample").innerText()).toContain("จังหวัดนำร่องเพียง 5 จังหวัด");
  expect(await page.getByTestId("did-verdict").innerText()).toMatch(/ดีขึ้นชัดเจน|แย่ลงชัดเจน|ยังสรุปไม่ได้/);
  expect(await page.locator("main").innerText()).toContain("ตามตัวชี้วัด 57-ENV-02");
  await screenshot(page, path.join(SHOTS, "pilots-01-2024-comparison-pm25-th.png"));
  await chart.screenshot({ path: path.join(SHOTS, "pilots-02-2024-chart-pm25-th.png") });

  // the quarterly satisfaction surveys: twelve quarters, the start between the fourth and the fifth
  await page.getByTestId("outcome-tab").filter({ hasText: "ความพึงพอใจ" }).click();
  await page.getByTestId("comparison-chart").locator("svg").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="comparison-chart"] svg')?.innerHTML.includes("ไตรมาส 1/2568"));
  expect(await page.getByTestId("did-sentence").innerText()).toContain("คะแนน 1–5");
  await screenshot(page, path.join(SHOTS, "pilots-03-2024-comparison-satisfaction-th.png"));
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // the sandbox about to lapse shows its reminder
  await page.getByRole("link", { name: "พื้นที่ทดลอง (Sandbox)" }).first().click();
  await page.getByTestId("sandboxes-title").waitFor();
  const rows = await page.getByTestId("sandboxes-table").innerText();
  expect(rows).toContain("หมดอายุแล้ว (ยังไม่ปิด)");
  expect(rows).toContain("ใกล้หมดอายุ");
  await page.getByTestId("sandbox-link").filter({ hasText: "เชียงราย" }).click();
  await page.getByTestId("sandbox-reminder").waitFor();
  // the demo sets the lapse 40 days after the day it was seeded: 39 when the run has crossed midnight in Bangkok since
  expect(await page.getByTestId("sandbox-reminder").innerText()).toMatch(/จะหมดอายุในอีก (40|39) วัน/);
  await screenshot(page, path.join(SHOTS, "pilots-04-sandbox-chiang-rai-reminder-th.png"));
});
