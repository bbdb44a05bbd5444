import { useMemo, useState } from "react";
import { Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { SandboxSummary } from "../../../modules/performance/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { Countdown, SandboxStatusBadge } from "./SandboxStatus.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type List = { items: SandboxSummary[]; total: number };
type SortKey = "name" | "province" | "expires" | "status";
const STATUSES = ["active", "expired", "ended"] as const;

/** Sandboxes: status in words, expiry countdown, filters by province and status, export. */
export function SandboxesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [text, setText] = useState("");
  const q = useQuery({ queryKey: ["sandboxes", status], queryFn: () => api.get<List>("/sandboxes", { status: status ?? undefined, limit: 500 }) });
  const all = useMemo(() => q.data?.items ?? [], [q.data]);
  const provinces = useMemo(() => [...new Map(all.map((s) => [s.provinceCode, f.pick(s.provinceNameTh, s.provinceNameEn)])).entries()].map(([value, label]) => ({ value, label })), [all, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useMemo(() => {
    const s = text.trim().toLowerCase();
    return all.filter((x) => (!province || x.provinceCode === province) && (!s || [x.nameTh, x.nameEn, x.provinceNameTh, x.provinceNameEn].some((v) => v.toLowerCase().includes(s))));
  }, [all, province, text]);
  const { sorted, sort, toggle } = useSortedRows<SandboxSummary, SortKey>(rows, { name: (s) => f.pick(s.nameTh, s.nameEn), province: (s) => f.pick(s.provinceNameTh, s.provinceNameEn), expires: (s) => s.expiresOn, status: (s) => s.status }, { key: "expires", dir: "asc" });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const exportTable = () => ({
    fileName: "sandboxes",
    header: ["id", "province_code", "province_th", "name_th", "name_en", "starts_on", "expires_on", "ended_on", "status", "expires_in_days", "rules_changed", "demo"],
    rows: sorted.map((s) => [s.id, s.provinceCode, s.provinceNameTh, s.nameTh, s.nameEn, s.startsOn, s.expiresOn, s.endedOn, s.status, s.expiresInDays, s.rulesCount, s.isDemo]),
  });
  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="sandboxes-title">{t("sandboxes.title")}</Title>
        <Text c="dark.4">{t("sandboxes.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 260 }} />
        <Select label={t("sandboxes.status")} placeholder={t("common.all")} clearable data={STATUSES.map((s) => ({ value: s, label: t(`sandboxes.statuses.${s}`) }))} value={status} onChange={setStatus} w={{ base: "100%", sm: 220 }} data-testid="sandboxes-status" />
        <Select label={t("sandboxes.province")} placeholder={t("common.all")} clearable searchable data={provinces} value={province} onChange={setProvince} w={{ base: "100%", sm: 220 }} />
        <ExportButtons table={exportTable} disabled={!sorted.length} />
      </Group>
      {sorted.length === 0 ? (
        <Text c="dark.4">{t("sandboxes.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover data-testid="sandboxes-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh label={t("sandboxes.name")} sortKey="name" sort={sort} onSort={toggle} />
                <SortTh label={t("sandboxes.province")} sortKey="province" sort={sort} onSort={toggle} />
                <SortTh label={t("sandboxes.status")} sortKey="status" sort={sort} onSort={toggle} />
                <SortTh label={t("sandboxes.expiresOn")} sortKey="expires" sort={sort} onSort={toggle} />
                <Table.Th>{t("sandboxes.countdownCol")}</Table.Th>
                <Table.Th>{t("sandboxes.rulesCount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((s) => (
                <Table.Tr key={s.id} data-testid="sandbox-row">
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <AnchorLink to="/sandboxes/$id" params={{ id: s.id }} data-testid="sandbox-link">{f.pick(s.nameTh, s.nameEn)}</AnchorLink>
                      <DemoBadge isDemo={s.isDemo} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{f.pick(s.provinceNameTh, s.provinceNameEn)}</Table.Td>
                  <Table.Td><SandboxStatusBadge s={s} /></Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(s.expiresOn)}</Table.Td>
                  <Table.Td><Countdown s={s} /></Table.Td>
                  <Table.Td>{f.number(s.rulesCount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
