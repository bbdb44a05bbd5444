import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { snapshot } from "../../../test/snapshot.js";
import { configureMail, outboxTransport } from "../mail/index.js";
import { MODULES } from "../../server/modules.js";
import { closeMyAccount } from "./close-my-account.js";
import { hashPassword } from "./crypto.js";
import { exportMyData } from "./export-my-data.js";
import { getMyProfile } from "./get-my-profile.js";
import { accountsPersonalData } from "./personal-data.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { resendVerification } from "./resend-verification.js";
import { signUp } from "./sign-up.js";
import { updateMyProfile } from "./update-my-profile.js";
import { verifyEmail } from "./verify-email.js";

let db: Database;
const PASSWORD = "a-long-enough-password";
let passwordHash = "";
beforeAll(async () => {
  db = await createTestDb();
  passwordHash = await hashPassword(PASSWORD);
  configureMail({ transport: outboxTransport(db.db, "test <t@example.invalid>") });
});
afterAll(async () => db?.close());

const TABLES = { accounts: "id", sessions: "id", grants: "id", email_verifications: "id", reset_tokens: "id", mail_queue: "id", mail_outbox: "id", audit_log: "id" };
const WHERE = { in: "area:province:57", nation: "nation", out: "area:district:5501", org: "org:pro:57:land" } as const;
type Where = keyof typeof WHERE;

let seq = 0;
/** The acting account must exist for self-service: a bare row with the actor's id. */
async function accountFor(who: Actor): Promise<void> {
  await db.query("insert into accounts (id, username, display_name, password_hash) values ($1, $1, $1, 'x') on conflict do nothing", [who.id]);
}

/**
 * "public": anyone, even anonymous (sign-up, verification, resend, forgot password: they act on no session);
 * "self": every logged-in account of any role at any scope, on its own account only; API keys are not accounts.
 * `citizenOnly`: allowed to every account, but refused by rule (409) while it holds a role besides citizen.
 * `prepare` makes the acting account's row what the operation needs (a real password, its grant in the database).
 */
type Op = { who: "public" | "self"; action: string | null; run: (ctx: Ctx) => Promise<unknown>; prepare?: (who: Actor) => Promise<void>; citizenOnly?: { status: number; code: string } };
const ERASERS = MODULES.flatMap((m) => (m.erasePersonalData ? [{ module: m.name, erase: m.erasePersonalData }] : []));
const ops: Record<string, Op> = {
  "sign-up": { who: "public", action: "accounts.account.sign-up", run: (ctx) => signUp({ ctx, input: { email: `perm.${seq++}@example.invalid`, password: "a-long-enough-password", displayName: "ทดสอบ", consent: true } }) },
  // a well-formed but unknown link is refused the same way for everyone: permission is not what stops it
  "verify-email": { who: "public", action: null, run: (ctx) => verifyEmail({ ctx, input: { token: "unknown-token-xxxxxxxx" } }).catch((e: AppError) => (e.code === "accounts.verify-token-invalid" ? "refused-by-rule" : Promise.reject(e))) },
  "resend-verification": { who: "public", action: null, run: (ctx) => resendVerification({ ctx, input: { email: `nobody.${seq++}@example.invalid` } }) },
  "forgot-password": { who: "public", action: null, run: (ctx) => requestPasswordReset({ ctx, input: { email: `nobody.${seq++}@example.invalid` } }) },
  "profile.read": { who: "self", action: null, run: (ctx) => getMyProfile({ ctx }) },
  "profile.update": { who: "self", action: "accounts.profile.update", run: (ctx) => updateMyProfile({ ctx, input: { displayName: `ชื่อใหม่ ${seq++}` } }) },
  "my-data.export": { who: "self", action: null, run: (ctx) => exportMyData({ ctx, providers: [accountsPersonalData] }) },
  "account.close": {
    who: "self",
    action: "accounts.account.close",
    citizenOnly: { status: 409, code: "accounts.close.staff-account" },
    prepare: async (who) => {
      await db.query("update accounts set password_hash = $2 where id = $1", [who.id, passwordHash]);
      for (const g of who.grants) await db.query("insert into grants (id, account_id, role, scope, created_at) values ($1, $2, $3, $4, now())", [`${who.id}-${g.role}`, who.id, g.role, g.scope]);
    },
    run: (ctx) => closeMyAccount({ ctx, input: { password: PASSWORD, confirmation: "ปิดบัญชีของฉัน" }, erasers: ERASERS }),
  },
};

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

describe("self-service permission matrix: every operation × role × scope", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const op of Object.keys(ops)) for (const role of ROLES) for (const where of Object.keys(WHERE) as Where[]) cases.push([op, role, where]);
  it.each(cases)("%s by %s (%s): allowed, on its own account, with its audit record", async (name, role, where) => {
    const op = ops[name]!;
    const who = actor(role, WHERE[where], `self-${name}-${role}-${where}`);
    await accountFor(who);
    await op.prepare?.(who);
    const ctx = ctxFor(db, who);
    if (op.citizenOnly && role !== "citizen") {
      const before = await snapshot(db, TABLES);
      const e = await refusal(op.run(ctx));
      expect([e.status, e.code]).toEqual([op.citizenOnly.status, op.citizenOnly.code]);
      expect(await snapshot(db, TABLES)).toEqual(before);
      return;
    }
    await op.run(ctx);
    const audit = await db.query<{ action: string; entity_id: string }>("select action, entity_id from audit_log where request_id = $1", [ctx.requestId]);
    if (op.action) expect(audit.map((a) => a.action)).toEqual([op.action]);
    else expect(audit).toEqual([]);
    if (op.action === "accounts.profile.update" || op.action === "accounts.account.close") expect(audit[0]!.entity_id).toBe(who.id);
    if (op.action === "accounts.account.close") expect(await db.query("select closed_at from accounts where id = $1 and closed_at is not null", [who.id])).toHaveLength(1);
  });

  it("anonymous callers may use the public ones and get 401 on the rest, with nothing written", async () => {
    for (const [name, op] of Object.entries(ops)) {
      const ctx = ctxFor(db, anonymousActor);
      if (op.who === "public") {
        await op.run(ctx);
        continue;
      }
      const before = await snapshot(db, TABLES);
      expect((await refusal(op.run(ctx))).status, name).toBe(401);
      expect(await snapshot(db, TABLES)).toEqual(before);
    }
  });

  it("an API key (not an account) and an account with no role are refused self-service (403), with nothing written", async () => {
    const key: Actor = { kind: "api-key", id: "key-1", name: "a key", grants: [{ role: "citizen", scope: "nation" }] };
    const bare: Actor = { kind: "user", id: "self-no-role", name: "no role", grants: [] };
    await accountFor(bare);
    for (const [name, op] of Object.entries(ops)) {
      if (op.who !== "self") continue;
      for (const who of [key, bare]) {
        const before = await snapshot(db, TABLES);
        const e = await refusal(op.run(ctxFor(db, who)));
        expect([e.status, e.code], name).toEqual([403, "auth.forbidden"]);
        expect(await snapshot(db, TABLES)).toEqual(before);
      }
    }
  });
});
