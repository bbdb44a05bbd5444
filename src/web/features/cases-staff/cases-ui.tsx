import { Badge, Group, Progress, Radio, Stack, Text } from "@mantine/core";
import { queryOptions } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../modules/accounts/contracts.js";
import type { CaseChannel, CaseStatus, CategoryView, EventVisibility } from "../../../modules/cases/contracts.js";
import { API_BASE, ApiError, api, seg, type ApiFieldError } from "../../app/api.js";
import { meQuery } from "../../app/session.js";
import { queryClient } from "../../app/query-client.js";

export const CASE_STATUSES: readonly CaseStatus[] = ["received", "accepted", "in_progress", "resolved", "closed", "reopened"];
export const CASE_CHANNELS: readonly CaseChannel[] = ["web", "hotline_1567", "walk_in", "open311", "import"];
/** The lifecycle's steps in order (a reopened case is back at "accepted"). */
export const CASE_STEPS: readonly CaseStatus[] = ["received", "accepted", "in_progress", "resolved", "closed"];
export const OPEN: ReadonlySet<CaseStatus> = new Set(["received", "accepted", "in_progress", "reopened"]);

const STATUS_LOOK: Record<CaseStatus, { color: string; icon: string }> = {
  received: { color: "blue.9", icon: "○" },
  accepted: { color: "cyan.9", icon: "◔" },
  in_progress: { color: "orange.9", icon: "◷" },
  resolved: { color: "green.9", icon: "✓" },
  closed: { color: "gray.8", icon: "■" },
  reopened: { color: "grape.9", icon: "↺" },
};

/** The status in words with an icon (never colour alone). */
export function CaseStatusBadge({ status, size = "md" }: { status: CaseStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="outline" color={look.color} size={size} leftSection={<Text span c={look.color} aria-hidden="true">{look.icon}</Text>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="case-status" data-status={status}>
      {t(`casesStaff.status.${status}`)}
    </Badge>
  );
}

/** "⚠ เกินกำหนด": an open case past its resolution time. */
export function OverdueFlag() {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="red.9" size="md" leftSection={<span aria-hidden="true">⚠</span>} styles={{ label: { color: "var(--mantine-color-red-9)" } }} style={{ textTransform: "none", borderWidth: 2 }} data-testid="case-overdue">
      {t("casesStaff.overdue")}
    </Badge>
  );
}

/** Who is following the case up now: 0 the agency, 1 the district chief, 2 the governor (escalated by the service-level job). */
export function EscalationBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  const l = Math.max(0, Math.min(2, level));
  return (
    <Badge variant={l ? "outline" : "transparent"} color={l === 2 ? "red.9" : l === 1 ? "orange.9" : "gray.8"} size="md" leftSection={<span aria-hidden="true">{"▲".repeat(l) || "·"}</span>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="case-escalation" data-level={l} title={t("casesStaff.escalation.hint")}>
      {t(`casesStaff.escalation.level${l}`)}
    </Badge>
  );
}

/** Internal notes are marked as such in words and by a frame, public updates likewise. */
export function VisibilityBadge({ visibility }: { visibility: EventVisibility }) {
  const { t } = useTranslation();
  const look = visibility === "internal" ? { color: "grape.9", icon: "⊘" } : visibility === "reporter" ? { color: "indigo.9", icon: "✉" } : { color: "teal.9", icon: "◉" };
  return (
    <Badge variant="outline" color={look.color} size="sm" leftSection={<span aria-hidden="true">{look.icon}</span>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="event-visibility" data-visibility={visibility}>
      {t(`casesStaff.visibility.${visibility}`)}
    </Badge>
  );
}

/** A confidence as a bar with its percentage in words beside it. */
export function ConfidenceBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <Group gap="xs" wrap="nowrap" style={{ flex: 1, minWidth: 120 }}>
      <Progress value={pct} size="lg" style={{ flex: 1 }} aria-label={label} color="indigo.8" />
      <Text size="sm" w={44} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>{pct}%</Text>
    </Group>
  );
}

export const categoriesQuery = queryOptions({
  queryKey: ["cases", "categories"],
  queryFn: () => api.get<{ items: CategoryView[] }>("/cases/categories"),
  staleTime: 10 * 60_000,
});

