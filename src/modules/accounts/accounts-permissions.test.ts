import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { errorChain, failAuditWritesBy, snapshot } from "../../../test/snapshot.js";
import { createAccount } from "./create-account.js";
import { createApiKey } from "./create-api-key.js";
import { grantRole } from "./grant-role.js";
import { issueResetToken } from "./issue-reset-token.js";
import { listAccounts } from "./list-accounts.js";
import { listApiKeys } from "./list-api-keys.js";
import { revokeApiKey } from "./revoke-api-key.js";
import { revokeGrant } from "./revoke-grant.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

/** Everything an accounts operation could write: a refused call must leave all of it as it was. */
const TABLES = { accounts: "id", grants: "id", api_keys: "id", reset_tokens: "id", sessions: "id", audit_log: "id" };
const state = () => snapshot(db, TABLES);

/** The actor's grant relative to the target, Chiang Rai (province 57): in it, above it, the nation, beside it, outside. */
const SCOPES = {
  in: { area: "area:province:57", org: "org:pro:57:land" },
  above: { area: "area:cluster:N2", org: "org:moi.dol" },
  nation: { area: "nation", org: "nation" },
  beside: { area: "area:province:55", org: "org:pro:57:public-health" },
  out: { area: "area:district:5501", org: "org:moph" },
};
type Where = keyof typeof SCOPES;
const WHERE = Object.keys(SCOPES) as Where[];
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];

function scopeFor(role: RoleId, where: Where): string {
  if (role === "citizen" || role === "pmoc_viewer") return "nation";
  return ORG_ROLES.includes(role) ? SCOPES[where].org : SCOPES[where].area;
}

let seq = 0;
/** A bare account to act on (inserted directly: hashing a password per case would only slow the matrix). */
async function freshAccount(): Promise<string> {
  const id = `perm-acc-${seq++}`;
  await db.query("insert into accounts (id, username, display_name, password_hash) values ($1, $1, $1, 'not-a-hash')", [id]);
  return id;
}

/**
 * The operations, who the policy lets perform them, and the audit record a success must leave.
 * reach: "anywhere" = an administrator at any scope; "chiang-rai" = an administrator whose scope contains
 * area:province:57 (the scope granted); "nation" = national administrators only (accounts are not scoped,
 * so reading all of them or resetting anyone's password is national). API keys are scoped by their grants.
 */
type Op = {
  reach: "anywhere" | "chiang-rai" | "nation";
  action: string | null;
  setup?: () => Promise<any>;
  run: (ctx: Ctx, s: any) => Promise<any>;
  entity?: (s: any, out: any) => string;
};
const CR_GRANT = { role: "strategy_officer", scope: "area:province:57" } as const;
const ops: Record<string, Op> = {
  "account.create": {
    reach: "anywhere",
    action: "accounts.account.create",
    setup: async () => `perm-user-${seq++}`,
    run: (ctx, username) => createAccount({ ctx, input: { username, displayName: "บัญชีทดสอบสิทธิ์", password: "a-long-enough-password" } }),
    entity: (_s, out) => out.id,
  },
  "grant.create": {
    reach: "chiang-rai",
    action: "accounts.grant.create",
    setup: freshAccount,
    run: (ctx, accountId) => grantRole({ ctx, input: { accountId, ...CR_GRANT } }),
    entity: (accountId) => accountId,
  },
  "grant.revoke": {
    reach: "chiang-rai",
    action: "accounts.grant.revoke",
    setup: async () => {
      const accountId = await freshAccount();
      const g = await grantRole({ ctx: ctxFor(db), input: { accountId, ...CR_GRANT } });
      return { accountId, grantId: g.id };
    },
    run: (ctx, s) => revokeGrant({ ctx, input: s }),
    entity: (s) => s.accountId,
  },
  "reset-token.issue": {
    reach: "nation",
    action: "accounts.reset-token.issue",
    setup: freshAccount,
    run: (ctx, accountId) => issueResetToken({ ctx, input: { accountId } }),
    entity: (accountId) => accountId,
  },
  "accounts.list": { reach: "nation", action: null, run: (ctx) => listAccounts({ ctx, input: {} }) },
  "api-key.create": {
    reach: "chiang-rai",
    action: "accounts.api-key.create",
    run: (ctx) => createApiKey({ ctx, input: { name: "POC Chiang Rai feed", grants: [CR_GRANT] } }),
    entity: (_s, out) => out.id,
  },
  // any administrator may list keys; the list holds only the keys whose every grant lies within their scope
  "api-key.list": { reach: "anywhere", action: null, run: (ctx) => listApiKeys({ ctx }) },
  "api-key.revoke": {
    reach: "chiang-rai",
    action: "accounts.api-key.revoke",
    setup: async () => (await createApiKey({ ctx: ctxFor(db), input: { name: "to revoke", grants: [CR_GRANT] } })).id,
    run: (ctx, id) => revokeApiKey({ ctx, input: { id } }),
    entity: (id) => id,
  },
};

