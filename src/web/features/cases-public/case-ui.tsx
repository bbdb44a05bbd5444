import { Badge, Box, Group, Image, Stack, Text } from "@mantine/core";
import { queryOptions } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CaseEventView, CasesPrivacy, CaseStatus, CategoryView, PhotoView } from "../../../modules/cases/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";

/** The lifecycle's order as the stepper draws it; "reopened" is shown beside it, not as a step. */
export const STEPS: readonly CaseStatus[] = ["received", "accepted", "in_progress", "resolved", "closed"];
export const CASE_STATUSES: readonly CaseStatus[] = ["received", "accepted", "in_progress", "resolved", "closed", "reopened"];

const STATUS_LOOK: Record<CaseStatus, { color: string; icon: string }> = {
  received: { color: "blue.9", icon: "○" },
  accepted: { color: "indigo.9", icon: "◔" },
  in_progress: { color: "orange.9", icon: "◷" },
  resolved: { color: "green.9", icon: "✓" },
  closed: { color: "gray.8", icon: "■" },
  reopened: { color: "red.9", icon: "↺" },
};

/** Categories as the form and the board's filter list them (Open311 services); they change rarely. */
/** What the consent text names (its version, the retention period): it follows the deployment's settings. */
export const privacyQuery = queryOptions({
  queryKey: ["cases", "privacy"],
  queryFn: () => api.get<CasesPrivacy>("/cases/privacy"),
  staleTime: 10 * 60_000,
});

export const categoriesQuery = queryOptions({
  queryKey: ["cases", "categories"],
  queryFn: () => api.get<{ items: CategoryView[] }>("/cases/categories"),
  staleTime: 10 * 60_000,
});

/** A case's status in words with an icon: colour is never the only cue. */
export function CaseStatusBadge({ status, size = "md" }: { status: CaseStatus; size?: "sm" | "md" | "lg" | "xl" }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge
      variant="outline"
      color={look.color}
      size={size}
      leftSection={<Text span c={look.color} fw={700} aria-hidden="true">{look.icon}</Text>}
      styles={{ label: { color: "var(--mantine-color-dark-9)" } }}
      style={{ textTransform: "none" }}
      data-testid="case-status"
      data-status={status}
    >
      {t(`casesPublic.status.${status}`)}
    </Badge>
  );
}

/**
 * Where the case is on its way: received → accepted → in progress → resolved → closed, each reached step with its
 * date; a reopened case (the reporter disputed the result) restarts at "accepted" and says so.
 */
