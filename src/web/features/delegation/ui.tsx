import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DelegationStatus } from "../../../modules/delegation/contracts.js";
import { useFormat } from "../../app/format.js";

const STATUS_LOOK: Record<DelegationStatus, { color: string; icon: string }> = {
  "in-force": { color: "green", icon: "✓" },
  "not-yet": { color: "blue", icon: "◷" },
  expired: { color: "gray", icon: "⊘" },
  revoked: { color: "red", icon: "✕" },
};

/** An instrument's standing on the date asked about: a word with an icon, never colour alone. */
export function InstrumentStatusBadge({ status, size = "sm" }: { status: DelegationStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="instrument-status" data-status={status}>
      {t(`delegation.status.${status}`)}
    </Badge>
  );
}

/** Whether a public source confirmed the catalogue entry; unverified entries are marked so no one relies on them blindly. */
export function VerifiedBadge({ verified, size = "sm" }: { verified: boolean; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return verified ? (
    <Badge variant="light" color="teal" c="dark.9" size={size} leftSection={<span aria-hidden="true">✓</span>} title={t("delegation.verifiedHint")} data-testid="power-verified" data-verified="true">
      {t("delegation.verified")}
    </Badge>
  ) : (
    <Badge variant="outline" color="#9a3412" size={size} leftSection={<span aria-hidden="true">⚠</span>} title={t("delegation.unverifiedHint")} data-testid="power-verified" data-verified="false">
      {t("delegation.unverified")}
    </Badge>
  );
}

/** Decided in the province, or sent to the central authority: icon and words. */
export function DecisionBadge({ here, size = "sm" }: { here: boolean; size?: "sm" | "md" | "lg" | "xl" }) {
  const { t } = useTranslation();
  return (
    <Badge variant={here ? "light" : "outline"} color={here ? "green" : "gray.8"} c="dark.9" size={size} leftSection={<span aria-hidden="true">{here ? "✓" : "↑"}</span>} data-testid="decision-badge" data-decision={here ? "delegated" : "central"}>
      {t(here ? "delegation.decision.delegated" : "delegation.decision.central")}
    </Badge>
  );
}

export function PermitBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="dark.5" size="sm" title={t("delegation.permitHint")}>
      {t("delegation.permit")}
    </Badge>
  );
}

/** Formatting the registry needs: caps in baht (or "no cap of its own"), periods, roles and areas in words. */
export function useDelegationFormat() {
  const { t } = useTranslation();
  const f = useFormat();
  return {
    cap: (cap: string | null | undefined) => (cap === null || cap === undefined ? t("delegation.noCap") : f.baht(cap)),
    period: (from: string, to: string | null | undefined) => t("common.dateRange", { from: f.date(from), to: to ? f.date(to) : t("delegation.noEnd") }),
    role: (role: string) => t(`delegation.roles.${role}`, { defaultValue: role }),
    area: (area: string) => t(`delegation.areas.${area}`, { defaultValue: area }),
    reason: (reason: string) => t(`delegation.reasons.${reason}`, { defaultValue: reason }),
  };
}
