import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { screenshot, SHOTS, urlsCarrying, useServerAndBrowser, watchUrls } from "./harness.js";
import th from "../src/web/i18n/th.json";
import { CLOSE_ACCOUNT_PHRASE } from "../src/modules/accounts/contracts.js";

/**
 * A woman in Mae Sai opens a citizen account on her phone: her e-mail, a password, her name and mobile, and the
 * PDPA consent. The demo has no real mail, so she reads the confirmation mail in the development outbox (which
 * shows only the mail to the address she types), opens its link and confirms. She logs in with her e-mail,
 * reports a flooded road with e-mail notices on, and on "my account" downloads all her data: the case is in it.
 * Then she closes her account (password and the typed phrase): she is logged out, cannot log in again, and her case
 * stays on the public board without her name.
 */
const live = useServerAndBrowser({ MAIL_TRANSPORT: "outbox" });

const EMAIL = "kanya.maesai@example.invalid";
const PASSWORD = "a-long-enough-password";
const TEXT = "น้ำท่วมขังถนนซอยวัดพรหมวิหาร แม่สาย สูงประมาณ 30 เซนติเมตร รถจักรยานยนต์ผ่านไม่ได้";
const shot = (page: Page, name: string) => screenshot(page, path.join(SHOTS, `citizen-account-${name}.png`));

async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), where).toEqual([]);
}