/** By the policy: only administrators manage accounts, and only within their grant's scope. */
function expected(op: Op, role: RoleId, where: Where): boolean {
  if (role !== "administrator") return false;
  if (op.reach === "anywhere") return true;
  if (op.reach === "nation") return where === "nation";
  return where === "in" || where === "above" || where === "nation"; // a grant covers everything beneath its scope
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

describe("accounts permission matrix: every operation × role × scope (in, above, nation, beside, out)", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const op of Object.keys(ops)) for (const role of ROLES) for (const where of WHERE) cases.push([op, role, where]);

  it.each(cases)("%s by %s (%s)", async (name, role, where) => {
    const op = ops[name]!;
    const s = op.setup ? await op.setup() : undefined;
    const who = actor(role, scopeFor(role, where), `t-${name}-${role}-${where}`);
    const ctx = ctxFor(db, who);
    const before = await state();
    const run = op.run(ctx, s);
    if (expected(op, role, where)) {
      const out = await run;
      const audit = await db.query<{ action: string; entity_id: string; request_id: string }>("select action, entity_id, request_id from audit_log where actor_id = $1", [who.id]);
      if (op.action) {
        expect(await state()).not.toEqual(before);
        expect(audit).toEqual([{ action: op.action, entity_id: op.entity!(s, out), request_id: ctx.requestId }]);
      } else {
        expect(Array.isArray(out) || Array.isArray(out?.items)).toBe(true);
        expect(audit).toEqual([]);
      }
    } else {
      const err = await refusal(run);
      expect(err.status).toBe(403);
      expect(err.code).toBe("auth.forbidden");
      expect(await state()).toEqual(before); // nothing written, not even an audit row
    }
  });

  it("anonymous callers get 401 on every operation, and nothing is written", async () => {
    for (const [name, op] of Object.entries(ops)) {
      const s = op.setup ? await op.setup() : undefined;
      const before = await state();
      expect((await refusal(op.run(ctxFor(db, anonymousActor), s))).status, name).toBe(401);
      expect(await state()).toEqual(before);
    }
  });

  it("every successful write leaves its audit record in the change's own transaction: a failed audit undoes the change", async () => {
    await failAuditWritesBy(db, "audit-boom");
    const boom = actor("administrator", "nation", "audit-boom");
    for (const [name, op] of Object.entries(ops)) {
      if (!op.action) continue;
      const s = op.setup ? await op.setup() : undefined;
      const before = await state();
      const err = await op.run(ctxFor(db, boom), s).then(() => null, (e: unknown) => e);
      expect(errorChain(err), name).toMatch(/audit write refused/);
      expect(await state(), name).toEqual(before);
    }
  });
});

