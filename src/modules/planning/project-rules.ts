import { eq, inArray } from "drizzle-orm";
import { newId } from "../../platform/ctx.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, fieldError, NotFoundError, RuleViolation, ValidationError, type FieldError } from "../../platform/errors.js";
import { lookupKpis } from "../performance/index.js";
import { lookupAreas, lookupOrganizations, type OrganizationRef } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import { frameShifts, projectBudgetLines, projects } from "./tables.js";

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

/** Every outcome must name an existing KPI, of the project's province or a national one. */
export async function checkKpis(ctx: Ctx, outcomes: readonly { kpiId: string }[], provinceCode: string | null, path = "outcomes"): Promise<void> {
  const found = await lookupKpis(ctx, outcomes.map((o) => o.kpiId));
  const errors: FieldError[] = [];
  outcomes.forEach((o, i) => {
    const k = found.get(o.kpiId);
    if (!k) errors.push(fieldError(`${path}.${i}.kpiId`, "ref.unknown-kpi", `ไม่พบตัวชี้วัด ${o.kpiId}`, `Unknown KPI ${o.kpiId}`));
    else if (k.provinceCode && provinceCode && k.provinceCode !== provinceCode) errors.push(fieldError(`${path}.${i}.kpiId`, "planning.kpi-other-province", `ตัวชี้วัด ${k.nameTh} เป็นของจังหวัดอื่น`, `KPI ${k.nameEn || k.nameTh} belongs to another province`));
  });
  if (errors.length) throw new ValidationError(errors);
}

/** Subdistrict codes must exist and lie in the project's province. */
export async function checkAreaCodes(ctx: Ctx, codes: readonly string[], provinceCode: string, path = "areaCodes"): Promise<void> {
  const areas = await lookupAreas(ctx, codes.map((c) => `subdistrict:${c}`));
  const errors: FieldError[] = [];
  codes.forEach((c, k) => {
    if (!areas.has(`subdistrict:${c}`)) errors.push(fieldError(`${path}.${k}`, "ref.unknown-area", `ไม่พบตำบลรหัส ${c}`, `Unknown subdistrict ${c}`));
    else if (!c.startsWith(provinceCode)) errors.push(fieldError(`${path}.${k}`, "planning.area-other-province", `ตำบล ${c} อยู่นอกจังหวัด`, `Subdistrict ${c} lies outside the province`));
  });
  if (errors.length) throw new ValidationError(errors);
}

/** A budget line that says it is paid from a shifted frame must name a frame shift to this province for this fiscal year. */
export async function checkFrameShifts(ctx: Ctx, lines: readonly { frameShiftId?: string }[], provinceCode: string, fiscalYear: number, path = "budgetLines"): Promise<void> {
  const ids = [...new Set(lines.flatMap((l) => (l.frameShiftId ? [l.frameShiftId] : [])))];
  if (!ids.length) return;
  const found = new Map((await ctx.db.select({ id: frameShifts.id, provinceCode: frameShifts.provinceCode, fiscalYear: frameShifts.fiscalYear }).from(frameShifts).where(inArray(frameShifts.id, ids))).map((f) => [f.id, f]));
  const errors: FieldError[] = [];
  lines.forEach((l, k) => {
    if (!l.frameShiftId) return;
    const f = found.get(l.frameShiftId);
    if (!f) errors.push(fieldError(`${path}.${k}.frameShiftId`, "ref.unknown-frame-shift", `ไม่พบกรอบวงเงินที่ปรับมาให้จังหวัด ${l.frameShiftId}`, `Unknown frame shift ${l.frameShiftId}`));
    else if (f.provinceCode !== provinceCode || f.fiscalYear !== fiscalYear) errors.push(fieldError(`${path}.${k}.frameShiftId`, "planning.frame-shift-mismatch", "กรอบวงเงินนี้ปรับให้จังหวัดอื่นหรือปีงบประมาณอื่น", "This frame shift is for another province or fiscal year"));
  });
  if (errors.length) throw new ValidationError(errors);
}

/** Funders named on budget lines must exist. */
export async function checkFunders(ctx: Ctx, lines: readonly { funderOrgId?: string }[], path = "budgetLines"): Promise<void> {
  const funders = await lookupOrganizations(ctx, lines.flatMap((l) => (l.funderOrgId ? [l.funderOrgId] : [])));
  const errors: FieldError[] = [];
  lines.forEach((l, k) => {
    if (l.funderOrgId && !funders.has(l.funderOrgId)) errors.push(fieldError(`${path}.${k}.funderOrgId`, "ref.unknown-organization", `ไม่พบหน่วยงาน ${l.funderOrgId}`, `Unknown organisation ${l.funderOrgId}`));
  });
  if (errors.length) throw new ValidationError(errors);
}

/**
 * Who may read a project: staff of its owner organisation (and the departments, ministries and province above it),
 * of its province, of the districts its subdistricts lie in, and of its cluster.
 */
