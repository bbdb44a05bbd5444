import type { AgreementSummary, KpiSummary, MeasurementView } from "./contracts.js";
import type { agreements, kpis, measurements } from "./tables.js";

export function kpiSummary(r: typeof kpis.$inferSelect): KpiSummary {
  return {
    id: r.id,
    code: r.code,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    unit: r.unit,
    direction: r.direction as KpiSummary["direction"],
    level: r.level as KpiSummary["level"],
    frequency: r.frequency as KpiSummary["frequency"],
    ownerOrgId: r.ownerOrgId,
    jointOrgId: r.jointOrgId,
    provinceCode: r.provinceCode,
    goalNodeId: r.goalNodeId,
    isDemo: r.isDemo,
  };
}

export function measurementView(r: typeof measurements.$inferSelect): MeasurementView {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    periodEnd: r.periodEnd,
    value: r.value,
    note: r.note,
    evidence: ((r.evidence ?? []) as { name: string; url?: string | null }[]).map((e) => ({ name: e.name, url: e.url ?? null })),
    status: r.status as MeasurementView["status"],
    submittedByName: r.submittedByName,
    submittedAt: r.submittedAt.toISOString(),
    reviewedByName: r.reviewedByName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    isDemo: r.isDemo,
  };
}

export function agreementSummary(r: typeof agreements.$inferSelect): AgreementSummary {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    kind: r.kind as AgreementSummary["kind"],
    areaId: r.areaId,
    provinceCode: r.provinceCode,
    titleTh: r.titleTh,
    titleEn: r.titleEn,
    status: r.status as AgreementSummary["status"],
    version: r.version,
    schemeType: (r.scheme as { type: AgreementSummary["schemeType"] }).type,
    signedAt: r.signedAt?.toISOString() ?? null,
    isDemo: r.isDemo,
  };
}
