import { desc, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { UnauthorizedError } from "../../platform/errors.js";
import type { BoardItem } from "./contracts.js";
import { boardItem, loadLookups, photoUrl } from "./presenters.js";
import { caseReporters, cases } from "./tables.js";

/**
 * A logged-in citizen's own cases (those they reported, and those theirs was merged into), with what they gave:
 * their contact details, consent and rating. The export of "all my data" in one answer.
 */
export async function listMyCases({ ctx }: { ctx: Ctx }): Promise<{ items: (BoardItem & { id: string; myReport: { name: string | null; phone: string | null; email: string | null; anonymous: boolean; consentVersion: string; consentAt: string; rating: number | null; fromCaseId: string | null } })[] }> {
  if (ctx.actor.kind !== "user" || !ctx.actor.id) throw new UnauthorizedError();
  const mine = await ctx.db.select().from(caseReporters).where(eq(caseReporters.accountId, ctx.actor.id)).orderBy(desc(caseReporters.createdAt)).limit(1000);
  if (!mine.length) return { items: [] };
  const rows = await ctx.db.select().from(cases).where(inArray(cases.id, mine.map((m) => m.caseId)));
  const l = await loadLookups(ctx, rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: mine
      .filter((m) => byId.has(m.caseId))
      .map((m) => {
        const r = byId.get(m.caseId)!;
        return {
          id: r.id,
          ...boardItem(r, l, r.afterPhotoId ? photoUrl(r.publicRef, r.afterPhotoId, true) : null),
          myReport: { name: m.name, phone: m.phone, email: m.email, anonymous: m.anonymous, consentVersion: m.consentVersion, consentAt: m.consentAt.toISOString(), rating: m.rating, fromCaseId: m.fromCaseId },
        };
      }),
  };
}
