import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { buildApp } from "../../server/app.js";
import { MODULES } from "../../server/modules.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { errorChain, failAuditWritesBy, snapshot } from "../../../test/snapshot.js";
import { configureMail, outboxTransport } from "../mail/index.js";
import { DEMO_CALL_ID } from "../participation/seed-demo.js";
import { closeMyAccount, type NamedEraser } from "./close-my-account.js";
import { sha256 } from "./crypto.js";
import { grantRole } from "./grant-role.js";
import { issueResetToken } from "./issue-reset-token.js";

let db: Database;
let app: FastifyInstance;
let t = FIXED_NOW.getTime();
beforeAll(async () => {
  db = await createTestDb();
  configureMail({ transport: outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => new Date((t += 1000))), publicUrl: "http://localhost:4311" });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const PASSWORD = "a-long-enough-password";
const ERASERS: NamedEraser[] = MODULES.flatMap((m) => (m.erasePersonalData ? [{ module: m.name, erase: m.erasePersonalData }] : []));
const TABLES = { accounts: "id", sessions: "id", grants: "id", api_keys: "id", email_verifications: "id", reset_tokens: "id", case_reporters: "id", case_events: "id", participation_proposals: "id", participation_comments: "id", participation_supports: "proposal_id, account_id", mail_queue: "id", mail_outbox: "id", audit_log: "id" };
type Auth = { cookie: string; "x-csrf-token": string };

const outbox = (address: string) => app.inject({ method: "POST", url: "/api/v1/dev/outbox", payload: { address } });
const tokenIn = (text: string) => decodeURIComponent(/\/account\/verify#token=([^\s"<&]+)/.exec(text)![1]!);
const login = (username: string, password = PASSWORD) => app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
const close = (auth: Auth, payload: Record<string, unknown>) => app.inject({ method: "POST", url: "/api/v1/me/close", headers: auth, payload });

/** Signs up over HTTP, verifies from the outbox link, logs in with the address: the cookie, CSRF token and account id. */
async function citizen(email: string, displayName: string, phone?: string): Promise<Auth & { id: string }> {
  const s = await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload: { email, password: PASSWORD, displayName, ...(phone ? { phone } : {}), consent: true } });
  expect(s.statusCode, s.body).toBe(202);
  const mail = (await outbox(email)).json().items[0];
  expect((await app.inject({ method: "POST", url: "/api/v1/auth/verify-email", payload: { token: tokenIn(mail.text) } })).statusCode).toBe(200);
  const r = await login(email);
  expect(r.statusCode, r.body).toBe(200);
  return { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken as string, id: r.json().account.id as string };
}

async function report(auth: Auth, text: string, reporter: Record<string, unknown>) {
  const r = await app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: "198.51.100.9", headers: auth, payload: { categoryId: "flood", descriptionTh: text, lat: 20.42, lon: 99.88, reporter, consent: true } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; publicRef: string; trackingCode: string };
}

/** Every row value any module's personalData hook returns for an account (what "my data" would show). */
async function everythingHeldAbout(accountId: string) {
  const ctx = ctxFor(db);
  const sections = [];
  for (const m of MODULES) if (m.personalData) sections.push(...(await m.personalData(ctx, accountId)));
  return sections;
}

