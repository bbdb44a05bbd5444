import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, bangkokToday } from "../src/platform/thai/index.js";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Khon Kaen's strategy office asks for the power to withdraw public-land status and lease state land (P-ADM-013,
 * central today): it drafts the request with the volume, the turnaround now and if delegated and the benefit, and
 * submits it; the Ministry of Interior forwards it; OPDC recommends it with its support and records the Cabinet's
 * approval, which issues the instrument: from today the governor of Khon Kaen decides it, yesterday it was central.
 * The next lease application received at the counter goes to the governor, who decides it the same day; the public
 * statistics set that turnaround against the Department of Lands' (demo) history.
 * Then the governor records a transfer (delegated to every governor) and is refused an appointment (central).
 */
const live = useServerAndBrowser();

const shot = (page: Page, name: string) => screenshot(page, path.join(SHOTS, `${name}.png`));
const status = (page: Page, s: string) => page.locator(`[data-testid="request-status"][data-status="${s}"]`).first().waitFor();
/** Mantine's select: open it, type to filter (a searchable one), then pick the option. */
async function choose(page: Page, testId: string, typed: string, option: RegExp | string) {
  await page.getByTestId(testId).click();
  if (typed) await page.getByTestId(testId).fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

it("a request for more delegation goes from the province through MOI and OPDC to the Cabinet, and the governor decides from today", async () => {
  const today = bangkokToday();
  const officer = await loginAs(live.browser, live.server.url, "strategy.khonkaen");
  await officer.goto(`${live.server.url}/delegation/requests`);
  await officer.getByTestId("requests-title").waitFor();
  await officer.getByTestId("request-new").click();
  await officer.getByTestId("request-form").waitFor();
  // the only province the strategy office may ask for is already chosen
  await expect.poll(() => officer.getByTestId("request-province").inputValue()).toContain("ขอนแก่น");
  await choose(officer, "request-power", "P-ADM-013", /P-ADM-013/);
  await officer.getByTestId("request-power-facts").waitFor();
  await officer.getByTestId("request-volume").fill("120");
  await officer.getByTestId("request-central-days").fill("60");
  await officer.getByTestId("request-expected-days").fill("15");
  await officer.getByTestId("request-benefit").fill("ประชาชนที่ขอเช่าที่ดินของรัฐเพื่อทำกินได้รับอนุญาตภายใน 15 วัน แทน 60 วัน ไม่ต้องรอส่วนกลาง");
  await officer.getByTestId("request-justification").fill("จังหวัดมีคำขอเช่าที่ดินสาธารณประโยชน์ที่ถอนสภาพแล้วต่อเนื่องทุกปี");
  expect(await officer.getByTestId("request-saved-preview").innerText()).toContain("5,400");
  await shot(officer, "delegation-request-new-th");
  await officer.getByTestId("request-save").click();
  await officer.waitForURL(/\/delegation\/requests\/(?!new)[^/]+$/);
  await status(officer, "draft");
  const requestUrl = officer.url();
  expect(await officer.getByTestId("request-saved").innerText()).toContain("5,400");
  await officer.getByTestId("request-submit").click();
  await status(officer, "submitted");
  expect(await officer.locator('[data-testid="request-stages"] [data-stage="moi"]').getAttribute("data-state")).toBe("current");
  await shot(officer, "delegation-request-submitted-th");

  // the tracker lists it, at the ministry, with its due date
  await officer.goto(`${live.server.url}/delegation/requests?provinceCode=40`);
  const row = officer.getByTestId("request-row").filter({ hasText: "P-ADM-013" });
  await row.waitFor();
  expect(await row.innerText()).toContain("รอกระทรวงมหาดไทยพิจารณา");
  await shot(officer, "delegation-requests-list-th");

  const moi = await loginAs(live.browser, live.server.url, "moi.officer");
  await moi.goto(requestUrl);
  await moi.getByTestId("moi-review").waitFor();
  await moi.getByTestId("review-comment").fill("เห็นควรส่งสำนักงาน ก.พ.ร. พิจารณา");
  await moi.getByTestId("moi-forward").click();
  await status(moi, "moi-forwarded");

  const opdc = await loginAs(live.browser, live.server.url, "opdc.evaluator");
  await opdc.goto(requestUrl);
  await opdc.getByTestId("opdc-review").waitFor();
  await opdc.getByTestId("opinion-support").check();
  await opdc.getByTestId("review-comment").fill("สอดคล้องกับหลักการให้เรื่องยุติที่จังหวัด");
  await opdc.getByTestId("opdc-recommend").click();
  await status(opdc, "opdc-recommended");
  // the Cabinet's decision, recorded by OPDC: today's meeting, in force from today
  await opdc.getByTestId("cabinet-form").waitFor();
  await shot(opdc, "delegation-request-cabinet-form-th");
  expect(await opdc.getByTestId("cabinet-date").inputValue()).toBe(today);
  await opdc.getByTestId("cabinet-resolution").fill("นร 0505/ว 200");
  await opdc.getByTestId("cabinet-effective-from").fill(today);
  await opdc.getByTestId("cabinet-submit").click();
  await status(opdc, "approved");
  expect(await opdc.getByTestId("request-status").first().innerText()).toContain("อนุมัติ");
  const link = opdc.getByTestId("instrument-link");
  await link.waitFor();
  expect(await link.innerText()).toContain("นร 0505/ว 200");
  expect(await link.getAttribute("href")).toMatch(/^\/delegation\/instruments\/.+/);
  const events = await opdc.getByTestId("request-events").innerText();
  for (const words of ["กระทรวงมหาดไทยส่งต่อสำนักงาน ก.พ.ร.", "เห็นควรส่งสำนักงาน ก.พ.ร. พิจารณา", "เห็นควรสนับสนุน", "คณะรัฐมนตรีอนุมัติ"]) expect(events).toContain(words);
  const authority = opdc.getByTestId("authority-today");
  expect(await authority.getAttribute("data-decision")).toBe("delegated");
  expect(await authority.innerText()).toContain("ผู้ว่าราชการจังหวัดขอนแก่น");
  await shot(opdc, "delegation-request-approved-th");

  // the same page in English, and at a phone's width
  await opdc.getByTestId("lang-switch").click();
  await opdc.waitForFunction(() => document.documentElement.lang === "en");
  await opdc.locator('[data-testid="request-status"][data-status="approved"]').filter({ hasText: "Approved" }).first().waitFor();
  await shot(opdc, "delegation-request-approved-en");
  await opdc.getByTestId("lang-switch").click();
  await opdc.waitForFunction(() => document.documentElement.lang === "th");
  await opdc.setViewportSize({ width: 390, height: 844 });
  await opdc.waitForTimeout(200);
  expect(await opdc.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await shot(opdc, "delegation-request-approved-phone-th");

  // who decides: the governor of Khon Kaen from today, the centre the day before
  const ask = async (date: string) => (await (await fetch(`${live.server.url}/api/v1/delegation/authority?powerCode=P-ADM-013&provinceCode=40&date=${date}`)).json()) as { decision: string; deciders: { role: string; labelTh: string }[] };
  const now = await ask(today);
  expect(now.decision).toBe("delegated");
  expect(now.deciders[0]).toMatchObject({ role: "governor" });
  expect(now.deciders[0]!.labelTh).toContain("ขอนแก่น");
  expect((await ask(addDays(today, -1))).decision).toBe("central");
});

it("the next application for that power is routed to the governor of Khon Kaen, decided in the province, and its turnaround stands against the central history", async () => {
  const counter = await loginAs(live.browser, live.server.url, "strategy.khonkaen");
  await counter.goto(`${live.server.url}/delegation/permits`);
  await counter.getByTestId("permits-title").waitFor();
  await counter.getByTestId("permit-receive-open").click();
  await counter.getByTestId("permit-receive-form").waitFor();
  await expect.poll(() => counter.getByTestId("permit-receive-province").inputValue()).toContain("ขอนแก่น");
  await counter.getByTestId("permit-receive-power").click();
  await counter.getByTestId("permit-receive-power").fill("P-ADM-013");
  await counter.getByRole("option", { name: /P-ADM-013/ }).first().click();
  await counter.getByTestId("permit-receive-name").fill("นายเช่าที่ ทำกินดี (ทดสอบ)");
  const subject = "ขอเช่าที่ดินสาธารณประโยชน์ที่ถอนสภาพแล้ว ต.บ้านทุ่ม เพื่อทำการเกษตร (ทดสอบ)";
  await counter.getByTestId("permit-receive-subject").fill(subject);
  await counter.getByTestId("permit-receive-save").click();
  const received = counter.getByTestId("permit-received");
  await received.waitFor();
  // yesterday this went to the Department of Lands; today the authority check routes it to the governor
  expect(await counter.getByTestId("permit-received-decider").innerText()).toBe("ผู้ว่าราชการจังหวัดขอนแก่น");
  expect(await received.getByTestId("permit-route").innerText()).toContain("ตัดสินใจในจังหวัด");
  const trackingCode = (await counter.getByTestId("permit-received-code").innerText()).trim();
  await shot(counter, "khon-kaen-lease-received-th");

  const gov = await loginAs(live.browser, live.server.url, "governor.khonkaen");
  await gov.goto(`${live.server.url}/delegation/permits`);
  await gov.getByTestId("permits-table").waitFor();
  await gov.locator(`[data-testid="permit-row"][data-tracking="${trackingCode}"]`).getByTestId("permit-link").click();
  await gov.getByTestId("permit-title").filter({ hasText: subject }).waitFor();
  await gov.getByTestId("permit-decide").click();
  await gov.getByTestId("permit-decide-form").waitFor();
  await gov.getByTestId("permit-decide-approve").click();
  await gov.getByTestId("permit-decide-reason").fill("เป็นไปตามระเบียบการให้เช่าที่ดินของรัฐ องค์การบริหารส่วนตำบลให้ความเห็นชอบแล้ว");
  await gov.getByTestId("permit-decide-save").click();
  await gov.getByTestId("permit-decide-form").waitFor({ state: "detached" });
  expect(await gov.getByTestId("permit-decision-turnaround").innerText()).toContain("ใช้เวลาพิจารณา 0 วันทำการ");
  await shot(gov, "khon-kaen-lease-decided-th");

  // measured: before the delegation the Department of Lands took weeks (the demo history), now it is decided the same day
  const stats = (await (await fetch(`${live.server.url}/api/v1/delegation/permits/stats?powerCode=P-ADM-013&provinceCode=40`)).json()) as { comparison: { before: { decidedCount: number; medianDays: number }; after: { decidedCount: number; medianDays: number }; medianChangeDays: number } | null };
  expect(stats.comparison).not.toBeNull();
  expect(stats.comparison!.before.decidedCount).toBeGreaterThan(0);
  expect(stats.comparison!.after).toMatchObject({ decidedCount: 1, medianDays: 0 });
  expect(stats.comparison!.medianChangeDays).toBeLessThan(-20);
  const visitor = await live.browser.newPage({ locale: "th-TH" });
  await visitor.goto(`${live.server.url}/delegation/permits/stats?powerCode=P-ADM-013&provinceCode=40`);
  // the page shows the same comparison: central before the delegation, the governor after it, the median faster
  const num = (n: number) => new Intl.NumberFormat("th-TH", { maximumFractionDigits: 2 }).format(n);
  await visitor.getByTestId("stats-comparison").waitFor();
  expect(await visitor.getByTestId("stats-no-comparison").count()).toBe(0);
  expect(await visitor.getByTestId("stats-before").innerText()).toContain(`${num(stats.comparison!.before.medianDays)} วันทำการ`);
  expect(await visitor.getByTestId("stats-after").innerText()).toContain("0 วันทำการ");
  expect(await visitor.getByTestId("stats-change").innerText()).toContain(`ค่ามัธยฐานเร็วขึ้น ${num(-stats.comparison!.medianChangeDays)} วันทำการ`);
  await visitor.getByTestId("stats-chart").locator("svg").waitFor();
  await shot(visitor, "khon-kaen-lease-stats-th");
  await visitor.close();
});

it("the governor records a delegated transfer with its instrument and is told an appointment is not his to make", async () => {
  const gov = await loginAs(live.browser, live.server.url, "governor.khonkaen");
  await gov.goto(`${live.server.url}/delegation/personnel`);
  await gov.getByTestId("personnel-title").waitFor();
  await gov.getByTestId("personnel-record-open").click();
  await gov.getByTestId("personnel-form").waitFor();
  await expect.poll(() => gov.getByTestId("personnel-province").inputValue()).toContain("ขอนแก่น");
  const person = "นางสาวที่ดิน ย้ายดี (ทดสอบ)";
  await gov.getByTestId("personnel-person").fill(person);
  await gov.getByTestId("personnel-position").fill("นักวิชาการที่ดินชำนาญการ");
  await choose(gov, "personnel-from", "ที่ดินจังหวัดขอนแก่น", /^สำนักงานที่ดินจังหวัดขอนแก่น$/);
  await choose(gov, "personnel-to", "สำนักงานจังหวัดขอนแก่น", /^สำนักงานจังหวัดขอนแก่น$/);
  await gov.getByTestId("personnel-order").fill("คำสั่งจังหวัดขอนแก่น ที่ 501/2569");
  // before saving, the form says the transfer is the province's to decide on that date
  await gov.locator('[data-testid="personnel-authority"][data-decision="delegated"]').waitFor();
  await shot(gov, "personnel-transfer-form-th");
  await gov.getByTestId("personnel-save").click();
  await gov.getByTestId("personnel-recorded").waitFor();
  const row = gov.getByTestId("personnel-row").filter({ hasText: person });
  await row.waitFor();
  expect(await row.locator('[data-testid="personnel-route"]').getAttribute("data-route")).toBe("delegated");
  expect(await row.getByTestId("personnel-instrument").innerText()).toContain("ก.พ.");
  expect(await row.getByTestId("personnel-decider").innerText()).toContain("ผู้ว่าราชการจังหวัดขอนแก่น");
  await shot(gov, "personnel-list-th");

  // an appointment (P-HR-004) is not delegated: nothing is recorded, and the refusal names where it goes
  await gov.getByTestId("personnel-record-open").click();
  await gov.getByTestId("personnel-form").waitFor();
  await choose(gov, "personnel-kind", "", /บรรจุและแต่งตั้ง/);
  await gov.getByTestId("personnel-person").fill("นายบรรจุ ใหม่ (ทดสอบ)");
  await gov.getByTestId("personnel-position").fill("นักวิชาการที่ดินปฏิบัติการ");
  await choose(gov, "personnel-to", "ที่ดินจังหวัดขอนแก่น", /^สำนักงานที่ดินจังหวัดขอนแก่น$/);
  await gov.getByTestId("personnel-order").fill("คำสั่งจังหวัดขอนแก่น ที่ 502/2569");
  await gov.locator('[data-testid="personnel-authority"][data-decision="central"]').waitFor();
  await gov.getByTestId("personnel-save").click();
  const refusal = gov.getByTestId("personnel-refusal");
  await refusal.waitFor();
  expect(await refusal.getAttribute("data-code")).toBe("delegation.personnel.not-delegated");
  const text = await refusal.innerText();
  expect(text).toContain("ไม่อยู่ในอำนาจที่ได้รับมอบ");
  expect(text).toContain("ยังไม่มีการมอบอำนาจนี้ให้จังหวัดขอนแก่น");
  // nothing was recorded: the province's actions, read from the API as the governor, hold the transfer and no appointment
  const recorded = (await (await gov.request.get(`${live.server.url}/api/v1/delegation/personnel-actions?provinceCode=40&limit=500`)).json()) as { items: { kind: string; personName: string }[] };
  expect(recorded.items.some((a) => a.kind === "transfer" && a.personName === person)).toBe(true);
  expect(recorded.items.filter((a) => a.personName === "นายบรรจุ ใหม่ (ทดสอบ)")).toEqual([]);
  await shot(gov, "personnel-appointment-refused-th");
  await gov.setViewportSize({ width: 390, height: 844 });
  await gov.waitForTimeout(200);
  expect(await gov.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await shot(gov, "personnel-appointment-refused-phone-th");

  // the recruitment of Phetchaburi's governor: Khon Kaen's governor sees the committee and its decision, never the
  // candidates (names, posts, scores); the Ministry of Interior, which runs the recruitment, sees them all
  const moi = await loginAs(live.browser, live.server.url, "moi.officer");
  await moi.goto(`${live.server.url}/delegation/committees/demo-committee-recruit-76`);
  await moi.getByTestId("committee-candidates-table").waitFor();
  expect(await moi.locator('[data-testid="candidate-row"][data-shortlisted="true"]').count()).toBe(3);
  const committee = (await (await moi.request.get(`${live.server.url}/api/v1/delegation/committees/demo-committee-recruit-76`)).json()) as { selectedCandidateId: string | null; candidates: { id: string; name: string; currentPositionTh: string }[] };
  expect(committee.candidates).toHaveLength(4);
  const shown = await moi.getByTestId("committee-candidates-table").innerText();
  for (const x of committee.candidates) expect(shown).toContain(x.name);
  // the one chosen is named by the decision, for everyone; the others stay with the recruitment's own people
  const unchosen = committee.candidates.filter((x) => x.id !== committee.selectedCandidateId);
  expect(unchosen).toHaveLength(3);
  await moi.context().close();

  await gov.goto(`${live.server.url}/delegation/committees/demo-committee-recruit-76`);
  await gov.getByTestId("committee-candidates-hidden").waitFor();
  expect(await gov.getByTestId("committee-candidates-hidden").innerText()).toContain("เปิดให้เฉพาะกระทรวงมหาดไทยและผู้ดูแลระบบ");
  expect(await gov.getByTestId("committee-candidates-table").count()).toBe(0);
  expect(await gov.getByTestId("candidate-row").count()).toBe(0);
  const govText = await gov.locator("main").innerText();
  for (const x of unchosen) {
    expect(govText).not.toContain(x.name);
    expect(govText).not.toContain(x.currentPositionTh);
  }
  await gov.getByTestId("committee-selection-link").click();
  await gov.getByTestId("committee-decision").waitFor();
  await gov.getByTestId("committee-candidates-hidden").waitFor();
  await shot(gov, "committee-selection-76-phone-th");
});
