import type { FastifyInstance } from "fastify";
import i18next from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import type { PersonalDataSection } from "../../platform/module.js";
import { buildApp } from "../../server/app.js";
import { MODULES } from "../../server/modules.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { columnLabel, humanizeKey, isInstant } from "../../web/features/citizen-account/columns.js";
import th from "../../web/i18n/th.json";
import en from "../../web/i18n/en.json";
import { DEMO_CALL_ID } from "../participation/seed-demo.js";

let db: Database;
let app: FastifyInstance;
let sections: PersonalDataSection[] = [];
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  // the demo citizen, with something in every section: a session, cases (demo), a proposal, a comment, a support, a survey answer
  const s = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "citizen", password: "changwat-demo" } });
  const auth = { cookie: String(s.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": s.json().csrfToken as string };
  const call = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: auth })).json();
  const target = call.proposalsList.find((p: { state: string }) => p.state === "open");
  const wrote = [
    await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/support`, headers: auth }),
    await app.inject({ method: "POST", url: `/api/v1/participation/calls/${DEMO_CALL_ID}/proposals`, headers: auth, payload: { titleTh: "ป้ายบอกทางจุดอพยพน้ำท่วม", bodyTh: "ขอให้ติดป้ายบอกทางไปจุดอพยพน้ำท่วมในทุกหมู่บ้านริมน้ำแม่สาย", showName: true } }),
    await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/comments`, headers: auth, payload: { bodyTh: "เห็นด้วยค่ะ", showName: true } }),
  ];
  const survey = (await app.inject({ method: "GET", url: "/api/v1/participation/surveys?state=open", headers: auth })).json().items[0];
  wrote.push(await app.inject({ method: "POST", url: `/api/v1/participation/surveys/${survey.id}/answers`, headers: auth, payload: { score: 4 } }));
  for (const w of wrote) expect(w.statusCode, w.body).toBeLessThan(300);
  // an account that once held a staff role keeps the alert subscription it set then (the operation centre's section)
  await db.query("insert into oversight_alert_subscriptions (account_id, scope, rules, frequency, created_at, updated_at) values ($1, 'province:31', array['permit-overdue','sla-breach'], 'daily', $2, $2)", [s.json().account.id, FIXED_NOW.toISOString()]);
  const ctx = ctxFor(db);
  for (const m of MODULES) if (m.personalData) sections.push(...(await m.personalData(ctx, s.json().account.id)));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Tree = { [k: string]: string | Tree };
const columns = (lang: Tree) => ((lang.citizenAccount as Tree).myData as Tree).columns as Record<string, string>;

describe("'my data' column labels", () => {
  it("the fixture reaches every section every module's hook returns (a new section must be given a row here)", () => {
    expect(sections.length).toBeGreaterThanOrEqual(9);
    for (const s of sections) expect(s.rows.length, `section ${s.key} has no row for the demo citizen`).toBeGreaterThan(0);
  });

  it("every key any personalData hook returns has a Thai and an English label", () => {
    const keys = [...new Set(sections.flatMap((s) => s.rows.flatMap((r) => Object.keys(r))))].sort();
    expect(keys.length).toBeGreaterThan(40);
    const missing = keys.flatMap((k) => [columns(th as Tree)[k] ? [] : [`th: ${k}`], columns(en as Tree)[k] ? [] : [`en: ${k}`]].flat());
    expect(missing).toEqual([]);
    // and no label is left over from a key no module returns any more
    expect(Object.keys(columns(th as Tree)).sort()).toEqual(keys);
  });

  it("the page shows those labels, a humanised name for a key without one, and never a raw key in Thai", async () => {
    const keys = [...new Set(sections.flatMap((s) => s.rows.flatMap((r) => Object.keys(r))))];
    for (const lng of ["th", "en"] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { th: { translation: th }, en: { translation: en } }, lng, fallbackLng: "th", interpolation: { escapeValue: false } });
      for (const k of keys) {
        const label = columnLabel(i18n.t, k);
        expect(label, k).toBe(columns((lng === "th" ? th : en) as Tree)[k]);
        expect(label, k).not.toBe(k);
      }
      expect(columnLabel(i18n.t, "smsOptInAt")).toBe("Sms opt in at");
      expect(columnLabel(i18n.t, "survey.answer-id")).toBe("Survey answer id");
    }
    expect(humanizeKey("emailVerifiedAt")).toBe("Email verified at");
    expect(humanizeKey("mergedFromCaseId")).toBe("Merged from case id");
    expect(humanizeKey("ISOCode")).toBe("ISO code");
    expect(humanizeKey("")).toBe("—");
    expect(isInstant("2026-11-22T03:00:00.000Z")).toBe(true);
    expect(isInstant("2026-11-22")).toBe(false);
  });
});
