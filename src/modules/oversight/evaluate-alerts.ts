import { sql } from "drizzle-orm";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { emitEvents } from "../../platform/webhooks/index.js";
import { RULES, ruleClock, type AlertCandidate } from "./alert-rules.js";
import { ALERT_RULES, type AlertRule } from "./contracts-alerts.js";

type AlertChange = { id: string; rule: string; severity: string; province_code: string | null; org_id: string; entity_type: string; entity_id: string; is_demo: boolean };

export type EvaluateResult = { raised: number; open: number; resolved: number };

/**
 * Evaluates the alert rules at ctx.now(): raises an alert for each condition newly holding, refreshes the open ones
 * (severity, title: "12 days late" moves with the clock) and resolves those whose condition no longer holds. Each rule
 * in one transaction; at most one open alert per dedupe key (a unique index), so running it again, twice at once or
 * after a crash never duplicates. The scheduled job and the demo seed call it; tests call it with a fake clock.
 */
export async function evaluateAlerts({ ctx, input }: { ctx: Ctx; input?: { rules?: readonly AlertRule[] } }): Promise<EvaluateResult> {
  const now = ctx.now();
  const clock = ruleClock(now, bangkokToday(now));
  const out: EvaluateResult = { raised: 0, open: 0, resolved: 0 };
  for (const rule of input?.rules ?? ALERT_RULES) {
    const found = await RULES[rule](ctx, clock);
    const r = await withTransaction(ctx, (tx) => applyRule(tx, rule, found, now));
    out.raised += r.raised;
    out.open += found.length;
    out.resolved += r.resolved;
  }
  return out;
}

async function applyRule(ctx: Ctx, rule: AlertRule, found: AlertCandidate[], now: Date): Promise<{ raised: number; resolved: number }> {
  const at = now.toISOString();
  let raised = 0;
  const changed: (AlertChange & { type: "alert.raised" | "alert.resolved" })[] = [];
  // batches keep each statement's JSON parameter small
  for (let i = 0; i < found.length; i += 500) {
    const batch = found.slice(i, i + 500).map((c) => ({ ...c, id: newId(now.getTime()) }));
    const rows = rowsOf<AlertChange & { inserted: boolean }>(
      await ctx.db.execute(sql`with recursive c as (
          select * from json_to_recordset(${JSON.stringify(batch)}::json) as x(id text, dedupe_key text, rule text, severity text, province_code text, org_id text, entity_type text, entity_id text,
            title_th text, title_en text, detail_th text, detail_en text, link text, is_demo boolean)),
        up(org_id, cur_id, depth) as (
          select distinct org_id, org_id, 0 from c where org_id <> ''
          union all
          select up.org_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.cur_id where o.parent_id is not null and up.depth < 8),
        fn as (
          select up.org_id, coalesce(max(case when o.classification = 'department' then o.id end), '') as department_id,
            coalesce(max(case when o.classification = 'ministry' then o.id end), '') as ministry_id
          from up join organizations o on o.id = up.cur_id group by up.org_id)
        insert into oversight_alerts (id, dedupe_key, rule, severity, province_code, org_id, department_id, ministry_id, entity_type, entity_id, title_th, title_en, detail_th, detail_en, link, raised_at, seen_at, is_demo)
        select c.id, c.dedupe_key, c.rule, c.severity, c.province_code, c.org_id, coalesce(fn.department_id, ''), coalesce(fn.ministry_id, ''), c.entity_type, c.entity_id,
          c.title_th, c.title_en, c.detail_th, c.detail_en, c.link, ${at}::timestamptz, ${at}::timestamptz, c.is_demo
        from c left join fn on fn.org_id = c.org_id
        on conflict (dedupe_key) where resolved_at is null do update set
          severity = excluded.severity, title_th = excluded.title_th, title_en = excluded.title_en, detail_th = excluded.detail_th, detail_en = excluded.detail_en,
          link = excluded.link, org_id = excluded.org_id, department_id = excluded.department_id, ministry_id = excluded.ministry_id, seen_at = excluded.seen_at
        returning id, rule, severity, province_code, org_id, entity_type, entity_id, is_demo, (xmax = 0) as inserted`),
    );
    raised += rows.filter((r) => r.inserted).length;
    changed.push(...rows.filter((r) => r.inserted).map((r) => ({ ...r, type: "alert.raised" as const })));
  }
  const keys = JSON.stringify(found.map((c) => c.dedupe_key));
  const gone = rowsOf<AlertChange>(
    await ctx.db.execute(sql`update oversight_alerts set resolved_at = ${at}::timestamptz
      where rule = ${rule} and resolved_at is null and dedupe_key not in (select jsonb_array_elements_text(${keys}::jsonb))
      returning id, rule, severity, province_code, org_id, entity_type, entity_id, is_demo`),
  );
  changed.push(...gone.map((r) => ({ ...r, type: "alert.resolved" as const })));
  // other centres hear of raised and resolved alerts in this transaction; titles stay out (they quote the records)
  await emitEvents(ctx, changed.map((r) => ({ type: r.type, provinceCode: r.province_code || null, entityType: "alert", entityId: r.id, isDemo: r.is_demo, data: { alert: { id: r.id, rule: r.rule, severity: r.severity, provinceCode: r.province_code || null, orgId: r.org_id || null, entityType: r.entity_type, entityId: r.entity_id, at }, state: r.type === "alert.raised" ? "open" : "resolved" } })));
  return { raised, resolved: gone.length };
}
