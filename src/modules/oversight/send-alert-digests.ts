import { and, desc, eq, sql } from "drizzle-orm";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { notify } from "../../platform/notify/notify.js";
import { bangkokToday, dayOfWeek, formatThaiDate } from "../../platform/thai/dates.js";
import { lookupAccount } from "../accounts/index.js";
import { alertScopesOf, alertsInScopes } from "./alert-scopes.js";
import { ALERT_RULE_NAMES, ALERT_RULES, ALERT_SEVERITY_NAMES, type AlertRule, type AlertSeverity } from "./contracts-alerts.js";
import { oversightAlertDigests, oversightAlertSubscriptions } from "./tables.js";

/** The digests go out from this Bangkok time (the jobs' schedule); a catch-up run earlier in the day sends nothing yet. */
export const DIGEST_TIME = "07:30";
/** Weekly digests go out on Mondays (0 = Sunday). */
export const WEEKLY_DIGEST_DAY = 1;
/** At most this many alerts are listed in one mail; the rest are counted. */
const LISTED = 40;

export type DigestResult = { frequency: "daily" | "weekly"; period: string | null; accounts: number; sent: number; empty: number; skipped: number };

const bangkokTime = (now: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Bangkok", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);

/**
 * Mails each account subscribed with this frequency one digest of the alerts raised in its subscribed scopes since its
 * last digest (a day or a week ago for the first one), in Thai and English, with titles and links only: cases appear
 * only as counts. One digest row per account and period (the Bangkok day; the week's Monday) and a notification dedupe
 * key of the same, both written in one transaction, so a re-run, a retry or a second process sends nothing twice.
 * Weekly digests go out only on Mondays; an account with nothing new gets no mail (its period is still recorded).
 */
export async function sendAlertDigests({ ctx, input }: { ctx: Ctx; input: { frequency: "daily" | "weekly" } }): Promise<DigestResult> {
  const f = input.frequency;
  const now = ctx.now();
  const today = bangkokToday(now);
  const out: DigestResult = { frequency: f, period: null, accounts: 0, sent: 0, empty: 0, skipped: 0 };
  if (bangkokTime(now) < DIGEST_TIME) return out;
  if (f === "weekly" && dayOfWeek(today) !== WEEKLY_DIGEST_DAY) return out;
  out.period = today;
  const accounts = (await ctx.db.selectDistinct({ id: oversightAlertSubscriptions.accountId }).from(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.frequency, f)).orderBy(oversightAlertSubscriptions.accountId)).map((r) => r.id);
  for (const id of accounts) {
    out.accounts++;
    const [done] = await ctx.db.select({ p: oversightAlertDigests.period }).from(oversightAlertDigests).where(and(eq(oversightAlertDigests.accountId, id), eq(oversightAlertDigests.frequency, f), eq(oversightAlertDigests.period, today))).limit(1);
    if (done) {
      out.skipped++;
      continue;
    }
    // the digest reads as the account would: only scopes its grants reach today
    const account = await lookupAccount(ctx, id);
    if (!account) {
      out.skipped++;
      continue;
    }
    const as: Ctx = { ...ctx, actor: { kind: "user", id: account.id, name: account.displayName, grants: account.grants } };
    const { scopes } = await alertScopesOf(as, { frequency: f });
    const [last] = await ctx.db.select({ until: oversightAlertDigests.until }).from(oversightAlertDigests).where(and(eq(oversightAlertDigests.accountId, id), eq(oversightAlertDigests.frequency, f))).orderBy(desc(oversightAlertDigests.period)).limit(1);
    const since = last?.until ?? new Date(now.getTime() - (f === "daily" ? 1 : 7) * 86_400_000);
    const alerts = rowsOf<{ rule: AlertRule; severity: AlertSeverity; title_th: string; title_en: string; link: string; resolved: boolean }>(
      await ctx.db.execute(sql`select a.rule, a.severity, a.title_th, a.title_en, a.link, a.resolved_at is not null as resolved from oversight_alerts a
        where ${alertsInScopes(scopes)} and a.raised_at > ${since.toISOString()}::timestamptz and a.raised_at <= ${now.toISOString()}::timestamptz
        order by case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, a.raised_at, a.id`),
    );
    const [{ open = 0 } = {}] = rowsOf<{ open: number }>(await ctx.db.execute(sql`select count(*)::int as open from oversight_alerts a where ${alertsInScopes(scopes)} and a.resolved_at is null`));
    const sent = await withTransaction(ctx, async (tx) => {
      const claimed = await tx.db
        .insert(oversightAlertDigests)
        .values({ accountId: id, frequency: f, period: today, since, until: now, alerts: alerts.length })
        .onConflictDoNothing()
        .returning({ p: oversightAlertDigests.period });
      if (!claimed.length || !alerts.length) return claimed.length ? "empty" : "skipped";
      const mail = compose(f, alerts, open, since, now);
      const n = await notify(tx, { dedupeKey: `oversight-digest:${id}:${f}:${today}`, recipient: `user:${id}`, kind: `oversight.alert-digest.${f}`, ...mail, link: "/oversight/alerts", entityType: "oversight-alert-digest", entityId: `${id}:${f}:${today}` });
      await tx.db.update(oversightAlertDigests).set({ notificationId: n.id }).where(and(eq(oversightAlertDigests.accountId, id), eq(oversightAlertDigests.frequency, f), eq(oversightAlertDigests.period, today)));
      return "sent";
    });
    out[sent]++;
  }
  return out;
}