export function projectReadScopes(p: Pick<ProjectRow, "ownerOrgId" | "provinceCode" | "areaCodes" | "clusterId">): ScopeRef[] {
  return [
    projectScope(p),
    ...(p.provinceCode ? [{ kind: "area" as const, id: `province:${p.provinceCode}` }] : []),
    ...[...new Set(p.areaCodes.map((c) => c.slice(0, 4)))].map((d) => ({ kind: "area" as const, id: `district:${d}` })),
    ...(p.clusterId ? [{ kind: "area" as const, id: p.clusterId }] : []),
  ];
}

export { sumLines } from "./money.js";

/** A proposal may be edited while it is not approved (approved projects change only by amendment). */
export function assertEditable(p: ProjectRow): void {
  if (!["proposed", "prioritised"].includes(p.status)) {
    throw new RuleViolation("planning.project-not-editable", "โครงการได้รับอนุมัติแล้วหรือปิดไปแล้ว แก้ไขโดยตรงไม่ได้ (ใช้การแก้ไขเปลี่ยนแปลงโครงการ)", "The project is approved or closed: it changes only by amendment", { status: p.status });
  }
}

/** Optimistic lock: the version the editor read must still be the current one. */
export function assertVersion(current: number, given: number, entity = "project"): void {
  if (current !== given) throw new ConflictError(`planning.${entity}-version-conflict`, "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่", "Someone else changed it meanwhile: reload and try again", { current, given });
}

/** Who runs a project day to day: its owner organisation's staff, the province's and the districts' (the same scopes as reading). */
export const projectWriters = (p: Pick<ProjectRow, "ownerOrgId" | "provinceCode" | "areaCodes" | "clusterId">): ScopeRef[] => projectReadScopes(p);

type LineChange = { id?: string; source: string; funderOrgId?: string | null; amount: number | string; frameShiftId?: string | null; noteTh?: string };
export type LineRow = typeof projectBudgetLines.$inferSelect;

/** Refuses a budget line naming an id that is not one of the project's lines (400, nothing written). */
export function checkLineIds(lines: readonly { id?: string }[], current: readonly LineRow[], path = "budgetLines"): void {
  const ids = new Set(current.map((l) => l.id));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  lines.forEach((l, k) => {
    if (!l.id) return;
    if (!ids.has(l.id)) errors.push(fieldError(`${path}.${k}.id`, "planning.budget-line.unknown", `รายการงบประมาณ ${l.id} ไม่ใช่ของโครงการนี้`, `Budget line ${l.id} is not one of this project's lines`));
    else if (seen.has(l.id)) errors.push(fieldError(`${path}.${k}.id`, "planning.budget-line.twice", `รายการงบประมาณ ${l.id} ซ้ำ`, `Budget line ${l.id} is given twice`));
    seen.add(l.id);
  });
  if (errors.length) throw new ValidationError(errors);
}

/**
 * Replaces a project's budget lines. A line given with the id of one of the project's lines changes that line in
 * place, so the allocation notice it was tied to (and its frame shift, unless another is named) stays tied; lines
 * left out are removed; lines without an id (or whose line has gone meanwhile) are added. Returns the lines before.
 * `strict` refuses (400, inside the caller's transaction, so nothing stays written) a line id that is not the
 * project's; an approved amendment applies leniently, since its lines may have changed after it was requested.
 */
export async function replaceBudgetLines(ctx: Ctx, p: ProjectRow, lines: readonly LineChange[], opts: { strict?: boolean } = {}): Promise<{ before: LineRow[]; after: LineRow[] }> {
  const before = await ctx.db.select().from(projectBudgetLines).where(eq(projectBudgetLines.projectId, p.id));
  if (opts.strict) checkLineIds(lines, before);
  const old = new Map(before.map((l) => [l.id, l]));
  const after: LineRow[] = [];
  const now = ctx.now();
  lines.forEach((l, k) => {
    const prev = l.id ? old.get(l.id) : undefined;
    if (prev) old.delete(prev.id);
    after.push({
      ...(prev ?? { id: newId(now.getTime() + k), projectId: p.id, provinceCode: p.provinceCode, fiscalYear: p.fiscalYear, allocationNoticeId: null, createdAt: now }),
      source: l.source,
      funderOrgId: l.funderOrgId ?? null,
      amount: Number(l.amount).toFixed(2),
      frameShiftId: l.frameShiftId ?? prev?.frameShiftId ?? null,
      noteTh: l.noteTh ?? prev?.noteTh ?? "",
      updatedAt: now,
    } as LineRow);
  });
  if (old.size) await ctx.db.delete(projectBudgetLines).where(inArray(projectBudgetLines.id, [...old.keys()]));
  for (const l of after) {
    await ctx.db.insert(projectBudgetLines).values(l).onConflictDoUpdate({ target: projectBudgetLines.id, set: { source: l.source, funderOrgId: l.funderOrgId, amount: l.amount, frameShiftId: l.frameShiftId, noteTh: l.noteTh, updatedAt: l.updatedAt } });
  }
  return { before, after };
}
