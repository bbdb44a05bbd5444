import { z } from "zod";
import { DashboardScope } from "./contracts.js";

/**
 * The alert rules an operation centre is warned by, evaluated by a scheduled job (evaluate-alerts.ts). Each raises one
 * alert per record or per (province, organisation) and resolves it when the condition no longer holds.
 */
export const ALERT_RULES = ["permit-overdue", "kpi-off-target", "disbursement-lagging", "sla-breach", "delegation-expiring", "committee-late", "action-item-overdue", "planning-deadline-overdue", "planning-deadline-due-soon"] as const;
export const AlertRule = z.enum(ALERT_RULES);
export type AlertRule = z.infer<typeof AlertRule>;

/** How urgent: critical (act now), warning, notice. Shown as a word and an icon, never by colour alone. */
export const ALERT_SEVERITIES = ["critical", "warning", "notice"] as const;
export const AlertSeverity = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const DIGEST_FREQUENCIES = ["none", "daily", "weekly"] as const;
export const DigestFrequency = z.enum(DIGEST_FREQUENCIES);
export type DigestFrequency = z.infer<typeof DigestFrequency>;

/** Rule names for mail and the web (the web has its own i18n copy; the digest mail uses these). */
export const ALERT_RULE_NAMES: Record<AlertRule, { th: string; en: string }> = {
  "permit-overdue": { th: "คำขออนุญาตเกินกำหนดตามกฎหมาย", en: "Permits past their statutory deadline" },
  "kpi-off-target": { th: "ตัวชี้วัดไม่ถึงค่าเป้าหมาย", en: "KPIs below target" },
  "disbursement-lagging": { th: "การเบิกจ่ายล่าช้า", en: "Disbursement lagging" },
  "sla-breach": { th: "เรื่องของประชาชนค้างเกินมาตรฐานเวลา", en: "Citizens' cases past their service level" },
  "delegation-expiring": { th: "คำสั่งมอบอำนาจใกล้หมดอายุ", en: "Delegations about to expire" },
  "committee-late": { th: "คณะกรรมการประชุมล่าช้ากว่ารอบ", en: "Committees late on their cadence" },
  "action-item-overdue": { th: "มติที่ต้องดำเนินการเกินกำหนด", en: "Committee action items overdue" },
  "planning-deadline-overdue": { th: "กำหนดเวลาตามกฎหมายของวงจรงบประมาณเลยกำหนด", en: "Budget-cycle statutory deadlines overdue" },
  "planning-deadline-due-soon": { th: "กำหนดเวลาตามกฎหมายของวงจรงบประมาณใกล้ครบกำหนด", en: "Budget-cycle statutory deadlines due soon" },
};
export const ALERT_SEVERITY_NAMES: Record<AlertSeverity, { th: string; en: string }> = {
  critical: { th: "วิกฤต", en: "Critical" },
  warning: { th: "เตือน", en: "Warning" },
  notice: { th: "แจ้งให้ทราบ", en: "Notice" },
};

const ScopeKey = z
  .string()
  .trim()
  .max(140)
  .regex(/^(nation|area:[a-z_]+:[0-9A-Za-z_-]+|org:[0-9A-Za-z_.:-]+|dpm:[0-9A-Za-z_.:-]+)$/, "scope is nation, area:<kind>:<code>, org:<id> or dpm:<deputy PM's post id>");
const BoolQuery = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]);

/** The inbox: open alerts (by default) of the reader's subscribed scopes, or of one scope they read. */
export const AlertsInput = z.object({
  scope: ScopeKey.optional(),
  rule: AlertRule.optional(),
  province: z.string().regex(/^\d{2}$/, "province is the two-digit province code").optional(),
  severity: AlertSeverity.optional(),
  status: z.enum(["open", "resolved", "all"]).default("open"),
  unread: BoolQuery.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const Alert = z.object({
  id: z.string(),
  rule: AlertRule,
  severity: AlertSeverity,
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  orgId: z.string().nullable(),
  orgNameTh: z.string().nullable(),
  orgNameEn: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  titleTh: z.string(),
  titleEn: z.string(),
  detailTh: z.string(),
  detailEn: z.string(),
  /** the record's page in the web app */
  link: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  read: z.boolean(),
  isDemo: z.boolean(),
});
export type Alert = z.infer<typeof Alert>;

/** A scope the inbox reads, with the rules chosen there (null = every rule). */
export const InboxScope = DashboardScope.extend({ rules: z.array(AlertRule).nullable() });
export const AlertPage = z.object({
  items: z.array(Alert),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** open alerts of these scopes the reader has not marked read */
  unread: z.number().int(),
  /** the provinces with alerts under the other filters (the province filter's choices), with how many each */
  provinces: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), alerts: z.number().int() })),
  scopes: z.array(InboxScope),
  /** where the scopes came from: the reader's subscriptions, their landing scope (no subscription), or the scope asked for */
  source: z.enum(["subscriptions", "landing", "scope"]),
});
export type AlertPage = z.infer<typeof AlertPage>;

export const MarkAlertReadInput = z.object({ read: z.boolean().default(true) }).strict();
export const MarkedAlert = z.object({ id: z.string(), read: z.boolean() });

export const AlertSubscriptionInput = z
  .object({
    scope: ScopeKey,
    /** the rules followed there; omitted or null = every rule */
    rules: z.array(AlertRule).min(1).max(ALERT_RULES.length).nullable().optional(),
    frequency: DigestFrequency.default("none"),
  })
  .strict();
/** The account's whole set of subscriptions (replaces what was there; an empty list falls back to the landing scope). */
export const AlertSubscriptionsInput = z.object({ subscriptions: z.array(AlertSubscriptionInput).max(20) }).strict();

export const AlertSubscription = z.object({ scope: DashboardScope, rules: z.array(AlertRule).nullable(), frequency: DigestFrequency, updatedAt: z.string() });
export const AlertSubscriptions = z.object({
  subscriptions: z.array(AlertSubscription),
  /** the scopes the reader may subscribe to (their grants' dashboards) */
  available: z.array(DashboardScope),
  /** what the inbox shows with no subscription: the landing scope, every rule, no e-mail */
  defaultScope: z.string().nullable(),
});
export type AlertSubscriptions = z.infer<typeof AlertSubscriptions>;
