import { eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { sumLines } from "./money.js";
import { searchText } from "../../platform/thai/segment.js";
import { checkAuthority, type AuthorityAnswer } from "../delegation/index.js";
import { lookupOrganizations } from "../registry/index.js";
import type { AmendmentAuthority } from "./contracts-projects.js";
import { replaceBudgetLines, type ProjectRow } from "./project-rules.js";
import { projectAmendments, projects } from "./tables.js";

/** The delegated power an amendment of a project in the provincial plan falls under. */
export const AMEND_POWER = "P-BUD-004";

/** Which of the actor's roles stand for a deciding post the authority check names. */
const DECIDER_ROLES: Record<string, readonly RoleId[]> = { governor: ["governor"], vice_governor: ["vice_governor"] };

export type AmendmentRow = typeof projectAmendments.$inferSelect;

export async function mustGetAmendment(ctx: Ctx, id: string, forUpdate = false): Promise<AmendmentRow> {
  const q = ctx.db.select().from(projectAmendments).where(eq(projectAmendments.id, id)).limit(1);
  const [a] = forUpdate ? await q.for("update") : await q;
  if (!a) throw new NotFoundError("amendment", id);
  return a;
}

/** The authority answer for amending this project for `amount` baht on `date`, kept in the short form the record stores. */
export async function amendmentAuthority(ctx: Ctx, provinceCode: string, amount: number, date: string): Promise<AmendmentAuthority> {
  const a: AuthorityAnswer = await checkAuthority({ ctx, input: { powerCode: AMEND_POWER, provinceCode, amount, date } });
  return {
    decision: a.decision,
    date: a.date,
    amount: a.amount,
    explanationTh: a.explanationTh,
    explanationEn: a.explanationEn,
    deciders: a.deciders.map((d) => ({ delegationId: d.delegationId, role: d.role, labelTh: d.labelTh, labelEn: d.labelEn, amountCap: d.amountCap, chain: d.chain.map((c) => ({ delegationId: c.delegationId, delegatorLabelTh: c.delegatorLabelTh, delegatorLabelEn: c.delegatorLabelEn, delegateLabelTh: c.delegateLabelTh, delegateLabelEn: c.delegateLabelEn, instrumentNo: c.instrumentNo, instrumentDate: c.instrumentDate, effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo, amountCap: c.amountCap })) })),
    central: a.central,
    notApplicable: a.notApplicable.map((n) => ({ delegationId: n.delegationId, delegateLabelTh: n.delegateLabelTh, delegateLabelEn: n.delegateLabelEn, reason: n.reason, instrumentNo: n.instrumentNo })),
  };
}

/**
 * The decider (from the answer) the actor decides as: a grant of the post's own role (a governor for the governor's
 * instrument, a vice governor for the vice governor's) over the post's scope. A strategy officer holds none.
 */
export async function deciderOf(ctx: Ctx, answer: AmendmentAuthority, provinceCode: string): Promise<AmendmentAuthority["deciders"][number] | null> {
  if (answer.decision !== "delegated" || ctx.actor.kind !== "user") return null;
  for (const d of answer.deciders) {
    const roles = DECIDER_ROLES[d.role] ?? [];
    const grants = ctx.actor.grants.filter((g) => roles.includes(g.role));
    // governors and vice governors are province-wide posts
    const scope = parseScopeKey(`area:province:${provinceCode}`);
    if (!grants.length || !scope) continue;
    if (await hasPermission({ ...ctx, actor: { ...ctx.actor, grants } }, "planning:project.amend", scope)) return d;
  }
  return null;
}

export type AmendChanges = { titleTh?: string; startDate?: string; endDate?: string; areaCodes?: string[]; budgetLines?: { id?: string; source: string; funderOrgId?: string; amount: number; frameShiftId?: string; noteTh?: string }[]; outcomes?: unknown[] };

/** Applies an approved amendment's changes to the project and bumps its version (the project row is locked by the caller). */
export async function applyAmendment(ctx: Ctx, p: ProjectRow, changes: Record<string, { before: unknown; after: unknown }>): Promise<void> {
  const set: Partial<typeof projects.$inferInsert> = { version: p.version + 1, updatedAt: ctx.now() };
  const c = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])) as AmendChanges;
  if (c.titleTh !== undefined) {
    set.titleTh = c.titleTh;
    const owner = (await lookupOrganizations(ctx, [p.ownerOrgId])).get(p.ownerOrgId);
    set.searchText = searchText(p.code, c.titleTh, p.titleEn, owner?.nameTh ?? "");
  }
  if (c.startDate !== undefined) set.startDate = c.startDate;
  if (c.endDate !== undefined) set.endDate = c.endDate;
  if (c.areaCodes !== undefined) set.areaCodes = c.areaCodes;
  if (c.outcomes !== undefined) set.outcomes = c.outcomes;
  if (c.budgetLines !== undefined) {
    await replaceBudgetLines(ctx, p, c.budgetLines);
    set.totalBudget = sumLines(c.budgetLines);
  }
  await ctx.db.update(projects).set(set).where(eq(projects.id, p.id));
}