describe("a citizen closes her account", () => {
  const EMAIL = "nipa.close@example.invalid";
  const NAME = "นิภา ปิดบัญชี";
  const PHONE = "0861234567";

  it("erases exactly what the consent says, across accounts, cases, participation and mail; the rest stays", async () => {
    const me = await citizen(EMAIL, NAME, PHONE);
    const other = await citizen("stays.open@example.invalid", "สมศรี อยู่ต่อ", "0869876543");
    const mine = await report(me, "น้ำท่วมถนนหน้าโรงเรียนบ้านป่าซาง นิภา ปิดบัญชี โทร 0861234567", { name: NAME, phone: PHONE, email: EMAIL, notify: true });
    const theirs = await report(other, "ไฟถนนดับทั้งซอยหลังตลาดสายลมจอย", { name: "สมศรี อยู่ต่อ", email: "stays.open@example.invalid", notify: true });
    // a staff note naming her: redacted like the retention purge does
    await db.query("insert into case_events (id, case_id, province_code, kind, visibility, text_th, at) select 'note-naming-nipa', id, province_code, 'note', 'internal', 'โทรคุยกับคุณนิภา ปิดบัญชี แล้ว', now() from cases where id = $1", [mine.id]);

    // participation: a proposal and a comment under her name, a support, a survey answer
    const call = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: me })).json();
    const target = call.proposalsList.find((p: { state: string }) => p.state === "open");
    const supported = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/support`, headers: me });
    expect(supported.json()).toMatchObject({ counted: true });
    const proposal = await app.inject({ method: "POST", url: `/api/v1/participation/calls/${DEMO_CALL_ID}/proposals`, headers: me, payload: { titleTh: "เพิ่มจุดวัดฝุ่นในตำบลเวียงพางคำ", bodyTh: "ขอให้ติดตั้งเครื่องวัดฝุ่นเพิ่มในตำบลเวียงพางคำและเปิดข้อมูลให้ประชาชนดู", showName: true } });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const comment = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/comments`, headers: me, payload: { bodyTh: "เห็นด้วย ควรทำให้เร็ว", showName: true } });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json().authorName).toBe(NAME);
    const [before] = await db.query<{ support_count: number }>("select support_count from participation_proposals where id = $1", [target.id]);

    // a change of address waiting for its link (written directly: the fixed clock allows one link a minute)
    const pendingLink = "pending-change-link-token-nipa";
    await db.query("insert into email_verifications (id, account_id, email, token_hash, created_at, expires_at) values ('pending-nipa', $1, 'nipa.new@example.invalid', $2, $3, $4)", [me.id, sha256(pendingLink), FIXED_NOW, new Date(FIXED_NOW.getTime() + 3_600_000)]);
    await db.query("insert into mail_outbox (id, kind, to_address, from_address, subject, text_body, html_body, created_at) values ('outbox-nipa-new', 'accounts.verify-email', 'nipa.new@example.invalid', 'x@example.invalid', 's', 't', 'h', now())");
    // and mail still waiting in the queue to her address
    await db.query("insert into mail_queue (id, kind, to_address, subject, text_body, html_body, created_at, next_attempt_at) values ('queued-to-nipa', 'cases.status', $1, 's', 't', 'h', now(), now()), ('queued-to-other', 'cases.status', 'stays.open@example.invalid', 's', 't', 'h', now(), now())", [EMAIL.toUpperCase()]);
    const otherBefore = await db.query("select * from accounts where id = $1", [other.id]);
    const otherReporter = await db.query("select * from case_reporters where case_id = $1", [theirs.id]);

    const r = await close(me, { password: PASSWORD, confirmation: "ปิดบัญชีของฉัน" });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, closedAt: FIXED_NOW.toISOString() });
    expect(String(r.headers["set-cookie"])).toMatch(/cw_session=;.*Expires=Thu, 01 Jan 1970/);

    // accounts: a tombstone with its id; nothing about her
    const [acc] = await db.query<Record<string, unknown>>("select * from accounts where id = $1", [me.id]);
    expect(acc).toMatchObject({ username: `closed.${me.id}`, display_name: "", email: null, email_verified_at: null, phone: null, password_hash: "", consent_version: null, consent_at: null, last_login_at: null, person_id: null });
    expect(acc!.closed_at).toEqual(FIXED_NOW);
    expect(acc!.disabled_at).toEqual(FIXED_NOW);
    expect(await db.query("select id from sessions where account_id = $1 and revoked_at is null", [me.id])).toEqual([]);
    expect(await db.query("select id from grants where account_id = $1 and revoked_at is null", [me.id])).toEqual([]);
    expect(await db.query("select id from email_verifications where account_id = $1", [me.id])).toEqual([]);
    expect(await db.query("select id from reset_tokens where account_id = $1", [me.id])).toEqual([]);

    // cases: the case, its public text and tracking code stay; her name and contact do not
    const [rep] = await db.query<Record<string, unknown>>("select * from case_reporters where case_id = $1", [mine.id]);
    expect(rep).toMatchObject({ account_id: null, name: null, phone: null, email: null, notify: false, rating_comment: null });
    const [note] = await db.query<{ text_th: string }>("select text_th from case_events where id = 'note-naming-nipa'");
    expect(note!.text_th).not.toContain("นิภา");
    const board = await app.inject({ method: "GET", url: `/api/v1/public/cases/${mine.publicRef}` });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.body).not.toContain("นิภา");
    const tracked = await app.inject({ method: "POST", url: "/api/v1/cases/track", payload: { trackingCode: mine.trackingCode } });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().publicRef).toBe(mine.publicRef);
    expect(await db.query("select * from case_reporters where case_id = $1", [theirs.id])).toEqual(otherReporter);

    // participation: shown as an anonymous citizen's; her support still counted
    expect(await db.query("select author_name, author_account_id from participation_proposals where id = $1", [proposal.json().id])).toEqual([{ author_name: null, author_account_id: me.id }]);
    expect(await db.query("select author_name from participation_comments where id = $1", [comment.json().id])).toEqual([{ author_name: null }]);
    expect(await db.query("select support_count from participation_proposals where id = $1", [target.id])).toEqual(before ? [before] : []);
    expect(await db.query("select account_id from participation_supports where proposal_id = $1 and account_id = $2", [target.id, me.id])).toHaveLength(1);
    const shown = await app.inject({ method: "GET", url: `/api/v1/participation/proposals/${target.id}` });
    expect(shown.body).not.toContain(NAME);

    // mail: nothing left to her addresses (any letter case), the other citizen's untouched
    expect(await db.query("select id from mail_queue where lower(to_address) in ($1, 'nipa.new@example.invalid')", [EMAIL])).toEqual([]);
    expect(await db.query("select id from mail_outbox where lower(to_address) in ($1, 'nipa.new@example.invalid')", [EMAIL])).toEqual([]);
    expect(await db.query("select id from mail_queue where id = 'queued-to-other'")).toHaveLength(1);
    expect((await outbox("stays.open@example.invalid")).json().items.length).toBeGreaterThan(0);
    expect(await db.query("select * from accounts where id = $1", [other.id])).toEqual(otherBefore);

    // the audit: written by this request (so in its transaction), "closed at request", and naming nothing of hers
    const audit = await db.query<{ action: string; actor_name: string; entity_id: string; after: { reason?: string; erased?: Record<string, number> } }>(
      "select action, actor_name, entity_id, after from audit_log where request_id = (select request_id from audit_log where action = 'accounts.account.close' and entity_id = $1) order by id",
      [me.id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(["accounts.account.close", "cases.case.erase-reporter", "participation.proposal.erase-author-name", "participation.proposal.erase-author-name"]);
    const closeAudit = audit.find((a) => a.action === "accounts.account.close")!;
    expect(closeAudit.after).toEqual({
      reason: "closed at request",
      erased: { "cases.reporters": 1, "participation.proposal-names": 1, "participation.comment-names": 1, "mail.queued": 1, "mail.outbox": 2, "accounts.sessions": 1, "accounts.grants": 1, "accounts.api-keys": 0, "accounts.email-links": 2, "accounts.reset-links": 0 },
    });
    const auditText = JSON.stringify(audit);
    for (const secret of [EMAIL, "nipa.new", NAME, "นิภา", PHONE]) expect(auditText, secret).not.toContain(secret);

    // "my data" for the closed account: nothing about her is held any more
    const left = await everythingHeldAbout(me.id);
    expect(left.filter((s) => s.key.startsWith("accounts.") || s.key === "cases")).toEqual([{ key: "cases", titleTh: expect.any(String), titleEn: expect.any(String), rows: [] }]);
    expect(left.find((s) => s.key === "participation.proposals")!.rows.map((p) => p.nameShown)).toEqual([null]);
    const leftText = JSON.stringify(left);
    for (const secret of [EMAIL, "nipa.new", NAME, PHONE]) expect(leftText, secret).not.toContain(secret);

    // she cannot come back in: the old session, her password, her links, a password reset
    for (const url of ["/api/v1/me/data", "/api/v1/me/profile"]) expect((await app.inject({ method: "GET", url, headers: me })).statusCode, url).toBe(401);
    expect((await close(me, { password: PASSWORD, confirmation: "ปิดบัญชีของฉัน" })).statusCode).toBe(401);
    const again = await login(EMAIL);
    expect([again.statusCode, again.json().error.code]).toEqual([401, "auth.invalid-credentials"]);
    const relink = await app.inject({ method: "POST", url: "/api/v1/auth/verify-email", payload: { token: pendingLink } });
    expect([relink.statusCode, relink.json().error.code]).toEqual([422, "accounts.verify-token-invalid"]);
    const forgot = await app.inject({ method: "POST", url: "/api/v1/auth/forgot-password", payload: { email: EMAIL } });
    expect(forgot.statusCode).toBe(202);
    expect(await db.query("select id from reset_tokens where account_id = $1", [me.id])).toEqual([]);
    expect((await outbox(EMAIL)).json().items).toEqual([]);
    const admin = ctxFor(db);
    // one at a time: both started at once, the second could be refused before the first is awaited (an unhandled rejection)
    for (const attempt of [() => grantRole({ ctx: admin, input: { accountId: me.id, role: "citizen", scope: "nation" } }), () => issueResetToken({ ctx: admin, input: { accountId: me.id } })]) {
      const e = await attempt().then(() => null, (x: unknown) => x as AppError);
      expect([e?.status, e?.code]).toEqual([409, "accounts.closed"]);
    }

    // the same address signs up again: a new, empty account
    const fresh = await citizen(EMAIL, "นิภา คนใหม่");
    expect(fresh.id).not.toBe(me.id);
    const data = (await app.inject({ method: "GET", url: "/api/v1/me/data", headers: fresh })).json();
    expect(data.sections.find((s: { key: string }) => s.key === "accounts.profile").rows[0]).toMatchObject({ username: EMAIL, displayName: "นิภา คนใหม่" });
    expect(data.sections.filter((s: { key: string }) => !s.key.startsWith("accounts.")).flatMap((s: { rows: unknown[] }) => s.rows)).toEqual([]);
  });

  it("a wrong password or confirmation is refused (400, both fields named) and changes nothing", async () => {
    const me = await citizen("wrong.password@example.invalid", "ใส่รหัสผิด");
    const before = await snapshot(db, TABLES);
    const both = await close(me, { password: "not-my-password", confirmation: "ปิด" });
    expect(both.statusCode, both.body).toBe(400);
    expect(both.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ["password", "accounts.close.wrong-password"],
      ["confirmation", "accounts.close.confirmation-mismatch"],
    ]);
    expect(both.json().error.messageTh).toContain("ยังไม่ได้ปิดบัญชี");
    const phrase = await close(me, { password: PASSWORD, confirmation: "close account" });
    expect(phrase.json().error.fields.map((f: { path: string }) => f.path)).toEqual(["confirmation"]);
    const missing = await close(me, { password: PASSWORD });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, "validation.failed"]);
    const noCsrf = await app.inject({ method: "POST", url: "/api/v1/me/close", headers: { cookie: me.cookie }, payload: { password: PASSWORD, confirmation: "close my account" } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await snapshot(db, TABLES)).toEqual(before);
    // the English phrase, any letter case and spacing, works too
    expect((await close(me, { password: PASSWORD, confirmation: "  Close  my ACCOUNT " })).statusCode).toBe(200);
  });

  it("a staff account is refused with 409 (an administrator revokes its roles), and so is a shared demo account", async () => {
    const staff = await citizen("officer.wants.out@example.invalid", "เจ้าหน้าที่ ทดสอบ");
    await db.query("insert into grants (id, account_id, role, scope, province_code, created_at) values ('staff-grant-close', $1, 'agency_officer', 'area:province:57', '57', now())", [staff.id]);
    const before = await snapshot(db, TABLES);
    const r = await close(staff, { password: PASSWORD, confirmation: "close my account" });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toMatchObject({ code: "accounts.close.staff-account", details: { roles: ["agency_officer"] } });
    expect(r.json().error.messageTh).toContain("ผู้ดูแลระบบ");
    // also refused before the password is checked: a wrong one still gets the 409
    expect((await close(staff, { password: "whatever-else", confirmation: "x" })).statusCode).toBe(409);
    const demo = await login("citizen", "changwat-demo");
    const demoAuth = { cookie: String(demo.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": demo.json().csrfToken as string };
    const d = await close(demoAuth, { password: "changwat-demo", confirmation: "close my account" });
    expect([d.statusCode, d.json().error.code]).toEqual([409, "accounts.close.demo-account"]);
    const governor = await login("governor.chiangrai", "changwat-demo");
    const g = await close({ cookie: String(governor.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": governor.json().csrfToken }, { password: "changwat-demo", confirmation: "close my account" });
    expect([g.statusCode, g.json().error.code]).toEqual([409, "accounts.close.staff-account"]);
    // logins write their own rows; the refusals wrote nothing
    const after = await snapshot(db, TABLES);
    expect({ ...after, sessions: "", audit_log: "", accounts: "" }).toEqual({ ...before, sessions: "", audit_log: "", accounts: "" });
    expect(await db.query("select action from audit_log where action = 'accounts.account.close' and entity_id = $1", [staff.id])).toEqual([]);
  });

  it("the administrators' list leaves closed accounts out unless asked, shows them as closed (not a blank name), and refuses changes to them", async () => {
    const me = await citizen("closes.then.listed@example.invalid", "ปิดแล้ว ไม่แสดง");
    // closed through the use case: /me/close is rate-limited, and the earlier tests used this address's allowance
    const { closedAt } = await closeMyAccount({ ctx: ctxFor(db, actor("citizen", "nation", me.id)), input: { password: PASSWORD, confirmation: "close my account" }, erasers: ERASERS });
    const r = await login("admin", "changwat-demo");
    const admin = { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken as string };
    const list = async (query: string) => {
      const res = await app.inject({ method: "GET", url: `/api/v1/accounts?limit=500${query}`, headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; displayName: string; email: string | null; closedAt: string | null; grants: unknown[] }[]; total: number };
    };
    const [{ open, closed }] = await db.query<{ open: number; closed: number }>("select count(*) filter (where closed_at is null)::int as open, count(*) filter (where closed_at is not null)::int as closed from accounts");
    expect(closed).toBeGreaterThanOrEqual(1);
    // by default: open accounts only, counted as such
    const byDefault = await list("");
    expect(byDefault.total).toBe(open);
    expect(byDefault.items.map((a) => a.id)).not.toContain(me.id);
    expect(byDefault.items.every((a) => a.closedAt === null)).toBe(true);
    // asked for: the tombstone, flagged with its closing date, no name, address or roles
    const all = await list("&closed=include");
    expect(all.total).toBe(open + closed!);
    expect(all.items.find((a) => a.id === me.id)).toMatchObject({ displayName: "", email: null, closedAt, grants: [] });
    const only = await list("&closed=only");
    expect(only.total).toBe(closed);
    expect(only.items.map((a) => a.id)).toContain(me.id);
    expect(only.items.every((a) => a.closedAt !== null)).toBe(true);
    const bad = await app.inject({ method: "GET", url: "/api/v1/accounts?closed=yes", headers: admin });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "validation.failed"]);
    // nothing can be done to it: a role or a reset token is refused with 409, and nothing is written
    const before = await snapshot(db, TABLES);
    const grant = await app.inject({ method: "POST", url: `/api/v1/accounts/${me.id}/grants`, headers: admin, payload: { role: "citizen", scope: "nation" } });
    const reset = await app.inject({ method: "POST", url: `/api/v1/accounts/${me.id}/reset-token`, headers: admin });
    for (const res of [grant, reset]) {
      expect([res.statusCode, res.json().error.code], res.body).toEqual([409, "accounts.closed"]);
      expect(res.json().error.messageTh).toContain("ถูกปิด");
    }
    expect(await snapshot(db, TABLES)).toEqual(before);
  });

  it("writes its audit record in the closing transaction: when the audit fails, nothing is erased", async () => {
    const me = await citizen("audit.fails@example.invalid", "ตรวจสอบ ล้มเหลว", "0865554444");
    await report(me, "ท่อระบายน้ำอุดตันหน้าตลาดแม่สาย น้ำขังทุกครั้งที่ฝนตก", { name: "ตรวจสอบ ล้มเหลว", email: "audit.fails@example.invalid", notify: true });
    await failAuditWritesBy(db, me.id);
    const before = await snapshot(db, TABLES);
    const who = { ...actor("citizen", "nation", me.id) };
    const err = await closeMyAccount({ ctx: ctxFor(db, who), input: { password: PASSWORD, confirmation: "close my account" }, erasers: ERASERS }).then(() => null, (e: unknown) => e);
    expect(errorChain(err)).toMatch(/audit write refused/);
    expect(await snapshot(db, TABLES)).toEqual(before);
    expect((await db.query<{ email: string }>("select email from accounts where id = $1", [me.id]))[0]!.email).toBe("audit.fails@example.invalid");
  });
});
