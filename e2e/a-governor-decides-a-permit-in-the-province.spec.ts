import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { PermitApplicationDetail, PermitStats } from "../src/modules/delegation/contracts-permits.js";
import { formatThaiDate } from "../src/platform/thai/index.js";
import { loginAs, screenshot, SHOTS, urlsCarrying, useServerAndBrowser, watchUrls } from "./harness.js";

/**
 * The Damrongdhama centre of Mae Sai district receives a villager's application to use public land (P-ADM-015):
 * the authority check routes it to the governor of Chiang Rai, who holds the power by delegation, with a due date
 * 15 business days on. The governor finds it in her queue, takes it up, approves it with her reasons and sees the
 * turnaround in business days. A visitor who has not logged in opens the service statistics: delegated against
 * central turnaround for P-ADM-015, the before/after comparison in Chiang Rai, and Khon Kaen's state-land leases
 * (P-ADM-013), still decided centrally. The applicant's identity is on the record for handlers only: never in the
 * queue, its CSV file, the statistics or a URL.
 */
const live = useServerAndBrowser();

const APPLICANT = { name: "นางสาวทดสอบ ปลายทาง", id: "3570100123457", phone: "081 234 5678", address: "99 หมู่ 3 ตำบลเวียงพางคำ อำเภอแม่สาย" };
const SUBJECT = "ขอใช้ที่สาธารณประโยชน์เพื่อวางท่อประปาหมู่บ้านป่ายาง";
const REASON = "ที่ดินไม่อยู่ในเขตทางน้ำ อบต.เวียงพางคำเห็นชอบ และชุมชนได้ประโยชน์ร่วมกัน";

