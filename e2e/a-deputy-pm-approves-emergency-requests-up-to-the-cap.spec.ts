import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The deputy prime minister's office opens the emergency-fund page in FY 2570: the demo deputy PM has approved
 * 92 M baht, 8 M left under the 100 M cap, and three screened requests wait (3.5 M Phetchaburi, 4.5 M Ubon,
 * 2 M Khon Kaen). Approving the first two brings the total to exactly 100 M; approving the third sends it to the
 * prime minister instead, where it appears in the referred list.
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => {
  const file = path.join(SHOTS, `emergency-${name}.png`);
  return screenshot(page, file).then(() => fs.copyFileSync(file, path.join("/tmp", `emergency-${name}.png`)));
};

it("approves until the cap sends the next request to the prime minister", async () => {
  const page = await loginAs(live.browser, live.server.url, "dpm.office");
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${live.server.url}/planning/emergency`);
  const card = page.locator('[data-testid="headroom-card"][data-post="demo-post-dpm-1"]');
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
  expect(await card.getByTestId("headroom-left").innerText()).toContain("8,000,000.00 บาท");
  const rows = page.getByTestId("emergency-queue-row");
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
  await shot(page, "1-queue");

  const outcomes: string[] = [];
  for (const left of ["4,500,000.00", "0.00"]) {
    await rows.first().getByTestId("emergency-approve").click();
    await expect.poll(() => page.getByTestId("emergency-outcome").count()).toBe(1);
    outcomes.push((await page.getByTestId("emergency-outcome").getAttribute("data-outcome"))!);
    await expect.poll(() => card.getByTestId("headroom-left").innerText()).toContain(`${left} บาท`);
    await page.getByTestId("emergency-outcome").getByRole("button").click();
  }
  expect(await card.innerText()).toContain("เต็มวงเงินแล้ว");
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().innerText()).toContain("เกินวงเงินคงเหลือ");
  await shot(page, "2-at-cap");
  await rows.first().getByTestId("emergency-approve").click();
  await expect.poll(() => page.getByTestId("emergency-outcome").count()).toBe(1);
  outcomes.push((await page.getByTestId("emergency-outcome").getAttribute("data-outcome"))!);
  expect(outcomes).toEqual(["approved", "approved", "referred"]);
  await expect.poll(() => rows.count()).toBe(0);
  await expect.poll(() => page.getByTestId("emergency-referred").innerText()).toContain("ควบคุมโรคลัมปีสกินในโคกระบือ");
  expect(await card.getByTestId("headroom-left").innerText()).toContain("0.00 บาท");
  await shot(page, "3-referred");
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);
