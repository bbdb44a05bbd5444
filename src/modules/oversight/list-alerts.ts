import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { ForbiddenError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations, provinceFrame } from "../registry/index.js";
import { alertScopesOf, alertsInScopes, type AlertScope } from "./alert-scopes.js";
import { AlertsInput, type Alert, type AlertPage, type AlertRule, type AlertSeverity } from "./contracts-alerts.js";
import { resolveScope } from "./scopes.js";

type Raw = {
  id: string; rule: AlertRule; severity: AlertSeverity; province_code: string; org_id: string; entity_type: string; entity_id: string; title_th: string; title_en: string;
  detail_th: string; detail_en: string; link: string; raised_at: string | Date; resolved_at: string | Date | null; read: boolean; is_demo: boolean; total: number;
};

const iso = (d: string | Date) => new Date(d).toISOString();

/**
 * The reader's alert inbox: alerts of the scopes they subscribed to (each checked against their grants today), or of
 * their landing scope when they subscribed to nothing, or of one scope they read; open ones by default, critical
 * first, newest first; each with whether this account has read it, and how many open ones it has not.
 */
export async function listAlerts({ ctx, input }: { ctx: Ctx; input: z.input<typeof AlertsInput> }): Promise<AlertPage> {
  const i = parseInput(AlertsInput, input);
  let scopes: AlertScope[];
  let source: AlertPage["source"];
  if (i.scope) {
    scopes = [{ scope: await resolveScope(ctx, i.scope), rules: null }];
    source = "scope";
  } else {
    const mine = await alertScopesOf(ctx);
    if (!mine.scopes.length && mine.source === "landing") throw new ForbiddenError("oversight:read");
    scopes = mine.scopes;
    source = mine.source;
  }
  if (i.province && !scopes.some((s) => !s.scope.provinces || s.scope.provinces.includes(i.province!))) throw new ForbiddenError("oversight:read");

  const account = ctx.actor.id ?? "";
  const inScopes = alertsInScopes(scopes);
  const where: SQL[] = [inScopes];
  if (i.status === "open") where.push(sql`a.resolved_at is null`);
  else if (i.status === "resolved") where.push(sql`a.resolved_at is not null`);
  if (i.rule) where.push(sql`a.rule = ${i.rule}`);
  // the province filter's choices: every province with alerts under the other filters, not only those on this page
  const facetWhere = [...where];
  if (i.province) where.push(sql`a.province_code = ${i.province}`);
  if (i.severity) where.push(sql`a.severity = ${i.severity}`);
  if (i.unread === true) where.push(sql`r.alert_id is null`);
  else if (i.unread === false) where.push(sql`r.alert_id is not null`);

  const [raw, unread, facet] = await Promise.all([
    ctx.db.execute(sql`select a.id, a.rule, a.severity, a.province_code, a.org_id, a.entity_type, a.entity_id, a.title_th, a.title_en, a.detail_th, a.detail_en, a.link,
        a.raised_at, a.resolved_at, (r.alert_id is not null) as read, a.is_demo, count(*) over ()::int as total
      from oversight_alerts a left join oversight_alert_reads r on r.alert_id = a.id and r.account_id = ${account}
      where ${sql.join(where, sql` and `)}
      order by (a.resolved_at is null) desc, case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, a.raised_at desc, a.id
      limit ${i.pageSize} offset ${(i.page - 1) * i.pageSize}`).then((r) => rowsOf<Raw>(r)),
    ctx.db.execute(sql`select count(*)::int as n from oversight_alerts a
      where ${inScopes} and a.resolved_at is null and not exists (select 1 from oversight_alert_reads r where r.alert_id = a.id and r.account_id = ${account})`).then((r) => rowsOf<{ n: number }>(r)[0]?.n ?? 0),
    ctx.db.execute(sql`select a.province_code, count(*)::int as n from oversight_alerts a left join oversight_alert_reads r on r.alert_id = a.id and r.account_id = ${account}
      where ${sql.join(facetWhere, sql` and `)} group by a.province_code order by a.province_code`).then((r) => rowsOf<{ province_code: string; n: number }>(r)),
  ]);

  const frame = new Map((await provinceFrame(ctx)).map((p) => [p.code, p]));
  const orgs = await lookupOrganizations(ctx, raw.flatMap((r) => (r.org_id ? [r.org_id] : [])));
  const items: Alert[] = raw.map((r) => {
    const o = r.org_id ? orgs.get(r.org_id) : undefined;
    const p = frame.get(r.province_code);
    return {
      id: r.id,
      rule: r.rule,
      severity: r.severity,
      provinceCode: r.province_code,
      provinceNameTh: p?.nameTh ?? r.province_code,
      provinceNameEn: p?.nameEn || p?.nameTh || r.province_code,
      orgId: r.org_id || null,
      orgNameTh: r.org_id ? (o?.nameTh ?? r.org_id) : null,
      orgNameEn: r.org_id ? o?.nameEn || o?.nameTh || r.org_id : null,
      entityType: r.entity_type,
      entityId: r.entity_id,
      titleTh: r.title_th,
      titleEn: r.title_en,
      detailTh: r.detail_th,
      detailEn: r.detail_en,
      link: r.link,
      raisedAt: iso(r.raised_at),
      resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
      read: Boolean(r.read),
      isDemo: Boolean(r.is_demo),
    };
  });
  return {
    items,
    total: raw[0]?.total ?? 0,
    page: i.page,
    pageSize: i.pageSize,
    unread,
    provinces: facet.map((f) => {
      const p = frame.get(f.province_code);
      return { code: f.province_code, nameTh: p?.nameTh ?? f.province_code, nameEn: p?.nameEn || p?.nameTh || f.province_code, alerts: f.n };
    }),
    scopes: scopes.map((s) => ({ ...s.scope.view, rules: s.rules })),
    source,
  };
}
