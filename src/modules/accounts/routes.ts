import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "@fastify/cookie";
import "@fastify/rate-limit";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { AccountView, ApiKeyView, CreateAccountInput, CreateApiKeyInput, CreatedApiKey, GrantRoleInput, GrantView, LoginInput, Me, ResetPasswordInput, ResetTokenView } from "./contracts.js";
import { SESSION_COOKIE } from "./authenticate.js";
import { createAccount } from "./create-account.js";
import { createApiKey } from "./create-api-key.js";
import { getMe } from "./get-me.js";
import { grantRole } from "./grant-role.js";
import { issueResetToken } from "./issue-reset-token.js";
import { listAccounts, ListAccountsInput } from "./list-accounts.js";
import { listApiKeys } from "./list-api-keys.js";
import { login } from "./login.js";
import { logout } from "./logout.js";
import { resetPassword } from "./reset-password.js";
import { revokeApiKey } from "./revoke-api-key.js";
import { revokeGrant } from "./revoke-grant.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const Ok = z.object({ ok: z.literal(true) });

export type AccountsRouteOptions = { sessionTtlHours: number; secureCookie: (req: { protocol: string }) => boolean };

/** Accounts HTTP adapter: login/logout/me, accounts and grants, reset tokens, API keys. */
export function accountsRoutes(opts: AccountsRouteOptions): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["auth"];
    r.post(
      "/auth/login",
      { config: { rateLimit: { max: 30, timeWindow: "1 minute" } }, schema: { tags, body: LoginInput, response: { 200: Me, ...errorResponses } } },
      async (req, reply) => {
        const s = await login({ ctx: req.ctx, input: req.body, ttlHours: opts.sessionTtlHours });
        reply.setCookie(SESSION_COOKIE, s.token, { path: "/", httpOnly: true, sameSite: "lax", secure: opts.secureCookie(req), expires: s.expiresAt });
        const { authenticate } = await import("./authenticate.js");
        const actor = await authenticate(req.ctx.db, { sessionToken: s.token }, req.ctx.now());
        return getMe({ ctx: { ...req.ctx, actor: actor! } });
      },
    );
    r.post("/auth/logout", { schema: { tags, response: { 200: Ok, ...errorResponses } } }, async (req, reply) => {
      await logout({ ctx: req.ctx });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    });
    r.get("/auth/me", { schema: { tags, response: { 200: Me, ...errorResponses } } }, (req) => getMe({ ctx: req.ctx }));
    r.post("/auth/reset-password", { config: { rateLimit: { max: 20, timeWindow: "1 minute" } }, schema: { tags, body: ResetPasswordInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
      await resetPassword({ ctx: req.ctx, input: req.body });
      return { ok: true as const };
    });

    const admin = ["administration"];
    r.get("/accounts", { schema: { tags: admin, querystring: ListAccountsInput, response: { 200: z.object({ items: z.array(AccountView), total: z.number() }), ...errorResponses } } }, (req) =>
      listAccounts({ ctx: req.ctx, input: req.query }),
    );
    r.post("/accounts", { schema: { tags: admin, body: CreateAccountInput, response: { 201: AccountView, ...errorResponses } } }, async (req, reply) =>
      reply.code(201).send(await createAccount({ ctx: req.ctx, input: req.body })),
    );
    r.post("/accounts/:id/grants", { schema: { tags: admin, params: Id, body: GrantRoleInput, response: { 201: GrantView, ...errorResponses } } }, async (req, reply) =>
      reply.code(201).send(await grantRole({ ctx: req.ctx, input: { accountId: req.params.id, ...req.body } })),
    );
    r.delete(
      "/accounts/:id/grants/:grantId",
      { schema: { tags: admin, params: z.object({ id: z.string().min(1).max(120), grantId: z.string().min(1).max(120) }), response: { 200: Ok, ...errorResponses } } },
      async (req) => {
        await revokeGrant({ ctx: req.ctx, input: { accountId: req.params.id, grantId: req.params.grantId } });
        return { ok: true as const };
      },
    );
    r.post("/accounts/:id/reset-token", { schema: { tags: admin, params: Id, response: { 201: ResetTokenView, ...errorResponses } } }, async (req, reply) =>
      reply.code(201).send(await issueResetToken({ ctx: req.ctx, input: { accountId: req.params.id } })),
    );
    r.get("/api-keys", { schema: { tags: admin, response: { 200: z.array(ApiKeyView), ...errorResponses } } }, (req) => listApiKeys({ ctx: req.ctx }));
    r.post("/api-keys", { schema: { tags: admin, body: CreateApiKeyInput, response: { 201: CreatedApiKey, ...errorResponses } } }, async (req, reply) =>
      reply.code(201).send(await createApiKey({ ctx: req.ctx, input: req.body })),
    );
    r.delete("/api-keys/:id", { schema: { tags: admin, params: Id, response: { 200: Ok, ...errorResponses } } }, async (req) => {
      await revokeApiKey({ ctx: req.ctx, input: req.params });
      return { ok: true as const };
    });
  };
}
