import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgreementSummary } from "../../../modules/performance/contracts.js";

const LOOK: Record<AgreementSummary["status"], { color: string; icon: string }> = {
  draft: { color: "gray", icon: "✎" },
  signed: { color: "green", icon: "✓" },
};

/** Draft or signed: a word with an icon (never colour alone). */
export function AgreementStatusBadge({ status, size = "sm" }: { status: AgreementSummary["status"]; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="agreement-status" data-status={status}>
      {t(`agreements.status.${status}`)}
    </Badge>
  );
}
