import { Badge } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ActionItemView, CommitteeSummary } from "../../../modules/committees/contracts.js";
import { useFormat } from "../../app/format.js";

/** Whether a committee keeps its meetings: on track, or late with the meetings it missed. */
export function CadenceBadge({ c }: { c: CommitteeSummary["cadence"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (c.status === "on_track") return <StatusBadge color="green.8" testId="cadence-badge">{t("committees.cadence.onTrack", { date: f.date(c.nextDueOn) })}</StatusBadge>;
  return <StatusBadge color="red.8" testId="cadence-badge">{t("committees.cadence.late", { days: f.number(c.daysLate), missed: f.number(c.missed) })}</StatusBadge>;
}

export function ActionStatusBadge({ a }: { a: Pick<ActionItemView, "status" | "overdue"> }) {
  const { t } = useTranslation();
  if (a.status === "open" && a.overdue) return <StatusBadge color="red.8">{t("committees.action.overdue")}</StatusBadge>;
  return <StatusBadge color={a.status === "done" ? "green.8" : a.status === "dropped" ? "gray.7" : "blue.8"}>{t(`committees.action.statuses.${a.status}`)}</StatusBadge>;
}

/** A status in words: an outlined badge in the status's colour with dark text (readable at WCAG AA on any row). */
export function StatusBadge({ color, children, testId }: { color: string; children: ReactNode; testId?: string }) {
  return (
    <Badge variant="outline" color={color} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid={testId}>
      {children}
    </Badge>
  );
}

export const MEETING_STATUS_COLOR = { held: "green.8", cancelled: "gray.7", scheduled: "blue.8" } as const;
