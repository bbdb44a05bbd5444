// The web app as a first-time visitor gets it (issue 8, part 1): bundle sizes and the first render in headless Chromium.
//
//   node scripts/build.mjs && npx tsx bench/web-first-render.ts          # BENCH_RUNS (default 5) cold loads per page
//
// 1. Sizes, from dist/web: every asset raw, gzip and brotli; what the first page load fetches (index.html's entry script,
//    its modulepreloads and CSS) against the whole app; the largest chunks.
// 2. First render: the built server (dist/server/main.js, as `npm start`, on a fresh PGlite folder with the demo) and
//    Chromium with an empty cache per load: time to first byte, first contentful paint, DOMContentLoaded, the load
//    event, and "ready" (the page's own content on screen: a test id that only the rendered page has), for the public
//    home page, the public complaints board, the login page and — logged in as the PMOC — the nation's operation centre.
//    The baseline, in the same run and the same browser: a bare HTML page with one Thai heading served by a bare
//    node:http server on this machine (what any page costs before the app's own code).
// Prints JSON; see docs/PERFORMANCE.md.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { spawnServer } from "../e2e/server.js";
import { loadAvg, log, machine, pct, round } from "./cases-data.js";
import { emitResult } from "./result.js";

const tag = "web";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WEB = path.resolve("dist/web");
if (!fs.existsSync(path.join(WEB, "index.html")) || !fs.existsSync("dist/server/main.js")) {
  console.error("dist/ is missing: run `node scripts/build.mjs` first");
  process.exit(1);
}

// ——— 1. sizes ———
type Size = { raw: number; gzip: number; brotli: number };
const sizeOf = (file: string): Size => {
  const b = fs.readFileSync(file);
  return { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length, brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
};
const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const zero: Size = { raw: 0, gzip: 0, brotli: 0 };
const kb = (s: Size) => ({ rawKB: round(s.raw / 1024, 1), gzipKB: round(s.gzip / 1024, 1), brotliKB: round(s.brotli / 1024, 1) });

// the assets as built (the .br and .gz copies scripts/build.mjs writes beside them are other encodings of the same files)
const files = fs.readdirSync(path.join(WEB, "assets")).filter((f) => !/\.(br|gz)$/.test(f)).map((f) => path.join("assets", f));
const sizes = new Map(files.map((f) => [f, sizeOf(path.join(WEB, f))]));
const index = fs.readFileSync(path.join(WEB, "index.html"), "utf8");
const firstLoad = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!).filter((f) => sizes.has(f));
const byKind = (ext: string) => [...sizes].filter(([f]) => f.endsWith(ext)).reduce((s, [, v]) => add(s, v), zero);
const fonts = [...sizes].filter(([f]) => /\.(woff2?|ttf)$/.test(f)).reduce((s, [, v]) => add(s, v), zero);
const out: Record<string, unknown> = {
  bench: "web-first-render",
  sizes: {
    files: files.length,
    allJs: kb(byKind(".js")),
    allCss: kb(byKind(".css")),
    fonts: kb(fonts),
    firstLoad: { files: firstLoad.length, js: kb(firstLoad.filter((f) => f.endsWith(".js")).reduce((s, f) => add(s, sizes.get(f)!), zero)), css: kb(firstLoad.filter((f) => f.endsWith(".css")).reduce((s, f) => add(s, sizes.get(f)!), zero)) },
    largest: [...sizes].sort((a, b) => b[1].raw - a[1].raw).slice(0, 8).map(([f, s]) => ({ file: f.replace(/^assets\//, ""), ...kb(s) })),
  },
};
log(tag, `sizes: ${JSON.stringify(out.sizes)}`);

// ——— 2. first render ———
type Load = { ttfb: number; fcp: number; dcl: number; load: number; ready: number };
async function measure(browser: Browser, url: string, ready: (p: Page) => Promise<unknown>, cookies?: { name: string; value: string; url: string }[]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "th-TH" }); // empty cache
  if (cookies) await context.addCookies(cookies);
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await ready(page);
  const readyMs = Date.now() - t0;
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    return { ttfb: nav.responseStart, fcp, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  await context.close();
  return { ...t, ready: readyMs };
}
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a / Math.max(1, b), 1));
function summarise(loads: Load[]) {
  // (a load whose first contentful paint the browser did not report is left out of that figure, and counted)
  const k = (key: keyof Load) => {
    const xs = loads.map((l) => l[key]).filter((x) => Number.isFinite(x));
    return { p50: xs.length ? round(pct(xs, 50), 0) : null, max: xs.length ? round(Math.max(...xs), 0) : null, ...(xs.length < loads.length ? { unreported: loads.length - xs.length } : {}) };
  };
  return { ttfb: k("ttfb"), fcp: k("fcp"), dcl: k("dcl"), load: k("load"), ready: k("ready") };
}

const bare = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end('<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ฐาน</title></head><body><h1 id="ready">ระบบบริหารงานจังหวัดแบบบูรณาการ</h1></body></html>');
});
await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;

const loadBefore = loadAvg();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-web-"));
log(tag, "starting the built server on a fresh PGlite folder (migrations, reference data, demo)");
const server = await spawnServer({ dataDir, env: { JOBS: "off" } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  // the PMOC's session, once, through the API as the login page does
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "pmoc", password: "changwat-demo" }) });
  const session = /cw_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  if (!session) throw new Error(`could not log in as pmoc: ${login.status}`);
  const pages: { name: string; url: string; ready: (p: Page) => Promise<unknown>; cookies?: { name: string; value: string; url: string }[] }[] = [
    { name: "baseline: bare HTML, one Thai heading (node:http)", url: bareUrl, ready: (p) => p.locator("#ready").waitFor() },
    { name: "home (public)", url: `${server.url}/`, ready: (p) => p.locator("[data-testid=tile-map], [data-testid=geo-map]").first().waitFor({ timeout: 60_000 }) },
    { name: "complaints board (public)", url: `${server.url}/board`, ready: (p) => p.locator("[data-testid=board-item], [data-testid=board-empty]").first().waitFor({ timeout: 60_000 }) },
    { name: "login", url: `${server.url}/login`, ready: (p) => p.getByTestId("login-username").waitFor() },
    { name: "nation's operation centre (PMOC, logged in)", url: `${server.url}/oversight`, ready: (p) => p.getByTestId("link-alerts").waitFor({ timeout: 60_000 }), cookies: [{ name: "cw_session", value: session, url: server.url }] },
  ];
  const renders: Record<string, ReturnType<typeof summarise>> = {};
  for (const pg of pages) {
    await measure(browser, pg.url, pg.ready, pg.cookies); // warm the server's own caches (not the browser's)
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await measure(browser, pg.url, pg.ready, pg.cookies));
    renders[pg.name] = summarise(loads);
    log(tag, `${pg.name}: ${JSON.stringify(renders[pg.name])}`);
  }
  const base = renders[pages[0]!.name]!;
  out.firstRender = renders;
  out.ratiosToBaseline = Object.fromEntries(pages.slice(1).map((p) => [p.name, { fcp: ratio(renders[p.name]!.fcp.p50, base.fcp.p50), ready: ratio(renders[p.name]!.ready.p50, base.ready.p50) }]));
  out.runs = RUNS;
  out.note = "ms from navigation start, p50 (and max) of BENCH_RUNS cold loads (new browser context each: empty cache) after one warm-up load; the server on localhost serves the assets as built (see sizes)";
} finally {
  await browser.close();
  await server.stop();
  bare.close();
}
out.machine = { ...machine(), loadBefore, loadAfter: loadAvg() };
emitResult(out);
