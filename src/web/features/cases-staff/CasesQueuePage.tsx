import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CaseList, CaseListItem } from "../../../modules/cases/contracts.js";
import { api, seg, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { provinceQuery, provincesQuery } from "../provinces/queries.js";
import { AssigneeChoice, CASE_CHANNELS, CASE_STATUSES, CaseStatusBadge, categoriesQuery, categoryOptions, EscalationBadge, homePlace, NOBODY, OverdueFlag, type Assignee } from "./cases-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/cases");
const PAGE_SIZE = 50;
/** the queue's own maximum per request */
const EXPORT_PAGE_SIZE = 200;
type Sort = "received" | "-received" | "due" | "-due";

/**
 * The handlers' queues: every case the reader reaches, an organisation's, or the reader's own; filters by place,
 * status, category, channel, lateness, words and dates; sorting by received or due time; paging; CSV of the whole
 * filter; and bulk assignment. Rows carry no reporter: the queue never shows who reported.
 */
export function CasesQueuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/cases" });
  const me = useMe();
  const home = useMemo(() => homePlace(me.data), [me.data]);
  const page = search.page && search.page > 0 ? search.page : 1;
  const sort: Sort = search.sort ?? "-received";
  const view = search.view ?? "all";
  const org = view === "org" ? (search.org ?? home.orgId ?? undefined) : undefined;
  const [q, setQ] = useState(search.q ?? "");
  // desk work: "/" jumps to the search box from anywhere on the page (not while typing in a field)
  const searchBox = useRef<HTMLInputElement>(null);
  useHotkeys([["/", () => searchBox.current?.focus()]]);
  useEffect(() => setQ(search.q ?? ""), [search.q]);
  const exporter = useExportAll();

  const filters: Query = {
    provinceCode: search.province,
    districtCode: search.district,
    orgId: org,
    assignee: view === "mine" ? "me" : undefined,
    status: search.status,
    categoryId: search.category,
    channel: search.channel,
    overdue: search.overdue ? true : undefined,
    q: search.q,
    from: search.from,
    to: search.to,
    sort,
  };
  const list = useQuery({
    queryKey: ["cases", "queue", filters, page],
    queryFn: () => api.get<CaseList>("/cases", { ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const placeProvince = search.province ?? home.provinceCode;
  const province = useQuery({ ...provinceQuery(placeProvince ?? "00"), enabled: !!placeProvince });
  const categories = useQuery(categoriesQuery);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  const canAssign = holdsRoleFor(me.data, "cases:assign");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const filterKey = JSON.stringify([filters, page]);
  useEffect(() => setSelected(new Set()), [filterKey]);
  const selectable = items.filter((c) => c.status !== "resolved" && c.status !== "closed");
  const allChosen = selectable.length > 0 && selectable.every((c) => selected.has(c.id));
  const toggle = (id: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });

  // the list's own fields: no reporter is ever in a queue row, so never in the file (PDPA)
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<CaseList>("/cases", { ...filters, page: Math.floor(offset / limit) + 1, pageSize: limit }),
      (rows) => ({
        fileName: "cases",
        header: ["public_ref", "category_id", "category_th", "category_en", "status", "channel", "province_code", "district_code", "area_th", "area_en", "public_text", "org_id", "org_th", "assigned", "received_at", "resolve_due_at", "overdue", "escalation_level", "support_count"],
        rows: rows.map((c) => [c.publicRef, c.categoryId, c.categoryNameTh, c.categoryNameEn, c.status, c.channel, c.provinceCode, c.districtCode, c.areaNameTh, c.areaNameEn, c.publicText, c.assignedOrg?.id, c.assignedOrg?.nameTh, !!c.assigneeAccountId, c.receivedAt, c.resolveDueAt, c.overdue, c.escalationLevel, c.supportCount]),
      }),
      EXPORT_PAGE_SIZE,
    );

  const sortHeader = (key: "due" | "received", label: string) => {
    const active = sort === key || sort === `-${key}`;
    const desc = sort === `-${key}`;
    return (
      <Table.Th aria-sort={active ? (desc ? "descending" : "ascending") : "none"} style={{ whiteSpace: "nowrap" }}>
        <button type="button" className="sort-button" onClick={() => setFilter({ sort: active ? ((desc ? key : `-${key}`) as Sort) : key === "due" ? "due" : "-received" })} title={t("table.sortBy", { column: label })} data-testid={`cases-sort-${key}`}>
          {label}
          <span aria-hidden="true">{active ? (desc ? "▼" : "▲") : "↕"}</span>
        </button>
      </Table.Th>
    );
  };
  const thData = f.lang === "en" ? "th" : undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 420px" }}>
          <Title order={1} data-testid="cases-title">{t("casesStaff.queue.title")}</Title>
          <Text c="dark.4">{t("casesStaff.queue.intro")}</Text>
        </div>
        {holdsRoleFor(me.data, "cases:intake") && <ButtonLink to="/cases/new" data-testid="cases-new-link">{t("casesStaff.queue.newCase")}</ButtonLink>}
      </Group>

      <Tabs value={view} onChange={(v) => setFilter({ view: v === "org" || v === "mine" ? v : undefined })} keepMounted={false}>
        <Tabs.List aria-label={t("casesStaff.queue.views")}>
          <Tabs.Tab value="all" data-testid="cases-view-all">{t("casesStaff.queue.viewAll")}</Tabs.Tab>
          <Tabs.Tab value="org" data-testid="cases-view-org">{t("casesStaff.queue.viewOrg")}</Tabs.Tab>
          <Tabs.Tab value="mine" data-testid="cases-view-mine">{t("casesStaff.queue.viewMine")}</Tabs.Tab>
        </Tabs.List>
      </Tabs>

      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: q.trim() || undefined });
        }}
      >
        <Stack gap="sm">
          {view === "org" && (
            <Group gap="sm" align="flex-end">
              <div style={{ width: 420, maxWidth: "100%" }}>
                <OrganizationPicker label={t("casesStaff.queue.organization")} description={t("casesStaff.queue.organizationHint")} provinceCode={placeProvince ?? undefined} value={org ?? ""} onChange={(id) => setFilter({ org: id || undefined })} testId="cases-org-filter" />
              </div>
            </Group>
          )}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput ref={searchBox} type="search" label={t("casesStaff.queue.search")} description={t("casesStaff.queue.searchKey")} placeholder={t("casesStaff.queue.searchPlaceholder")} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => (q.trim() || undefined) !== search.q && setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 240 }} data-testid="cases-q" />
            <Select label={t("casesStaff.queue.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.province ?? null} onChange={(v) => setFilter({ province: v ?? undefined, district: undefined })} w={{ base: "100%", sm: 190 }} data-testid="cases-province-filter" />
            <Select label={t("casesStaff.queue.district")} placeholder={t("common.all")} clearable searchable disabled={!placeProvince} data={(province.data?.districts ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${f.name(d)}` }))} value={search.district ?? null} onChange={(v) => setFilter({ district: v ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="cases-district-filter" />
            <MultiSelect label={t("casesStaff.queue.status")} placeholder={search.status ? undefined : t("common.all")} clearable data={CASE_STATUSES.map((s) => ({ value: s, label: t(`casesStaff.status.${s}`) }))} value={search.status ? search.status.split(",") : []} onChange={(v) => setFilter({ status: v.length ? v.join(",") : undefined })} w={{ base: "100%", sm: 260 }} data-testid="cases-status-filter" />
            <Select label={t("casesStaff.queue.category")} placeholder={t("common.all")} clearable searchable data={categoryOptions(categories.data?.items ?? [], f.pick)} value={search.category ?? null} onChange={(v) => setFilter({ category: v ?? undefined })} w={{ base: "100%", sm: 220 }} data-testid="cases-category-filter" />
            <Select label={t("casesStaff.queue.channel")} placeholder={t("common.all")} clearable data={CASE_CHANNELS.map((c) => ({ value: c, label: t(`casesStaff.channel.${c}`) }))} value={search.channel ?? null} onChange={(v) => setFilter({ channel: (v as typeof search.channel) ?? undefined })} w={{ base: "100%", sm: 180 }} data-testid="cases-channel-filter" />
            <TextInput type="date" label={t("casesStaff.queue.from")} value={search.from ?? ""} max={search.to} onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })} w={{ base: "48%", sm: 160 }} data-testid="cases-from" />
            <TextInput type="date" label={t("casesStaff.queue.to")} value={search.to ?? ""} min={search.from} onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })} w={{ base: "48%", sm: 160 }} data-testid="cases-to" />
            <Checkbox label={t("casesStaff.queue.overdueOnly")} checked={!!search.overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked || undefined })} mb={8} data-testid="cases-overdue-filter" />
            <Button type="submit" variant="default">{t("casesStaff.queue.apply")}</Button>
          </Group>
        </Stack>
      </form>

      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dark.4" aria-live="polite" data-testid="cases-count">{t("casesStaff.queue.count", { total: f.number(total) })}</Text>
        <Group gap="sm">
          {canAssign && <BulkAssignButton ids={[...selected]} onDone={() => setSelected(new Set())} />}
          <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} testId="cases-export" csvLabel={t("common.exportCsvAll", { count: total })} />
        </Group>
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <div className="table-scroll">
        <Table striped highlightOnHover fz="sm" verticalSpacing={6} horizontalSpacing="xs" data-testid="cases-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 960 }}>
          <Table.Thead>
            <Table.Tr>
              {canAssign && (
                <Table.Th w={36}>
                  <Checkbox aria-label={t("casesStaff.queue.selectPage")} checked={allChosen} indeterminate={!allChosen && selectable.some((c) => selected.has(c.id))} disabled={!selectable.length} onChange={() => setSelected(allChosen ? new Set() : new Set(selectable.map((c) => c.id)))} data-testid="cases-select-page" />
                </Table.Th>
              )}
              <Table.Th>{t("casesStaff.publicRef")}</Table.Th>
              <Table.Th>{t("casesStaff.category")}</Table.Th>
              <Table.Th>{t("casesStaff.area")}</Table.Th>
              <Table.Th>{t("casesStaff.handledBy")}</Table.Th>
              {sortHeader("received", t("casesStaff.receivedAt"))}
              {sortHeader("due", t("casesStaff.resolveDueAt"))}
              <Table.Th>{t("casesStaff.queue.statusAndEscalation")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <QueueRow key={c.id} c={c} canAssign={canAssign} chosen={selected.has(c.id)} onToggle={() => toggle(c.id)} meId={me.data?.account?.id ?? null} thData={thData} />
            ))}
            <NoResultsRow colSpan={canAssign ? 8 : 7} show={!list.isPending && !items.length} />
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" c="dark.4">{t("casesStaff.queue.pdpaNote")}</Text>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}

/** The time of day in Bangkok, beside a date shown on its own line (dense rows). */
const clock = (iso: string, lang: "th" | "en") => new Intl.DateTimeFormat(lang === "th" ? "th-TH" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Bangkok" }).format(new Date(iso));

function QueueRow({ c, canAssign, chosen, onToggle, meId, thData }: { c: CaseListItem; canAssign: boolean; chosen: boolean; onToggle: () => void; meId: string | null; thData: "th" | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = c.status !== "resolved" && c.status !== "closed";
  return (
    <Table.Tr data-testid="case-row" data-ref={c.publicRef} data-overdue={c.overdue ? "true" : "false"} style={c.overdue ? { boxShadow: "inset 4px 0 0 var(--mantine-color-red-9)" } : undefined}>
      {canAssign && (
        <Table.Td>
          <Checkbox aria-label={t("casesStaff.queue.selectCase", { ref: c.publicRef })} checked={chosen} disabled={!open} onChange={onToggle} data-testid="case-select" />
        </Table.Td>
      )}
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <AnchorLink to="/cases/$id" params={{ id: c.id }} fw={600} data-testid="case-link">{c.publicRef}</AnchorLink>
        <Text size="xs" c="dark.4">{t(`casesStaff.channel.${c.channel}`)}</Text>
      </Table.Td>
      <Table.Td style={{ minWidth: 190, maxWidth: 260 }}>
        <Text size="sm" fw={600}>{f.pick(c.categoryNameTh, c.categoryNameEn)}</Text>
        <Text size="xs" c="dark.4" lineClamp={2} lang={thData} title={c.publicText}>{c.publicText}</Text>
      </Table.Td>
      <Table.Td style={{ minWidth: 130, maxWidth: 180 }}><Text size="sm">{f.pick(c.areaNameTh, c.areaNameEn)}</Text></Table.Td>
      <Table.Td style={{ minWidth: 150, maxWidth: 220 }}>
        <Text size="sm" lineClamp={3} title={f.name(c.assignedOrg)}>{f.name(c.assignedOrg) || "—"}</Text>
        {c.assigneeAccountId && <Text size="xs" c="dark.4" data-testid="case-assignee">{c.assigneeAccountId === meId ? t("casesStaff.assignedToMe") : c.assigneeName ? t("casesStaff.assignedTo", { name: c.assigneeName }) : t("casesStaff.assignedToSomeone")}</Text>}
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">{f.date(c.receivedAt)}</Text>
        <Text size="xs" c="dark.4">{clock(c.receivedAt, f.lang)}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">{f.date(c.resolveDueAt)}</Text>
        <Text size="xs" c="dark.4">{clock(c.resolveDueAt, f.lang)}</Text>
        {c.overdue && <OverdueFlag />}
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <CaseStatusBadge status={c.status} />
          <EscalationBadge level={c.escalationLevel} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Assigns the chosen cases, all or none, to a person who handles every one of them (the people each case may be
 * assigned to, GET /cases/:id/assignees, in common), or takes them back to their offices.
 */
function BulkAssignButton({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const myId = me.data?.account?.id ?? null;
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState<string | null>(null);
  const key = [...ids].sort();
  const people = useQuery({
    queryKey: ["cases", "assignees-in-common", key],
    enabled: open && ids.length > 0,
    queryFn: async () => {
      const lists = await Promise.all(key.map((id) => api.get<{ items: Assignee[] }>(`/cases/${seg(id)}/assignees`)));
      return lists.reduce((common, l) => common.filter((p) => l.items.some((x) => x.id === p.id)), lists[0]?.items ?? []);
    },
  });
  const items = people.data ?? [];
  const chosen = who ?? (items.some((p) => p.id === myId) ? myId! : NOBODY);
  const assign = useMutation({
    mutationFn: () => api.post<{ assigned: number }>("/cases/assign", { caseIds: ids, accountId: chosen === NOBODY ? null : chosen }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["cases"] });
      setOpen(false);
      onDone();
    },
  });
  return (
    <>
      <Button disabled={!ids.length} onClick={() => { assign.reset(); setWho(null); setOpen(true); }} data-testid="cases-bulk-assign">{t("casesStaff.assign.bulk", { count: ids.length })}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("casesStaff.assign.bulkTitle", { count: ids.length })} closeButtonProps={{ "aria-label": t("common.close") }}>
        <form onSubmit={(e) => { e.preventDefault(); assign.mutate(); }}>
          <Stack gap="sm">
            <ErrorAlert error={people.error} />
            {people.isPending ? (
              <Text size="sm" c="dark.4">{t("common.loading")}</Text>
            ) : (
              <>
                {!items.length && <Text size="sm">{t("casesStaff.assign.noneInCommon")}</Text>}
                <AssigneeChoice people={items} value={chosen} onChange={setWho} meId={myId} testId="cases-assignees" />
              </>
            )}
            <Text size="xs" c="dark.4">{t("casesStaff.assign.allOrNone")}</Text>
            <ErrorAlert error={assign.error} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
              <Button type="submit" loading={assign.isPending} disabled={people.isPending} data-testid="cases-assign-save">{t("casesStaff.assign.save", { n: f.number(ids.length) })}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