/** Categories grouped as the service catalogue groups them, for a Select. */
export function categoryOptions(items: readonly CategoryView[], pick: (th: string, en: string) => string) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const c of items) {
    const g = pick(c.groupTh, c.groupEn);
    groups.set(g, [...(groups.get(g) ?? []), { value: c.id, label: pick(c.nameTh, c.nameEn) }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** Where the reader works, from their grants: a district's centre, a province's office, an agency. */
export function homePlace(me: Me | undefined): { provinceCode: string | null; districtCode: string | null; orgId: string | null } {
  const scopes = (me?.grants ?? []).map((g) => g.scope);
  const out = { provinceCode: null as string | null, districtCode: null as string | null, orgId: null as string | null };
  for (const s of scopes) {
    let m: RegExpExecArray | null;
    if ((m = /^area:district:(\d{4})$/.exec(s))) return { ...out, provinceCode: m[1]!.slice(0, 2), districtCode: m[1]! };
    if ((m = /^area:subdistrict:(\d{6})$/.exec(s))) return { ...out, provinceCode: m[1]!.slice(0, 2), districtCode: m[1]!.slice(0, 4) };
    if ((m = /^area:province:(\d{2})$/.exec(s))) return { ...out, provinceCode: m[1]! };
    if ((m = /^org:(.+)$/.exec(s))) {
      const p = /^(?:pro|pao|poc):(\d{2})(?::|$)/.exec(m[1]!);
      return { ...out, orgId: m[1]!, provinceCode: p ? p[1]! : null };
    }
  }
  return out;
}

/** A case photo through the staff endpoint (before-photos are not public). */
export const photoSrc = (caseId: string, photoId: string, thumb = false) => `${API_BASE}/cases/${seg(caseId)}/photos/${seg(photoId)}${thumb ? "?size=thumb" : ""}`;

/**
 * POSTs multipart form data (a photo) with the session's CSRF token; errors come back as the same ApiError as
 * api.post (api.upload sends a raw body, which the photo endpoint does not take).
 */
export async function postMultipart<T>(path: string, form: FormData): Promise<T> {
  const me = await queryClient.fetchQuery(meQuery);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { method: "POST", body: form, credentials: "same-origin", headers: { accept: "application/json", ...(me.csrfToken ? { "x-csrf-token": me.csrfToken } : {}) } });
  } catch {
    throw new ApiError({ status: 0, code: "network" });
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's page)
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; messageTh?: string; messageEn?: string; requestId?: string; fields?: ApiFieldError[] } } | null)?.error;
    throw new ApiError({ status: res.status, code: e?.code ?? `http.${res.status}`, messageTh: e?.messageTh, messageEn: e?.messageEn, requestId: e?.requestId ?? res.headers.get("x-request-id"), fields: e?.fields });
  }
  return body as T;
}

/** The query keys of the workspace: invalidating ["cases"] refreshes queues, the case and its hints. */
export const caseKey = (id: string) => ["cases", "detail", id] as const;
/** Where the intake page leaves the tracking code for the case page to show once (never in the address). */
export const submittedKey = (id: string) => ["cases-submitted", id] as const;

/** A person a case may be assigned to (GET /cases/:id/assignees: the accounts that handle it). */
export type Assignee = { id: string; displayName: string; role: string };
/** "Nobody": the value that takes a case back to its office. */
export const NOBODY = "__nobody__";

/** The people to choose from, the reader first ("me"), then nobody; names are data (Thai), roles in words. */
export function AssigneeChoice({ people, value, onChange, meId, testId }: { people: readonly Assignee[]; value: string; onChange: (v: string) => void; meId: string | null; testId: string }) {
  const { t, i18n } = useTranslation();
  const thData = i18n.language === "en" ? "th" : undefined;
  const sorted = [...people].sort((a, b) => (a.id === meId ? -1 : b.id === meId ? 1 : a.displayName.localeCompare(b.displayName, "th")));
  return (
    <Radio.Group label={t("casesStaff.assign.to")} value={value} onChange={onChange}>
      <Stack gap={6} mt={4} data-testid={testId}>
        {sorted.map((p) => (
          <Radio
            key={p.id}
            value={p.id}
            data-testid="assignee-option"
            data-account={p.id}
            label={
              <span>
                <span lang={thData}>{p.displayName}</span> · {t(`roles.${p.role}`, { defaultValue: p.role })}
                {p.id === meId ? ` (${t("casesStaff.assign.you")})` : ""}
              </span>
            }
          />
        ))}
        <Radio value={NOBODY} label={t("casesStaff.assign.nobody")} data-testid="assignee-nobody" />
      </Stack>
    </Radio.Group>
  );
}
