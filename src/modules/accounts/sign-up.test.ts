import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { snapshot } from "../../../test/snapshot.js";
import { configureMail, outboxTransport } from "../mail/index.js";
import { MAILED_RESET_MINUTES, VERIFY_TOKEN_HOURS } from "./account-mail.js";
import { getMyProfile } from "./get-my-profile.js";
import { isVerifiedAccount } from "./lookup-accounts.js";
import { login } from "./login.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { resendVerification, RESEND_PER_DAY } from "./resend-verification.js";
import { resetPassword } from "./reset-password.js";
import { signUp, SIGN_UP_ACCEPTED } from "./sign-up.js";
import { updateMyProfile } from "./update-my-profile.js";
import { verifyEmail } from "./verify-email.js";

let db: Database;
let clock = FIXED_NOW.getTime();
const MIN = 60_000;
beforeAll(async () => {
  db = await createTestDb();
  configureMail({ transport: outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => new Date(clock)), publicUrl: "https://changwat.example.org" });
});
afterAll(async () => db?.close());

/** A ctx one second after the last one (so mail and links sort in the order they were made). */
const at = (who: Actor = anonymousActor): Ctx => {
  clock += 1000;
  const t = clock;
  return { ...ctxFor(db, who), now: () => new Date(t) };
};
const anon = () => at();
let n = 0;
const address = (tag: string) => `${tag}.${n++}@example.invalid`;
const signUpAs = (email: string, over: Record<string, unknown> = {}) =>
  signUp({ ctx: anon(), input: { email, password: "a-long-enough-password", displayName: "สมหญิง รักดี", consent: true, ...over } as never });
/** Mail in the outbox for one address, oldest first. */
const mailTo = (email: string) => db.query<{ kind: string; subject: string; text_body: string; html_body: string }>("select kind, subject, text_body, html_body from mail_outbox where lower(to_address) = $1 order by created_at, id", [email.toLowerCase()]);
const tokenIn = (text: string, path: string) => decodeURIComponent(new RegExp(`${path}#token=([^\\s"<&]+)`).exec(text)![1]!);
const accountOf = async (email: string) => (await db.query<{ id: string; username: string; email: string; email_verified_at: Date | null; phone: string | null }>("select id, username, email, email_verified_at, phone from accounts where username = $1", [email]))[0];
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as AppError);
const TABLES = { accounts: "id", grants: "id", email_verifications: "id", reset_tokens: "id", mail_queue: "id", mail_outbox: "id", sessions: "id", audit_log: "id" };

