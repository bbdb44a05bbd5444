import type { Ctx } from "../../platform/ctx.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";

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

/** Writes one imported allocation notice through the budget cycle's own use case: the same checks, permission and audit as the form. */
export async function writeAllocationNotice(ctx: Ctx, input: AllocationNoticeImport): Promise<void> {
  await recordAllocationNotice({ ctx, input });
}
