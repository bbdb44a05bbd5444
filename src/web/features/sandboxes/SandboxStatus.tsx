import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SandboxSummary } from "../../../modules/performance/contracts.js";

const STYLE: Record<SandboxSummary["status"], { color: string; icon: string }> = {
  active: { color: "green.9", icon: "●" },
  expired: { color: "red.9", icon: "⚠" },
  ended: { color: "gray.8", icon: "■" },
};

/** The status in words with an icon (never colour alone), and "expiring soon" when the reminder window is reached. */
export function SandboxStatusBadge({ s }: { s: Pick<SandboxSummary, "status" | "expiringSoon"> }) {
  const { t } = useTranslation();
  const st = STYLE[s.status];
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="outline" color={st.color} leftSection={<Text span c={st.color} aria-hidden="true">{st.icon}</Text>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="sandbox-status">
        {t(`sandboxes.statuses.${s.status}`)}
      </Badge>
      {s.expiringSoon && (
        <Badge variant="outline" color="orange.9" leftSection={<span aria-hidden="true">◷</span>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none", borderWidth: 2 }} data-testid="sandbox-expiring">
          {t("sandboxes.expiringSoon")}
        </Badge>
      )}
    </Group>
  );
}

/** "40 days left", "expires today", "expired 22 days ago", "closed". */
export function Countdown({ s }: { s: Pick<SandboxSummary, "status" | "expiresInDays"> }) {
  const { t } = useTranslation();
  const d = s.expiresInDays;
  const text = s.status === "ended" || d === null ? t("sandboxes.closed") : d > 0 ? t("sandboxes.daysLeft", { count: d }) : d === 0 ? t("sandboxes.expiresToday") : t("sandboxes.daysAgo", { count: -d });
  return <Text span size="sm" data-testid="sandbox-countdown">{text}</Text>;
}