export function StatusStepper({ status, timeline }: { status: CaseStatus; timeline: readonly CaseEventView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const current = status === "reopened" ? STEPS.indexOf("accepted") : STEPS.indexOf(status);
  // the latest time each status was entered (a reopened case enters some twice)
  const reached = new Map<string, string>();
  for (const e of timeline) if (e.toStatus) reached.set(e.toStatus, e.at);
  return (
    <Box>
      {status === "reopened" && (
        <Text size="sm" fw={700} c="red.9" mb="xs" data-testid="stepper-reopened">
          <span aria-hidden="true">↺ </span>
          {t("casesPublic.stepper.reopened", { date: f.date(reached.get("reopened")) })}
        </Text>
      )}
      <ol className="case-stepper" aria-label={t("casesPublic.stepper.label")} data-testid="status-stepper" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {STEPS.map((s, i) => {
          const reachedStep = i <= current;
          const here = i === current;
          // the last steps are finished states: reaching them is done, not "in progress"
          const done = i < current || (here && (s === "resolved" || s === "closed"));
          const look = STATUS_LOOK[s];
          const date = reachedStep ? reached.get(s) : undefined;
          const ring = reachedStep ? `var(--mantine-color-${look.color.replace(".", "-")})` : "var(--mantine-color-gray-5)";
          return (
            <li key={s} aria-current={here ? "step" : undefined} data-step={s} data-state={done ? "done" : here ? "current" : "todo"} style={{ display: "flex", gap: 12, alignItems: "flex-start", paddingBottom: i < STEPS.length - 1 ? 10 : 0 }}>
              <Box
                aria-hidden="true"
                style={{
                  flex: "0 0 32px",
                  height: 32,
                  borderRadius: "50%",
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "center",
                  fontWeight: 700,
                  border: `2px solid ${ring}`,
                  background: reachedStep ? ring : "white",
                  color: reachedStep ? "white" : "var(--mantine-color-gray-7)",
                }}
              >
                {done ? "✓" : i + 1}
              </Box>
              <div style={{ minWidth: 0 }}>
                <Text fw={here ? 700 : 500} c={reachedStep ? "dark.9" : "dark.5"} lh={1.6}>
                  {t(`casesPublic.status.${s}`)}
                  {here && <Text span size="sm" c="dark.6"> · {t("casesPublic.stepper.now")}</Text>}
                  {!here && <span className="visually-hidden-inline"> ({t(done ? "casesPublic.stepper.done" : "casesPublic.stepper.todo")})</span>}
                </Text>
                {date && <Text size="sm" c="dark.5">{f.dateTime(date)}</Text>}
              </div>
            </li>
          );
        })}
      </ol>
    </Box>
  );
}

const KNOWN_EVENTS = new Set(["received", "routed", "accept", "start", "resolve", "reopen", "rated", "update", "transferred", "merged", "merged-in", "escalated", "auto-closed", "category"]);

/** The public timeline: what happened, when (Buddhist-era dates in Thai), and which office did it. */
export function CaseTimeline({ events }: { events: readonly CaseEventView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!events.length) return <Text c="dark.4">{t("casesPublic.timeline.empty")}</Text>;
  return (
    <ol data-testid="case-timeline" style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {events.map((e) => (
        <li key={e.id} data-kind={e.kind} style={{ borderLeft: "3px solid var(--mantine-color-gray-4)", paddingLeft: 12, paddingBottom: 12, marginLeft: 4 }}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dark.5">{f.dateTime(e.at)}</Text>
            {e.toStatus && e.toStatus !== e.fromStatus && <CaseStatusBadge status={e.toStatus as CaseStatus} size="sm" />}
          </Group>
          <Text fw={700} size="sm">{t(`casesPublic.event.${KNOWN_EVENTS.has(e.kind) ? e.kind : "other"}`)}</Text>
          {e.textTh && (
            <Text size="sm" lang="th">
              {e.textTh}
            </Text>
          )}
          {e.actorLabelTh && (
            <Text size="xs" c="dark.5">
              {t("casesPublic.timeline.by")} <span lang="th">{e.actorLabelTh}</span>
            </Text>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The photo the office took after the work, linked to its full size. */
export function AfterPhoto({ photo }: { photo: PhotoView | null }) {
  const { t } = useTranslation();
  if (!photo) return <Text size="sm" c="dark.4" data-testid="after-photo-none">{t("casesPublic.afterPhoto.none")}</Text>;
  return (
    <Stack gap={4}>
      <a href={photo.url} target="_blank" rel="noreferrer" aria-label={t("casesPublic.afterPhoto.open")}>
        <Image src={photo.url} alt={t("casesPublic.afterPhoto.alt")} radius="sm" mah={360} fit="contain" data-testid="after-photo" style={{ background: "var(--mantine-color-gray-1)" }} />
      </a>
      <Text size="xs" c="dark.5">{t("casesPublic.afterPhoto.note")}</Text>
    </Stack>
  );
}

/** Hours as days and hours ("2 วัน 4 ชม."), for service levels and medians. */
export function useHours() {
  const { t } = useTranslation();
  const f = useFormat();
  return (h: number | null | undefined): string => {
    if (h === null || h === undefined) return "—";
    if (h < 48) return t("casesPublic.hours", { n: f.number(Math.round(h * 10) / 10) });
    return t("casesPublic.days", { n: f.number(Math.round((h / 24) * 10) / 10) });
  };
}

/** The category's name in the reader's language (the board and the tracker show it). */
export function CategoryName({ c }: { c: { categoryNameTh: string; categoryNameEn: string } }) {
  const f = useFormat();
  return <>{f.pick(c.categoryNameTh, c.categoryNameEn)}</>;
}
