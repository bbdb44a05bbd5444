import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RequestStatus, RequestView } from "../../../modules/delegation/contracts-requests.js";
import { useFormat } from "../../app/format.js";

/** Each status as a word with an icon (never colour alone), pale background and dark text for contrast. */
const LOOK: Record<RequestStatus, { color: string; icon: string }> = {
  draft: { color: "gray", icon: "✎" },
  submitted: { color: "blue", icon: "➜" },
  "moi-forwarded": { color: "indigo", icon: "➜" },
  "opdc-recommended": { color: "violet", icon: "…" },
  approved: { color: "green", icon: "✓" },
  rejected: { color: "red", icon: "✗" },
  returned: { color: "orange", icon: "↩" },
  withdrawn: { color: "gray", icon: "■" },
};

export function RequestStatusBadge({ status, size = "md" }: { status: RequestStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="request-status" data-status={status}>
      {t(`delegationRequests.statuses.${status}`)}
    </Badge>
  );
}

/** The current stage's due date, and "overdue N days" in words with a warning sign once it has passed. */
export function StageDue({ r, withLabel = false }: { r: Pick<RequestView, "stageDueOn" | "overdue" | "daysOverdue">; withLabel?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!r.stageDueOn) return <Text span size="sm" c="dark.4">{t("delegationRequests.noDue")}</Text>;
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ display: "inline-flex" }}>
      <Text span size="sm" style={{ whiteSpace: "nowrap" }}>
        {withLabel ? t("delegationRequests.dueOn", { date: f.date(r.stageDueOn) }) : f.date(r.stageDueOn)}
      </Text>
      {r.overdue && (
        <Badge variant="outline" color="red.9" leftSection={<span aria-hidden="true">⚠</span>} styles={{ label: { color: "var(--mantine-color-red-9)" } }} style={{ borderWidth: 2 }} data-testid="request-overdue">
          {t("delegationRequests.overdueDays", { count: r.daysOverdue })}
        </Badge>
      )}
    </Group>
  );
}