const shot = (page: Page, name: string, fullPage = true) => {
  const file = path.join(SHOTS, `permits-${name}.png`);
  return screenshot(page, file, fullPage).then(() => fs.copyFileSync(file, path.join("/tmp", `permits-${name}.png`)));
};
async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), where).toEqual([]);
}
/** Picks an option of a Mantine Select by typing part of its label. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(text);
  await page.getByRole("option", { name: new RegExp(text) }).first().click();
}
const personal = [APPLICANT.name, APPLICANT.id, APPLICANT.phone, "เวียงพางคำ อำเภอแม่สาย"];
const leaks = (urls: readonly string[]) => urlsCarrying(urls, [APPLICANT.name, APPLICANT.id, APPLICANT.phone]);

it("Mae Sai's counter receives an application, the governor of Chiang Rai approves it, and anyone reads the turnaround delegated against central", async () => {
  // 1. the district's counter receives the application; it is routed to the governor, due in 15 business days
  const counter = await loginAs(live.browser, live.server.url, "district.maesai");
  const counterUrls = watchUrls(counter);
  await counter.getByTestId("nav-permits").click();
  await counter.getByTestId("permits-title").waitFor();
  await counter.getByTestId("permit-receive-open").click();
  const form = counter.getByTestId("permit-receive-form");
  await form.waitFor();
  // the counter's own place is filled in from its grant
  await expect.poll(() => counter.getByTestId("permit-receive-province").inputValue()).toContain("เชียงราย");
  await expect.poll(() => counter.getByTestId("permit-receive-district").inputValue()).toContain("แม่สาย");
  // a wrong check digit is caught before anything is sent
  await choose(counter, "permit-receive-power", "P-ADM-015");
  await counter.getByTestId("permit-receive-name").fill(APPLICANT.name);
  await counter.getByTestId("permit-receive-id").fill("3570100123454");
  await counter.getByTestId("permit-receive-subject").fill(SUBJECT);
  await counter.getByTestId("permit-receive-save").click();
  await counter.getByTestId("permit-receive-invalid").waitFor();
  expect(await form.innerText()).toContain("เลข 13 หลักไม่ถูกต้อง");
  await counter.getByTestId("permit-receive-id").fill(APPLICANT.id);
  await counter.getByTestId("permit-receive-phone").fill(APPLICANT.phone);
  await counter.getByTestId("permit-receive-address").fill(APPLICANT.address);
  await counter.getByTestId("permit-receive-amount").fill("120000");
  expect(await form.innerText()).toContain("ตัดสินใจในจังหวัด 15 วันทำการ · ส่วนกลาง 60 วันทำการ");
  await shot(counter, "01-receive-form-th", false);
  await counter.getByTestId("permit-receive-save").click();
  const received = counter.getByTestId("permit-received");
  await received.waitFor();
  const trackingCode = (await counter.getByTestId("permit-received-code").innerText()).trim();
  expect(trackingCode).toMatch(/^PM-57-25\d\d-\d{5}$/);
  expect(await counter.getByTestId("permit-received-decider").innerText()).toBe("ผู้ว่าราชการจังหวัดเชียงราย");
  expect(await received.getByTestId("permit-route").innerText()).toContain("ตัดสินใจในจังหวัด");
  // why: the governor's instrument applies; the Mueang district chief's does not reach Mae Sai
  expect(await counter.getByTestId("permit-received-why").innerText()).toContain("ผู้ว่าราชการจังหวัดเชียงราย ตัดสินใจได้");
  expect(await received.innerText()).toContain("นายอำเภอเมืองเชียงราย — อยู่นอกเขตพื้นที่");
  expect(await received.getByTestId("permit-instrument-link").getAttribute("href")).toMatch(/^\/delegation\/instruments\/.+/);
  // the due date shown is the one the server computed (15 business days, public holidays skipped)
  const found = (await (await counter.request.get(`${live.server.url}/api/v1/delegation/permits?q=${trackingCode}`)).json()) as { items: { id: string; dueOn: string; receivedOn: string }[] };
  const { id, dueOn, receivedOn } = found.items[0]!;
  const due = await counter.getByTestId("permit-received-due").innerText();
  expect(due).toBe(`วันครบกำหนด: ${formatThaiDate(dueOn, { locale: "th", style: "long" })} · ระยะเวลาให้บริการ 15 วันทำการ`);
  await shot(counter, "02-received-routed-th", false);

  // the counter's queue lists it without the applicant; the CSV file neither
  await counter.getByTestId("permit-received-open").click();
  await counter.getByTestId("permit-title").filter({ hasText: SUBJECT }).waitFor();
  expect(counter.url()).toContain(`/delegation/permits/${id}`);
  await counter.getByRole("link", { name: "คำขออนุญาต" }).first().click();
  await counter.getByTestId("permits-table").waitFor();
  const row = counter.locator(`[data-testid="permit-row"][data-tracking="${trackingCode}"]`);
  await row.waitFor();
  const rowText = await row.innerText();
  expect(rowText).toContain("แม่สาย");
  expect(rowText).toContain("อีก 15 วันทำการ");
  for (const p of personal) expect(await counter.locator("main").innerText()).not.toContain(p);
  const [download] = await Promise.all([counter.waitForEvent("download"), counter.getByRole("button", { name: /ส่งออก CSV/ }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain(trackingCode);
  for (const p of personal) expect(csv).not.toContain(p);
  // nor any address the counter's pages opened or asked the server for (the application went in a request body)
  expect(counterUrls.length).toBeGreaterThan(5);
  expect(leaks(counterUrls)).toEqual([]);
  await counter.context().close();

  // 2. the governor finds it in her queue (overdue first, then by due date), takes it up and approves it
  const gov = await loginAs(live.browser, live.server.url, "governor.chiangrai");
  const govUrls = watchUrls(gov);
  await gov.getByTestId("nav-permits").click();
  await gov.getByTestId("permits-table").waitFor();
  await gov.locator(`[data-testid="permit-row"][data-tracking="${trackingCode}"]`).waitFor();
  for (const p of personal) expect(await gov.locator("main").innerText()).not.toContain(p);
  const dues = await gov.getByTestId("permit-row").evaluateAll((rows) => rows.length);
  expect(dues).toBeGreaterThan(1);
  expect(await gov.getByTestId("permit-row").first().getByTestId("permit-overdue").count()).toBe(1);
  await shot(gov, "03-queue-governor-th");
  await axe(gov, "queue");
  await gov.locator(`[data-testid="permit-row"][data-tracking="${trackingCode}"]`).getByTestId("permit-link").click();
  await gov.getByTestId("permit-title").filter({ hasText: SUBJECT }).waitFor();
  // she handles it: the applicant is on the record for her, with the day-counting rule in words
  const applicant = await gov.getByTestId("permit-applicant").innerText();
  for (const p of [APPLICANT.name, APPLICANT.id, APPLICANT.phone]) expect(applicant).toContain(p);
  expect(await gov.getByTestId("permit-day-counting").innerText()).toContain("ไม่นับวันที่รับคำขอ");
  expect(await gov.getByTestId("permit-due").innerText()).toContain(formatThaiDate(dueOn, { locale: "th" }));
  // on the record for her, but not in its address: the page is found by its id
  expect(gov.url()).toContain(`/delegation/permits/${id}`);
  expect(leaks([gov.url()])).toEqual([]);
  await gov.getByTestId("permit-start-review").click();
  await gov.getByTestId("permit-status").first().filter({ hasText: "อยู่ระหว่างพิจารณา" }).waitFor();
  await gov.getByTestId("permit-decide").click();
  await gov.getByTestId("permit-decide-form").waitFor();
  // a refusal needs reasons
  await gov.getByTestId("permit-decide-refuse").click();
  await gov.getByTestId("permit-decide-save").click();
  expect(await gov.getByTestId("permit-decide-form").innerText()).toContain("โปรดระบุเหตุผลที่ไม่อนุญาต");
  await gov.getByTestId("permit-decide-approve").click();
  await gov.getByTestId("permit-decide-reason").fill(REASON);
  await shot(gov, "04-decide-th", false);
  await gov.getByTestId("permit-decide-save").click();
  await gov.getByTestId("permit-decide-form").waitFor({ state: "detached" });
  await gov.getByTestId("permit-status").first().filter({ hasText: "อนุญาต" }).waitFor();
  const decision = await gov.getByTestId("permit-decision").innerText();
  expect(decision).toContain(REASON);
  expect(decision).toContain("ผู้ว่าราชการจังหวัดเชียงราย (ตัวอย่าง)");
  const detail = (await (await gov.request.get(`${live.server.url}/api/v1/delegation/permits/${id}`)).json()) as PermitApplicationDetail;
  expect(detail).toMatchObject({ status: "approved", receivedOn, turnaroundDays: expect.any(Number) });
  expect(await gov.getByTestId("permit-decision-turnaround").innerText()).toBe(`ใช้เวลาพิจารณา ${detail.turnaroundDays} วันทำการ (ระยะเวลาให้บริการ 15 วันทำการ) ✓ ภายในระยะเวลาให้บริการ`);
  expect(await gov.getByTestId("permit-history-row").count()).toBe(3);
  expect(await gov.getByTestId("permit-actions").count()).toBe(0);
  await shot(gov, "05-decided-th");
  await axe(gov, "decided application");
  // and in English
  await gov.getByTestId("lang-switch").click();
  await gov.getByTestId("permit-decision").filter({ hasText: "Decided in" }).waitFor();
  expect(await gov.getByTestId("permit-routing").innerText()).toContain("Governor of Chiang Rai");
  expect(await gov.getByTestId("permit-route").first().innerText()).toContain("Decided in the province");
  expect(await gov.getByTestId("permit-due").innerText()).toContain(formatThaiDate(dueOn, { locale: "en" }));
  await shot(gov, "06-decided-en");
  await gov.getByTestId("lang-switch").click();
  expect(leaks(govUrls)).toEqual([]);
  await gov.context().close();

  // 3. anyone, not logged in: the service statistics, delegated against central
  const ctx = await live.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" });
  const visitor = await ctx.newPage();
  await visitor.goto(`${live.server.url}/`);
  await visitor.getByTestId("nav-permit-stats").click();
  await visitor.getByTestId("permit-stats-title").waitFor();
  expect(await visitor.getByTestId("nav-permits").count()).toBe(0);
  await visitor.getByTestId("stats-table").waitFor();
  await choose(visitor, "stats-power", "P-ADM-015");
  await choose(visitor, "stats-province", "เชียงราย");
  // the filters are in the address, so the view can be shared
  await expect.poll(() => decodeURIComponent(visitor.url())).toMatch(/powerCode=.?P-ADM-015.*provinceCode=.?57|provinceCode=.?57.*powerCode=.?P-ADM-015/);
  const cmp = visitor.getByTestId("stats-comparison");
  await cmp.waitFor();
  const stats = (await (await fetch(`${live.server.url}/api/v1/delegation/permits/stats?powerCode=P-ADM-015&provinceCode=57`)).json()) as PermitStats;
  const delegated = stats.groups.find((g) => g.route === "delegated")!;
  const central = stats.groups.find((g) => g.route === "central")!;
  const num = (n: number) => new Intl.NumberFormat("th-TH", { maximumFractionDigits: 2 }).format(n);
  // the new approval counts among the delegated decisions
  expect(delegated.decidedCount).toBeGreaterThanOrEqual(1);
  expect(central.decidedCount).toBeGreaterThanOrEqual(1);
  expect(await visitor.locator('[data-testid="stats-row"][data-route="delegated"] [data-testid="stats-median"]').innerText()).toBe(num(delegated.medianDays!));
  expect(await visitor.locator('[data-testid="stats-row"][data-route="central"] [data-testid="stats-median"]').innerText()).toBe(num(central.medianDays!));
  // before the delegation the centre took weeks; after, the province takes days
  const c = stats.comparison!;
  expect(c.after.medianDays!).toBeLessThan(c.before.medianDays!);
  expect(await visitor.getByTestId("stats-before").innerText()).toContain(`${num(c.before.medianDays!)} วันทำการ`);
  expect(await visitor.getByTestId("stats-after").innerText()).toContain(`${num(c.after.medianDays!)} วันทำการ`);
  expect(await visitor.getByTestId("stats-change").innerText()).toContain(`ค่ามัธยฐานเร็วขึ้น ${num(-c.medianChangeDays)} วันทำการ`);
  expect(await cmp.innerText()).toContain(formatThaiDate(c.delegatedFrom, { locale: "th" }));
  const chart = visitor.getByTestId("stats-chart");
  await chart.locator("svg").waitFor();
  const svg = await chart.locator("svg").innerHTML();
  for (const w of ["ตัดสินใจในจังหวัด", "ส่วนกลาง", "P-ADM-015", "วันทำการ"]) expect(svg).toContain(w);
  expect(await visitor.getByTestId("stats-method").innerText()).toContain("ประมาณค่าเชิงเส้น");
  for (const p of personal) expect(await visitor.locator("main").innerText()).not.toContain(p);
  await shot(visitor, "07-stats-chiang-rai-p-adm-015-th");
  await axe(visitor, "statistics");

  // Khon Kaen's state-land leases: central only, no before/after yet
  await choose(visitor, "stats-power", "P-ADM-013");
  await choose(visitor, "stats-province", "ขอนแก่น");
  await visitor.getByTestId("stats-no-comparison").waitFor();
  const kk = (await (await fetch(`${live.server.url}/api/v1/delegation/permits/stats?powerCode=P-ADM-013&provinceCode=40`)).json()) as PermitStats;
  expect(kk.groups.map((g) => g.route)).toEqual(["central"]);
  await visitor.locator('[data-testid="stats-row"][data-power="P-ADM-013"][data-route="central"]').waitFor();
  expect(await visitor.locator('[data-testid="stats-row"][data-route="delegated"]').count()).toBe(0);
  expect(await visitor.getByTestId("stats-median").innerText()).toBe(num(kk.groups[0]!.medianDays!));
  expect(kk.groups[0]!.medianDays!).toBeGreaterThan(60);
  await shot(visitor, "08-stats-khon-kaen-p-adm-013-th");

  // at phone width the page keeps to one column and nothing spills sideways (the wide table scrolls in its box)
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.goto(`${live.server.url}/delegation/permits/stats`);
  await visitor.getByTestId("stats-chart").locator("svg").waitFor();
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await shot(visitor, "09-stats-phone-th");
  await ctx.close();
});
