import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Phetchaburi's governor finishes the incomplete solid-waste proposal (the server says what is missing) and
 * submits it; the Ministry of Interior returns it with a comment; the governor revises it into version 2 and
 * submits again; the ministry forwards it and OPDC approves; the two versions are compared side by side.
 */
const live = useServerAndBrowser();

const open = async (username: string): Promise<Page> => {
  const page = await loginAs(live.browser, live.server.url, username);
  await page.goto(`${live.server.url}/agendas/demo-agenda-76`);
  await page.getByTestId("agenda-title").waitFor();
  return page;
};
const status = (page: Page, s: string) => page.locator(`[data-testid="agenda-status"][data-status="${s}"]`).first().waitFor();

it("a proposal goes from an incomplete draft through a return to approval, every version kept", async () => {
  const gov = await open("governor.phetchaburi");
  expect(await gov.getByTestId("proposal-issues").innerText()).toContain("High Performance Province");
  await gov.getByTestId("proposal-submit").click();
  await gov.getByRole("alert").filter({ hasText: "ข้อเสนอยังไม่พร้อมส่ง" }).waitFor();

  await gov.getByTestId("proposal-edit").click();
  await gov.getByTestId("proposal-editor").waitFor();
  await gov.getByTestId("tool-open_government").check();
  await gov.getByLabel("ค่าเป้าหมายปีที่ 2").fill("90");
  await gov.getByTestId("add-benefits").click();
  await gov.getByLabel("ประโยชน์ข้อที่ 1").fill("ชายหาดและชุมชนสะอาด นักท่องเที่ยวกลับมาเที่ยวซ้ำ");
  await gov.getByTestId("proposal-save").click();
  await gov.getByTestId("proposal-editor").waitFor({ state: "detached" });
  await gov.getByTestId("proposal-issues").waitFor({ state: "detached" });
  await gov.getByTestId("proposal-submit").click();
  await status(gov, "submitted");

  const moi = await open("moi.officer");
  await moi.getByTestId("review-comment").fill("ขอให้ระบุงบประมาณและบุคลากรที่ขอรับการสนับสนุน");
  await moi.getByTestId("review-return").click();
  await status(moi, "returned");

  await gov.reload();
  await status(gov, "returned");
  expect(await gov.getByTestId("agenda-timeline").innerText()).toContain("ขอให้ระบุงบประมาณและบุคลากรที่ขอรับการสนับสนุน");
  await gov.getByTestId("proposal-edit").click();
  await gov.getByLabel("งบประมาณที่ขอ (บาท)").fill("24500000");
  await gov.getByTestId("proposal-save").click();
  await gov.getByTestId("proposal-editor").waitFor({ state: "detached" });
  await status(gov, "draft");
  await gov.getByTestId("proposal-submit").click();
  await status(gov, "submitted");

  await moi.reload();
  await moi.getByTestId("review-forward").click();
  await status(moi, "under_review");
  const opdc = await open("opdc.evaluator");
  await opdc.getByTestId("review-approve").click();
  await status(opdc, "approved");

  await opdc.getByTestId("compare-table").waitFor();
  const budget = opdc.locator('[data-testid="compare-table"] tr[data-change="changed"]').filter({ hasText: "24,500,000.00" });
  expect(await budget.count()).toBe(1);
  expect(await opdc.getByTestId("agenda-timeline").innerText()).toContain("ก.พ.ร. เห็นชอบฉบับที่ 2");
  await screenshot(opdc, path.join(SHOTS, "agenda-76-approved-compare-th.png"));
});
