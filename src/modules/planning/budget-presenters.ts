import type { Ctx } from "../../platform/ctx.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import type { AllocationNoticeView } from "./contracts-budget.js";
import type { allocationNotices } from "./tables.js";

export type NoticeRow = typeof allocationNotices.$inferSelect;
type Line = { projectId: string | null; projectCode: string | null; descriptionTh: string; amount: string };

/** Notices as shown, with the sender's and the province's names resolved in two lookups. */
export async function noticeViews(ctx: Ctx, rows: readonly NoticeRow[]): Promise<AllocationNoticeView[]> {
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.fromOrgId));
  const areas = await lookupAreas(ctx, rows.map((r) => `province:${r.provinceCode}`));
  return rows.map((r) => {
    const o = orgs.get(r.fromOrgId);
    const a = areas.get(`province:${r.provinceCode}`);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      fromOrgId: r.fromOrgId,
      fromNameTh: o?.nameTh ?? r.fromOrgId,
      fromNameEn: o?.nameEn || o?.nameTh || r.fromOrgId,
      provinceCode: r.provinceCode,
      provinceNameTh: a?.nameTh ?? r.provinceCode,
      provinceNameEn: a?.nameEn || a?.nameTh || r.provinceCode,
      total: r.total,
      notifiedOn: r.notifiedOn,
      dueOn: r.dueOn,
      daysLate: r.daysLate,
      late: r.daysLate > 0,
      lines: (r.lines as Line[]).map((l) => ({ projectId: l.projectId ?? null, projectCode: l.projectCode ?? null, descriptionTh: l.descriptionTh, amount: l.amount })),
      referenceTh: r.referenceTh,
      isDemo: r.isDemo,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