it("a citizen signs up on her phone, confirms from the dev outbox, logs in with her e-mail, reports a case, finds it in her downloaded data, and closes her account", async () => {
  const { url } = live.server;
  const context = await live.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "th-TH", geolocation: { latitude: 20.43, longitude: 99.88 }, permissions: ["geolocation"], acceptDownloads: true });
  const page = await context.newPage();
  const urls = watchUrls(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/status of 40[01]/.test(m.text()) && errors.push(m.text()));

  // 1. from the login page to sign-up; an empty form names what is missing and sends nothing
  await page.goto(`${url}/login`);
  await page.getByTestId("login-sign-up").click();
  await page.getByTestId("signup-submit").click();
  expect(await page.getByText(th.citizenAccount.errors.consent).count()).toBe(1);
  await page.getByTestId("signup-email").fill(EMAIL);
  await page.getByTestId("signup-name").fill("กัญญา ทดสอบ");
  await page.getByTestId("signup-phone").fill("089 123 4567");
  await page.getByTestId("signup-password").fill(PASSWORD);
  await page.getByTestId("signup-confirm").fill(PASSWORD);
  expect(await page.getByTestId("consent-text").innerText()).toContain("30 วัน");
  await page.getByTestId("signup-consent").check();
  await shot(page, "01-sign-up");
  await axe(page, "sign-up");
  await page.getByTestId("signup-submit").click();

  // 2. "check your e-mail", then the development outbox, which shows only the mail to the address asked for
  await page.getByTestId("open-dev-outbox").waitFor();
  expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(th.citizenAccount.checkEmail.title);
  await page.getByTestId("open-dev-outbox").click();
  await page.getByTestId("outbox-banner").waitFor();
  expect(await page.getByTestId("outbox-banner").innerText()).toContain(th.citizenAccount.outbox.banner);
  await page.getByTestId("outbox-message").first().waitFor();
  expect(await page.getByTestId("outbox-message").count()).toBe(1);
  const mail = await page.getByTestId("outbox-message").innerText();
  expect(mail).toContain("ยืนยันอีเมลของคุณ / Confirm your e-mail address");
  expect(mail.indexOf("สวัสดี")).toBeLessThan(mail.indexOf("Hello")); // Thai first
  await shot(page, "02-dev-outbox");
  await axe(page, "dev outbox");
  const link = await page.getByTestId("outbox-link").first().getAttribute("href");
  expect(link).toMatch(/\/account\/verify#token=/); // in the fragment: never sent to the server

  // 3. the link: a press of the button confirms (a mail scanner opening the link would not)
  await page.goto(link!.replace(/^https?:\/\/[^/]+/, url));
  await page.getByTestId("verify-confirm").click();
  await page.getByTestId("verify-done").waitFor();
  expect(await page.getByTestId("verify-done").innerText()).toContain(EMAIL);
  await page.getByTestId("verify-login").click();

  // 4. log in with the e-mail address
  await page.getByTestId("login-username").fill(EMAIL);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));

  // 5. report a flooded road, e-mail notices on
  await page.goto(`${url}/report`);
  await page.getByTestId("report-category").selectOption("flood");
  await page.getByTestId("report-attr-water_depth_cm").fill("30");
  await page.getByTestId("report-attr-road_passable").getByLabel("ผ่านไม่ได้").check();
  await page.getByTestId("report-description").fill(TEXT);
  await page.getByTestId("report-locate").click();
  await page.getByTestId("report-pin").waitFor();
  await page.getByRole("switch", { name: th.casesPublic.report.who.anonymous }).uncheck();
  await page.getByTestId("report-name").fill("กัญญา ทดสอบ");
  await page.getByTestId("report-email").fill(EMAIL);
  expect(await page.getByTestId("report-notify").isChecked()).toBe(true);
  await page.getByTestId("report-consent").check();
  await page.getByTestId("report-submit").click();
  await page.getByTestId("report-done").waitFor();
  const ref = (await page.getByTestId("report-public-ref").innerText()).trim();
  expect(ref).toMatch(/^57-\d{2}-\d{6}$/);

  // 6. my account: verified, the case under "my cases", and the download holds it
  await page.goto(`${url}/account`);
  await page.getByTestId("email-verified").waitFor();
  await page.getByTestId("my-data-cases").waitFor();
  expect(await page.getByTestId("my-data-cases").innerText()).toContain(ref);
  await shot(page, "03-my-account");
  await axe(page, "my account");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("my-data-download").click()]);
  const file = await download.path();
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as { sections: { key: string; rows: Record<string, unknown>[] }[] };
  const cases = data.sections.find((s) => s.key === "cases")!;
  expect(cases.rows.map((r) => r.publicRef)).toEqual([ref]);
  expect(cases.rows[0]!.description).toBe(TEXT);
  expect(data.sections.find((s) => s.key === "accounts.profile")!.rows[0]).toMatchObject({ username: EMAIL, phone: "0891234567" });

  // 7. her column headers read as words, in Thai; then she closes her account: a wrong phrase is refused first
  expect(await page.getByTestId("my-data-accounts.profile").locator("th").allInnerTexts()).toContain(th.citizenAccount.myData.columns.emailVerifiedAt);
  expect((await page.getByTestId("my-data").locator("th").allInnerTexts()).filter((h) => /^[a-z]+[A-Z]/.test(h))).toEqual([]);
  await page.getByTestId("close-account").scrollIntoViewIfNeeded();
  expect(await page.getByTestId("close-erased").innerText()).toContain(th.citizenAccount.close.erased1);
  expect(await page.getByTestId("close-kept").innerText()).toContain(th.citizenAccount.close.kept1);
  await page.getByTestId("close-password").fill(PASSWORD);
  await page.getByTestId("close-confirmation").fill("ปิด");
  await page.getByTestId("close-submit").click();
  expect(await page.getByText(th.citizenAccount.close.errors.confirmation).count()).toBe(1);
  await screenshot(page, path.join(SHOTS, "citizen-account-04-close-section.png"), false);
  await shot(page, "05-my-account-with-close");
  await axe(page, "my account, close section");
  await page.getByTestId("close-confirmation").fill(CLOSE_ACCOUNT_PHRASE.th);
  await page.getByTestId("close-submit").click();
  await page.getByTestId("account-closed").waitFor();
  expect(await page.getByTestId("account-closed").innerText()).toContain(th.citizenAccount.closed.message);
  await page.getByTestId("login-link").waitFor(); // the header shows her logged out
  expect(await page.getByTestId("user-menu").count()).toBe(0);
  await shot(page, "06-account-closed");
  await axe(page, "account closed");
  await page.getByTestId("closed-home").click();
  await page.waitForURL((u) => u.pathname === "/");

  // 8. logged out, and she cannot log in again; her case is still on the public board, without her name
  await page.goto(`${url}/account`);
  await page.waitForURL((u) => u.pathname.startsWith("/login"));
  await page.getByTestId("login-username").fill(EMAIL);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByText(th.auth.invalidCredentials).waitFor();
  expect(new URL(page.url()).pathname).toBe("/login");
  const board = await (await fetch(`${url}/api/v1/public/cases/${ref}`)).json();
  expect(board.publicRef).toBe(ref);
  expect(JSON.stringify(board)).not.toContain("กัญญา");

  // her address and phone never appeared in an address the browser asked for or showed (servers log URLs)
  expect(urlsCarrying(urls, [EMAIL, "0891234567", "089 123 4567"])).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
