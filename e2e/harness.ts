import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { startServerFrom, type StartedServer } from "./server.js";

export const SHOTS = path.resolve(".screenshots");

export type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Starts the built server (dist/) on a free port like `npm start` does, on its own copy of the journeys' template
 * database (a PGlite folder, or a PostgreSQL database when DATABASE_URL is set; see e2e/server.ts).
 */
export async function startServer(env: Record<string, string> = {}): Promise<StartedServer> {
  return startServerFrom(inject("e2eTemplate"), env);
}

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh Thai-locale browser context, logged in through the login page as a demo account. */
export async function loginAs(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill("changwat-demo");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

/**
 * A journey's fresh server (its own PGlite folder, demo loaded) and browser, started before the spec's tests and
 * stopped after them. Read them through the holder, e.g. `live.server.url`, once the tests run.
 */
export function useServerAndBrowser(env: Record<string, string> = {}): { readonly server: Server; readonly browser: Browser } {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("the server and browser start in beforeAll: read them inside a test");
    return x;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Records every address a page asks the server for and every address it shows (to check none carries a person). */
export function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => urls.push(f.url()));
  return urls;
}

const decodedUrl = (u: string) => {
  try {
    return decodeURIComponent(u.replace(/\+/g, " "));
  } catch {
    return u;
  }
};

/** The addresses that carry any of `values` (as typed, without spaces, or encoded). */
export function urlsCarrying(urls: readonly string[], values: readonly string[]): string[] {
  const forms = values.flatMap((v) => [v, v.replace(/\s/g, "")]).flatMap((v) => [v, encodeURIComponent(v)]);
  return urls.filter((u) => forms.some((p) => u.includes(p) || decodedUrl(u).includes(p)));
}

/**
 * A screenshot for people to look at (not an assertion). Chromium on a loaded 2-core CI machine has once hung
 * on a full-page capture after fonts loaded (30 s, CI run 9); a capture that does not finish in 20 s is taken
 * again once, of the viewport only, so that a stuck compositor frame does not fail a journey that passed.
 */
export async function screenshot(page: Page, file: string, fullPage = true): Promise<void> {
  try {
    await page.screenshot({ path: file, fullPage, timeout: 20_000 });
  } catch (e) {
    if (!(e instanceof Error) || e.name !== "TimeoutError") throw e;
    console.warn(`screenshot ${path.basename(file)} timed out; taking the viewport once more`);
    await page.screenshot({ path: file, fullPage: false, timeout: 20_000, animations: "disabled" });
  }
}

/**
 * Chooses an option of a searchable picker (a Mantine Select that asks the server as one types): types, clicks the
 * option, then waits until the input shows it and its list has closed. The list re-renders when the server's answer
 * arrives, so a click that lands during that re-render is tried again, and a list left open would cover the next field.
 */
export async function pickOption(page: Page, input: Locator, typed: string, option: RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await input.click();
    await input.fill(typed);
    await page.getByRole("option", { name: option }).first().click();
    const ok = await input
      .evaluate((el, src) => new RegExp(src).test((el as HTMLInputElement).value), option.source)
      .catch(() => false);
    if (ok || attempt >= 2) break;
  }
  // (not Escape: inside a dialog it would close the dialog)
  await page.getByRole("listbox").waitFor({ state: "hidden", timeout: 5_000 }).catch(() => {});
}