describe("sign-up and verification", () => {
  it("opens an unverified citizen account named by the address, mails a one-time link, and verifying it is audited", async () => {
    const email = address("somying");
    expect(await signUpAs(email.toUpperCase(), { phone: "081-234 5678" })).toEqual(SIGN_UP_ACCEPTED);
    const acc = (await accountOf(email))!;
    expect(acc).toMatchObject({ username: email, email, email_verified_at: null, phone: "0812345678" });
    expect(await db.query("select role, scope from grants where account_id = $1", [acc.id])).toEqual([{ role: "citizen", scope: "nation" }]);
    expect(await isVerifiedAccount(at(), acc.id)).toBe(false);
    // the mail went out right after commit: Thai first, then English, with an absolute link; the token is stored only hashed
    const [m] = await mailTo(email);
    expect(m!.kind).toBe("accounts.verify-email");
    expect(m!.subject).toBe("ยืนยันอีเมลของคุณ / Confirm your e-mail address");
    expect(m!.text_body.indexOf("ยืนยัน")).toBeLessThan(m!.text_body.indexOf("Confirm"));
    expect(m!.text_body).toContain("https://changwat.example.org/account/verify#token=");
    expect(m!.html_body).toContain('<a href="https://changwat.example.org/account/verify#token=');
    const token = tokenIn(m!.text_body, "/account/verify");
    expect(JSON.stringify(await db.query("select * from email_verifications where account_id = $1", [acc.id]))).not.toContain(token);
    expect(await db.query("select count(*)::int as n from mail_queue")).toEqual([{ n: 0 }]); // sent, so gone from the queue
    // an unverified account logs in with its address
    await expect(login({ ctx: anon(), input: { username: email, password: "a-long-enough-password" }, ttlHours: 1 })).resolves.toMatchObject({ accountId: acc.id });

    expect(await verifyEmail({ ctx: anon(), input: { token } })).toEqual({ ok: true, email });
    expect((await accountOf(email))!.email_verified_at).toEqual(new Date(clock));
    expect(await isVerifiedAccount(at(), acc.id)).toBe(true);
    expect(await db.query("select action, actor_id from audit_log where entity_id = $1 and action = 'accounts.email.verify'", [acc.id])).toEqual([{ action: "accounts.email.verify", actor_id: acc.id }]);
    // a link works once
    expect((await fail(verifyEmail({ ctx: anon(), input: { token } }))).code).toBe("accounts.verify-token-invalid");
  });

  it("a link expires after 24 hours; a resend gives a new one, at most once a minute and five a day", async () => {
    const email = address("late");
    await signUpAs(email);
    const first = tokenIn((await mailTo(email))[0]!.text_body, "/account/verify");
    const start = clock;
    try {
      clock = start + VERIFY_TOKEN_HOURS * 3_600_000 + 1;
      const before = await snapshot(db, TABLES);
      expect((await fail(verifyEmail({ ctx: anon(), input: { token: first } }))).code).toBe("accounts.verify-token-invalid");
      expect(await snapshot(db, TABLES)).toEqual(before);
      for (let i = 0; i < RESEND_PER_DAY + 2; i++) {
        expect(await resendVerification({ ctx: anon(), input: { email } })).toEqual(SIGN_UP_ACCEPTED);
        expect(await resendVerification({ ctx: anon(), input: { email } })).toEqual(SIGN_UP_ACCEPTED); // within the minute: no mail
        clock += 2 * MIN;
      }
      const mails = await mailTo(email);
      expect(mails).toHaveLength(1 + RESEND_PER_DAY); // the sign-up's, then five resends in the day
      const latest = tokenIn(mails.at(-1)!.text_body, "/account/verify");
      await verifyEmail({ ctx: anon(), input: { token: latest } });
      expect((await accountOf(email))!.email_verified_at).not.toBeNull();
      // the other links died with the verification; a resend to a verified address sends nothing
      expect((await fail(verifyEmail({ ctx: anon(), input: { token: tokenIn(mails.at(-2)!.text_body, "/account/verify") } }))).code).toBe("accounts.verify-token-invalid");
      clock += 10 * MIN;
      await resendVerification({ ctx: anon(), input: { email } });
      expect(await mailTo(email)).toHaveLength(1 + RESEND_PER_DAY);
    } finally {
      clock = start;
    }
  });

  it("never reveals whether an address is registered: same answer, nothing new, and the holder is told", async () => {
    const email = address("taken");
    await signUpAs(email);
    const before = await db.query("select id, password_hash, display_name from accounts order by id");
    const answer = await signUpAs(email, { displayName: "ผู้อื่น", password: "another-password-123" });
    expect(answer).toEqual(SIGN_UP_ACCEPTED);
    expect(await db.query("select id, password_hash, display_name from accounts order by id")).toEqual(before);
    expect((await mailTo(email)).map((m) => m.kind)).toEqual(["accounts.verify-email", "accounts.address-in-use"]);
    // a staff or demo account's verified address counts as registered too
    await signUpAs("citizen@demo.changwat.invalid");
    expect((await mailTo("citizen@demo.changwat.invalid")).map((m) => m.kind)).toEqual(["accounts.address-in-use"]);
    // resend and forgot-password answer the same for unknown addresses, and send nothing
    const nobody = address("nobody");
    expect(await resendVerification({ ctx: anon(), input: { email: nobody } })).toEqual(SIGN_UP_ACCEPTED);
    const forgot = await requestPasswordReset({ ctx: anon(), input: { email: nobody } });
    expect(forgot.ok).toBe(true);
    expect(await requestPasswordReset({ ctx: anon(), input: { email } })).toEqual(forgot);
    expect(await mailTo(nobody)).toEqual([]);
  });

  it("forgot password: a mailed one-time link (60 minutes) sets a new password and ends other sessions", async () => {
    const email = address("forgot");
    await signUpAs(email);
    const old = await login({ ctx: anon(), input: { username: email, password: "a-long-enough-password" }, ttlHours: 12 });
    await requestPasswordReset({ ctx: anon(), input: { email } });
    const m = (await mailTo(email)).at(-1)!;
    expect(m.kind).toBe("accounts.password-reset");
    const token = tokenIn(m.text_body, "/reset-password");
    const expired = { ...anon(), now: () => new Date(clock + MAILED_RESET_MINUTES * MIN) };
    expect((await fail(resetPassword({ ctx: expired, input: { token, newPassword: "a-brand-new-password" } }))).code).toBe("auth.reset-token-invalid");
    await resetPassword({ ctx: anon(), input: { token, newPassword: "a-brand-new-password" } });
    expect(await db.query("select count(*)::int as open from sessions where account_id = $1 and revoked_at is null", [old.accountId])).toEqual([{ open: 0 }]);
    expect((await fail(login({ ctx: anon(), input: { username: email, password: "a-long-enough-password" }, ttlHours: 1 }))).code).toBe("auth.invalid-credentials");
    await expect(login({ ctx: anon(), input: { username: email, password: "a-brand-new-password" }, ttlHours: 1 })).resolves.toBeTruthy();
    expect((await fail(resetPassword({ ctx: anon(), input: { token, newPassword: "yet-another-password" } }))).code).toBe("auth.reset-token-invalid");
    // three mailed links an hour at most
    for (let i = 0; i < 4; i++) await requestPasswordReset({ ctx: anon(), input: { email } });
    expect((await mailTo(email)).filter((x) => x.kind === "accounts.password-reset")).toHaveLength(3);
  });

  it("a citizen changes name and phone at once, and a new address only once its link is used", async () => {
    const email = address("mover");
    await signUpAs(email);
    await verifyEmail({ ctx: anon(), input: { token: tokenIn((await mailTo(email))[0]!.text_body, "/account/verify") } });
    const acc = (await accountOf(email))!;
    const me = () => at({ kind: "user", id: acc.id, name: "mover", grants: [{ role: "citizen", scope: "nation" }] });
    const moved = address("moved");
    // a new address within a minute of the last link is refused like a resend would be, and nothing changes
    const before = await snapshot(db, TABLES);
    expect((await fail(updateMyProfile({ ctx: me(), input: { displayName: "ไม่บันทึก", email: moved } }))).code).toBe("accounts.verify-rate-limited");
    expect(await snapshot(db, TABLES)).toEqual(before);
    clock += 2 * MIN;
    const p = await updateMyProfile({ ctx: me(), input: { displayName: "สมหญิง ใหม่", phone: "+66 91 234 5678", email: moved } });
    expect(p).toMatchObject({ displayName: "สมหญิง ใหม่", phone: "0912345678", email, emailVerified: true, pendingEmail: moved });
    expect((await mailTo(moved)).map((m) => m.kind)).toEqual(["accounts.verify-email"]);
    await verifyEmail({ ctx: anon(), input: { token: tokenIn((await mailTo(moved))[0]!.text_body, "/account/verify") } });
    expect(await getMyProfile({ ctx: me() })).toMatchObject({ email: moved, username: moved, emailVerified: true, pendingEmail: null });
    expect(await db.query("select after from audit_log where entity_id = $1 and action = 'accounts.profile.update'", [acc.id])).toEqual([{ after: { changed: ["displayName", "phone"], newEmailPending: true, verificationId: expect.any(String) } }]);
    // the audit names the fields, never the values (personal data)
    expect(JSON.stringify(await db.query("select after from audit_log where entity_id = $1", [acc.id]))).not.toMatch(/0912345678|moved\./);
  });
});

