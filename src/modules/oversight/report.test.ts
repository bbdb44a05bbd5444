// The provincial 6-/12-month report and the executive brief over HTTP, on the demo: Buriram (31) as its governor.
// The PDF is checked as a file and, where poppler's pdftotext exists (CI installs it), as extracted Thai text.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { getDashboard } from "./get-dashboard.js";
import { getProvinceReport } from "./get-province-report.js";

let db: Database;
let app: FastifyInstance;
const cookies = new Map<string, string>();
const login = async (username: string) => {
  if (!cookies.has(username)) {
    const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
    cookies.set(username, String(r.headers["set-cookie"]).split(";")[0]!);
  }
  return cookies.get(username)!;
};
const tmp = mkdtempSync(path.join(os.tmpdir(), "changwat-province-report-"));
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const url = (q: string) => `/api/v1/oversight/reports/province?${q}`;
const get = async (q: string, user: string | null = "governor.buriram") => app.inject({ url: url(q), headers: user ? { cookie: await login(user) } : {} });
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
const nfkd = (s: string) => s.normalize("NFKD");
/** Text in content-stream order, NFKD, with every white space removed (a wrapped Thai line has no space where it was cut). */
function flatText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, pdf);
  const r = spawnSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.normalize("NFKD").replace(/[\u200B\u0000]/g, "").replace(/\s+/g, "");
}
const squash = (s: string) => nfkd(s).replace(/\s+/g, "");
function expectInOrder(text: string, parts: string[]) {
  let at = -1;
  for (const s of parts.map(squash)) {
    const next = text.indexOf(s, at + 1);
    expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}
function needPdftotext(ctx: { skip(note: string): void }) {
  if (hasPdftotext) return;
  if (process.env.CI === "true") throw new Error("pdftotext is missing on CI: .ci/run must install poppler-utils so the PDF's text is checked");
  ctx.skip("pdftotext (poppler-utils) is not on PATH: the PDF's text is not checked here");
}

describe("the provincial report: Buriram in the demo", () => {
  it("the 6-month report of FY 2570 (still running on 22 Nov 2026) is a Thai PDF with its cover, contents and seven sections", async (ctx) => {
    const res = await get("provinceCode=31&fiscalYear=2570&period=6&format=pdf");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("province-31-2570-6m.pdf");
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun/);
    expect(pdf.toString("latin1")).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    needPdftotext(ctx);
    const text = flatText(pdf, "r-2570-6.pdf");
    expectInOrder(text, [
      "ข้อมูลสาธิต (demo)",
      "รายงานผลการดำเนินงานจังหวัดบุรีรัมย์",
      "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570",
      "(1 ต.ค. 2569 – 31 มี.ค. 2570)",
      "รายงานระหว่างรอบ: ข้อมูลถึงวันที่ 22 พ.ย. 2569",
      "สารบัญ",
      "1. สรุปผลการดำเนินงาน",
      "2. ความก้าวหน้าตามวาระและประเด็นปัญหา",
      "การแก้ไขปัญหาหนี้นอกระบบ",
      "3. ตัวชี้วัด: ค่าเป้าหมายและผลการดำเนินงาน",
      "31-AG-01",
      "4. งบประมาณและการเบิกจ่าย",
      "64.60 ล้านบาท",
      "5. บริการประชาชนและเรื่องร้องเรียน",
      "6. คณะกรรมการและการประชุม",
      "คณะกรมการจังหวัดบุรีรัมย์ (ตัวอย่าง)",
      "7. ขั้นตอนต่อไป",
      "สำรวจบ่อบาดาลที่ใช้การไม่ได้ทุกอำเภอ",
    ]);
    expect(text).toContain(squash(`หน้า 1 / ${pages}`));
    expect(text).toContain(squash("จัดทำเมื่อ 22 พ.ย. 2569 10:00 น."));
  });

  it("the 12-month report of FY 2569 prints the figures the use cases give: agreement total, disbursement, cases", async (ctx) => {
    const gov = ctxFor(db, actor("governor", "area:province:31", "gov-31"));
    const model = await getProvinceReport({ ctx: gov, input: { provinceCode: "31", fiscalYear: 2569, period: "12" } });
    const dash = await getDashboard({ ctx: gov, input: { scope: "area:province:31", fiscalYear: 2569 } });
    const fig = (m: string) => dash.figures.find((f) => f.metric === m)!;
    // a whole past year: the period's sums are the year's
    expect(model.periodComplete).toBe(true);
    expect(model.asOf).toBe("2026-09-30");
    expect(model.cases.received).toBe(fig("cases.received").value);
    expect(model.cases.onTimePct).toBe(fig("cases.on_time_pct").value);
    expect(model.budget.disbursedPct).toBe(fig("budget.disbursed_pct").value);
    expect(model.kpis.map((k) => k.code)).toEqual(["31-AG-01", "31-AG-02", "31-AG-03"]);
    expect(model.kpis.filter((k) => k.met === true).length).toBe(fig("kpi.on_target_pct").num); // 2 of 3, as the roll-ups count them
    const total = model.agreement!.rounds.find((r) => r.round === 12)!.total!;
    expect(total).toBeGreaterThan(1);
    expect(model.isDemo).toBe(true);

    const res = await get("provinceCode=31&fiscalYear=2569&period=12");
    expect(res.statusCode).toBe(200);
    needPdftotext(ctx);
    const text = flatText(res.rawPayload, "r-2569-12.pdf");
    for (const s of ["รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2569", "ข้อมูล ณ สิ้นรอบ 30 ก.ย. 2569", total.toFixed(4), `${model.budget.disbursedPct}%`, "ต่ำกว่าเป้าหมาย", "ถึงเป้าหมาย"]) expect(text).toContain(squash(s));
  });

  it("the executive brief is exactly one A4 page with the headline figures", async (ctx) => {
    for (const q of ["provinceCode=31&fiscalYear=2570&period=6&format=brief", "provinceCode=31&fiscalYear=2569&period=12&format=brief"]) {
      const res = await get(q);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain("-brief.pdf");
      expect(pageCount(res.rawPayload)).toBe(1);
      expect(res.rawPayload.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.2\d+ 841\.8\d+\]/);
    }
    needPdftotext(ctx);
    const text = flatText((await get("provinceCode=31&fiscalYear=2569&period=12&format=brief")).rawPayload, "b.pdf");
    expectInOrder(text, ["สรุปสำหรับผู้บริหาร · รายงานผลการดำเนินงานจังหวัดบุรีรัมย์", "ข้อมูลสาธิต (demo)", "ตัวชี้วัดที่ถึงเป้าหมาย", "2 / 3", "ตัวชี้วัดสำคัญ", "ประเด็นที่ต้องติดตาม", "ขั้นตอนต่อไป", "หน้า 1 / 1"]);
  });

  it("refuses a province outside the reader's scope (403), a citizen (403) and an anonymous caller (401)", async () => {
    expect((await get("provinceCode=31&fiscalYear=2570&period=6", "governor.ubon")).statusCode).toBe(403);
    expect((await get("provinceCode=31&fiscalYear=2570&period=6", "citizen")).statusCode).toBe(403);
    expect((await get("provinceCode=31&fiscalYear=2570&period=6", null)).statusCode).toBe(401);
    // the nation's reader may read any province
    expect((await get("provinceCode=31&fiscalYear=2570&period=6&format=brief", "pmoc")).statusCode).toBe(200);
  });

  it("answers a bad period, format or province with 400 in Thai and English, and a fiscal year not begun with 400", async () => {
    for (const [q, field] of [
      ["provinceCode=31&fiscalYear=2570&period=7", "querystring.period"],
      ["provinceCode=31&fiscalYear=2570&period=6&format=xlsx", "querystring.format"],
      ["provinceCode=3&fiscalYear=2570&period=6", "querystring.provinceCode"],
      ["provinceCode=31&period=6", "querystring.fiscalYear"],
    ] as const) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      const body = res.json();
      expect(body.error).toMatchObject({ code: "validation.failed", messageTh: "ข้อมูลไม่ถูกต้อง", messageEn: "The input is not valid" });
      expect(body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(body.error.fields[0].messageTh).toMatch(/[\u0E00-\u0E7F]/);
    }
    const early = await get("provinceCode=31&fiscalYear=2571&period=6");
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ path: "fiscalYear", code: "oversight.report.not-begun" });
  });
});
