import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlanLevel, PlanStatus, ProjectStatus, BudgetSource, ProjectOrigin } from "../../../modules/planning/contracts.js";
import { ApiError } from "../../app/api.js";
import { queryClient } from "../../app/query-client.js";
import { meQuery } from "../../app/session.js";

/** Contract enum values written out (no zod in the bundle); a record keyed by the type rejects a missing value. */
const valuesOf = <T extends string>(all: Record<T, true>): readonly T[] => Object.keys(all) as T[];
export const PLAN_LEVELS = valuesOf<PlanLevel>({ province: true, district: true, subdistrict: true, cluster: true });
export const PLAN_STATUSES = valuesOf<PlanStatus>({ draft: true, consolidated: true, approved: true });
export const PROJECT_STATUSES = valuesOf<ProjectStatus>({ proposed: true, prioritised: true, approved: true, in_progress: true, completed: true, rejected: true, cancelled: true });
export const BUDGET_SOURCES = valuesOf<BudgetSource>({ function: true, province: true, cluster: true, local: true, matching: true, central_fund: true, leftover: true });
export const PROJECT_ORIGINS = valuesOf<ProjectOrigin>({ agency: true, district: true, subdistrict: true, local_government: true, province: true, cluster: true });

const STATUS_ICON: Record<string, string> = { draft: "✎", consolidated: "⇊", approved: "✓", proposed: "•", prioritised: "↕", in_progress: "▶", completed: "✔", rejected: "✕", cancelled: "⊘" };
const STATUS_COLOR: Record<string, string> = { draft: "gray.7", consolidated: "indigo.8", approved: "green.9", proposed: "gray.7", prioritised: "blue.8", in_progress: "cyan.9", completed: "teal.9", rejected: "red.9", cancelled: "dark.5" };

/** A plan's status: icon and word, never colour alone. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Badge variant="outline" color={STATUS_COLOR[status]} c="dark.9" leftSection={<span aria-hidden="true">{STATUS_ICON[status]}</span>} data-testid="plan-status">{t(`planning.planStatus.${status}`)}</Badge>;
}

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <Badge variant="outline" color={STATUS_COLOR[status]} c="dark.9" leftSection={<span aria-hidden="true">{STATUS_ICON[status]}</span>} data-testid="project-status">{t(`planning.projectStatus.${status}`)}</Badge>;
}

/** Uploads one file as multipart/form-data (the API client sends JSON or a raw body only). */
export async function uploadMultipart<T>(path: string, form: FormData): Promise<T> {
  const csrf = (await queryClient.fetchQuery(meQuery)).csrfToken;
  const res = await fetch(`/api/v1${path}`, { method: "POST", body: form, credentials: "same-origin", headers: { accept: "application/json", ...(csrf ? { "x-csrf-token": csrf } : {}) } });
  const body = (await res.json().catch(() => null)) as { error?: { code: string; messageTh: string; messageEn: string; requestId: string | null } } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError({ status: res.status, code: e?.code ?? `http.${res.status}`, messageTh: e?.messageTh ?? "", messageEn: e?.messageEn ?? "", requestId: e?.requestId ?? null, fields: [] });
  }
  return body as T;
}
