import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { AgreementListItem as AgreementListItemSchema, ListAgreementsInput } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreements, agreementRounds } from "./tables.js";

export type AgreementListItem = z.infer<typeof AgreementListItemSchema>;

/** Lists the agreements the caller may read, by province, fiscal year or status, newest year first, with each round's frozen total. */
export async function listAgreements({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAgreementsInput> }): Promise<{ items: AgreementListItem[]; total: number }> {
  const scopes = scopesFor(ctx, "performance:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("performance:read");
  }
  const i = parseInput(ListAgreementsInput, input);
  const where: SQL[] = [];
  // national staff read every agreement; others those of the areas their grants reach (each page checks again)
  if (scopes !== null) {
    const areas = await ctx.db.selectDistinct({ areaId: agreements.areaId }).from(agreements);
    const readable: string[] = [];
    for (const { areaId } of areas) if (await hasPermission(ctx, "performance:read", { kind: "area", id: areaId })) readable.push(areaId);
    if (!readable.length) return { items: [], total: 0 };
    where.push(inArray(agreements.areaId, readable));
  }
  if (i.provinceCode) where.push(eq(agreements.provinceCode, i.provinceCode));
  if (i.fiscalYear) where.push(eq(agreements.fiscalYear, i.fiscalYear));
  if (i.status) where.push(eq(agreements.status, i.status));
  const cond = where.length ? and(...where) : undefined;
  const rows = await ctx.db.select().from(agreements).where(cond).orderBy(desc(agreements.fiscalYear), asc(agreements.areaId)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(agreements).where(cond)) as [{ n: number }];
  const ids = rows.map((r) => r.id);
  const rounds = ids.length
    ? await ctx.db.select({ id: agreementRounds.agreementId, round: agreementRounds.round, status: agreementRounds.status, dueDate: agreementRounds.dueDate, total: agreementRounds.total }).from(agreementRounds).where(sql`${agreementRounds.agreementId} in ${ids}`)
    : [];
  return {
    items: rows.map((r) => ({ ...agreementSummary(r), rounds: rounds.filter((x) => x.id === r.id).sort((x, y) => x.round - y.round).map(({ round, status, dueDate, total }) => ({ round, status, dueDate, total })) })),
    total: n,
  };
}
