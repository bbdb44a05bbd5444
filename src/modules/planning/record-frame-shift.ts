import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganization, requireProvince } from "../registry/index.js";
import { RecordFrameShiftInput, type FrameShiftView } from "./contracts-budget.js";
import { listFrameShifts } from "./list-frame-shifts.js";
import { frameShifts } from "./tables.js";

/** A ministry or department records part of its budget frame shifted to a province for area needs; projects' budget lines then reference it. */
export async function recordFrameShift({ ctx, input }: { ctx: Ctx; input: RecordFrameShiftInput & { id?: string; isDemo?: boolean } }): Promise<FrameShiftView> {
  const i = parseInput(RecordFrameShiftInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    const from = await lookupOrganization(tx, i.fromOrgId);
    if (!from) throw new ValidationError([{ path: "fromOrgId", code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${i.fromOrgId}`, messageEn: `Unknown organisation ${i.fromOrgId}` }]);
    await requirePermission(tx, "planning:frame-shift.write", { kind: "org", id: from.id });
    if (from.classification !== "department" && from.classification !== "ministry") {
      throw new ValidationError([{ path: "fromOrgId", code: "planning.notice-sender-not-central", messageTh: `${from.nameTh} ไม่ใช่กระทรวงหรือกรม`, messageEn: `${from.nameEn || from.nameTh} is not a ministry or department` }]);
    }
    await requireProvince(tx, i.provinceCode);
    const row = { id, fiscalYear: i.fiscalYear, fromOrgId: from.id, provinceCode: i.provinceCode, amount: i.amount.toFixed(2), purposeTh: i.purposeTh, isDemo: input.isDemo ?? false, createdBy: tx.actor.id ?? tx.actor.kind };
    await tx.db.insert(frameShifts).values(row);
    await writeAudit(tx, { action: "planning.frame-shift.record", entityType: "frame-shift", entityId: id, provinceCode: i.provinceCode, after: row });
  });
  const all = await listFrameShifts({ ctx, input: { fiscalYear: i.fiscalYear, provinceCode: i.provinceCode } });
  return all.find((f) => f.id === id)!;
}
