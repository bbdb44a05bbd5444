import { useMemo, useState } from "react";
import { Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { UpsertHolidayInput, type Holiday } from "../../../modules/calendar/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ExportButtons } from "../../ui/ExportButtons.js";
import { ErrorAlert } from "../../ui/errors.js";
import { SortTh, useSortedRows } from "../../ui/table.js";

const route = getRouteApi("/admin/holidays");
type SortKey = "date" | "name";

export function HolidaysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/admin/holidays" });
  const thisYear = new Date().getFullYear();
  const year = search.year && search.year > 1900 && search.year < 2400 ? search.year : thisYear;
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<Holiday | "new" | null>(null);
  const [deleting, setDeleting] = useState<Holiday | null>(null);

  // The API takes a C.E. (or B.E.) calendar year; the UI shows B.E. in Thai.
  const holidays = useQuery({ queryKey: ["holidays", year], queryFn: () => api.get<Holiday[]>("/holidays", { year }) });
  const filtered = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (holidays.data ?? []).filter((h) => !s || h.nameTh.toLowerCase().includes(s) || h.nameEn.toLowerCase().includes(s) || h.date.includes(s));
  }, [holidays.data, q]);
  const { sorted, sort, toggle } = useSortedRows<Holiday, SortKey>(filtered, { date: (h) => h.date, name: (h) => f.name(h) }, { key: "date", dir: "asc" });
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 2 + i).map((y) => ({ value: String(y), label: f.lang === "th" ? `${y + 543}` : String(y) }));

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("admin.holidays.year")} data={years} value={String(year)} onChange={(v) => void navigate({ search: { year: Number(v) } })} allowDeselect={false} w={140} data-testid="holiday-year" />
        <TextInput type="search" label={t("common.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: "100%", sm: 240 }} />
        <Button onClick={() => setEditing("new")} data-testid="holiday-add">{t("admin.holidays.add")}</Button>
        <ExportButtons disabled={!sorted.length} table={() => ({ fileName: `holidays-${year}`, header: ["date", "name_th", "name_en", "source"], rows: sorted.map((h) => [h.date, h.nameTh, h.nameEn, h.source]) })} />
      </Group>
      <Title order={2} size="h3">{t("admin.holidays.heading", { year: f.lang === "th" ? year + 543 : year })}</Title>
      <ErrorAlert error={holidays.error} />
      <Text size="sm" c="dark.4">{t("common.showingCount", { shown: sorted.length, total: holidays.data?.length ?? 0 })}</Text>
      <div className="table-scroll">
        <Table striped data-testid="holidays-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("admin.holidays.date")} sortKey="date" sort={sort} onSort={toggle} />
              <SortTh label={t("admin.holidays.name")} sortKey="name" sort={sort} onSort={toggle} />
              <Table.Th>{t("admin.holidays.source")}</Table.Th>
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((h) => (
              <Table.Tr key={h.date}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(h.date, "long")}</Table.Td>
                <Table.Td>
                  <Text>{f.name(h)}</Text>
                  <Text size="xs" c="dark.4" lang={f.other}>{f.lang === "th" ? h.nameEn : h.nameTh}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{h.source ?? ""}</Text></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(h)}>{t("common.edit")}</Button>
                    <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(h)}>{t("common.delete")}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {!holidays.isPending && !sorted.length && (
              <Table.Tr><Table.Td colSpan={4}>{t("common.noResults")}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {editing && <HolidayModal holiday={editing === "new" ? null : editing} year={year} onClose={() => setEditing(null)} />}
      {deleting && <DeleteHolidayModal holiday={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function HolidayModal({ holiday, year, onClose }: { holiday: Holiday | null; year: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language === "en" ? "en" : "th";
  const qc = useQueryClient();
  const [form, setForm] = useState({ date: holiday?.date ?? `${year}-01-01`, nameTh: holiday?.nameTh ?? "", nameEn: holiday?.nameEn ?? "", source: holiday?.source ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: (body: UpsertHolidayInput) => api.post<Holiday>("/holidays", body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["holidays"] });
      onClose();
    },
  });
  const serverErr = (p: string) => (isApiError(m.error) ? m.error.fieldError(p, lang) : undefined);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setForm((s) => ({ ...s, [k]: value }));
  };
  return (
    <Modal opened onClose={onClose} title={holiday ? t("admin.holidays.edit") : t("admin.holidays.add")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = UpsertHolidayInput.safeParse({ ...form, source: form.source.trim() || null });
          if (!parsed.success) {
            const errs: Record<string, string> = {};
            for (const i of parsed.error.issues) errs[String(i.path[0])] = String(i.path[0]) === "date" ? t("validation.date") : t("validation.required");
            setErrors(errs);
            return;
          }
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput type="date" label={t("admin.holidays.date")} required value={form.date} onChange={set("date")} disabled={!!holiday} error={errors.date ?? serverErr("date")} description={form.date ? f.date(form.date, "long") : undefined} data-testid="holiday-date" />
          <TextInput label={t("admin.holidays.nameTh")} required value={form.nameTh} onChange={set("nameTh")} error={errors.nameTh ?? serverErr("nameTh")} lang="th" data-testid="holiday-name-th" />
          <TextInput label={t("admin.holidays.nameEn")} required value={form.nameEn} onChange={set("nameEn")} error={errors.nameEn ?? serverErr("nameEn")} lang="en" data-testid="holiday-name-en" />
          <TextInput label={t("admin.holidays.source")} value={form.source} onChange={set("source")} error={serverErr("source")} />
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={m.isPending} data-testid="holiday-submit">{t("common.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteHolidayModal({ holiday, onClose }: { holiday: Holiday; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => api.delete(`/holidays/${seg(holiday.date)}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["holidays"] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.holidays.deleteTitle")}>
      <Card p={0}>
        <Stack>
          <Text>{t("admin.holidays.deleteConfirm", { name: f.name(holiday), date: f.date(holiday.date, "long") })}</Text>
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button color="red.9" onClick={() => m.mutate()} loading={m.isPending}>{t("common.delete")}</Button>
          </Group>
        </Stack>
      </Card>
    </Modal>
  );
}
