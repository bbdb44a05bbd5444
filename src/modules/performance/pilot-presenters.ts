import { diffDays } from "../../platform/thai/dates.js";
import { SANDBOX_REMINDER_DAYS, type PilotIncentiveView, type PilotObservationView, type SandboxResultView, type SandboxStatus, type SandboxSummary } from "./contracts.js";
import type { pilotIncentives, pilotObservations, sandboxes, sandboxResults } from "./tables.js";

export function pilotIncentiveView(r: typeof pilotIncentives.$inferSelect): PilotIncentiveView {
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    kind: r.kind as PilotIncentiveView["kind"],
    descriptionTh: r.descriptionTh,
    amount: r.amount,
    unit: r.unit,
    grantedOn: r.grantedOn,
    isDemo: r.isDemo,
  };
}

export function pilotObservationView(r: typeof pilotObservations.$inferSelect): PilotObservationView {
  return { outcomeId: r.outcomeId, provinceCode: r.provinceCode, periodEnd: r.periodEnd, value: r.value, respondents: r.respondents, sd: r.sd, source: r.source, isDemo: r.isDemo };
}

/** What a sandbox reads as today: ended when ended; expired once its expiry date has passed; else active. */
export function sandboxStatus(s: Pick<typeof sandboxes.$inferSelect, "status" | "expiresOn">, today: string): SandboxStatus {
  if (s.status === "ended") return "ended";
  return s.expiresOn < today ? "expired" : "active";
}

export function sandboxSummary(s: typeof sandboxes.$inferSelect, today: string, names: Map<string, { nameTh: string; nameEn: string }>): SandboxSummary {
  const status = sandboxStatus(s, today);
  const expiresInDays = status === "ended" ? null : diffDays(today, s.expiresOn);
  const name = names.get(s.provinceCode);
  return {
    id: s.id,
    provinceCode: s.provinceCode,
    provinceNameTh: name?.nameTh ?? s.provinceCode,
    provinceNameEn: name?.nameEn ?? s.provinceCode,
    nameTh: s.nameTh,
    nameEn: s.nameEn,
    startsOn: s.startsOn,
    expiresOn: s.expiresOn,
    endedOn: s.endedOn,
    status,
    expiresInDays,
    expiringSoon: status === "active" && expiresInDays !== null && expiresInDays <= SANDBOX_REMINDER_DAYS,
    rulesCount: Array.isArray(s.rules) ? s.rules.length : 0,
    isDemo: s.isDemo,
  };
}

export function sandboxResultView(r: typeof sandboxResults.$inferSelect): SandboxResultView {
  return { id: r.id, measuredOn: r.measuredOn, indicatorTh: r.indicatorTh, value: r.value, unit: r.unit, baseline: r.baseline, noteTh: r.noteTh, isDemo: r.isDemo };
}
