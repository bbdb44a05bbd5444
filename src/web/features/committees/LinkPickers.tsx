import { Select, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { LINK_TYPES } from "../../../modules/committees/contracts.js";
import type { CaseList } from "../../../modules/cases/contracts.js";
import type { KpiSummary } from "../../../modules/performance/contracts.js";
import type { AlertPage } from "../../../modules/oversight/contracts-alerts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ProjectPicker, RemotePicker } from "../../ui/pickers.js";

export type LinkType = (typeof LINK_TYPES)[number];
export type AgendaLink = { type: LinkType; id: string } | null;

/** A case as the picker shows it: its public reference and public text only, never who reported it. */
type CaseOption = { id: string; publicRef: string; publicText: string };
const caseLabel = (c: CaseOption) => `${c.publicRef} ${c.publicText.length > 80 ? `${c.publicText.slice(0, 80)}…` : c.publicText}`;

/** Chooses what an agenda item is about: nothing, or a KPI, project, case or operation-centre alert of the committee's province. */
export function AgendaLinkPicker({ provinceCode, value, onChange }: { provinceCode: string; value: AgendaLink; onChange: (v: AgendaLink) => void }) {
  const { t } = useTranslation();
  const type = value?.type ?? "";
  const id = value?.id ?? "";
  const set = (id: string) => onChange(type ? { type, id } : null);
  return (
    <Stack gap="xs">
      <Select
        label={t("committees.linkAbout")}
        data={[{ value: "", label: t("committees.linkNone") }, ...(["kpi", "project", "case", "alert"] as const).map((k) => ({ value: k, label: t(`committees.linkTypes.${k}`) }))]}
        value={type}
        onChange={(v) => onChange(v ? { type: v as LinkType, id: "" } : null)}
        allowDeselect={false}
        w={220}
        data-testid="agenda-link-type"
      />
      {type === "kpi" && <KpiSelect provinceCode={provinceCode} value={id} onChange={set} />}
      {type === "project" && <ProjectPicker label={t("committees.linkProject")} provinceCode={provinceCode} value={id} onChange={set} testId="agenda-project" />}
      {type === "case" && (
        <RemotePicker<CaseOption>
          label={t("committees.linkCase")}
          description={t("committees.linkCaseHint")}
          value={id}
          onChange={set}
          testId="agenda-case"
          listKey={["pick", "cases", provinceCode]}
          fetch={(q) => api.get<CaseList>("/cases", { provinceCode, q, pageSize: 30 })}
          fetchOne={[["pick", "case", id], () => api.get<CaseOption>(`/cases/${encodeURIComponent(id)}`)]}
          optionLabel={caseLabel}
        />
      )}
      {type === "alert" && <AlertSelect provinceCode={provinceCode} value={id} onChange={set} />}
    </Stack>
  );
}

function KpiSelect({ provinceCode, value, onChange }: { provinceCode: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["pick", "kpis", provinceCode], queryFn: () => api.get<{ items: KpiSummary[] }>("/kpis", { provinceCode, limit: 500 }) });
  return (
    <Select
      label={t("committees.linkKpi")}
      searchable
      nothingFoundMessage={q.isFetching ? t("common.loading") : t("common.noResults")}
      data={(q.data?.items ?? []).map((k) => ({ value: k.id, label: `${k.code} ${f.pick(k.nameTh, k.nameEn)}` }))}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      data-testid="agenda-kpi"
    />
  );
}

/** The province's alerts, open ones first (a resolved one may still be reviewed); the reader sees those their grant reaches. */
function AlertSelect({ provinceCode, value, onChange }: { provinceCode: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["pick", "alerts", provinceCode], queryFn: () => api.get<AlertPage>("/oversight/alerts", { province: provinceCode, status: "all", pageSize: 200 }) });
  const items = [...(q.data?.items ?? [])].sort((a, b) => Number(!!a.resolvedAt) - Number(!!b.resolvedAt));
  return (
    <Select
      label={t("committees.linkAlert")}
      searchable
      nothingFoundMessage={q.isFetching ? t("common.loading") : t("common.noResults")}
      data={items.map((a) => ({ value: a.id, label: `${f.pick(a.titleTh, a.titleEn)} · ${t(a.resolvedAt ? "committees.alertStatuses.resolved" : "committees.alertStatuses.open")}` }))}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      data-testid="agenda-alert"
    />
  );
}