describe("bad input changes nothing", () => {
  const bad: [string, () => Promise<unknown>][] = [
    ["no consent", () => signUpAs(address("x"), { consent: false })],
    ["short password", () => signUpAs(address("x"), { password: "short" })],
    ["not an address", () => signUpAs("not-an-address")],
    ["landline phone", () => signUpAs(address("x"), { phone: "02 123 4567" })],
    ["foreign phone", () => signUpAs(address("x"), { phone: "+1 415 555 0100" })],
    ["unknown field", () => signUpAs(address("x"), { role: "administrator" })],
    ["empty name", () => signUpAs(address("x"), { displayName: "  " })],
    ["forged token", () => verifyEmail({ ctx: anon(), input: { token: "forged-token-xxxxxxxxxxxx" } })],
    ["short token", () => verifyEmail({ ctx: anon(), input: { token: "x" } })],
    ["resend to a non-address", () => resendVerification({ ctx: anon(), input: { email: "nope" } })],
    ["profile with a bad phone", () => updateMyProfile({ ctx: at({ kind: "user", id: "demo-citizen", name: "c", grants: [{ role: "citizen", scope: "nation" }] }), input: { phone: "12345" } })],
  ];
  it.each(bad)("%s: a 4xx with a stable code, and no table changed", async (_name, call) => {
    const before = await snapshot(db, TABLES);
    const e = await fail(call());
    const status = e instanceof AppError ? e.status : (e as { name?: string }).name === "ZodError" ? 400 : 500;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(await snapshot(db, TABLES)).toEqual(before);
  });
});
