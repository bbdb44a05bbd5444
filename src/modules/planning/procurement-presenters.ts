import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganizations } from "../registry/index.js";
import type { ProcurementContract, ProcurementDetail, ProcurementSummary } from "./contracts-procurement.js";
import { bahtText, cents, type ProcurementGraph } from "./procurement-rules.js";
import { projects } from "./tables.js";

export type ProcurementNames = { orgs: Awaited<ReturnType<typeof lookupOrganizations>>; projects: Map<string, { code: string; titleTh: string }> };

/** Buyer and project names for a page of processes (two lookups). */
export async function procurementNames(ctx: Ctx, graphs: readonly ProcurementGraph[]): Promise<ProcurementNames> {
  const orgs = await lookupOrganizations(ctx, [...new Set(graphs.map((g) => g.p.buyerOrgId))]);
  const ids = [...new Set(graphs.map((g) => g.p.projectId))];
  const rows = ids.length ? await ctx.db.select({ id: projects.id, code: projects.code, titleTh: projects.titleTh }).from(projects).where(inArray(projects.id, ids)) : [];
  return { orgs, projects: new Map(rows.map((r) => [r.id, r])) };
}

function contractView(g: ProcurementGraph, c: ProcurementGraph["contracts"][number]): ProcurementContract {
  const pays = g.payments.filter((x) => x.contractId === c.id);
  const supplier = g.parties.find((x) => x.id === c.supplierPartyId);
  return {
    id: c.id,
    supplierPartyId: c.supplierPartyId,
    supplierNameTh: supplier?.nameTh ?? "",
    awardAmount: c.awardAmount,
    awardDate: c.awardDate,
    awardJustificationTh: c.awardJustificationTh,
    contractNo: c.contractNo,
    contractAmount: c.contractAmount,
    signedOn: c.signedOn,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    status: c.status as ProcurementContract["status"],
    paid: bahtText(pays.reduce((s, x) => s + cents(x.amount), 0n)),
    payments: pays.map((x) => ({ id: x.id, amount: x.amount, paidOn: x.paidOn })),
  };
}

export function procurementSummary(g: ProcurementGraph, n: ProcurementNames): ProcurementSummary {
  const { p } = g;
  const org = n.orgs.get(p.buyerOrgId);
  const c = g.contracts[0];
  return {
    id: p.id,
    ocid: p.ocid,
    projectId: p.projectId,
    projectCode: n.projects.get(p.projectId)?.code ?? "",
    provinceCode: p.provinceCode,
    fiscalYear: p.fiscalYear,
    buyerOrgId: p.buyerOrgId,
    buyerNameTh: org?.nameTh ?? p.buyerOrgId,
    buyerNameEn: org?.nameEn || org?.nameTh || p.buyerOrgId,
    titleTh: p.titleTh,
    method: p.method as ProcurementSummary["method"],
    methodDetailsTh: p.methodDetailsTh,
    category: p.category as ProcurementSummary["category"],
    stage: p.stage as ProcurementSummary["stage"],
    plannedValue: p.plannedValue,
    tenderValue: p.tenderValue,
    awardAmount: c?.awardAmount ?? null,
    contractAmount: c?.contractAmount ?? null,
    paid: bahtText(g.payments.reduce((s, x) => s + cents(x.amount), 0n)),
    supplierNameTh: c ? (g.parties.find((x) => x.id === c.supplierPartyId)?.nameTh ?? null) : null,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    isDemo: p.isDemo,
  };
}

export function procurementDetail(g: ProcurementGraph, n: ProcurementNames, extra: Pick<ProcurementDetail, "canWrite" | "history" | "may">): ProcurementDetail {
  const { p } = g;
  return {
    ...procurementSummary(g, n),
    projectTitleTh: n.projects.get(p.projectId)?.titleTh ?? "",
    descriptionTh: p.descriptionTh,
    tenderStart: p.tenderStart,
    tenderEnd: p.tenderEnd,
    closedReasonTh: p.closedReasonTh,
    closedOn: p.closedOn,
    completedOn: p.completedOn,
    releaseId: `${p.ocid}-${p.version}`,
    parties: g.parties.map((x) => ({ id: x.id, nameTh: x.nameTh, taxId: x.taxId, role: x.role as "tenderer" | "supplier", bidAmount: x.bidAmount })),
    contracts: g.contracts.map((c) => contractView(g, c)),
    ...extra,
  };
}
