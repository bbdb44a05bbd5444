import { and, asc, desc, eq, inArray, like, not, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ListPermitQueueInput, OPEN_PERMIT_STATUSES, type PermitQueue } from "./contracts-permits.js";
import { deciderScopeRef, permitContext, permitListItem } from "./permit-rules.js";
import { todayOf } from "./rules.js";
import { permitApplications as pa } from "./tables.js";

/**
 * The queue of applications for the people who handle them: counter staff see what was received in their area,
 * deciders what is routed to their scope (a Department of Lands officer: the central queue of Lands powers in
 * every province). Filters, due-date order and paging; never the applicant's identity (PDPA).
 */
export async function listPermitQueue({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListPermitQueueInput> }): Promise<PermitQueue> {
  const receive = scopesFor(ctx, "delegation:permit.receive");
  const decide = scopesFor(ctx, "delegation:permit.decide");
  if (receive !== null && decide !== null && receive.length === 0 && decide.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("delegation:permit.receive");
  }
  const i = parseInput(ListPermitQueueInput, input);
  const today = todayOf(ctx);
  const where: SQL[] = [];
  if (receive !== null && decide !== null) {
    const reach = await handledBy(ctx, receive.length > 0, decide.length > 0);
    if (!reach) return { items: [], total: 0, today };
    where.push(reach);
  }
  const open = inArray(pa.status, [...OPEN_PERMIT_STATUSES]);
  if (i.status) where.push(eq(pa.status, i.status));
  if (i.powerCode) where.push(eq(pa.powerCode, i.powerCode));
  if (i.provinceCode) where.push(eq(pa.provinceCode, i.provinceCode));
  if (i.route) where.push(eq(pa.route, i.route));
  if (i.overdue === true) where.push(and(open, sql`${pa.dueOn} < ${today}`)!);
  if (i.open === true) where.push(open);
  if (i.open === false) where.push(not(open));
  if (i.overdue === false) where.push(not(and(open, sql`${pa.dueOn} < ${today}`)!));
  if (i.q) where.push(like(pa.trackingCode, `${i.q.toUpperCase().replace(/[%_\\]/g, "")}%`));
  const cond = where.length ? and(...where) : undefined;
  const order = { due: [asc(pa.dueOn)], "-due": [desc(pa.dueOn)], received: [asc(pa.receivedOn)], "-received": [desc(pa.receivedOn)] }[i.sort];
  const rows = await ctx.db.select().from(pa).where(cond).orderBy(...order, asc(pa.trackingCode)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(pa).where(cond)) as [{ n: number }];
  const c = await permitContext(ctx, rows);
  return { items: rows.map((r) => permitListItem(r, c, today)), total: Number(n), today };
}

/**
 * The applications an actor handles: received where their receive grant reaches (a province covers its districts),
 * or routed to a decider scope their decide grant reaches. Checked against the distinct places and scopes present.
 */
async function handledBy(ctx: Ctx, mayReceive: boolean, mayDecide: boolean): Promise<SQL | null> {
  const parts: SQL[] = [];
  if (mayReceive) {
    const provinces: string[] = [];
    for (const { p } of await ctx.db.selectDistinct({ p: pa.provinceCode }).from(pa)) {
      if (await hasPermission(ctx, "delegation:permit.receive", { kind: "area", id: `province:${p}` })) provinces.push(p);
    }
    if (provinces.length) parts.push(inArray(pa.provinceCode, provinces));
    const districts: string[] = [];
    const rest = await ctx.db.selectDistinct({ d: pa.districtCode }).from(pa).where(provinces.length ? not(inArray(pa.provinceCode, provinces)) : undefined);
    for (const { d } of rest) {
      if (d && (await hasPermission(ctx, "delegation:permit.receive", { kind: "area", id: `district:${d}` }))) districts.push(d);
    }
    if (districts.length) parts.push(inArray(pa.districtCode, districts));
  }
  if (mayDecide) {
    const scopes: string[] = [];
    for (const { s } of await ctx.db.selectDistinct({ s: pa.deciderScope }).from(pa)) {
      if (await hasPermission(ctx, "delegation:permit.decide", deciderScopeRef({ deciderScope: s }))) scopes.push(s);
    }
    if (scopes.length) parts.push(inArray(pa.deciderScope, scopes));
  }
  return parts.length ? or(...parts)! : null;
}
