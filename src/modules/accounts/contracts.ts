/** Accounts and access contracts: browser-safe. */
import { z } from "zod";
import { ROLES } from "../../platform/auth/policy.js";

export const RoleId = z.enum(ROLES);
export const ScopeKey = z.string().regex(/^(nation|area:[a-z0-9_:.@-]{1,100}|org:[a-z0-9_:.@-]{1,100})$/i, "scope must be nation, area:<id> or org:<id>");

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const GrantView = z.object({
  id: z.string(),
  role: RoleId,
  scope: z.string(),
  scopeNameTh: z.string().nullable(),
  scopeNameEn: z.string().nullable(),
  createdAt: z.string(),
});
export type GrantView = z.infer<typeof GrantView>;

export const Me = z.object({
  authenticated: z.boolean(),
  account: z
    .object({ id: z.string(), username: z.string(), displayName: z.string(), locale: z.enum(["th", "en"]), isDemo: z.boolean(), personId: z.string().nullable() })
    .nullable(),
  grants: z.array(GrantView),
  csrfToken: z.string().nullable(),
  /** where the user lands: their own scope's page */
  home: z.string(),
});
export type Me = z.infer<typeof Me>;

export const AccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: z.enum(["th", "en"]),
  isDemo: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantView),
});
export type AccountView = z.infer<typeof AccountView>;

export const Password = z.string().min(10, "at least 10 characters").max(200);

export const CreateAccountInput = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{3,60}$/, "3–60 characters: a-z 0-9 . _ -"),
  displayName: z.string().trim().min(1).max(200),
  email: z.string().email().max(200).nullable().optional(),
  password: Password,
  locale: z.enum(["th", "en"]).default("th"),
  personId: z.string().max(100).nullable().optional(),
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const GrantRoleInput = z.object({ role: RoleId, scope: ScopeKey });
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;

export const ResetTokenView = z.object({ token: z.string(), expiresAt: z.string() });
export const ResetPasswordInput = z.object({ token: z.string().min(10).max(200), newPassword: Password });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(200),
  grants: z.array(GrantRoleInput).min(1).max(20),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;
export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  grants: z.array(z.object({ role: RoleId, scope: z.string() })),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
export const CreatedApiKey = ApiKeyView.extend({ secret: z.string() });

export const DemoAccount = z.object({ username: z.string(), password: z.string(), displayName: z.string(), roleLabel: z.string(), home: z.string(), grants: z.array(z.object({ role: RoleId, scope: z.string() })) });
export type DemoAccount = z.infer<typeof DemoAccount>;