type Listed = { rule: AlertRule; severity: AlertSeverity; title_th: string; title_en: string; link: string; resolved: boolean };

/** The mail: counts by rule, then the alerts (severity as a word), Thai first; no personal data is in any alert title. */
function compose(f: "daily" | "weekly", alerts: Listed[], open: number, since: Date, now: Date) {
  const n = alerts.length;
  const sinceTh = formatThaiDate(since, { style: "long" });
  const sinceEn = formatThaiDate(since, { locale: "en", style: "long" });
  const byRule = ALERT_RULES.map((r) => [r, alerts.filter((a) => a.rule === r).length] as const).filter(([, c]) => c > 0);
  const lines = (lang: "th" | "en") =>
    alerts.slice(0, LISTED).map((a) => `- [${ALERT_SEVERITY_NAMES[a.severity][lang]}] ${lang === "th" ? a.title_th : a.title_en}${a.resolved ? (lang === "th" ? " (คลี่คลายแล้ว)" : " (resolved since)") : ""} — ${a.link}`);
  const more = n - Math.min(n, LISTED);
  const bodyTh = [
    `การแจ้งเตือนใหม่ ${n} รายการ ตั้งแต่วันที่ ${sinceTh}`,
    ...byRule.map(([r, c]) => `${ALERT_RULE_NAMES[r].th}: ${c}`),
    "",
    ...lines("th"),
    ...(more ? [`และอีก ${more} รายการ`] : []),
    "",
    `ยังไม่คลี่คลายทั้งหมด ${open} รายการ ดูและกรองได้ที่ /oversight/alerts`,
  ].join("\n");
  const bodyEn = [
    `${n} new alert${n === 1 ? "" : "s"} since ${sinceEn}`,
    ...byRule.map(([r, c]) => `${ALERT_RULE_NAMES[r].en}: ${c}`),
    "",
    ...lines("en"),
    ...(more ? [`and ${more} more`] : []),
    "",
    `${open} still open in all; see and filter them at /oversight/alerts`,
  ].join("\n");
  const dayTh = formatThaiDate(now, { style: "long" });
  const dayEn = formatThaiDate(now, { locale: "en", style: "long" });
  return {
    subjectTh: f === "daily" ? `สรุปการแจ้งเตือนประจำวัน ${dayTh}: ใหม่ ${n} รายการ` : `สรุปการแจ้งเตือนประจำสัปดาห์ ${dayTh}: ใหม่ ${n} รายการ`,
    subjectEn: f === "daily" ? `Daily alert digest, ${dayEn}: ${n} new` : `Weekly alert digest, ${dayEn}: ${n} new`,
    bodyTh,
    bodyEn,
  };
}