describe("grants cannot reach beyond the granter: no privilege escalation", () => {
  const provincialAdmin = () => ctxFor(db, actor("administrator", "area:province:57", "admin-57"));
  const ministryAdmin = () => ctxFor(db, actor("administrator", "org:moi", "admin-moi"));
  /** one account receives every grant below (the successful ones are all different, so none is a duplicate) */
  let target: string;
  beforeAll(async () => {
    target = await freshAccount();
  });
  const grant = (ctx: Ctx, role: RoleId, scope: string) => grantRole({ ctx, input: { accountId: target, role, scope } });
  /** the call starts only after the snapshot, and must change nothing */
  const refusedWith = async (status: number, call: () => Promise<unknown>) => {
    const before = await state();
    expect((await refusal(call())).status).toBe(status);
    expect(await state()).toEqual(before);
  };

  it("only administrators grant: a governor cannot grant administrator (or anything), a POC/strategy officer cannot grant at nation", async () => {
    const governor = ctxFor(db, actor("governor", "area:province:57"));
    const poc = ctxFor(db, actor("strategy_officer", "area:province:57"));
    await refusedWith(403, () => grant(governor, "administrator", "area:province:57"));
    await refusedWith(403, () => grant(governor, "strategy_officer", "area:province:57"));
    await refusedWith(403, () => grant(poc, "administrator", "nation"));
    await refusedWith(403, () => grant(poc, "citizen", "nation"));
    await refusedWith(403, () => grant(poc, "pmoc_viewer", "nation"));
    for (const role of ROLES.filter((r) => r !== "administrator")) {
      await refusedWith(403, () => grant(ctxFor(db, actor(role, "nation")), "administrator", "nation"));
    }
  });

  it("a provincial administrator grants inside the province only", async () => {
    const ctx = provincialAdmin();
    // inside: the province itself, its districts, the offices in it
    await expect(grant(ctx, "governor", "area:province:57")).resolves.toMatchObject({ role: "governor", scope: "area:province:57" });
    await expect(grant(ctx, "district_officer", "area:district:5709")).resolves.toMatchObject({ scope: "area:district:5709" });
    await expect(grant(ctx, "agency_head", "org:pro:57:land")).resolves.toMatchObject({ scope: "org:pro:57:land" });
    // above or beside it: the nation, its cluster and region, another province, another province's office
    await refusedWith(403, () => grant(ctx, "administrator", "nation"));
    await refusedWith(403, () => grant(ctx, "citizen", "nation"));
    await refusedWith(403, () => grant(ctx, "pmoc_viewer", "nation"));
    await refusedWith(403, () => grant(ctx, "opdc_evaluator", "nation"));
    await refusedWith(403, () => grant(ctx, "deputy_pm_office", "area:region:north"));
    await refusedWith(403, () => grant(ctx, "cluster_office", "area:cluster:N2"));
    await refusedWith(403, () => grant(ctx, "governor", "area:province:55"));
    await refusedWith(403, () => grant(ctx, "administrator", "area:province:55"));
    await refusedWith(403, () => grant(ctx, "agency_officer", "org:pro:55:land"));
    // the ministries and departments whose offices sit in the province are not beneath it
    await refusedWith(403, () => grant(ctx, "ministry_officer", "org:moi"));
    await refusedWith(403, () => grant(ctx, "administrator", "org:moi"));
    await refusedWith(403, () => grant(ctx, "department_officer", "org:moi.dol"));
  });

  it("a ministry administrator grants within the ministry's organisations, never over an area", async () => {
    const ctx = ministryAdmin();
    await expect(grant(ctx, "department_officer", "org:moi.dopa")).resolves.toMatchObject({ scope: "org:moi.dopa" });
    await expect(grant(ctx, "agency_officer", "org:pro:57:land")).resolves.toMatchObject({ scope: "org:pro:57:land" });
    await refusedWith(403, () => grant(ctx, "governor", "area:province:57"));
    await refusedWith(403, () => grant(ctx, "strategy_officer", "area:province:57"));
    await refusedWith(403, () => grant(ctx, "ministry_officer", "org:moph"));
    await refusedWith(403, () => grant(ctx, "agency_officer", "org:pro:57:public-health"));
    await refusedWith(403, () => grant(ctx, "administrator", "nation"));
  });

  it("a role is granted only at its kind of scope, whoever grants it", async () => {
    const national = ctxFor(db, actor("administrator", "nation"));
    for (const ctx of [national, provincialAdmin()]) {
      await refusedWith(422, () => grant(ctx, "administrator", "area:district:5709")); // administrators: nation, province or ministry
      await refusedWith(422, () => grant(ctx, "administrator", "org:pro:57:land"));
      await refusedWith(422, () => grant(ctx, "governor", "area:district:5709"));
      await refusedWith(422, () => grant(ctx, "agency_officer", "area:province:57"));
    }
    await refusedWith(422, () => grant(national, "citizen", "area:province:57"));
    await refusedWith(422, () => grant(national, "ministry_officer", "org:moi.dol"));
    await refusedWith(400, () => grant(national, "governor", "area:province:99"));
  });

  it("API keys carry only grants the creator could give: each one inside the creator's scope and of the right kind", async () => {
    const ctx = provincialAdmin();
    const key = (grants: { role: RoleId; scope: string }[]) => createApiKey({ ctx, input: { name: "k", grants } });
    await expect(key([{ role: "strategy_officer", scope: "area:province:57" }])).resolves.toHaveProperty("secret");
    await refusedWith(403, () => key([{ role: "administrator", scope: "nation" }]));
    await refusedWith(403, () => key([{ role: "strategy_officer", scope: "area:province:57" }, { role: "governor", scope: "area:province:55" }]));
    await refusedWith(422, () => key([{ role: "administrator", scope: "area:district:5709" }]));
    // an API key's own actor is bound by its grants like anyone else
    await refusedWith(403, () => grant(ctxFor(db, { kind: "api-key", id: "key-1", name: "api-key:k", grants: [{ role: "strategy_officer", scope: "area:province:57" }] }), "administrator", "area:province:57"));
  });

  it("revoking follows the same rule: a provincial administrator cannot revoke a national grant or another province's", async () => {
    const ctx = provincialAdmin();
    const sys = ctxFor(db);
    const [national] = await db.query<{ id: string; account_id: string }>("select id, account_id from grants where role = 'administrator' and scope = 'nation' and revoked_at is null limit 1");
    await refusedWith(403, () => revokeGrant({ ctx, input: { accountId: national!.account_id, grantId: national!.id } }));
    const acc = await freshAccount();
    const other = await grantRole({ ctx: sys, input: { accountId: acc, role: "governor", scope: "area:province:55" } });
    await refusedWith(403, () => revokeGrant({ ctx, input: { accountId: acc, grantId: other.id } }));
    const mine = await grantRole({ ctx: sys, input: { accountId: acc, role: "governor", scope: "area:province:57" } });
    await expect(revokeGrant({ ctx, input: { accountId: acc, grantId: mine.id } })).resolves.toBeUndefined();
    // a grant id given with the wrong account is not found, and revoked grants cannot be revoked twice
    await refusedWith(404, () => revokeGrant({ ctx: sys, input: { accountId: "demo-admin", grantId: other.id } }));
    await refusedWith(404, () => revokeGrant({ ctx: sys, input: { accountId: acc, grantId: mine.id } }));
  });

  it("callers who may not grant are refused before the grant is looked up (no 404 that tells them it does not exist)", async () => {
    const input = { accountId: "demo-admin", grantId: "no-such-grant" };
    await refusedWith(401, () => revokeGrant({ ctx: ctxFor(db, anonymousActor), input }));
    await refusedWith(403, () => revokeGrant({ ctx: ctxFor(db, actor("citizen", "nation")), input }));
    await refusedWith(403, () => revokeGrant({ ctx: ctxFor(db, actor("governor", "area:province:57")), input }));
    await refusedWith(404, () => revokeGrant({ ctx: ctxFor(db, actor("administrator", "nation")), input }));
  });

  it("only national administrators reset passwords: a provincial administrator cannot take over the national administrator's account", async () => {
    await refusedWith(403, () => issueResetToken({ ctx: provincialAdmin(), input: { accountId: "demo-admin" } }));
    await refusedWith(403, () => issueResetToken({ ctx: ministryAdmin(), input: { accountId: "demo-admin" } }));
  });
});

