import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addDays, bangkokToday, formatThaiDate } from "../src/platform/thai/index.js";
import { loginAs, screenshot, SHOTS, useServerAndBrowser } from "./harness.js";

/**
 * Anyone, without logging in, opens the delegation registry, turns to Khon Kaen and reads what its governor decides
 * (public-land use permits, P-ADM-015, delegated in the demo) and what stays central (the state-land lease,
 * P-ADM-013); asks who decides a public-land use permit in Mueang Khon Kaen for 200,000 baht (the district chief,
 * by the chain Department of Lands → governor → district chief) and for 800,000 baht (the district chief's
 * instrument is over its cap: the governor decides); opens the instrument and its chain; the same in English.
 * Then the governor of Khon Kaen delegates onward to her vice governor, and the Ministry of Interior revokes the
 * Department of Lands' instrument: the warning names the two onward delegations the cascade reaches, and the
 * matter goes back to the central authority.
 */
const live = useServerAndBrowser();

/** A phone's width: the layout settles (the menu folds away) before the picture. */
async function asPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(700);
}

const shot = (page: Page, name: string, fullPage = true) => screenshot(page, path.join(SHOTS, `delegation-${name}.png`), fullPage);

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Picks an option of a Mantine Select: type to filter, then click the option. */
async function choose(page: Page, testId: string, typed: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

/** A search parameter as the app means it: the router writes a string that looks like a number in quotes ("40"). */
function param(u: URL, key: string): string | null {
  const v = u.searchParams.get(key);
  if (v === null) return null;
  try {
    return String(JSON.parse(v));
  } catch {
    return v;
  }
}

/** The registry and the authority check answer for today (Asia/Bangkok) unless asked about another day. */
const today = bangkokToday();
const todayTh = formatThaiDate(today, { locale: "th" });
const todayEn = formatThaiDate(today, { locale: "en" });

const chainLabels = (page: Page, scope: string) => page.locator(`${scope} [data-testid="chain-label"]`).allInnerTexts();

it("a visitor reads what Khon Kaen's governor decides, asks who decides a land-use permit, and follows the chain of instruments", async () => {
  const context = await live.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("response", (r) => r.url().includes("/api/") && r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(`${live.server.url}/`);

  // the registry, from the menu; the catalogue marks the entries no source has confirmed
  await page.getByTestId("nav-delegation").click();
  await page.getByTestId("delegation-title").waitFor();
  await page.locator('[data-testid="power-row"][data-code="P-ADM-015"]').waitFor();
  expect(await page.locator('[data-testid="power-row"][data-code="P-ADM-015"] [data-testid="power-verified"]').innerText()).toContain("ยังไม่ได้ยืนยัน");
  expect(await page.locator('[data-testid="power-row"][data-code="P-ADM-013"] [data-testid="power-verified"]').innerText()).toContain("ยืนยันแหล่งที่มาแล้ว");
  expect(await page.getByTestId("powers-count").innerText()).toMatch(/อำนาจ 36 รายการ · ยังไม่ได้ยืนยันแหล่งที่มา \d+ รายการ/);
  await page.getByTestId("powers-permit").check();
  await page.waitForURL((u) => param(u, "permit") === "true");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="power-row"]').length < 36);
  expect(await page.locator('[data-testid="power-row"][data-code="P-BUD-001"]').count()).toBe(0);
  await shot(page, "01-registry-powers-th");
  await axe(page);

  // by province: Khon Kaen, today
  await page.getByTestId("view-province").click();
  await choose(page, "province-select", "ขอนแก่น", /ขอนแก่น/);
  await page.waitForURL((u) => param(u, "view") === "province" && param(u, "province") === "40");
  await page.getByTestId("province-powers-table").waitFor();
  expect(await page.getByTestId("province-powers-title").innerText()).toBe(`เรื่องที่ผู้ว่าราชการจังหวัดขอนแก่นตัดสินใจได้ ณ วันที่ ${todayTh}`);
  const landUse = page.locator('[data-testid="province-power-row"][data-code="P-ADM-015"]');
  expect(await landUse.getAttribute("data-decision")).toBe("delegated");
  const landUseText = await landUse.innerText();
  expect(landUseText).toContain("ตัดสินใจได้ในจังหวัด");
  expect(landUseText).toContain("คำสั่งกรมที่ดิน ที่ 140/2568 (ตัวอย่าง)");
  const lease = page.locator('[data-testid="province-power-row"][data-code="P-ADM-013"]');
  expect(await lease.getAttribute("data-decision")).toBe("central");
  expect(await lease.innerText()).toContain("ส่งส่วนกลาง");
  expect(await page.getByTestId("province-counts").innerText()).toMatch(/ตัดสินใจได้ในจังหวัด \d+ เรื่อง · ↑ ต้องส่งส่วนกลาง \d+ เรื่อง/);
  // the vice governor holds procurement approvals up to 5 million baht
  await page.getByTestId("role-switch").getByText("รองผู้ว่าราชการจังหวัด").click();
  await page.waitForURL((u) => param(u, "role") === "vice_governor");
  await page.locator('[data-testid="province-powers-title"]', { hasText: "เรื่องที่รองผู้ว่าราชการจังหวัดขอนแก่นตัดสินใจได้" }).waitFor();
  expect(await page.locator('[data-testid="province-power-row"][data-code="P-PRC-002"]').innerText()).toContain("5,000,000.00 บาท");
  await page.getByTestId("role-switch").getByText("ผู้ว่าราชการจังหวัด", { exact: true }).click();
  await page.waitForURL((u) => !u.searchParams.has("role"));
  await page.locator('[data-testid="province-powers-title"]', { hasText: "เรื่องที่ผู้ว่าราชการจังหวัดขอนแก่นตัดสินใจได้" }).waitFor();
  await shot(page, "02-registry-khon-kaen-th");
  await axe(page);

  // who decides a public-land use permit in Mueang Khon Kaen for 200,000 baht?
  await page.getByTestId("nav-authority").click();
  await page.getByTestId("authority-title").waitFor();
  await choose(page, "authority-power", "P-ADM-015", /^P-ADM-015/);
  await choose(page, "authority-province", "ขอนแก่น", /ขอนแก่น/);
  await choose(page, "authority-district", "เมืองขอนแก่น", /4001 · เมืองขอนแก่น/);
  await page.getByTestId("authority-amount").fill("200000");
  await page.getByTestId("authority-ask").click();
  await page.waitForURL((u) => param(u, "power") === "P-ADM-015" && param(u, "province") === "40" && param(u, "district") === "4001" && param(u, "amount") === "200000");
  await page.locator('[data-testid="authority-answer"][data-decision="delegated"]').waitFor();
  expect(await page.getByTestId("authority-decision").innerText()).toBe("ตัดสินใจได้ในจังหวัดขอนแก่น");
  expect(await page.getByTestId("authority-decider").innerText()).toBe("ผู้ตัดสินใจ: นายอำเภอเมืองขอนแก่น");
  expect(await page.getByTestId("authority-question").innerText()).toContain(`วงเงิน 200,000.00 บาท · ณ วันที่ ${todayTh}`);
  expect(await page.getByTestId("authority-unverified").innerText()).toContain("ยังไม่มีแหล่งที่มายืนยัน");
  const deciders = page.getByTestId("decider");
  expect(await deciders.count()).toBe(2);
  expect(await deciders.first().getAttribute("data-role")).toBe("district_chief");
  expect(await deciders.nth(1).getAttribute("data-role")).toBe("governor");
  expect(await chainLabels(page, '[data-testid="decider"]:first-child')).toEqual(["กรมที่ดิน", "ผู้ว่าราชการจังหวัดขอนแก่น", "นายอำเภอเมืองขอนแก่น"]);
  const firstChain = await deciders.first().getByTestId("chain-diagram").innerText();
  expect(firstChain).toContain("คำสั่งจังหวัด ที่ 240/2568 (ตัวอย่าง)");
  expect(firstChain).toContain("ลงวันที่ 1 ธ.ค. 2567");
  expect(firstChain).toContain("วงเงิน: 500,000.00 บาท");
  expect(await page.getByTestId("authority-legal-basis").innerText()).toContain("ประมวลกฎหมายที่ดิน");
  expect(await page.getByTestId("authority-explanation").innerText()).toMatch(/^นายอำเภอเมืองขอนแก่น ตัดสินใจได้/);
  expect(await page.getByTestId("authority-not-applicable").count()).toBe(0);
  await shot(page, "03-authority-200000-th");
  await axe(page);
  await asPhone(page);
  await shot(page, "04-authority-200000-phone-th");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // for 800,000 baht the district chief's instrument is over its cap: the governor decides
  await page.getByTestId("authority-amount").fill("800000");
  await page.getByTestId("authority-ask").click();
  await page.waitForURL((u) => param(u, "amount") === "800000");
  await page.locator('[data-testid="not-applicable"]').waitFor();
  expect(await page.getByTestId("authority-decider").innerText()).toBe("ผู้ตัดสินใจ: ผู้ว่าราชการจังหวัดขอนแก่น");
  expect(await page.getByTestId("decider").count()).toBe(1);
  expect(await chainLabels(page, '[data-testid="decider"]')).toEqual(["กรมที่ดิน", "ผู้ว่าราชการจังหวัดขอนแก่น"]);
  const over = page.locator('[data-testid="not-applicable"][data-reason="over-limit"]');
  expect(await over.innerText()).toMatch(/นายอำเภอเมืองขอนแก่น\s+คำสั่งจังหวัด ที่ 240\/2568 \(ตัวอย่าง\)\s+✕ วงเงินที่ถามเกินวงเงินที่มอบไว้/);
  await shot(page, "05-authority-800000-th");
  await axe(page);

  // the answer is a link: opened afresh, it answers the same
  const answerUrl = page.url();
  const again = await context.newPage();
  await again.goto(answerUrl);
  await again.locator('[data-testid="not-applicable"][data-reason="over-limit"]').waitFor();
  expect(await again.getByTestId("authority-decider").innerText()).toBe("ผู้ตัดสินใจ: ผู้ว่าราชการจังหวัดขอนแก่น");
  await again.close();

  // the instrument that does not reach 800,000 baht: its terms and its chain
  await over.getByRole("link").click();
  await page.getByTestId("instrument-title").waitFor();
  expect(await page.getByTestId("instrument-title").innerText()).toBe("คำสั่งจังหวัด ที่ 240/2568 (ตัวอย่าง)");
  expect(await page.getByTestId("instrument-summary").innerText()).toBe("ผู้ว่าราชการจังหวัดขอนแก่น มอบอำนาจให้ นายอำเภอเมืองขอนแก่น");
  expect(await page.getByTestId("instrument-status").first().innerText()).toContain("มีผลใช้บังคับ");
  expect(await page.getByTestId("record-demo-badge").first().innerText()).toBe("ตัวอย่าง");
  expect(await page.getByTestId("instrument-cap").innerText()).toContain("500,000.00 บาท");
  expect(await chainLabels(page, '[data-testid="instrument-chain"]')).toEqual(["กรมที่ดิน", "ผู้ว่าราชการจังหวัดขอนแก่น", "นายอำเภอเมืองขอนแก่น"]);
  expect(await page.getByTestId("no-onward").innerText()).toBe("ยังไม่มีการมอบอำนาจช่วงต่อ");
  expect(await page.getByTestId("subdelegate-open").count()).toBe(0);
  expect(await page.getByTestId("revoke-open").count()).toBe(0);
  expect(await page.getByTestId("history-panel").count()).toBe(0);
  await shot(page, "06-instrument-district-chief-th");
  await axe(page);
  await asPhone(page);
  await shot(page, "07-instrument-district-chief-phone-th");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // up the chain: the governor's instrument and its onward delegation as a tree
  await page.locator('[data-testid="instrument-chain"] [data-testid="chain-instrument-link"]').first().click();
  await page.waitForURL((u) => u.pathname === "/delegation/instruments/demo-deleg-019");
  await page.locator('[data-testid="tree-node"][data-id="demo-deleg-020"]').waitFor();
  expect(await page.getByTestId("instrument-tree").innerText()).toContain("นายอำเภอเมืองขอนแก่น");

  // the same in English
  await page.getByTestId("lang-switch").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.locator('[data-testid="instrument-summary"]', { hasText: "Department of Lands delegates to Governor of Khon Kaen" }).waitFor();
  expect(await chainLabels(page, '[data-testid="instrument-chain"] .chain')).toEqual(["Department of Lands", "Governor of Khon Kaen"]);
  expect(await page.getByTestId("instrument-status").first().innerText()).toContain("In force");
  await shot(page, "08-instrument-governor-en");
  await axe(page);
  await page.goto(answerUrl.replace("amount=800000", "amount=200000"));
  await page.locator('[data-testid="authority-answer"][data-decision="delegated"]').waitFor();
  expect(await page.getByTestId("authority-decision").innerText()).toBe("Decided in Khon Kaen");
  expect(await page.getByTestId("authority-decider").innerText()).toBe("Decides: District chief of Mueang Khon Kaen");
  expect(await chainLabels(page, '[data-testid="decider"]:first-child')).toEqual(["Department of Lands", "Governor of Khon Kaen", "District chief of Mueang Khon Kaen"]);
  expect(await page.getByTestId("authority-question").innerText()).toContain(`amount THB 200,000.00 · on ${todayEn}`);
  await shot(page, "09-authority-200000-en");
  await axe(page);
  await page.goto(`${live.server.url}/delegation?view=province&province=40`);
  await page.locator('[data-testid="province-power-row"][data-code="P-ADM-013"][data-decision="central"]').waitFor();
  expect(await page.getByTestId("province-powers-title").innerText()).toBe(`What the governor of Khon Kaen may decide on ${todayEn}`);
  expect(await page.locator('[data-testid="province-power-row"][data-code="P-ADM-013"]').innerText()).toContain("Goes to the central authority");
  expect(await page.locator('[data-testid="province-power-row"][data-code="P-ADM-015"]').innerText()).toContain("Decided in the province");
  await shot(page, "10-registry-khon-kaen-en");
  await axe(page);
  expect(problems).toEqual([]);
  await context.close();
});

it("Khon Kaen's governor delegates onward to her vice governor; the Ministry of Interior revokes the land department's instrument and the cascade reaches both onward delegations", async () => {
  const page = await loginAs(live.browser, live.server.url, "governor.khonkaen");
  // from her province's page to what she may decide
  await page.goto(`${live.server.url}/provinces/40`);
  await page.getByTestId("province-powers-link").click();
  await page.waitForURL((u) => u.pathname === "/delegation" && param(u, "province") === "40");
  await page.locator('[data-testid="province-power-row"][data-code="P-ADM-015"] [data-testid="instrument-link"]').click();
  await page.getByTestId("subdelegate-open").click();
  const form = page.getByTestId("subdelegate-form");
  await form.waitFor();
  await page.getByTestId("sub-cap").fill("300000");
  await page.getByTestId("sub-no").fill("คำสั่งจังหวัดขอนแก่น ที่ 77/2569");
  await page.getByTestId("sub-conditions").fill("เฉพาะคำขอในเขตเทศบาลนครขอนแก่น");
  await screenshot(page, path.join(SHOTS, "delegation-11-subdelegate-form-th.png"), false);
  await axe(page);
  await page.getByTestId("subdelegate-submit").click();
  await page.getByTestId("subdelegate-done").waitFor();
  const tree = page.getByTestId("instrument-tree");
  await tree.getByText("รองผู้ว่าราชการจังหวัดขอนแก่น").waitFor();
  expect(await tree.innerText()).toContain("วงเงิน: 300,000.00 บาท");
  await page.getByTestId("subdelegate-done").getByRole("link").click();
  await page.locator('[data-testid="instrument-title"]', { hasText: "คำสั่งจังหวัดขอนแก่น ที่ 77/2569" }).waitFor();
  expect(await chainLabels(page, '[data-testid="instrument-chain"]')).toEqual(["กรมที่ดิน", "ผู้ว่าราชการจังหวัดขอนแก่น", "รองผู้ว่าราชการจังหวัดขอนแก่น"]);
  // her own instrument: she may revoke it, and she reads its history
  expect(await page.getByTestId("revoke-open").count()).toBe(1);
  await page.getByTestId("history-panel").getByText("สร้าง · คำสั่งมอบอำนาจ").waitFor();
  await shot(page, "12-instrument-vice-governor-th");
  await axe(page);
  await page.context().close();

  // the ministry revokes the department's instrument: the warning names the two onward delegations
  const moi = await loginAs(live.browser, live.server.url, "moi.officer");
  await moi.goto(`${live.server.url}/delegation/instruments/demo-deleg-019`);
  await moi.getByTestId("revoke-open").click();
  // revoked from a day ahead: still in force today, central from then on
  const revokedFrom = addDays(today, 9);
  await moi.getByTestId("revoke-date").fill(revokedFrom);
  await moi.getByTestId("revoke-reason").fill("ปรับปรุงคำสั่งมอบอำนาจตามกฎกระทรวงฉบับใหม่");
  const warning = await moi.getByTestId("revoke-cascade").innerText();
  expect(warning).toContain("การมอบอำนาจช่วงต่อจากคำสั่งนี้อีก 2 ฉบับจะถูกยกเลิกตามไปด้วย");
  expect(warning).toContain("นายอำเภอเมืองขอนแก่น");
  expect(warning).toContain("รองผู้ว่าราชการจังหวัดขอนแก่น");
  await moi.screenshot({ path: path.join(SHOTS, "delegation-13-revoke-warning-th.png") });
  await axe(moi);
  await moi.getByTestId("revoke-submit").click();
  expect(await moi.getByTestId("revoke-done").innerText()).toContain("2 ฉบับ");
  // still in force today; from the revocation date the matter goes to the central authority
  await moi.goto(`${live.server.url}/delegation/authority?power=P-ADM-015&province=40&district=4001&amount=200000&date=${revokedFrom}`);
  await moi.locator('[data-testid="authority-answer"][data-decision="central"]').waitFor();
  expect(await moi.getByTestId("authority-decider").innerText()).toBe("ผู้มีอำนาจ: อธิบดีกรมที่ดิน (กรมที่ดิน)");
  expect(await moi.locator('[data-testid="not-applicable"][data-reason="revoked"]').count()).toBe(3);
  await shot(moi, "14-authority-after-revocation-th");
  await axe(moi);
  await moi.context().close();
});
