import { Box, SimpleGrid, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RequestAction, RequestDetail, RequestEventView } from "../../../modules/delegation/contracts-requests.js";
import { useFormat } from "../../app/format.js";
import { Bi } from "../agendas/Bi.js";
import { StageDue } from "./RequestStatus.js";

type Stage = "draft" | "submitted" | "moi" | "opdc" | "cabinet" | "decision";
const STAGES: Stage[] = ["draft", "submitted", "moi", "opdc", "cabinet", "decision"];
type State = "done" | "current" | "pending" | "returned" | "rejected" | "stopped";
const ICON: Record<State, string> = { done: "✓", current: "●", pending: "○", returned: "↩", rejected: "✗", stopped: "■" };
const COLOR: Record<State, string> = { done: "green.9", current: "blue.9", pending: "dark.3", returned: "orange.9", rejected: "red.9", stopped: "dark.5" };

/** The stage a request waits in (the index in STAGES); a closed request has passed them all. */
function currentIndex(r: RequestDetail): number {
  switch (r.status) {
    case "draft":
    case "returned":
    case "withdrawn":
      return 0;
    case "submitted":
      return 2;
    case "moi-forwarded":
      return 3;
    case "opdc-recommended":
      return 4;
    default:
      return STAGES.length;
  }
}

const last = (events: RequestEventView[], actions: RequestAction[]) => [...events].reverse().find((e) => actions.includes(e.action));

/**
 * The road of a request — drafted, submitted, the Ministry of Interior, OPDC, the Cabinet, the decision — with who
 * acted at each stage and when; the stage it waits in shows its due date and whether it is overdue.
 */
export function RequestStages({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const at = currentIndex(r);
  const ev: Record<Stage, RequestEventView | undefined> = {
    draft: last(r.events, ["create"]),
    submitted: last(r.events, ["submit", "resubmit"]),
    moi: last(r.events, ["moi-forward", "moi-return"]),
    opdc: last(r.events, ["opdc-recommend", "opdc-return"]),
    cabinet: last(r.events, ["cabinet-approve", "cabinet-reject"]),
    decision: last(r.events, ["cabinet-approve", "cabinet-reject"]),
  };
  const stateOf = (s: Stage, i: number): State => {
    if (r.status === "returned") {
      // back with the province: the stages up to the one that returned it were passed, that one sent it back
      const from = STAGES.indexOf(r.returnedStage ?? "moi");
      return s === "draft" ? "current" : i < from ? "done" : i === from ? "returned" : "pending";
    }
    if (r.status === "withdrawn") return s === "draft" ? "stopped" : ev[s] ? "done" : "pending";
    if (r.status === "rejected" && s === "decision") return "rejected";
    if (i < at) return "done";
    if (i === at) return "current";
    return "pending";
  };
  const label = (s: Stage) => {
    if (s === "decision") return r.status === "approved" ? t("delegationRequests.stages.approved") : r.status === "rejected" ? t("delegationRequests.stages.rejected") : t("delegationRequests.stages.decision");
    if (s === "draft" && r.status === "returned") return t("delegationRequests.stages.revising");
    if (s === "draft" && r.status === "withdrawn") return t("delegationRequests.stages.withdrawn");
    return t(`delegationRequests.stages.${s}`);
  };
  const detail = (s: Stage, state: State) => {
    const e = ev[s];
    const lines: React.ReactNode[] = [];
    if (s === "decision") {
      if (r.status === "approved" && r.effectiveFrom) lines.push(t("delegationRequests.effectiveRange", { from: f.date(r.effectiveFrom), to: r.effectiveTo ? f.date(r.effectiveTo) : t("delegationRequests.noEnd") }));
    } else if (e && (state === "done" || state === "returned" || state === "stopped" || (s === "draft" && state === "current"))) {
      lines.push(<>{f.date(e.at)} · <Bi th={e.actorName} /></>);
      if (s === "opdc" && e.details.opinion) lines.push(t(`delegationRequests.opinions.${String(e.details.opinion)}`));
      if (s === "cabinet" && r.cabinetDate) lines.push(t("delegationRequests.cabinetOn", { date: f.date(r.cabinetDate), no: r.cabinetResolutionNo ?? "" }));
      if (state === "returned") lines.push(t("delegationRequests.returnedHere"));
    }
    if (state === "current" && (r.status !== "draft" || s !== "draft")) lines.push(<StageDue r={r} withLabel />);
    return lines;
  };
  return (
    <Box component="section" aria-labelledby="stages-title">
      <Text fw={700} id="stages-title" mb="xs" component="h2" size="lg">{t("delegationRequests.stages.title")}</Text>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, lg: 6 }} spacing="xs" verticalSpacing="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="request-stages">
        {STAGES.map((s, i) => {
          const state = stateOf(s, i);
          return (
            <Box
              component="li"
              key={s}
              data-stage={s}
              data-state={state}
              aria-current={state === "current" ? "step" : undefined}
              p="xs"
              style={{ border: `${state === "current" ? 2 : 1}px solid var(--mantine-color-${state === "current" ? "blue-7" : "gray-4"})`, borderRadius: 6, background: state === "pending" ? "transparent" : "var(--mantine-color-gray-0)" }}
            >
              <Text fw={700} size="sm">
                <Text span c={COLOR[state]} aria-hidden="true" mr={6}>{ICON[state]}</Text>
                {label(s)}
                <VisuallyHidden> ({t(`delegationRequests.stageStates.${state}`)})</VisuallyHidden>
              </Text>
              {detail(s, state).map((line, k) => (
                <Box key={k} fz="xs" c="dark.5" mt={2}>{line}</Box>
              ))}
            </Box>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}
