import { and, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { evaluate, trainClassifier, type ClassifierModel } from "./classifier.js";
import { caseRoutingModels, cases } from "./tables.js";

/** Cases to learn from: the newest this many (routing habits change; older cases say less). */
const MAX_EXAMPLES = 50_000;
/** The newest share held out to measure the model before it replaces the old one. */
const HOLDOUT = 0.15;

type Kind = "category" | "organization";
export type TrainingReport = Record<Kind, { examples: number; heldOut: number; macroF1: number | null; top3Accuracy: number | null; kept: "new" | "old" | "none" }>;

/**
 * Retrains the routing suggestions from the deployment's own routed cases: description → final category, and →
 * the organisation holding the case now (so staff corrections and transfers teach the next model). Measured on the
 * newest 15 % first; a model that does worse than the one in use by more than 0.05 macro-F1 is not installed.
 */
export async function trainRoutingModels({ ctx }: { ctx: Ctx }): Promise<TrainingReport> {
  const rows = await ctx.db
    .select({ text: cases.descriptionTh, category: cases.categoryId, org: cases.assignedOrgId, at: cases.receivedAt })
    .from(cases)
    .where(and(isNull(cases.mergedInto), isNotNull(cases.assignedOrgId), ne(cases.channel, "import")))
    .orderBy(sql`${cases.receivedAt} desc`)
    .limit(MAX_EXAMPLES);
  rows.reverse();
  const report = {} as TrainingReport;
  for (const kind of ["category", "organization"] as const) {
    const examples = rows.map((r) => ({ text: r.text, label: kind === "category" ? r.category : r.org! }));
    const cut = Math.floor(examples.length * (1 - HOLDOUT));
    const [train, test] = [examples.slice(0, cut), examples.slice(cut)];
    const labels = new Set(train.map((e) => e.label));
    if (train.length < 20 || labels.size < 2) {
      report[kind] = { examples: examples.length, heldOut: test.length, macroF1: null, top3Accuracy: null, kept: "none" };
      continue;
    }
    const m = evaluate(trainClassifier(train), test);
    const [old] = await ctx.db.select().from(caseRoutingModels).where(sql`${caseRoutingModels.kind} = ${kind} and ${caseRoutingModels.scope} = 'all'`).limit(1);
    const oldF1 = (old?.metrics as { macroF1?: number } | undefined)?.macroF1;
    if (oldF1 !== undefined && m.macroF1 < oldF1 - 0.05) {
      report[kind] = { examples: examples.length, heldOut: test.length, macroF1: m.macroF1, top3Accuracy: m.top3Accuracy, kept: "old" };
      continue;
    }
    // the installed model learns from every example, the held-out days included
    const model: ClassifierModel = trainClassifier(examples);
    await withTransaction(ctx, async (tx) => {
      const now = tx.now();
      const metrics = { macroF1: m.macroF1, top1Accuracy: m.top1Accuracy, top3Accuracy: m.top3Accuracy, heldOut: test.length };
      await tx.db
        .insert(caseRoutingModels)
        .values({ id: newId(now.getTime()), kind, scope: "all", model, examples: examples.length, metrics, trainedAt: now })
        .onConflictDoUpdate({ target: [caseRoutingModels.kind, caseRoutingModels.scope], set: { model, examples: examples.length, metrics, trainedAt: now } });
      await writeAudit(tx, { action: "cases.routing-model.train", entityType: "case-routing-model", entityId: `${kind}:all`, after: { examples: examples.length, ...metrics } });
    });
    report[kind] = { examples: examples.length, heldOut: test.length, macroF1: m.macroF1, top3Accuracy: m.top3Accuracy, kept: "new" };
  }
  return report;
}
