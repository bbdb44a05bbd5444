import { asc, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import type { ProcurementStage } from "./contracts.js";
import { procurementContracts, procurementParties, procurementPayments, procurements } from "./tables.js";

export type ProcurementRow = typeof procurements.$inferSelect;
export type PartyRow = typeof procurementParties.$inferSelect;
export type ContractRow = typeof procurementContracts.$inferSelect;
export type PaymentRow = typeof procurementPayments.$inferSelect;
/** A process with everything OCDS and the pages show about it. */
export type ProcurementGraph = { p: ProcurementRow; parties: PartyRow[]; contracts: ContractRow[]; payments: PaymentRow[] };

/**
 * The ocid prefix (`ocds-` + 6 characters) this installation publishes under. The default is a placeholder: a real
 * deployment registers its own prefix with the OCDS Data Support Team and sets OCDS_PREFIX (read by server/env.ts).
 */
export const DEFAULT_OCDS_PREFIX = "ocds-changw";
let ocdsPrefix = DEFAULT_OCDS_PREFIX;
export function configureOcds(opts: { prefix: string }): void {
  ocdsPrefix = opts.prefix;
}
export const ocidFor = (id: string) => `${ocdsPrefix}-${id}`;

export const todayOf = (ctx: Ctx) => bangkokToday(ctx.now());
export { bahtText, satang as cents } from "./money.js";

export const field = (path: string, code: string, th: string, en: string) => new ValidationError([{ path, code, messageTh: th, messageEn: en }]);

/** The process, or 404; `forUpdate` locks it for the rest of the transaction (every step does). */
export async function mustGetProcurement(ctx: Ctx, id: string, forUpdate = false): Promise<ProcurementRow> {
  const q = ctx.db.select().from(procurements).where(eq(procurements.id, id)).limit(1);
  const [p] = forUpdate ? await q.for("update") : await q;
  if (!p) throw new NotFoundError("procurement", id);
  return p;
}

const STAGE_TH: Record<ProcurementStage, string> = {
  planning: "วางแผน",
  tender: "ประกาศเชิญชวน",
  award: "ประกาศผู้ชนะ",
  contract: "ลงนามสัญญา",
  implementation: "ดำเนินการตามสัญญา",
  complete: "เสร็จสิ้น",
  cancelled: "ยกเลิก",
  unsuccessful: "ไม่มีผู้ชนะ",
};

/**
 * Locks the process, checks the writer's permission on the buyer (the project's owner organisation), the version the
 * form was loaded at, and that the step follows from the current stage.
 */
export async function beginStep(tx: Ctx, input: { id: string; version: number }, from: readonly ProcurementStage[], stepTh: string, stepEn: string): Promise<ProcurementRow> {
  const p = await mustGetProcurement(tx, input.id, true);
  await requirePermission(tx, "planning:procurement.write", { kind: "org", id: p.buyerOrgId });
  if (p.version !== input.version) {
    throw new ConflictError("planning.procurement.version-conflict", `มีผู้บันทึกขั้นตอนอื่นไปแล้ว (ฉบับที่ ${p.version}) กรุณาโหลดหน้าใหม่`, `Someone else recorded a change first (version ${p.version}); reload and try again`, { version: p.version });
  }
  if (!from.includes(p.stage as ProcurementStage)) {
    const cur = p.stage as ProcurementStage;
    throw new RuleViolation("planning.procurement.stage-order", `${stepTh}ไม่ได้ในขั้น "${STAGE_TH[cur]}"`, `Cannot ${stepEn} at stage "${cur}"`, { stage: cur, allowed: from });
  }
  return p;
}

/** Saves the process's new state with the next version (its release id) and the audit record, in the step's transaction. */
export async function finishStep(tx: Ctx, p: ProcurementRow, patch: Partial<ProcurementRow>, action: string, after: Record<string, unknown>): Promise<void> {
  const version = p.version + 1;
  await tx.db.update(procurements).set({ ...patch, version, updatedAt: tx.now() }).where(eq(procurements.id, p.id));
  await writeAudit(tx, { action, entityType: "procurement", entityId: p.id, provinceCode: p.provinceCode, before: { stage: p.stage, version: p.version }, after: { ...after, stage: patch.stage ?? p.stage, version } });
}

/** A recorded fact cannot be dated after today (Bangkok). */
export function notInFuture(ctx: Ctx, path: string, date: string): void {
  if (date > todayOf(ctx)) throw field(path, "planning.procurement.date-in-future", "วันที่ต้องไม่เป็นวันในอนาคต", "The date cannot be in the future");
}

/** Loads parties, contracts and payments of many processes in three queries. */
export async function loadGraphs(ctx: Ctx, rows: readonly ProcurementRow[]): Promise<ProcurementGraph[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [parties, contracts, payments] = [
    await ctx.db.select().from(procurementParties).where(inArray(procurementParties.procurementId, ids)).orderBy(asc(procurementParties.id)),
    await ctx.db.select().from(procurementContracts).where(inArray(procurementContracts.procurementId, ids)).orderBy(asc(procurementContracts.id)),
    await ctx.db.select().from(procurementPayments).where(inArray(procurementPayments.procurementId, ids)).orderBy(asc(procurementPayments.paidOn), asc(procurementPayments.id)),
  ];
  const by = <T extends { procurementId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) (m.get(x.procurementId) ?? m.set(x.procurementId, []).get(x.procurementId)!).push(x);
    return m;
  };
  const [pa, co, pay] = [by(parties), by(contracts), by(payments)];
  return rows.map((p) => ({ p, parties: pa.get(p.id) ?? [], contracts: co.get(p.id) ?? [], payments: pay.get(p.id) ?? [] }));
}
