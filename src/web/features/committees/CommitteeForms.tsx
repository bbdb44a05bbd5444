import { useState } from "react";
import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { COMMITTEE_KINDS, SEAT_KINDS, type ActionItemView, type SeatView } from "../../../modules/committees/contracts.js";
import type { OrganizationSummary } from "../../../modules/registry/contracts.js";
import type { PartnerSummary } from "../../../modules/networks/contracts.js";
import { bangkokToday } from "../../../platform/thai/dates.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { provincesQuery } from "../provinces/queries.js";
import { PARTNER_SEAT_KINDS } from "./SeatPartner.js";

/** Everything that shows a committee, its meetings or the list is stale after a change. */
export function useCommitteeRefresh(committeeId: string, meetingId?: string) {
  const qc = useQueryClient();
  return () => {
    if (meetingId) void qc.invalidateQueries({ queryKey: ["meeting", meetingId] });
    void qc.invalidateQueries({ queryKey: ["meeting"] });
    void qc.invalidateQueries({ queryKey: ["committee", committeeId] });
    void qc.invalidateQueries({ queryKey: ["committees"] });
    void qc.invalidateQueries({ queryKey: ["history"] });
  };
}

/** The provinces of the reader's grants (area:province:NN), the first of them the form's default. */
function grantProvinces(grants: readonly { scope: string }[] | undefined): string[] {
  return [...new Set((grants ?? []).flatMap((g) => (/^area:province:(\d{2})$/.exec(g.scope)?.slice(1, 2) ?? [])))];
}