describe("API keys are managed where their grants lie", () => {
  it("Chiang Rai's administrator sees and revokes Chiang Rai's keys; Phayao's administrator sees none of them and may not revoke", async () => {
    const key = await createApiKey({ ctx: ctxFor(db, actor("administrator", "area:province:57", "cr-admin")), input: { name: "POC Chiang Rai dashboard", grants: [CR_GRANT] } });
    const mine = await listApiKeys({ ctx: ctxFor(db, actor("administrator", "area:province:57", "cr-admin")) });
    expect(mine.map((k) => k.id)).toContain(key.id);
    expect(mine.every((k) => k.grants.every((g) => g.scope === "area:province:57" || g.scope.startsWith("org:pro:57") || g.scope.startsWith("area:district:57")))).toBe(true);
    const phayao = ctxFor(db, actor("administrator", "area:province:56", "py-admin"));
    expect((await listApiKeys({ ctx: phayao })).map((k) => k.id)).not.toContain(key.id);
    const err = await refusal(revokeApiKey({ ctx: phayao, input: { id: key.id } }));
    expect(err.status).toBe(403);
    await revokeApiKey({ ctx: ctxFor(db, actor("administrator", "area:province:57", "cr-admin")), input: { id: key.id } });
    expect((await listApiKeys({ ctx: ctxFor(db) })).find((k) => k.id === key.id)?.revoked).toBe(true);
  });
});

