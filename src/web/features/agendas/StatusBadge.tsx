import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgendaStatus } from "../../../modules/strategy/contracts.js";

/** Each status as a word with an icon (never colour alone), on a pale background with dark text for contrast. */
const LOOK: Record<AgendaStatus, { color: string; icon: string }> = {
  draft: { color: "gray", icon: "✎" },
  submitted: { color: "blue", icon: "➜" },
  under_review: { color: "violet", icon: "…" },
  approved: { color: "green", icon: "✓" },
  returned: { color: "orange", icon: "↩" },
};

export function StatusBadge({ status, size = "md" }: { status: AgendaStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="agenda-status" data-status={status}>
      {t(`agendas.statuses.${status}`)}
    </Badge>
  );
}