/** Sets up a committee of a province: the provincial executive committee, an advisory committee or a trouble-shooting team. */
export function CreateCommittee() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const provinces = useQuery(provincesQuery);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string>("troubleshooting");
  const [province, setProvince] = useState<string | null>(null);
  const [nameTh, setNameTh] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [cadence, setCadence] = useState<number | string>(30);
  const provinceCode = province ?? grantProvinces(me.data?.grants)[0] ?? null;
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>("/committees", { kind, provinceCode, nameTh, ...(nameEn.trim() ? { nameEn } : {}), cadenceDays: Number(cadence) }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["committees"] });
      setOpen(false);
      void navigate({ to: "/committees/$id", params: { id: r.id } });
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="committee-new-open">{t("committees.setup.create")}</Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("committees.setup.create")}>
          <Stack gap="sm" data-testid="committee-new-form">
            <Select label={t("committees.setup.kind")} data={COMMITTEE_KINDS.map((k) => ({ value: k, label: t(`committees.kinds.${k}`) }))} value={kind} onChange={(v) => setKind(v ?? kind)} allowDeselect={false} data-testid="committee-new-kind" />
            <Select
              label={t("committees.provinceCode")}
              searchable
              data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${f.name(p)} (${p.code})` }))}
              value={provinceCode}
              onChange={setProvince}
              data-testid="committee-new-province"
            />
            <TextInput label={t("committees.setup.nameTh")} value={nameTh} onChange={(e) => setNameTh(e.currentTarget.value)} required data-testid="committee-new-name-th" />
            <TextInput label={t("committees.setup.nameEn")} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} data-testid="committee-new-name-en" />
            <NumberInput label={t("committees.setup.cadence")} description={t("committees.setup.cadenceHint")} min={7} max={366} value={cadence} onChange={setCadence} data-testid="committee-new-cadence" />
            <ErrorAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("committees.setup.cancel")}</Button>
              <Button onClick={() => m.mutate()} disabled={!nameTh.trim() || !provinceCode || !cadence} loading={m.isPending} data-testid="committee-new-submit">{t("committees.save")}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

/**
 * Adds a seat: a ministry's (one per ministry: a second is refused by the server with its 409, shown as it says), a
 * private, civil or academic body's (optionally the partner of the province's network holding it), the chair or the secretary.
 */
export function AddSeat({ committeeId, provinceCode }: { committeeId: string; provinceCode: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useCommitteeRefresh(committeeId);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<string>("ministry");
  const [ministry, setMinistry] = useState<string | null>(null);
  const [holderOrg, setHolderOrg] = useState("");
  const [partner, setPartner] = useState<string | null>(null);
  const [nameTh, setNameTh] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [startedOn, setStartedOn] = useState(bangkokToday(new Date()));
  const ministries = useQuery({ enabled: open && kind === "ministry", queryKey: ["pick", "ministries"], queryFn: () => api.get<{ items: OrganizationSummary[] }>("/organizations", { classification: "ministry", limit: 100 }) });
  const partners = useQuery({ enabled: open && PARTNER_SEAT_KINDS.includes(kind), queryKey: ["networks", "partners", "seat-options", provinceCode], queryFn: () => api.get<{ items: PartnerSummary[] }>("/partners", { provinceCode, limit: 500 }) });
  const reset = () => {
    setMinistry(null);
    setHolderOrg("");
    setPartner(null);
    setNameTh("");
    setNameEn("");
  };
  const m = useMutation({
    mutationFn: () =>
      api.post(`/committees/${seg(committeeId)}/seats`, {
        kind,
        holderNameTh: nameTh,
        ...(nameEn.trim() ? { holderNameEn: nameEn } : {}),
        ...(kind === "ministry" && ministry ? { ministryId: ministry } : {}),
        ...(holderOrg ? { holderOrgId: holderOrg } : {}),
        ...(PARTNER_SEAT_KINDS.includes(kind) && partner ? { partnerId: partner } : {}),
        ...(startedOn ? { startedOn } : {}),
      }),
    onSuccess: () => {
      refresh();
      reset();
      setOpen(false);
    },
  });
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="seat-add-open">{t("committees.setup.addSeat")}</Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("committees.setup.addSeat")} size="lg">
          <Stack gap="sm" data-testid="seat-add-form">
            <Select label={t("committees.seatKind")} data={SEAT_KINDS.map((k) => ({ value: k, label: t(`committees.seatKinds.${k}`) }))} value={kind} onChange={(v) => { setKind(v ?? kind); m.reset(); }} allowDeselect={false} data-testid="seat-add-kind" />
            {kind === "ministry" && (
              <>
                <Text size="xs" c="dark.4">{t("committees.seatRule")}</Text>
                <Select label={t("committees.setup.ministry")} searchable required data={(ministries.data?.items ?? []).map((o) => ({ value: o.id, label: f.name(o) }))} value={ministry} onChange={setMinistry} data-testid="seat-add-ministry" />
              </>
            )}
            {PARTNER_SEAT_KINDS.includes(kind) && (
              <Select
                label={t("committees.seatPartner")}
                placeholder={t("committees.seatPartnerNone")}
                searchable
                clearable
                data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: f.pick(p.nameTh, p.nameEn) }))}
                value={partner}
                onChange={(v) => {
                  setPartner(v);
                  const p = partners.data?.items.find((x) => x.id === v);
                  if (p && !nameTh.trim()) setNameTh(p.nameTh);
                }}
                data-testid="seat-add-partner"
              />
            )}
            <OrganizationPicker label={t("committees.setup.holderOrg")} description={t("committees.setup.holderOrgHint")} provinceCode={provinceCode} value={holderOrg} onChange={setHolderOrg} testId="seat-add-holder-org" />
            <TextInput label={t("committees.setup.holderNameTh")} value={nameTh} onChange={(e) => setNameTh(e.currentTarget.value)} required data-testid="seat-add-name-th" />
            <TextInput label={t("committees.setup.holderNameEn")} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} data-testid="seat-add-name-en" />
            <TextInput type="date" label={t("committees.setup.startedOn")} value={startedOn} onChange={(e) => setStartedOn(e.currentTarget.value)} description={startedOn ? f.date(startedOn, "long") : undefined} w={240} data-testid="seat-add-started" />
            <div data-testid="seat-add-error"><ErrorAlert error={m.error} /></div>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("committees.setup.cancel")}</Button>
              <Button onClick={() => m.mutate()} disabled={!nameTh.trim() || (kind === "ministry" && !ministry)} loading={m.isPending} data-testid="seat-add-submit">{t("committees.save")}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

/** Ends a seat on a date (its holder leaves, or a ministry's seat passes to another of its agencies: end it, then add the new one). */
export function EndSeat({ committeeId, seat }: { committeeId: string; seat: SeatView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useCommitteeRefresh(committeeId);
  const [open, setOpen] = useState(false);
  const [endedOn, setEndedOn] = useState(bangkokToday(new Date()));
  const m = useMutation({
    mutationFn: () => api.post(`/committee-seats/${seg(seat.id)}/end`, { endedOn }),
    onSuccess: () => {
      refresh();
      setOpen(false);
    },
  });
  const who = seat.ministryName ? f.pick(seat.ministryName.th, seat.ministryName.en) : f.pick(seat.holderNameTh, seat.holderNameEn);
  return (
    <>
      <Button size="compact-xs" variant="default" onClick={() => setOpen(true)} data-testid="seat-end-open" aria-label={t("committees.setup.endSeatOf", { seat: who })}>{t("committees.setup.endSeat")}</Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("committees.setup.endSeatOf", { seat: who })}>
          <Stack gap="sm" data-testid="seat-end-form">
            <TextInput type="date" label={t("committees.setup.endedOn")} value={endedOn} onChange={(e) => setEndedOn(e.currentTarget.value)} description={endedOn ? f.date(endedOn, "long") : undefined} data-testid="seat-end-date" />
            <ErrorAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("committees.setup.cancel")}</Button>
              <Button color="red.9" onClick={() => m.mutate()} disabled={!endedOn} loading={m.isPending} data-testid="seat-end-submit">{t("committees.setup.endSeat")}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

/** Cancels a scheduled meeting (its number is kept; open action items wait for the next one). */
export function CancelMeeting({ meetingId, committeeId }: { meetingId: string; committeeId: string }) {
  const { t } = useTranslation();
  const refresh = useCommitteeRefresh(committeeId, meetingId);
  const [open, setOpen] = useState(false);
  const m = useMutation({
    mutationFn: () => api.post(`/meetings/${seg(meetingId)}/cancel`, {}),
    onSuccess: () => {
      refresh();
      setOpen(false);
    },
  });
  return (
    <>
      <Button size="xs" variant="outline" color="red.9" onClick={() => setOpen(true)} data-testid="meeting-cancel-open">{t("committees.setup.cancelMeeting")}</Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("committees.setup.cancelMeeting")}>
          <Stack gap="sm" data-testid="meeting-cancel-form">
            <Text size="sm">{t("committees.setup.cancelMeetingBody")}</Text>
            <ErrorAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("committees.setup.keepMeeting")}</Button>
              <Button color="red.9" onClick={() => m.mutate()} loading={m.isPending} data-testid="meeting-cancel-submit">{t("committees.setup.cancelMeeting")}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

/**
 * Records progress on an action item: a progress note with the item still open, done, or (for those who run the
 * meetings) dropped — or a closed item taken back up.
 */
export function ReportProgress({ a, committeeId, meetingId, mayDrop }: { a: ActionItemView; committeeId: string; meetingId?: string; mayDrop: boolean }) {
  const { t } = useTranslation();
  const refresh = useCommitteeRefresh(committeeId, meetingId);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string>("open");
  const [progress, setProgress] = useState(a.progressTh ?? "");
  const statuses = a.status === "open" ? (mayDrop ? ["open", "done", "dropped"] : ["open", "done"]) : ["open"];
  const m = useMutation({
    mutationFn: () => api.post(`/action-items/${seg(a.id)}`, { status, ...(progress.trim() ? { progressTh: progress } : {}) }),
    onSuccess: () => {
      refresh();
      setOpen(false);
    },
  });
  if (a.status === "dropped" && !mayDrop) return null;
  return (
    <>
      <Button size="compact-xs" variant="default" onClick={() => setOpen(true)} data-testid="report-progress-open">{a.status === "open" ? t("committees.setup.reportProgress") : t("committees.setup.reopen")}</Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("committees.setup.reportProgress")}>
          <Stack gap="sm" data-testid="report-progress-form">
            <Text size="sm" lang="th">{a.titleTh}</Text>
            <Select
              label={t("committees.status")}
              data={statuses.map((s) => ({ value: s, label: s === "open" ? t(a.status === "open" ? "committees.setup.stillOpen" : "committees.setup.reopen") : t(`committees.action.statuses.${s}`) }))}
              value={status}
              onChange={(v) => setStatus(v ?? status)}
              allowDeselect={false}
              data-testid="report-progress-status"
            />
            <Textarea label={t("committees.setup.progress")} value={progress} onChange={(e) => setProgress(e.currentTarget.value)} autosize minRows={2} maxLength={2000} data-testid="report-progress-text" />
            <ErrorAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("committees.setup.cancel")}</Button>
              <Button onClick={() => m.mutate()} disabled={status === "open" && a.status === "open" && !progress.trim()} loading={m.isPending} data-testid="report-progress-submit">{t("committees.save")}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
