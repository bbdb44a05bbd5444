import path from "node:path";
import sharp from "sharp";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import type { PublicCaseView } from "../src/modules/cases/contracts.js";
import { screenshot, SHOTS, useServerAndBrowser } from "./harness.js";
import th from "../src/web/i18n/th.json";

/**
 * A villager in Mae Sai, on her phone, reports the flooded road in front of the school: she chooses "flooding",
 * answers its two questions, writes in Thai, lets the phone give her position and takes a photo; she leaves her
 * name and phone for the officers only, agrees to the PDPA text and gets a tracking code shown once. Starting a
 * second report on the same spot, the form offers hers as a possible duplicate. The Mae Sai Damrongdhama centre
 * accepts the case, starts work, uploads an after-photo and resolves it. She tracks the case with the code, sees
 * "ดำเนินการเสร็จ" and the after-photo, rates it 5 (which closes it), and finds it on the public board, its map and
 * its statistics, with nothing that names her anywhere public.
 */
const live = useServerAndBrowser();

const MAE_SAI = { latitude: 20.42, longitude: 99.88 };
const TEXT = "ถนนหน้าโรงเรียนบ้านแม่สายน้ำท่วมขังสูงประมาณ 40 เซนติเมตร รถจักรยานยนต์ผ่านไม่ได้ เด็กนักเรียนต้องเดินลุยน้ำ";
const REPORTER = { name: "มาลัย ทดสอบดี", phone: "081 234 5678", email: "malai@example.invalid" };
const shot = (page: Page, name: string) => screenshot(page, path.join(SHOTS, `cases-public-${name}.png`));

async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), where).toEqual([]);
}

