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
  /** set when the holder closed the account: a tombstone with no name, e-mail or roles, which nobody may change */
  closedAt: z.string().nullable(),
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

// ——— citizen accounts: sign-up with e-mail verification, self-service profile, "my data" ———

/** The version of the account consent text (PDPA) a citizen agrees to at sign-up; stored with the account. */
export const ACCOUNT_CONSENT_VERSION = "2026-11-account";
/** The consent text in both languages; it names what is kept, why, and for how long. */
export const ACCOUNT_CONSENT = {
  th: "ข้าพเจ้ายินยอมให้จังหวัดเก็บและใช้ชื่อที่แสดง อีเมล และหมายเลขโทรศัพท์ (ถ้าให้ไว้) เพื่อเปิดบัญชี ยืนยันตัวตน แจ้งความคืบหน้าเรื่องร้องเรียน และนับการสนับสนุนข้อเสนอ ข้อมูลบัญชีเก็บไว้ตราบที่บัญชียังเปิดอยู่ และลบภายใน 30 วันหลังขอปิดบัญชี ยกเว้นบันทึกการตรวจสอบที่กฎหมายกำหนด ข้าพเจ้าดูและดาวน์โหลดข้อมูลของตนได้ที่หน้า “ข้อมูลของฉัน”",
  en: "I agree that the province keeps and uses my display name, e-mail address and phone number (if given) to open the account, verify it, tell me about my cases and count my support for proposals. Account data is kept while the account is open and deleted within 30 days after I ask to close it, except the audit records the law requires. I can see and download my data on the “My data” page.",
} as const;

/** A Thai mobile number: 06/08/09 + 8 digits, or +66 without the leading 0; spaces and dashes allowed. */
export const ThaiMobile = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ""))
  .refine((s) => /^(0|\+66)[689]\d{8}$/.test(s), { message: "a Thai mobile number, e.g. 081 234 5678" })
  .transform((s) => (s.startsWith("+66") ? `0${s.slice(3)}` : s));
export const EmailAddress = z.string().trim().toLowerCase().email().max(200);

export const SignUpInput = z
  .object({
    email: EmailAddress,
    password: Password,
    displayName: z.string().trim().min(1).max(120),
    phone: ThaiMobile.optional(),
    locale: z.enum(["th", "en"]).default("th"),
    /** the holder agreed to ACCOUNT_CONSENT of this version */
    consent: z.literal(true, { message: "Agree to the consent text to open an account" }),
    consentVersion: z.literal(ACCOUNT_CONSENT_VERSION).default(ACCOUNT_CONSENT_VERSION),
  })
  .strict();
export type SignUpInput = z.infer<typeof SignUpInput>;

/** The same answer whatever the address: whether it is registered is never revealed. */
export const Accepted = z.object({ ok: z.literal(true), messageTh: z.string(), messageEn: z.string() });
export type Accepted = z.infer<typeof Accepted>;

export const TokenInput = z.object({ token: z.string().trim().min(10).max(200) }).strict();
export const EmailInput = z.object({ email: EmailAddress }).strict();

export const MyProfile = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  /** an address waiting for its link to be used (a change of address) */
  pendingEmail: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.enum(["th", "en"]),
  consentVersion: z.string().nullable(),
  consentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MyProfile = z.infer<typeof MyProfile>;

export const UpdateMyProfileInput = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    /** null removes the number */
    phone: ThaiMobile.nullable().optional(),
    locale: z.enum(["th", "en"]).optional(),
    /** a new address is verified by a link before it replaces the old one */
    email: EmailAddress.optional(),
  })
  .strict();
export type UpdateMyProfileInput = z.infer<typeof UpdateMyProfileInput>;

export const PersonalDataSectionView = z.object({
  key: z.string(),
  titleTh: z.string(),
  titleEn: z.string(),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export const MyData = z.object({
  accountId: z.string(),
  generatedAt: z.string(),
  sections: z.array(PersonalDataSectionView),
});
export type MyData = z.infer<typeof MyData>;

/** What the holder types to confirm closing their account (either language's phrase is accepted). */
export const CLOSE_ACCOUNT_PHRASE = { th: "ปิดบัญชีของฉัน", en: "close my account" } as const;
/** True when `typed` is one of the confirmation phrases (spaces and English letter case do not matter). */
export function isCloseConfirmation(typed: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  return Object.values(CLOSE_ACCOUNT_PHRASE).some((p) => norm(p) === norm(typed));
}
export const CloseMyAccountInput = z
  .object({
    /** the account's password, typed again */
    password: z.string().min(1).max(200),
    /** CLOSE_ACCOUNT_PHRASE.th or .en, typed by the holder */
    confirmation: z.string().max(100),
  })
  .strict();
export type CloseMyAccountInput = z.infer<typeof CloseMyAccountInput>;
export const ClosedAccount = z.object({ ok: z.literal(true), closedAt: z.string(), messageTh: z.string(), messageEn: z.string() });
export type ClosedAccount = z.infer<typeof ClosedAccount>;
