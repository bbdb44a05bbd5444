import { eq } from "drizzle-orm";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, ValidationError, type FieldError } from "../../platform/errors.js";
import { lookupOrganizations, type OrganizationRef } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import { projects } from "./tables.js";

export type ProjectRow = typeof projects.$inferSelect;

/** The project, or 404; `forUpdate` locks the row for the rest of the transaction. */
export async function mustGetProject(ctx: Ctx, id: string, forUpdate = false): Promise<ProjectRow> {
  const q = ctx.db.select().from(projects).where(eq(projects.id, id)).limit(1);
  const [p] = forUpdate ? await q.for("update") : await q;
  if (!p) throw new NotFoundError("project", id);
  return p;
}

/** Where a project's permissions are checked: its owner organisation (agency staff) — whose ancestors include the province. */
export const projectScope = (p: Pick<ProjectRow, "ownerOrgId">): ScopeRef => ({ kind: "org", id: p.ownerOrgId });

/**
 * The department (or ministry) whose mandate a project serves: a provincial or district office answers to its
 * parent department; a department, ministry, local government or province answers for itself.
 */
export function agencyOf(org: OrganizationRef): string {
  return (org.classification === "provincial_office" || org.classification === "district_office") && org.parentId ? org.parentId : org.id;
}

const fieldError = (path: string, code: string, th: string, en: string): FieldError => ({ path, code, messageTh: th, messageEn: en });

/** The owner organisation must exist and, when it belongs to a province, to the project's province. */
export async function checkOwner(ctx: Ctx, ownerOrgId: string, provinceCode: string, path = "ownerOrgId"): Promise<OrganizationRef> {
  const org = (await lookupOrganizations(ctx, [ownerOrgId])).get(ownerOrgId);
  if (!org) throw new ValidationError([fieldError(path, "ref.unknown-organization", `ไม่พบหน่วยงาน ${ownerOrgId}`, `Unknown organisation ${ownerOrgId}`)]);
  if (org.provinceCode && org.provinceCode !== provinceCode) {
    throw new ValidationError([fieldError(path, "planning.owner-other-province", `หน่วยงาน ${org.nameTh} อยู่ในจังหวัดอื่น`, `${org.nameEn || org.nameTh} belongs to another province`)]);
  }
  return org;
}

/** Every goal must be a provincial goal (or a provincial strategy issue) of the project's province. */
export async function checkGoals(ctx: Ctx, goalIds: readonly string[], provinceCode: string, path = "goalIds"): Promise<void> {
  const nodes = await lookupStrategyNodes(ctx, goalIds);
  const errors: FieldError[] = [];
  goalIds.forEach((id, i) => {
    const n = nodes.get(id);
    if (!n) errors.push(fieldError(`${path}.${i}`, "ref.unknown-goal", `ไม่พบเป้าหมาย ${id}`, `Unknown goal ${id}`));
    else if (!["provincial_goal", "strategic_issue"].includes(n.kind) || n.provinceCode !== provinceCode) {
      errors.push(fieldError(`${path}.${i}`, "planning.goal-not-provincial", `${n.nameTh} ไม่ใช่เป้าหมายของจังหวัดนี้`, `${n.nameEn || n.nameTh} is not a goal of this province`));
    }
  });
  if (errors.length) throw new ValidationError(errors);
}
