import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { expect, it } from "vitest";
import type { CaseDetail, CaseList, SubmittedCase } from "../src/modules/cases/contracts.js";
import { loginAs, screenshot, SHOTS, urlsCarrying, useServerAndBrowser, watchUrls } from "./harness.js";

/**
 * A villager rings the 1567 hotline: the road at the approach of a bridge in Mae Sai has collapsed. The Damrongdhama
 * centre of Mae Sai district enters the call with the caller's name and phone (kept apart, PDPA) after reading the
 * consent text; the category's rules send it to the provincial rural roads office, and the page shows the tracking
 * code to read to the caller. The officer finds it in the queue, accepts it, writes an internal note and, the road
 * being the Chiang Rai PAO's, transfers it there with a reason; the timeline shows every step, internal and public
 * marked. The governor of Chiang Rai sees it in the province's queue with its caller; an agency officer of another
 * office is refused the case (403) and a nation-wide reader sees it without anyone's identity.
 */
const live = useServerAndBrowser();

const CALLER = { name: "นางบุญมา ทดสอบโทร", phone: "089 123 4567" };
const TEXT = "ถนนทรุดตัวเป็นหลุมลึกบริเวณคอสะพานข้ามลำน้ำสาย หน้าวัดป่ายาง รถยนต์ผ่านไม่ได้ ต้องอ้อมไกล";
const NOTE = "โทรประสานแขวงทางหลวงชนบทแล้ว แจ้งว่าถนนสายนี้ถ่ายโอนให้ อบจ. ดูแล";
const REASON = "ถนนสายนี้ถ่ายโอนให้ อบจ.เชียงราย เป็นผู้ดูแล ตามบัญชีถนนถ่ายโอน";
const PIN = { lat: "20.441200", lon: "99.876500" };

