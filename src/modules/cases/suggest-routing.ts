import { eq } from "drizzle-orm";
import { scopesFor } from "../../platform/auth/permissions.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganizations } from "../registry/index.js";
import { OTHER_LABEL, suggest, type ClassifierModel } from "./classifier.js";
import { caseCategories, caseRoutingModels } from "./tables.js";

export type RoutingSuggestion = { id: string; nameTh: string; nameEn: string; confidence: number };

// parsed models by kind, replaced when a newer training is found (the classifier caches its tables per object)
const cache = new Map<string, { trainedAt: number; model: ClassifierModel }>();

async function currentModel(ctx: Ctx, kind: "category" | "organization"): Promise<ClassifierModel | null> {
  const [row] = await ctx.db.select({ trainedAt: caseRoutingModels.trainedAt, model: caseRoutingModels.model }).from(caseRoutingModels).where(eq(caseRoutingModels.kind, kind)).limit(1);
  if (!row) return null;
  const hit = cache.get(kind);
  if (hit && hit.trainedAt === row.trainedAt.getTime()) return hit.model;
  const model = row.model as ClassifierModel;
  cache.set(kind, { trainedAt: row.trainedAt.getTime(), model });
  return model;
}

/**
 * The top three categories and agencies the Thai text suggests, with the model's confidence, for staff routing a
 * case (the rules decide; these are hints). Empty lists until the deployment has routed enough cases to learn from.
 */
export async function suggestRouting({ ctx, input }: { ctx: Ctx; input: { text: string } }): Promise<{ categories: RoutingSuggestion[]; organizations: RoutingSuggestion[] }> {
  // staff anywhere may ask (the hint names no case); citizens and the public may not
  const reach = scopesFor(ctx, "cases:read");
  if (reach !== null && reach.length === 0) throw ctx.actor.kind === "anonymous" ? new UnauthorizedError() : new ForbiddenError("cases:read");
  const [cm, om] = [await currentModel(ctx, "category"), await currentModel(ctx, "organization")];
  const cs = cm ? suggest(cm, input.text, 4).filter((s) => s.label !== OTHER_LABEL).slice(0, 3) : [];
  const os = om ? suggest(om, input.text, 4).filter((s) => s.label !== OTHER_LABEL).slice(0, 3) : [];
  const cats = new Map((await ctx.db.select().from(caseCategories)).map((c) => [c.id, c]));
  const orgs = await lookupOrganizations(ctx, os.map((s) => s.label));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    categories: cs.map((s) => ({ id: s.label, nameTh: cats.get(s.label)?.nameTh ?? s.label, nameEn: cats.get(s.label)?.nameEn ?? s.label, confidence: round(s.confidence) })),
    organizations: os.map((s) => ({ id: s.label, nameTh: orgs.get(s.label)?.nameTh ?? s.label, nameEn: orgs.get(s.label)?.nameEn ?? s.label, confidence: round(s.confidence) })),
  };
}
