import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";

import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * The deputy PM's office overseeing the upper north opens the cascade, finds the draft strategy of cluster N2,
 * sees what it serves and which provincial goals serve it, and approves it; the governor of Chiang Rai cannot.
 */
const live = useServerAndBrowser();

const login = (username: string) => loginAs(live.browser, live.server.url, username);

it("the deputy PM's office approves the draft strategy of cluster N2, seen in the cascade; a governor may not", async () => {
  const gov = await login("governor.chiangrai");
  await gov.goto(`${live.server.url}/strategy/cluster:n2`);
  await gov.getByTestId("strategy-node-title").waitFor();
  expect(await gov.getByTestId("strategy-approve").count()).toBe(0);

  const page = await login("dpm.office");
  await page.goto(`${live.server.url}/strategy`);
  await page.getByTestId("strategy-title").waitFor();
  await page.goto(`${live.server.url}/strategy/cluster:n2`);
  await page.getByTestId("strategy-node-title").waitFor();
  expect(await page.getByTestId("strategy-node-title").innerText()).toContain("ภาคเหนือตอนบน 2");
  const above = await page.getByTestId("cascade-above").innerText();
  expect(above).toContain("แผนแม่บทประเด็นการท่องเที่ยว");
  expect(above).toContain("ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน");
  expect(await page.getByTestId("cascade-below").innerText()).toContain("เชียงราย");
  await screenshot(page, path.join(SHOTS, "strategy-01-cluster-n2-draft-th.png"));
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.getByTestId("strategy-approve").click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-approve"]'));
  await page.getByText("อนุมัติโดย สำนักงานรองนายกรัฐมนตรี", { exact: false }).first().waitFor();
  await page.getByTestId("history-panel").getByTestId("history-item").first().waitFor();
  await screenshot(page, path.join(SHOTS, "strategy-02-cluster-n2-approved-th.png"));
});