const shot = async (page: Page, name: string, fullPage = true) => {
  const file = path.join(SHOTS, `cases-1567-${name}.png`);
  await screenshot(page, file, fullPage);
  fs.copyFileSync(file, path.join("/tmp", `cases-1567-${name}.png`));
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
const leaks = (urls: readonly string[]) => urlsCarrying(urls, [CALLER.name, CALLER.phone]);

it("Mae Sai's Damrongdhama centre enters a 1567 call, accepts it and transfers it to the Chiang Rai PAO; the governor sees it, other offices do not see the caller", async () => {
  const url = live.server.url;
  const serverErrors: string[] = [];

  // 1. the district's centre takes the call: its own district is filled in, the category and subdistrict are chosen
  const desk = await loginAs(live.browser, url, "district.maesai");
  const deskUrls = watchUrls(desk);
  desk.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  // the menu's complaints section (below the fold of a 900-pixel-high window: the queue's button is used)
  expect(await desk.getByTestId("nav-cases").getAttribute("href")).toBe("/cases");
  expect(await desk.getByTestId("nav-cases-new").getAttribute("href")).toBe("/cases/new");
  expect(await desk.getByTestId("nav-cases-routing").getAttribute("href")).toBe("/cases/routing"); // the province's rules, read-only here
  await desk.goto(`${url}/cases`);
  await desk.getByTestId("cases-new-link").click();
  await desk.getByTestId("case-new-title").waitFor();
  await expect.poll(() => desk.getByTestId("case-new-province").inputValue()).toContain("เชียงราย");
  await expect.poll(() => desk.getByTestId("case-new-district").inputValue()).toContain("แม่สาย");
  expect(await desk.getByTestId("case-new-channel-1567").isChecked()).toBe(true);
  // one-stop: the same counter takes a permit application (the delegation module's form opens here)
  await desk.getByTestId("case-new-permit").getByTestId("permit-receive-open").click();
  await desk.getByRole("dialog").getByText("รับคำขอ", { exact: false }).first().waitFor();
  await desk.getByRole("dialog").getByRole("button", { name: "ปิด" }).first().click();
  await desk.getByRole("dialog").waitFor({ state: "detached" });
  await desk.getByTestId("case-new-description").fill(TEXT);
  // as the officer types, the routing hints answer from what the demo's closed history taught the nightly job
  await desk.getByTestId("case-new-use-category").first().waitFor();
  expect(await desk.getByTestId("case-new-suggestions").innerText()).toContain("ถนน");
  await choose(desk, "case-new-category", "สะพาน");
  await choose(desk, "case-new-subdistrict", "570901");
  await desk.getByTestId("case-new-lat").fill(PIN.lat);
  await desk.getByTestId("case-new-lon").fill(PIN.lon);
  await desk.getByTestId("case-new-name").fill(CALLER.name);
  await desk.getByTestId("case-new-phone").fill(CALLER.phone);
  // the consent must be read and agreed before anything is sent
  await desk.getByTestId("case-new-save").click();
  await desk.getByTestId("case-new-invalid").waitFor();
  expect(await desk.getByTestId("case-new-form").innerText()).toContain("ต้องอ่านข้อความขอความยินยอมและผู้แจ้งยินยอม");
  expect(await desk.getByTestId("case-new-consent-text").innerText()).toContain("ไม่เปิดเผยต่อสาธารณะ");
  expect(await desk.getByTestId("case-new-consent-text").innerText()).toContain("ลบเมื่อปิดเรื่องครบ 365 วัน"); // the retention period, from the deployment's setting
  await desk.getByTestId("case-new-consent").check();
  await shot(desk, "01-new-call-th");
  await axe(desk, "the intake form");
  await desk.getByTestId("case-new-save").click();

  // 2. the case page opens with the tracking code to read to the caller, routed by the rules to rural roads
  const banner = desk.getByTestId("case-tracking-banner");
  await banner.waitFor();
  const code = (await desk.getByTestId("case-tracking-code").innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
  expect(await banner.innerText()).toContain("สำนักงานทางหลวงชนบทจังหวัดเชียงราย");
  const id = /\/cases\/([^/?#]+)/.exec(desk.url())![1]!;
  const ref = (await desk.getByTestId("case-title").innerText()).replace("เรื่อง", "").trim();
  expect(ref).toMatch(/^57-\d\d-\d{6}$/);
  expect(await desk.getByTestId("case-steps").locator('[aria-current="step"]').innerText()).toContain("รับเรื่องแล้ว");
  expect(await desk.getByTestId("case-reporters").innerText()).toContain(CALLER.name);
  expect(await desk.getByTestId("case-pin").innerText()).toContain("20.441200, 99.876500");
  await shot(desk, "02-tracking-code-th");
  await desk.getByTestId("case-tracking-done").click();
  await banner.waitFor({ state: "detached" });

  // 3. the queue lists it (hotline, rural roads), without the caller; the officer opens it from there
  await desk.locator("main").getByRole("link", { name: "เรื่องร้องเรียน", exact: true }).click(); // the breadcrumb back to the queue
  await desk.getByTestId("cases-title").waitFor();
  const row = desk.locator(`[data-testid="case-row"][data-ref="${ref}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain("สายด่วน 1567");
  expect(await row.innerText()).toContain("สำนักงานทางหลวงชนบทจังหวัดเชียงราย");
  expect(await desk.locator("main").innerText()).not.toContain(CALLER.name);
  const [download] = await Promise.all([desk.waitForEvent("download"), desk.getByTestId("cases-export").click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain(ref);
  for (const p of [CALLER.name, CALLER.phone]) expect(csv).not.toContain(p);
  await shot(desk, "03-queue-th");
  await axe(desk, "the queue");
  await row.getByTestId("case-link").click();
  await desk.getByTestId("case-title").filter({ hasText: ref }).waitFor();
  expect(await desk.getByTestId("case-tracking-banner").count()).toBe(0); // the code was shown once

  // 4. accept, note internally, transfer to the Chiang Rai PAO with a reason
  await desk.getByTestId("case-accept").click();
  await desk.getByTestId("case-status").filter({ hasText: "หน่วยงานรับเรื่อง" }).first().waitFor();
  await desk.getByTestId("case-event-text").fill(NOTE);
  await desk.getByTestId("case-event-save").click();
  await desk.locator('[data-testid="timeline-event"][data-kind="note"]').waitFor();
  // the caller said "bridge", but it is the road's surface: the officer corrects the category
  await desk.getByTestId("case-category").click();
  await desk.getByTestId("case-category-select").click();
  await desk.getByTestId("case-category-select").fill("ถนน");
  await desk.getByRole("option", { name: "ถนน", exact: true }).click();
  await desk.getByTestId("case-category-save").click();
  await desk.locator('[data-testid="timeline-event"][data-kind="category"]').waitFor();
  await desk.getByTestId("case-transfer").click();
  await desk.getByTestId("case-transfer-form").waitFor();
  await desk.getByTestId("case-transfer-save").click();
  expect(await desk.getByTestId("case-transfer-form").innerText()).toContain("เลือกหน่วยงานที่จะส่งต่อ");
  await choose(desk, "case-transfer-org", "องค์การบริหารส่วนจังหวัดเชียงราย");
  await desk.getByTestId("case-transfer-reason").fill(REASON);
  await shot(desk, "04-transfer-th", false);
  await desk.getByTestId("case-transfer-save").click();
  await desk.getByTestId("case-transfer-form").waitFor({ state: "detached" });
  await desk.getByTestId("case-org").filter({ hasText: "องค์การบริหารส่วนจังหวัดเชียงราย" }).waitFor();

  // 5. the timeline: received, routed, accepted (public), the note (internal), the transfer with its reason (public)
  const events = desk.getByTestId("timeline-event");
  await desk.locator('[data-testid="timeline-event"][data-kind="transferred"]').waitFor();
  const kinds = await events.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-kind")}:${e.getAttribute("data-visibility")}`));
  expect(kinds).toEqual(["received:public", "routed:public", "accept:public", "note:internal", "category:public", "transferred:public"]);
  const note = desk.locator('[data-testid="timeline-event"][data-kind="note"]');
  expect(await note.innerText()).toContain("ภายใน");
  expect(await note.innerText()).toContain(NOTE);
  const moved = await desk.locator('[data-testid="timeline-event"][data-kind="transferred"]').innerText();
  expect(moved).toContain("สาธารณะ");
  expect(moved).toContain("องค์การบริหารส่วนจังหวัดเชียงราย");
  expect(moved).toContain(REASON);
  await shot(desk, "05-transferred-timeline-th");
  await axe(desk, "the case page");
  // the server agrees: with the PAO now, accepted, the version moved on
  const saved = (await (await desk.request.get(`${url}/api/v1/cases/${id}`)).json()) as CaseDetail;
  expect(saved.assignedOrg?.id).toBe("pao:57");
  expect(saved.status).toBe("accepted");
  expect(saved.routedBy).toBe("staff");
  // nothing the desk's pages asked for or showed carried the caller (it went in a request body)
  expect(deskUrls.length).toBeGreaterThan(10);
  expect(leaks(deskUrls)).toEqual([]);

  // 6. the governor sees it in the province's queue and, handling the province, who called
  const governor = await loginAs(live.browser, url, "governor.chiangrai");
  governor.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await governor.goto(`${url}/cases?province=57&channel=hotline_1567`);
  const govRow = governor.locator(`[data-testid="case-row"][data-ref="${ref}"]`);
  await govRow.waitFor();
  expect(await govRow.innerText()).toContain("องค์การบริหารส่วนจังหวัดเชียงราย");
  expect(await govRow.innerText()).toContain("หน่วยงานรับเรื่อง");
  await shot(governor, "06-governor-province-queue-th");
  await govRow.getByTestId("case-link").click();
  await governor.getByTestId("case-title").filter({ hasText: ref }).waitFor();
  expect(await governor.getByTestId("case-reporters").innerText()).toContain(CALLER.name);
  expect(await governor.locator('[data-testid="timeline-event"][data-kind="note"]').innerText()).toContain(NOTE);

  // 7. PDPA: an officer of another provincial office is refused the case; a nation-wide reader sees no one
  const health = await loginAs(live.browser, url, "officer.health.chiangrai");
  expect((await health.request.get(`${url}/api/v1/cases/${id}`)).status()).toBe(403);
  const theirQueue = (await (await health.request.get(`${url}/api/v1/cases?q=${encodeURIComponent(ref)}`)).json()) as CaseList;
  expect(theirQueue.items.map((c) => c.id)).not.toContain(id);
  const reader = await loginAs(live.browser, url, "pmoc");
  const read = (await (await reader.request.get(`${url}/api/v1/cases/${id}`)).json()) as CaseDetail;
  expect(read.reporters).toBeNull();
  expect(read.lat).toBeNull();
  expect(JSON.stringify(read)).not.toContain(CALLER.name);
  expect(JSON.stringify(read)).not.toContain(NOTE); // internal notes are for handlers only
  await reader.goto(`${url}/cases/${id}`);
  await reader.getByTestId("case-reporters-hidden").waitFor();
  expect(await reader.getByTestId("case-read-only").count()).toBe(1);
  expect(await reader.locator("main").innerText()).not.toContain(CALLER.name);
  await shot(reader, "07-nation-reader-no-caller-th");

  expect(serverErrors).toEqual([]);
}, 240_000);

/** A photo as a phone would send it: a noisy picture (not a flat one), PNG. */
async function photo(): Promise<Buffer> {
  const w = 160;
  const h = 120;
  const raw = Buffer.alloc(w * h * 3);
  for (let k = 0; k < raw.length; k++) raw[k] = (k * 7919 + Math.floor(Math.random() * 64)) % 256;
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}
/** POSTs JSON as the page's logged-in user (with the session's CSRF token). */
async function post<T>(page: Page, path: string, data: unknown): Promise<{ status: number; body: T }> {
  const me = (await (await page.request.get(`${live.server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const r = await page.request.post(`${live.server.url}/api/v1${path}`, { headers: { "x-csrf-token": me.csrfToken }, data });
  return { status: r.status(), body: (await r.json().catch(() => null)) as T };
}

it("the desk's other tools: a duplicate merged, bulk assignment, a stale action reloads, an after-photo resolves; the province sets a routing rule and imports a Traffy export", async () => {
  const url = live.server.url;
  const serverErrors: string[] = [];
  const desk = await loginAs(live.browser, url, "district.maesai");
  desk.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  const base = { channel: "walk_in", categoryId: "drain", subdistrictCode: "570902", consent: true, reporter: { anonymous: true, notify: false } } as const;
  const first = await post<SubmittedCase>(desk, "/cases", { ...base, lat: 20.4501, lon: 99.8702, descriptionTh: "ท่อระบายน้ำอุดตัน น้ำเน่าขังหน้าตลาดห้วยไคร้ ส่งกลิ่นเหม็นมาก" });
  const again = await post<SubmittedCase>(desk, "/cases", { ...base, lat: 20.45012, lon: 99.87021, descriptionTh: "ท่อระบายน้ำอุดตัน น้ำขังหน้าตลาดห้วยไคร้ ส่งกลิ่นเหม็น" });
  const other = await post<SubmittedCase>(desk, "/cases", { ...base, categoryId: "lighting", subdistrictCode: "570903", descriptionTh: "ไฟทางดับทั้งซอย บ้านเกาะช้าง มืดมากตอนกลางคืน" });
  expect([first.status, again.status, other.status]).toEqual([201, 201, 201]);
  expect(again.body.possibleDuplicates.map((d) => d.id)).toContain(first.body.id);

  // 1. the second report offers the first as a duplicate: merged into it, its reporter counts as support
  await desk.goto(`${url}/cases/${again.body.id}`);
  const dup = desk.getByTestId("duplicate-row").filter({ hasText: first.body.publicRef });
  await dup.waitFor();
  await shot(desk, "11-duplicate-offered-th");
  await dup.getByTestId("duplicate-merge").click();
  await desk.getByTestId("duplicate-merge-save").click();
  await desk.getByTestId("case-merged").waitFor();
  expect(await desk.getByTestId("case-status").first().innerText()).toContain("ปิดเรื่อง");
  const merged = (await (await desk.request.get(`${url}/api/v1/cases/${first.body.id}`)).json()) as CaseDetail;
  expect(merged.supportCount).toBe(2);
  expect(merged.timeline.map((e) => e.kind)).toContain("merged-in");

  // 2. bulk assignment from the queue: both open walk-ins to the officer (the merged one is not listed)
  await desk.goto(`${url}/cases?channel=walk_in&district=5709`);
  await desk.locator(`[data-testid="case-row"][data-ref="${other.body.publicRef}"]`).waitFor();
  expect(await desk.getByTestId("case-row").count()).toBe(2);
  await desk.getByTestId("cases-select-page").check();
  await desk.getByTestId("cases-bulk-assign").click();
  // the people who handle both cases: the officer first and chosen, the province's office too, no other agency's staff
  const meOption = desk.locator('[data-testid="assignee-option"][data-account="demo-district.maesai"]');
  await meOption.waitFor();
  expect(await meOption.isChecked()).toBe(true);
  const people = await desk.getByTestId("assignee-option").evaluateAll((els) => els.map((e) => e.getAttribute("data-account")));
  expect(people).toContain("demo-strategy.chiangrai");
  expect(people).not.toContain("demo-officer.health.chiangrai");
  await shot(desk, "12a-bulk-assign-people-th", false);
  await desk.getByTestId("cases-assign-save").click();
  await expect.poll(() => desk.getByTestId("case-assignee").count()).toBe(2);
  expect(await desk.getByTestId("case-assignee").first().innerText()).toBe("มอบหมายให้ฉัน");
  await desk.getByTestId("cases-view-mine").click();
  await expect.poll(() => desk.getByTestId("case-row").count()).toBe(2);
  await shot(desk, "12-bulk-assigned-mine-th");
  // one case handed on to the province's strategy office: the case page names who has it
  await desk.goto(`${url}/cases/${other.body.id}`);
  await desk.getByTestId("case-assign").click();
  await desk.locator('[data-testid="assignee-option"][data-account="demo-strategy.chiangrai"]').check();
  await desk.getByTestId("case-assign-save").click();
  await desk.getByTestId("case-assignee").filter({ hasText: "กลุ่มงานยุทธศาสตร์ จ.เชียงราย" }).waitFor();
  expect(await desk.locator('[data-testid="timeline-event"][data-kind="assigned"]').last().innerText()).toContain("ภายใน");

  // 3. someone changes the case meanwhile: the page's action is refused (409), the case reloads, the retry works
  await desk.goto(`${url}/cases/${first.body.id}`);
  await desk.getByTestId("case-start").waitFor();
  const shown = (await (await desk.request.get(`${url}/api/v1/cases/${first.body.id}`)).json()) as CaseDetail;
  const edit = await post<{ version: number }>(desk, `/cases/${first.body.id}/public-text`, { publicText: "ท่อระบายน้ำอุดตัน น้ำขังหน้าตลาดห้วยไคร้", version: shown.version });
  expect(edit.status).toBe(200);
  await desk.getByTestId("case-start").click();
  await desk.getByTestId("case-reloaded").waitFor();
  expect(await desk.getByTestId("case-actions").innerText()).toContain("เรื่องนี้ถูกแก้ไขไปแล้วโดยผู้อื่น");
  await desk.getByTestId("case-public-text").getByText("ท่อระบายน้ำอุดตัน น้ำขังหน้าตลาดห้วยไคร้", { exact: true }).waitFor();
  await desk.getByTestId("case-start").click();
  await desk.getByTestId("case-status").filter({ hasText: "กำลังดำเนินการ" }).first().waitFor();

  // 4. resolving needs proof: a reason too short is refused on the form; an after-photo uploaded here is chosen
  await desk.getByTestId("case-resolve").click();
  await desk.getByTestId("case-resolve-by-reason").check();
  await desk.getByTestId("case-resolve-reason").fill("ลอกแล้ว");
  await desk.getByTestId("case-resolve-save").click();
  expect(await desk.getByTestId("case-resolve-form").innerText()).toContain("ระบุเหตุผลอย่างน้อย 10 ตัวอักษร");
  await desk.getByTestId("case-resolve-by-photo").check();
  await desk.getByTestId("case-resolve-form").locator('input[type="file"]').setInputFiles({ name: "after.png", mimeType: "image/png", buffer: await photo() });
  await desk.getByTestId("case-after-upload").click();
  await desk.getByTestId("case-after-choice").first().waitFor();
  expect(await desk.getByTestId("case-after-choice").first().isChecked()).toBe(true); // the uploaded photo is chosen
  await shot(desk, "13-resolve-with-after-photo-th", false);
  await desk.getByTestId("case-resolve-save").click();
  await desk.getByTestId("case-resolve-form").waitFor({ state: "detached" });
  await desk.getByTestId("case-status").filter({ hasText: "ดำเนินการเสร็จ" }).first().waitFor();
  const img = desk.getByTestId("case-photos-after").locator("img");
  await img.waitFor();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  await shot(desk, "14-resolved-th");

  // 5. the province's strategy office routes lighting in Ko Chang subdistrict to the PAO, then removes the rule
  const strategy = await loginAs(live.browser, url, "strategy.chiangrai");
  strategy.on("response", (r) => r.status() >= 500 && serverErrors.push(`${r.status()} ${r.url()}`));
  await strategy.goto(`${url}/cases/routing`);
  await strategy.locator('[data-testid="routing-row"][data-area="district:5709"]').waitFor(); // the demo's rule: roads in Mae Sai
  await strategy.getByTestId("routing-level-subdistrict").check();
  await choose(strategy, "routing-district", "5709");
  await choose(strategy, "routing-subdistrict", "570903");
  await choose(strategy, "routing-category", "แสงสว่าง");
  await choose(strategy, "routing-org", "องค์การบริหารส่วนจังหวัดเชียงราย");
  await strategy.getByTestId("routing-save").click();
  const rule = strategy.locator('[data-testid="routing-row"][data-area="subdistrict:570903"]');
  await rule.waitFor();
  expect(await rule.innerText()).toContain("ตำบลเกาะช้าง อำเภอแม่สาย");
  expect(await rule.innerText()).toContain("แสงสว่าง");
  await shot(strategy, "15-routing-rules-th");
  await axe(strategy, "the routing rules");
  await rule.getByTestId("routing-delete").click();
  await strategy.getByTestId("routing-delete-save").click();
  await rule.waitFor({ state: "detached" });

  // 6. and imports a Traffy Fondue export: the good row becomes a case, the bad one is reported by its line
  const csv = [
    "ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,province,timestamp,state,star,count_reopen,last_activity,source",
    '2023-E2E001,{ถนน},อบจ.เชียงราย,ถนนหน้าด่านแม่สายเป็นหลุมลึก,"99.8826,20.4335",,,ถนนพหลโยธิน,แม่สาย,แม่สาย,เชียงราย,2023-05-11 04:41:36.046347+00,เสร็จสิ้น,4,0,2023-05-12 05:00:00+00,e2e',
    "2023-E2E002,{ไฟฟ้า},อบจ.เชียงราย,ไฟดับ,,,,,แม่สาย,แม่สาย,เชียงราย,yesterday,รอรับเรื่อง,,0,,e2e",
  ].join("\n");
  await strategy.goto(`${url}/cases/imports`);
  await strategy.locator('input[type="file"]').setInputFiles({ name: "traffy-chiangrai.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await strategy.getByTestId("cases-import-submit").click();
  const job = strategy.getByTestId("cases-import-job");
  await job.and(strategy.locator('[data-status="partially_succeeded"]')).waitFor({ timeout: 60_000 });
  expect(await strategy.getByTestId("cases-import-issue").first().innerText()).toContain("3");
  expect(await strategy.getByTestId("cases-import-counts").innerText()).toContain("สร้าง 1 เรื่อง");
  await shot(strategy, "16-traffy-import-th");
  await axe(strategy, "the imports page");

  expect(serverErrors).toEqual([]);
}, 240_000);
