import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    /** set when the holder proved the address (citizen sign-up link); a citizen's support counts only then */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    /** optional, given by the holder; shown only to the holder and administrators */
    phone: text("phone"),
    passwordHash: text("password_hash").notNull(),
    personId: text("person_id"),
    locale: text("locale").notNull().default("th"),
    isDemo: boolean("is_demo").notNull().default(false),
    /** citizen sign-up: the PDPA consent text (version) the holder agreed to, and when */
    consentVersion: text("consent_version"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** closed by its holder: a tombstone (no name, contact or password; disabled too) so ids elsewhere stay valid */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("accounts_username_uq").on(t.username), uniqueIndex("accounts_verified_email_uq").on(sql`lower(${t.email})`).where(sql`${t.emailVerifiedAt} is not null`)],
);

/** Cookie sessions live in the database so any app process can serve any request. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    accountId: text("account_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("sessions_token_uq").on(t.tokenHash), index("sessions_account_idx").on(t.accountId)],
);

/** A role held at a scope (nation, area:<id>, org:<id>). */
export const grants = pgTable(
  "grants",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    role: text("role").notNull(),
    scope: text("scope").notNull(),
    provinceCode: text("province_code"),
    grantedBy: text("granted_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("grants_account_idx").on(t.accountId), index("grants_scope_idx").on(t.scope), index("grants_province_idx").on(t.provinceCode)],
);

/** Keys for machine clients: shown once, stored as a hash, scoped by the grants they carry, revocable. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    grants: jsonb("grants").notNull(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash)],
);

/** Administrator-issued one-time password reset tokens (hash only). */
export const resetTokens = pgTable(
  "reset_tokens",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    issuedBy: text("issued_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("reset_tokens_hash_uq").on(t.tokenHash)],
);

/**
 * One-time e-mail verification links (sign-up, a changed address): the address to prove, a hash of the token,
 * 24 hours to use it. The account's address changes only when its link is used.
 */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("email_verifications_hash_uq").on(t.tokenHash), index("email_verifications_account_idx").on(t.accountId, t.createdAt)],
);
