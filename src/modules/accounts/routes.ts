import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "@fastify/cookie";
import "@fastify/rate-limit";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { Accepted, AccountView, ApiKeyView, CLOSE_ACCOUNT_PHRASE, ClosedAccount, CloseMyAccountInput, CreateAccountInput, CreateApiKeyInput, CreatedApiKey, EmailInput, GrantRoleInput, GrantView, LoginInput, Me, MyData, MyProfile, ResetPasswordInput, ResetTokenView, SignUpInput, TokenInput, UpdateMyProfileInput } from "./contracts.js";
import { AppError } from "../../platform/errors.js";
import { closeMyAccount, type NamedEraser } from "./close-my-account.js";
import { exportMyData, sectionCsv, type PersonalDataProvider } from "./export-my-data.js";
import { getMyProfile } from "./get-my-profile.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { resendVerification } from "./resend-verification.js";
import { signUp } from "./sign-up.js";
import { updateMyProfile } from "./update-my-profile.js";
import { verifyEmail } from "./verify-email.js";
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

export type AccountsRouteOptions = {
  sessionTtlHours: number;
  secureCookie: (req: { protocol: string }) => boolean;
  /** requests per client per 10 minutes to each self-service route (sign-up, links, forgot password); default 10 */
  selfServiceMax?: number;
  /** every module's personalData hook, for "my data" (the composition root collects them) */
  personalData?: readonly PersonalDataProvider[];
  /** every module's erasePersonalData hook, run when a holder closes their account (the composition root collects them) */
  erasePersonalData?: readonly NamedEraser[];
};

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

    // citizen self-service: the same answer whether an address is known; per-client limits on top of the per-account ones
    const limited = (factor = 1) => ({ rateLimit: { max: (opts.selfServiceMax ?? 10) * factor, timeWindow: "10 minutes" } });
    r.post("/auth/sign-up", { config: limited(), schema: { tags, description: "A citizen opens an account (user name = the e-mail address); a verification link goes to the address.", body: SignUpInput, response: { 202: Accepted, ...errorResponses } } }, async (req, reply) =>
      reply.code(202).send(await signUp({ ctx: req.ctx, input: req.body })),
    );
    r.post("/auth/verify-email", { config: limited(3), schema: { tags, body: TokenInput, response: { 200: z.object({ ok: z.literal(true), email: z.string() }), ...errorResponses } } }, (req) =>
      verifyEmail({ ctx: req.ctx, input: req.body }),
    );
    r.post("/auth/resend-verification", { config: limited(), schema: { tags, body: EmailInput, response: { 202: Accepted, ...errorResponses } } }, async (req, reply) =>
      reply.code(202).send(await resendVerification({ ctx: req.ctx, input: req.body })),
    );
    r.post("/auth/forgot-password", { config: limited(), schema: { tags, description: "Mails a one-time password-reset link (60 minutes) to the account with this address, if any; use it with POST /auth/reset-password.", body: EmailInput, response: { 202: Accepted, ...errorResponses } } }, async (req, reply) =>
      reply.code(202).send(await requestPasswordReset({ ctx: req.ctx, input: req.body })),
    );
    const me = ["my account"];
    r.get("/me/profile", { schema: { tags: me, response: { 200: MyProfile, ...errorResponses } } }, (req) => getMyProfile({ ctx: req.ctx }));
    r.patch("/me/profile", { config: limited(3), schema: { tags: me, body: UpdateMyProfileInput, response: { 200: MyProfile, ...errorResponses } } }, (req) => updateMyProfile({ ctx: req.ctx, input: req.body }));
    r.get(
      "/me/data",
      { schema: { tags: me, description: "Everything the platform holds about the logged-in account, by module section (JSON; ?download=true as a file).", querystring: z.object({ download: z.enum(["true", "false"]).optional() }), response: { 200: MyData, ...errorResponses } } },
      async (req, reply) => {
        const data = await exportMyData({ ctx: req.ctx, providers: opts.personalData ?? [] });
        reply.header("cache-control", "no-store");
        if (req.query.download === "true") reply.header("content-disposition", `attachment; filename="changwat-my-data-${data.generatedAt.slice(0, 10)}.json"`);
        return data;
      },
    );
    r.get(
      "/me/data/:section/csv",
      { schema: { tags: me, description: "One section of \"my data\" as CSV.", params: z.object({ section: z.string().regex(/^[a-z0-9.-]{1,60}$/) }), response: { ...errorResponses } } },
      async (req, reply) => {
        const data = await exportMyData({ ctx: req.ctx, providers: opts.personalData ?? [] });
        const section = data.sections.find((s) => s.key === req.params.section);
        if (!section) throw new AppError("my-data.section-not-found", 404, "ไม่พบหมวดข้อมูลนี้", "No such section of your data");
        return reply
          .header("cache-control", "no-store")
          .header("content-disposition", `attachment; filename="changwat-${section.key}.csv"`)
          .type("text/csv; charset=utf-8")
          .send(sectionCsv(section) as never); // a file: sent as it is
      },
    );
    r.post(
      "/me/close",
      {
        config: limited(),
        schema: {
          tags: me,
          description: `Closes the logged-in account at its holder's request, now: password typed again and the phrase "${CLOSE_ACCOUNT_PHRASE.th}" or "${CLOSE_ACCOUNT_PHRASE.en}". Every module erases what it holds about the account; the account stays as a tombstone (no name, contact or password), its sessions end and the cookie is cleared. Staff accounts (any role besides citizen) get 409: an administrator revokes their roles instead.`,
          body: CloseMyAccountInput,
          response: { 200: ClosedAccount, ...errorResponses },
        },
      },
      async (req, reply) => {
        const closed = await closeMyAccount({ ctx: req.ctx, input: req.body, erasers: opts.erasePersonalData ?? [] });
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return closed;
      },
    );

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
