import type { Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";

/** One allocation notice as the budget part's recordAllocationNotice takes it (the exact input shape). */
export type AllocationNoticeImport = {
  fiscalYear: number;
  fromOrgId: string;
  provinceCode: string;
  total: number;
  notifiedOn?: string;
  lines: { projectCode?: string; descriptionTh: string; amount: number }[];
  referenceTh?: string;
};

/**
 * MERGE POINT (the one call site of the allocations import): replace the body with
 *   `await recordAllocationNotice({ ctx, input });` imported from "./record-allocation-notice.js"
 * once the budget part is merged. Until then every notice is reported as not importable (nothing is written).
 */
export async function writeAllocationNotice(ctx: Ctx, input: AllocationNoticeImport): Promise<void> {
  void ctx;
  void input;
  throw new RuleViolation("planning.import.allocations-not-wired", "ยังนำเข้าหนังสือแจ้งจัดสรรไม่ได้ (ระบบงบประมาณยังไม่พร้อม)", "Allocation notices cannot be imported yet (the budget cycle is not installed)");
}
