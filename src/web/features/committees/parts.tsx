import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ActionItemView, CommitteeSummary } from "../../../modules/committees/contracts.js";
import { useFormat } from "../../app/format.js";

/** Whether a committee keeps its meetings: on track, or late with the meetings it missed. */
export function CadenceBadge({ c }: { c: CommitteeSummary["cadence"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (c.status === "on_track") return <Badge color="green" variant="light" data-testid="cadence-badge">{t("committees.cadence.onTrack", { date: f.date(c.nextDueOn) })}</Badge>;
  return (
    <Badge color="red" variant="light" data-testid="cadence-badge">
      {t("committees.cadence.late", { days: f.number(c.daysLate), missed: f.number(c.missed) })}
    </Badge>
  );
}

export function ActionStatusBadge({ a }: { a: Pick<ActionItemView, "status" | "overdue"> }) {
  const { t } = useTranslation();
  if (a.status === "open" && a.overdue) return <Badge color="red" variant="light">{t("committees.action.overdue")}</Badge>;
  return <Badge color={a.status === "done" ? "green" : a.status === "dropped" ? "gray" : "blue"} variant="light">{t(`committees.action.statuses.${a.status}`)}</Badge>;
}
