import { Badge, Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import { provincesQuery } from "../provinces/queries.js";

export const EMERGENCY_STATUSES = ["submitted", "screened", "approved", "referred_to_pm", "pm_approved", "rejected", "withdrawn"] as const;
export type EmergencyStatusT = (typeof EMERGENCY_STATUSES)[number];
export const MATCHING_STATUSES = ["proposed", "agreed", "funded", "closed", "cancelled"] as const;
export type MatchingStatusT = (typeof MATCHING_STATUSES)[number];

/** Each status as a word with an icon (never colour alone). */
const E_LOOK: Record<EmergencyStatusT, { color: string; icon: string }> = {
  submitted: { color: "blue", icon: "➜" },
  screened: { color: "indigo", icon: "…" },
  approved: { color: "green", icon: "✓" },
  referred_to_pm: { color: "orange", icon: "⇧" },
  pm_approved: { color: "teal", icon: "✓" },
  rejected: { color: "red", icon: "✗" },
  withdrawn: { color: "gray", icon: "■" },
};
const M_LOOK: Record<MatchingStatusT, { color: string; icon: string }> = {
  proposed: { color: "blue", icon: "✎" },
  agreed: { color: "indigo", icon: "🤝" },
  funded: { color: "green", icon: "✓" },
  closed: { color: "gray", icon: "■" },
  cancelled: { color: "red", icon: "✗" },
};

export function EmergencyStatusBadge({ status }: { status: EmergencyStatusT }) {
  const { t } = useTranslation();
  const l = E_LOOK[status];
  return (
    <Badge variant="light" color={l.color} c="dark.9" leftSection={<span aria-hidden="true">{l.icon}</span>} data-testid="emergency-status" data-status={status}>
      {t(`planningFunds.emergency.statuses.${status}`)}
    </Badge>
  );
}

export function MatchingStatusBadge({ status }: { status: MatchingStatusT }) {
  const { t } = useTranslation();
  const l = M_LOOK[status];
  return (
    <Badge variant="light" color={l.color} c="dark.9" leftSection={<span aria-hidden="true">{l.icon}</span>} data-testid="matching-status" data-status={status}>
      {t(`planningFunds.matching.statuses.${status}`)}
    </Badge>
  );
}

/** A province picker over the provinces list (Thai names first). */
export function ProvinceSelect({ value, onChange, label, testId, clearable = true }: { value: string | undefined; onChange: (v: string | undefined) => void; label: string; testId: string; clearable?: boolean }) {
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  return (
    <Select
      label={label}
      searchable
      clearable={clearable}
      data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${f.name(p)} (${p.code})` }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      data-testid={testId}
      w={240}
    />
  );
}

/** Baht figures as numbers for sums and bars (display always goes through f.baht). */
export const num = (s: string | number): number => Number(s);
