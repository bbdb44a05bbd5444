import { asc, eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { PersonalDataSection } from "../../platform/module.js";
import { accounts, grants, sessions } from "./tables.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * What the accounts module holds about one account: the profile, the roles, the sessions (never tokens or the password
 * hash). A closed account is a tombstone that identifies nobody: nothing.
 */
export async function accountsPersonalData(ctx: Ctx, accountId: string): Promise<PersonalDataSection[]> {
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!a || a.closedAt) return [];
  const g = await ctx.db.select().from(grants).where(eq(grants.accountId, accountId)).orderBy(asc(grants.createdAt));
  const s = await ctx.db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(asc(sessions.createdAt)).limit(1000);
  return [
    {
      key: "accounts.profile",
      titleTh: "บัญชีผู้ใช้",
      titleEn: "Account",
      rows: [
        {
          id: a.id,
          username: a.username,
          displayName: a.displayName,
          email: a.email,
          emailVerifiedAt: iso(a.emailVerifiedAt),
          phone: a.phone,
          locale: a.locale,
          consentVersion: a.consentVersion,
          consentAt: iso(a.consentAt),
          createdAt: iso(a.createdAt),
          lastLoginAt: iso(a.lastLoginAt),
        },
      ],
    },
    { key: "accounts.roles", titleTh: "บทบาท", titleEn: "Roles", rows: g.map((x) => ({ role: x.role, scope: x.scope, grantedAt: iso(x.createdAt), revokedAt: iso(x.revokedAt) })) },
    { key: "accounts.sessions", titleTh: "การเข้าสู่ระบบ", titleEn: "Sessions", rows: s.map((x) => ({ startedAt: iso(x.createdAt), lastSeenAt: iso(x.lastSeenAt), expiresAt: iso(x.expiresAt), endedAt: iso(x.revokedAt) })) },
  ];
}
