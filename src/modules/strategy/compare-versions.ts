import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { mustGetAssignment, requireReadProposals } from "./agenda-rules.js";
import { CompareVersionsQuery, type FieldChange, type ListChange, type ProposalContent, type ProposalDiff } from "./contracts.js";
import { proposalContent } from "./presenters.js";
import { agendaProposalVersions } from "./tables.js";

type Scalar = string | number | null;

function fieldChanges<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, before: before[f] as Scalar, after: after[f] as Scalar }));
}

/** Items matched by key: added (only after), removed (only before), changed (some field differs); unchanged ones are left out. */
function diffList<T extends object>(before: readonly T[], after: readonly T[], keyOf: (x: T) => string, fields: readonly (keyof T & string)[]): ListChange<T>[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const now = new Set(after.map(keyOf));
  const out: ListChange<T>[] = [];
  for (const x of after) {
    const prev = old.get(keyOf(x));
    if (!prev) out.push({ key: keyOf(x), change: "added", before: null, after: x, fields: [] });
    else {
      const fs = fieldChanges(prev, x, fields);
      if (fs.length) out.push({ key: keyOf(x), change: "changed", before: prev, after: x, fields: fs });
    }
  }
  for (const x of before) if (!now.has(keyOf(x))) out.push({ key: keyOf(x), change: "removed", before: x, after: null, fields: [] });
  return out;
}

const TEXT = ["textTh", "textEn"] as const;

/** What changed from one version of a proposal to another, field by field (pure). */
export function diffProposals(from: ProposalContent, to: ProposalContent): Omit<ProposalDiff, "from" | "to"> {
  const goals = diffList(from.goals, to.goals, (x) => x.key, TEXT);
  const methods = diffList(from.methods, to.methods, (x) => x.key, TEXT);
  const tools = diffList(from.tools, to.tools, (x) => x.tool, ["howTh", "howEn"]);
  const kpis = diffList(from.kpis, to.kpis, (x) => x.key, ["nameTh", "nameEn", "unit", "direction", "baseline", "baselineYear", "year1Target", "year2Target"]);
  const benefits = diffList(from.benefits, to.benefits, (x) => x.key, TEXT);
  const support = fieldChanges(from.support, to.support, ["delegationTh", "budgetBaht", "personnelCount", "personnelTh"]);
  const startYear = from.startYear === to.startYear ? null : { field: "startYear", before: from.startYear, after: to.startYear };
  const changes = goals.length + methods.length + tools.length + kpis.length + benefits.length + support.length + (startYear ? 1 : 0);
  return { startYear, goals, methods, tools, kpis, benefits, support, changes };
}

const CompareInput = CompareVersionsQuery.extend({ id: z.string().min(1).max(120) });

/** Compares two versions of an assignment's proposal (either order). */
export async function compareVersions({ ctx, input }: { ctx: Ctx; input: z.input<typeof CompareInput> }): Promise<ProposalDiff> {
  const i = parseInput(CompareInput, input);
  const a = await mustGetAssignment(ctx, i.id);
  await requireReadProposals(ctx, a.provinceCode);
  const rows = await ctx.db.select().from(agendaProposalVersions).where(and(eq(agendaProposalVersions.assignmentId, a.id), inArray(agendaProposalVersions.version, [i.from, i.to])));
  const pick = (v: number, path: "from" | "to") => {
    const r = rows.find((x) => x.version === v);
    if (!r) throw new ValidationError([{ path, code: "strategy.proposal.unknown-version", messageTh: `ไม่มีฉบับที่ ${v}`, messageEn: `There is no version ${v}` }]);
    return proposalContent(r.content);
  };
  return { from: i.from, to: i.to, ...diffProposals(pick(i.from, "from"), pick(i.to, "to")) };
}
