import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { notify } from "../../platform/notify/notify.js";
import { addDays, diffDays, formatThaiDate } from "../../platform/thai/dates.js";
import { sandboxesExpiringWithin } from "./list-sandboxes.js";
import { todayOf } from "./pilot-rules.js";
import { agreementRounds, agreements } from "./tables.js";

/** Days before a round's due date at which its area is reminded (the nearest threshold reached is sent). */
export const ROUND_REMINDER_DAYS = [7, 1] as const;
/** Days before a sandbox's expiry at which its province is reminded. */
export const SANDBOX_EXPIRY_REMINDER_DAYS = [60, 30, 7] as const;

/** The smallest threshold `daysLeft` is within, or null when it is within none. */
function nearestThreshold(daysLeft: number, thresholds: readonly number[]): number | null {
  const within = thresholds.filter((t) => daysLeft <= t);
  return within.length ? Math.min(...within) : null;
}

/**
 * Records the deadline reminders due today (Bangkok): a round of a signed agreement not yet closed whose due
 * date is within 7 days, then within 1 day, to the agreement's area; a sandbox expiring within 60, 30 and 7 days
 * to its province. Each occasion has its own dedupe key, so running this any number of times records each once;
 * a reminder first seen late is sent at its nearest threshold only (one reminder, not two on the same day).
 */
export async function sendReminders({ ctx }: { ctx: Ctx }): Promise<{ rounds: number; sandboxes: number }> {
  await requirePermission(ctx, "performance:read", NATION);
  const today = todayOf(ctx);
  let rounds = 0;
  let sandboxCount = 0;

  const due = await ctx.db
    .select({ id: agreements.id, areaId: agreements.areaId, provinceCode: agreements.provinceCode, titleTh: agreements.titleTh, titleEn: agreements.titleEn, round: agreementRounds.round, status: agreementRounds.status, dueDate: agreementRounds.dueDate })
    .from(agreementRounds)
    .innerJoin(agreements, eq(agreements.id, agreementRounds.agreementId))
    .where(and(eq(agreements.status, "signed"), inArray(agreementRounds.status, ["open", "submitted"]), gte(agreementRounds.dueDate, today), lte(agreementRounds.dueDate, addDays(today, Math.max(...ROUND_REMINDER_DAYS)))))
    .orderBy(asc(agreementRounds.dueDate), asc(agreements.id), asc(agreementRounds.round));
  for (const r of due) {
    const days = nearestThreshold(diffDays(today, r.dueDate), ROUND_REMINDER_DAYS);
    if (days === null) continue;
    const dateTh = formatThaiDate(r.dueDate, { style: "long" });
    const dateEn = formatThaiDate(r.dueDate, { locale: "en", style: "long" });
    const title = { th: r.titleTh, en: r.titleEn || r.titleTh };
    const submitted = r.status === "submitted";
    const { created } = await notify(ctx, {
      dedupeKey: `round-due:${r.id}:${r.round}:${days}`,
      recipient: `area:${r.areaId}`,
      provinceCode: r.provinceCode,
      kind: "performance.round-due",
      subjectTh: submitted
        ? `รอบการประเมิน ${r.round} เดือน จะปิดและตรึงคะแนนภายใน ${days} วัน: ${title.th}`
        : `ครบกำหนดส่งรายงานผลการประเมินรอบ ${r.round} เดือน ภายใน ${days} วัน: ${title.th}`,
      subjectEn: submitted
        ? `The ${r.round}-month round closes and its score is frozen within ${days} day${days === 1 ? "" : "s"}: ${title.en}`
        : `The ${r.round}-month evaluation report is due within ${days} day${days === 1 ? "" : "s"}: ${title.en}`,
      bodyTh: submitted
        ? `ส่งการประเมินตนเองแล้ว รอบนี้จะปิดในวันที่ ${dateTh} ผลที่ผู้ประเมินบันทึกหลังจากนั้นจะไม่นับในคะแนนรอบนี้`
        : `กำหนดส่งการประเมินตนเองและหลักฐานของรอบ ${r.round} เดือน คือวันที่ ${dateTh} เมื่อพ้นกำหนด รอบจะปิดและคะแนนจะถูกตรึงโดยอัตโนมัติ`,
      bodyEn: submitted
        ? `The self-assessment is in; the round closes on ${dateEn}. Results entered after that do not count towards this round.`
        : `The self-assessment and evidence for the ${r.round}-month round are due on ${dateEn}. After that date the round closes and its score is frozen automatically.`,
      link: `/agreements/${r.id}`,
      entityType: "agreement",
      entityId: r.id,
    });
    if (created) rounds++;
  }

  // the nearest threshold first, so a sandbox within 7 days is not also reminded at 30 and 60
  const reminded = new Set<string>();
  for (const days of [...SANDBOX_EXPIRY_REMINDER_DAYS].sort((a, b) => a - b)) {
    for (const s of await sandboxesExpiringWithin(ctx, days)) {
      if (reminded.has(s.id)) continue;
      reminded.add(s.id);
      const dateTh = formatThaiDate(s.expiresOn, { style: "long" });
      const dateEn = formatThaiDate(s.expiresOn, { locale: "en", style: "long" });
      const { created } = await notify(ctx, {
        dedupeKey: `sandbox-expiry:${s.id}:${days}`,
        recipient: `area:province:${s.provinceCode}`,
        provinceCode: s.provinceCode,
        kind: "performance.sandbox-expiry",
        subjectTh: `พื้นที่ทดลอง (Sandbox) จะหมดอายุภายใน ${days} วัน: ${s.nameTh}`,
        subjectEn: `Special administration sandbox expires within ${days} days: ${s.nameEn || s.nameTh}`,
        bodyTh: `พื้นที่ทดลอง${s.nameTh} จังหวัด${s.provinceNameTh} จะหมดอายุวันที่ ${dateTh} ควรตัดสินใจต่ออายุ หรือปิดและสรุปผล`,
        bodyEn: `${s.nameEn || s.nameTh} (${s.provinceNameEn}) expires on ${dateEn}. Decide whether to renew it, or close it and record its results.`,
        link: `/sandboxes/${s.id}`,
        entityType: "sandbox",
        entityId: s.id,
      });
      if (created) sandboxCount++;
    }
  }
  return { rounds, sandboxes: sandboxCount };
}
