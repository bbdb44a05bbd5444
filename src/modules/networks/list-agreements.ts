import { and, asc, count, eq, gt, gte, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { EXPIRING_SOON_DAYS, ListAgreementsInput, type AgreementView } from "./contracts.js";
import { agreementViews, today } from "./load.js";
import { partnerAgreements as a } from "./tables.js";

/** Agreements (public), by province, partner and status; `expiringSoon` gives the active ones ending within 90 days, soonest first. */
export async function listAgreements({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAgreementsInput> }): Promise<{ items: AgreementView[]; total: number }> {
  const i = ListAgreementsInput.parse(input);
  await requirePermission(ctx, "networks:read", NATION);
  const day = today(ctx);
  const running = and(gte(a.endsOn, day), or(isNull(a.endedOn), gt(a.endedOn, day)));
  const byStatus: Record<NonNullable<typeof i.status>, SQL | undefined> = {
    active: running,
    expired: and(lt(a.endsOn, day), or(isNull(a.endedOn), gt(a.endedOn, day))),
    ended: lte(a.endedOn, day),
  };
  const where = and(
    i.provinceCode ? eq(a.provinceCode, i.provinceCode) : undefined,
    i.partnerId ? eq(a.partnerId, i.partnerId) : undefined,
    i.status ? byStatus[i.status] : undefined,
    i.expiringSoon === true ? and(running, lte(a.endsOn, addDays(day, EXPIRING_SOON_DAYS))) : undefined,
  );
  const [[total], rows] = await Promise.all([ctx.db.select({ n: count() }).from(a).where(where), ctx.db.select().from(a).where(where).orderBy(asc(a.endsOn), asc(a.id)).limit(i.limit).offset(i.offset)]);
  return { items: await agreementViews(ctx, rows), total: total?.n ?? 0 };
}