/** A photo with some structure (a flat colour would have no difference hash to compare). */
async function photo(kind: "flood" | "dry"): Promise<Buffer> {
  const svg =
    kind === "flood"
      ? `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#8fb3d9"/><rect y="420" width="1200" height="480" fill="#7a5c3a"/>${Array.from({ length: 12 }, (_, i) => `<rect x="${i * 100}" y="${450 + (i % 3) * 120}" width="70" height="18" fill="#b89a70"/>`).join("")}</svg>`
      : `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#dfe8f1"/><polygon points="0,900 500,380 700,380 1200,900" fill="#444"/><rect x="590" y="420" width="20" height="480" fill="#fff"/><circle cx="1000" cy="180" r="90" fill="#f7c948"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Opens the phone's menu and follows one of its links. */
async function menu(page: Page, testId: string) {
  await page.getByRole("button", { name: th.nav.toggle }).click();
  await page.getByTestId(testId).click();
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await live.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "th-TH", geolocation: MAE_SAI, permissions: ["geolocation"] });
  const page = await context.newPage();
  return { context, page };
}

it("a citizen reports a flooded road in Mae Sai on her phone, the district centre resolves it with an after-photo, and she rates it and finds it on the public board", async () => {
  const { url } = live.server;
  const { context, page } = await phone();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  // 1. the report, from the menu of the home page
  await page.goto(url);
  await menu(page, "nav-report");
  await page.getByTestId("report-title").waitFor();
  expect(await page.getByTestId("report-title").innerText()).toBe("แจ้งเรื่องร้องเรียน");
  // sending an empty form names what is missing, in Thai, and sends nothing
  await page.getByTestId("report-submit").click();
  await page.getByTestId("report-invalid").waitFor();
  expect(await page.getByTestId("report-form").innerText()).toContain(th.casesPublic.report.invalid.category);
  expect(await page.getByTestId("report-location-error").innerText()).toBe(th.casesPublic.report.invalid.location);

  await page.getByTestId("report-category").selectOption("flood");
  await page.getByTestId("report-category-hint").waitFor();
  expect(await page.getByTestId("report-category-hint").innerText()).toContain("4 ชั่วโมง");
  await page.getByTestId("report-attr-water_depth_cm").fill("40");
  await page.getByTestId("report-attr-road_passable").getByLabel("ผ่านไม่ได้").check();
  await page.getByTestId("report-description").fill(TEXT);
  expect(await page.getByTestId("report-description-count").innerText()).toContain(`${TEXT.length} /`);
  await page.getByTestId("report-locate").click();
  await page.getByTestId("report-pin").waitFor();
  expect(await page.getByTestId("report-pin").innerText()).toContain("20.42000, 99.88000");
  await page.getByTestId("report-address").fill("หน้าโรงเรียนบ้านแม่สาย");
  await page.getByTestId("report-photo-input").setInputFiles({ name: "flood.jpg", mimeType: "image/jpeg", buffer: await photo("flood") });
  await page.getByTestId("report-photos").locator("img").first().waitFor();
  // contact for the officers only
  await page.getByRole("switch", { name: th.casesPublic.report.who.anonymous }).uncheck();
  await page.getByTestId("report-name").fill(REPORTER.name);
  await page.getByTestId("report-phone").fill(REPORTER.phone);
  await page.getByTestId("report-email").fill(REPORTER.email);
  expect(await page.getByTestId("report-notify").isChecked()).toBe(true);
  expect(await page.getByTestId("report-consent-text").innerText()).toContain(th.casesPublic.consent.who);
  expect(await page.getByTestId("report-consent-version").innerText()).toContain("2026-11");
  await page.getByTestId("report-consent").check();
  await shot(page, "01-report-filled");
  await axe(page, "report form");
  await page.getByTestId("report-submit").click();

  // 2. the answer: the public number, the tracking code shown once, the office and the due time
  await page.getByTestId("report-done").waitFor();
  const code = (await page.getByTestId("report-tracking-code").innerText()).trim();
  const ref = (await page.getByTestId("report-public-ref").innerText()).trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  expect(ref).toMatch(/^57-\d{2}-\d{6}$/);
  expect(await page.getByTestId("report-once-warning").innerText()).toContain(th.casesPublic.done.onceTitle);
  expect(await page.getByTestId("report-office").innerText()).toContain("ป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงราย");
  expect(await page.getByTestId("report-due").innerText()).toMatch(/25\d\d/); // a Buddhist-era year
  await shot(page, "02-report-done");
  await axe(page, "report answer");

  // 3. a second report on the same spot is offered hers as a possible duplicate before it is sent
  await page.getByTestId("report-another").click();
  await page.getByTestId("report-category").selectOption("flood");
  await page.getByTestId("report-description").fill("น้ำท่วมขังถนนหน้าโรงเรียนบ้านแม่สาย รถจักรยานยนต์ผ่านไม่ได้");
  await page.getByTestId("report-locate").click();
  await page.getByTestId("report-similar").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("report-similar").innerText()).toContain(ref);
  expect(await page.getByTestId("report-similar").innerText()).toContain(th.casesPublic.report.similar.title);
  await page.getByTestId("report-similar").scrollIntoViewIfNeeded();
  await screenshot(page, path.join(SHOTS, "cases-public-03-possible-duplicate.png"), false);

  // 4. the Mae Sai Damrongdhama centre works the case through the API: accept, start, after-photo, resolve
  const centre = await live.browser.newContext();
  const login = await centre.request.post(`${url}/api/v1/auth/login`, { data: { username: "district.maesai", password: "changwat-demo" } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await (await centre.request.get(`${url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": csrfToken };
  // the centre finds the case in its queue by its public number (it never sees the tracking code)
  const queue = (await (await centre.request.get(`${url}/api/v1/cases`, { params: { q: ref } })).json()) as { items: { id: string; publicRef: string; status: string }[] };
  expect(queue.items.map((c) => [c.publicRef, c.status])).toEqual([[ref, "received"]]);
  const id = queue.items[0]!.id;
  const post = async (p: string, data: object) => {
    const r = await centre.request.post(`${url}/api/v1/cases/${id}/${p}`, { headers, data });
    expect(r.status(), `${p}: ${await r.text()}`).toBe(200);
  };
  await post("accept", {});
  await post("start", { textTh: "ส่งเครื่องสูบน้ำ 2 เครื่องและเจ้าหน้าที่ อปพร. เข้าพื้นที่แล้ว" });
  const upload = await centre.request.post(`${url}/api/v1/cases/${id}/photos`, { headers, multipart: { photo: { name: "after.jpg", mimeType: "image/jpeg", buffer: await photo("dry") } } });
  expect(upload.status(), await upload.text()).toBe(201);
  const afterPhotoId = ((await upload.json()) as { id: string }).id;
  await post("resolve", { afterPhotoId, textTh: "สูบน้ำออกและลอกท่อระบายน้ำหน้าโรงเรียนแล้ว ถนนสัญจรได้ตามปกติ" });
  await centre.close();

  // 5. she follows it with the code: resolved, with the after-photo
  await page.goto(url);
  await menu(page, "nav-track");
  await page.getByTestId("track-title").waitFor();
  await page.getByTestId("track-code").fill(code.toLowerCase());
  await page.getByTestId("track-submit").click();
  await page.getByTestId("track-case").waitFor();
  expect(await page.getByTestId("track-ref").innerText()).toBe(ref);
  expect(await page.getByTestId("track-case").getByTestId("case-status").first().innerText()).toContain("ดำเนินการเสร็จ");
  expect(await page.getByTestId("status-stepper").locator('[aria-current="step"]').getAttribute("data-step")).toBe("resolved");
  const after = page.getByTestId("after-photo");
  await after.waitFor();
  await expect.poll(() => after.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const timeline = await page.getByTestId("case-timeline").innerText();
  expect(timeline).toContain("ศูนย์ดำรงธรรมอำเภอแม่สาย");
  expect(timeline).toContain("ส่งเครื่องสูบน้ำ");
  expect(timeline).toMatch(/\b25\d\d\b/); // dates in the Buddhist era
  await shot(page, "04-track-resolved");
  await axe(page, "track");

  // rating 5 accepts the result and closes the case
  await page.getByTestId("track-rate-5").click();
  await page.getByTestId("track-rate-submit").click();
  await page.getByTestId("track-rate-done").waitFor();
  await page.getByTestId("track-my-rating").waitFor();
  expect(await page.getByTestId("track-my-rating").innerText()).toContain("5");
  await expect.poll(() => page.getByTestId("track-case").getByTestId("case-status").first().getAttribute("data-status")).toBe("closed");
  await shot(page, "05-track-rated");

  // 6. the public board: filtered to Chiang Rai and flooding, the case is there, closed, with its after-photo
  await menu(page, "nav-board");
  await page.getByTestId("board-title").waitFor();
  await page.getByTestId("board-filters-toggle").click();
  await page.getByTestId("board-province").selectOption("57");
  await page.getByTestId("board-category").selectOption("flood");
  const item = page.locator(`[data-testid="board-item"][data-ref="${ref}"]`);
  await item.waitFor();
  expect(await item.getAttribute("data-status")).toBe("closed");
  expect(await item.innerText()).toContain("แม่สาย");
  await item.getByTestId("board-item-photo").waitFor();
  await page.getByTestId("board-filters-toggle").click();
  await page.getByTestId("board-province").waitFor({ state: "hidden" });
  await shot(page, "06-board");
  await axe(page, "board");
  // the map of the province and the statistics by category
  await page.getByTestId("board-tab-map").click();
  await page.getByTestId("board-map").locator("svg").waitFor();
  await shot(page, "07-board-map");
  await page.getByTestId("board-tab-stats").click();
  await page.getByTestId("board-stats-cards").waitFor();
  expect(await page.getByTestId("board-stats-cards").innerText()).toContain("น้ำท่วม");
  await page.getByTestId("board-stats-chart").locator("svg").waitFor();
  await shot(page, "08-board-stats");
  await axe(page, "board statistics");

  // the case's public page: timeline and after-photo, nothing that names her
  await page.goto(`${url}/board/${ref}`);
  await page.getByTestId("public-case").waitFor();
  await page.getByTestId("after-photo").waitFor();
  const publicPage = await page.locator("main").innerText();
  expect(publicPage).toContain("ศูนย์ดำรงธรรมอำเภอแม่สาย");
  await shot(page, "09-public-case");
  await axe(page, "public case page");
  const publicJson = await (await fetch(`${url}/api/v1/public/cases/${ref}`)).text();
  const boardJson = await (await fetch(`${url}/api/v1/public/cases?provinceCode=57`)).text();
  for (const s of [publicPage, publicJson, boardJson]) {
    for (const p of [REPORTER.name, REPORTER.phone, REPORTER.phone.replace(/\s/g, ""), REPORTER.email, "มาลัย"]) expect(s).not.toContain(p);
  }
  const view = JSON.parse(publicJson) as PublicCaseView;
  expect(view.status).toBe("closed");
  expect(view.rating).toBe(5);
  // the point is coarsened on the public page (the pin was 20.42, 99.88)
  expect(view.lat).not.toBeNull();

  expect(errors).toEqual([]);
  await context.close();
});
