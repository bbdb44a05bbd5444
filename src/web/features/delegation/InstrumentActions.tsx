import { useState } from "react";
import { Alert, Button, Checkbox, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { DelegateRole, type CreateDelegationInput, type DelegationDetail, type DelegationView } from "../../../modules/delegation/contracts.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { provincesQuery } from "../provinces/queries.js";
import { districtsQuery, provinceOfficesQuery } from "./queries.js";
import { useDelegationFormat } from "./ui.js";

type CreateBody = z.input<typeof CreateDelegationInput>;

/** After a change: every registry view, the chain pages and the authority answers show the new state. */
function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ["delegation"] }), qc.invalidateQueries({ queryKey: ["history"] })]);
}

/** Roles an onward delegation may go to: posts in a province, never the same post as the delegator. */
function onwardRoles(parent: DelegationDetail): DelegationView["delegateRole"][] {
  return DelegateRole.options.filter((r) => r !== "agency_head" && (r !== parent.delegateRole || r === "provincial_agency_head"));
}

/** "มอบอำนาจช่วง": an onward delegation from this instrument (the server checks it is no wider than this one). */
export function SubdelegateButton({ d }: { d: DelegationDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<DelegationView | null>(null);
  if (!d.may.subdelegate) return null;
  return (
    <>
      <Button onClick={() => { setCreated(null); setOpen(true); }} data-testid="subdelegate-open">
        {t("delegation.actions.subdelegate")}
      </Button>
      {created && (
        <Alert color="green" variant="light" icon={<span aria-hidden="true">✓</span>} data-testid="subdelegate-done" w="100%" role="status">
          {t("delegation.actions.subdelegated")}{" "}
          <AnchorLink to="/delegation/instruments/$id" params={{ id: created.id }}>{created.instrumentNo}</AnchorLink>
        </Alert>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t("delegation.actions.subdelegateTitle")} size="lg">
        <SubdelegateForm d={d} onDone={(v) => { setCreated(v); setOpen(false); }} onCancel={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function SubdelegateForm({ d, onDone, onCancel }: { d: DelegationDetail; onDone: (v: DelegationView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const df = useDelegationFormat();
  const refresh = useRefresh();
  const today = bangkokToday();
  const roles = onwardRoles(d);
  const [form, setForm] = useState({
    delegateRole: roles[0] ?? "vice_governor",
    provinceCode: d.provinceCode ?? "",
    districtCode: d.districtCode ?? "",
    delegateOrgId: "",
    amountCap: (d.amountCap === null ? "" : Number(d.amountCap)) as number | "",
    conditionsTh: "",
    instrumentNo: "",
    instrumentDate: today,
    effectiveFrom: today < d.effectiveFrom ? d.effectiveFrom : today,
    effectiveTo: d.effectiveTo ?? "",
    maySubdelegate: false,
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((s) => ({ ...s, [k]: v }));
  const provinces = useQuery({ ...provincesQuery, enabled: !d.provinceCode });
  const districts = useQuery({ ...districtsQuery(form.provinceCode), enabled: !!form.provinceCode && form.delegateRole === "district_chief" && !d.districtCode });
  const offices = useQuery({ ...provinceOfficesQuery(form.provinceCode), enabled: !!form.provinceCode && form.delegateRole === "provincial_agency_head" });
  const create = useMutation({
    mutationFn: (body: CreateBody) => api.post<DelegationView>("/delegation/instruments", body),
    onSuccess: async (v) => {
      await refresh();
      onDone(v);
    },
  });
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path, f.lang) : undefined);
  const submit = () => {
    const body: CreateBody = {
      powerCode: d.powerCode,
      parentId: d.id,
      delegateRole: form.delegateRole,
      provinceCode: form.provinceCode || null,
      districtCode: form.delegateRole === "district_chief" ? form.districtCode || null : null,
      delegateOrgId: form.delegateRole === "provincial_agency_head" ? form.delegateOrgId || null : null,
      amountCap: form.amountCap === "" ? null : form.amountCap,
      conditionsTh: form.conditionsTh,
      instrumentNo: form.instrumentNo,
      instrumentDate: form.instrumentDate,
      effectiveFrom: form.effectiveFrom,
      effectiveTo: form.effectiveTo || null,
      maySubdelegate: form.maySubdelegate,
    };
    create.mutate(body);
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} data-testid="subdelegate-form">
      <Stack gap="sm">
        <Text size="sm">
          {t("delegation.actions.subdelegateFrom", { from: f.pick(d.delegateLabelTh, d.delegateLabelEn) })}{" "}
          <span lang={f.lang === "en" ? "th" : undefined}>{d.instrumentNo}</span>
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.toRole")} required data={roles.map((r) => ({ value: r, label: df.role(r) }))} value={form.delegateRole} onChange={(v) => v && set("delegateRole", v as typeof form.delegateRole)} error={err("delegateRole")} allowDeselect={false} data-testid="sub-role" />
          {d.provinceCode ? (
            <TextInput label={t("delegation.province")} value={form.provinceCode} readOnly description={t("delegation.actions.sameProvince")} />
          ) : (
            <Select inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.province")} required searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={form.provinceCode || null} onChange={(v) => setForm((s) => ({ ...s, provinceCode: v ?? "", districtCode: "", delegateOrgId: "" }))} error={err("provinceCode")} data-testid="sub-province" />
          )}
          {form.delegateRole === "district_chief" &&
            (d.districtCode ? (
              <TextInput label={t("delegation.district")} value={d.districtCode} readOnly />
            ) : (
              <Select inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.district")} required searchable disabled={!form.provinceCode} data={(districts.data?.items ?? []).map((x) => ({ value: x.code, label: `${x.code} · ${f.name(x)}` }))} value={form.districtCode || null} onChange={(v) => set("districtCode", v ?? "")} error={err("districtCode")} data-testid="sub-district" />
            ))}
          {form.delegateRole === "provincial_agency_head" && (
            <Select inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.agency")} description={t("delegation.actions.agencyHint")} clearable searchable disabled={!form.provinceCode} data={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: f.name(o) }))} value={form.delegateOrgId || null} onChange={(v) => set("delegateOrgId", v ?? "")} error={err("delegateOrgId")} data-testid="sub-agency" />
          )}
          <NumberInput
            inputWrapperOrder={["label", "input", "description", "error"]}
            label={t("delegation.actions.cap")}
            description={d.amountCap === null ? t("delegation.actions.capHintNone") : t("delegation.actions.capHint", { cap: df.cap(d.amountCap) })}
            required={d.amountCap !== null}
            thousandSeparator=","
            decimalScale={2}
            allowNegative={false}
            min={0}
            value={form.amountCap}
            onChange={(v) => set("amountCap", typeof v === "number" ? v : "")}
            error={err("amountCap")}
            data-testid="sub-cap"
          />
        </SimpleGrid>
        <TextInput label={t("delegation.actions.instrumentNo")} required value={form.instrumentNo} onChange={(e) => set("instrumentNo", e.currentTarget.value)} error={err("instrumentNo")} data-testid="sub-no" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.instrumentDate")} required value={form.instrumentDate} onChange={(e) => set("instrumentDate", e.currentTarget.value)} description={form.instrumentDate ? f.date(form.instrumentDate) : undefined} error={err("instrumentDate")} data-testid="sub-date" />
          <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.effectiveFrom")} required value={form.effectiveFrom} onChange={(e) => set("effectiveFrom", e.currentTarget.value)} description={t("delegation.actions.fromHint", { date: f.date(d.effectiveFrom) })} error={err("effectiveFrom")} data-testid="sub-from" />
          <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.effectiveTo")} required={d.effectiveTo !== null} value={form.effectiveTo} onChange={(e) => set("effectiveTo", e.currentTarget.value)} description={d.effectiveTo ? t("delegation.actions.toHint", { date: f.date(d.effectiveTo) }) : t("delegation.actions.toHintNone")} error={err("effectiveTo")} data-testid="sub-to" />
        </SimpleGrid>
        <Textarea label={t("delegation.actions.conditions")} autosize minRows={2} value={form.conditionsTh} onChange={(e) => set("conditionsTh", e.currentTarget.value)} error={err("conditionsTh")} data-testid="sub-conditions" />
        <Checkbox label={t("delegation.actions.maySubdelegate")} checked={form.maySubdelegate} onChange={(e) => set("maySubdelegate", e.currentTarget.checked)} data-testid="sub-onward" />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>{t("common.cancel")}</Button>
          <Button type="submit" loading={create.isPending} data-testid="subdelegate-submit">{t("delegation.actions.subdelegateSubmit")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "ยกเลิก": revoke from a date with a reason; the warning names the onward delegations the cascade reaches. */
export function RevokeButton({ d }: { d: DelegationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(bangkokToday());
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<{ cascaded: string[] } | null>(null);
  const revoke = useMutation({
    mutationFn: (body: { revokedFrom?: string; reasonTh: string }) => api.post<DelegationView & { cascaded: string[] }>(`/delegation/instruments/${seg(d.id)}/revoke`, body),
    onSuccess: async (r) => {
      await refresh();
      setDone({ cascaded: r.cascaded });
      setOpen(false);
    },
  });
  if (!d.may.revoke && !done) return null;
  const reached = d.descendants.filter((x) => x.revokedFrom === null || (date && x.revokedFrom > date));
  const err = (path: string) => (isApiError(revoke.error) ? revoke.error.fieldError(path, f.lang) : undefined);
  return (
    <>
      {d.may.revoke && (
        <Button color="red.8" variant="outline" onClick={() => setOpen(true)} data-testid="revoke-open">
          {t("delegation.actions.revoke")}
        </Button>
      )}
      {done && (
        <Alert color="green" variant="light" icon={<span aria-hidden="true">✓</span>} data-testid="revoke-done" w="100%" role="status">
          {t("delegation.actions.revoked", { n: f.number(done.cascaded.length) })}
        </Alert>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t("delegation.actions.revokeTitle")}>
        <form onSubmit={(e) => { e.preventDefault(); revoke.mutate({ revokedFrom: date || undefined, reasonTh: reason }); }} data-testid="revoke-form">
          <Stack gap="sm">
            <Text size="sm">
              {t("delegation.actions.revokeWhat")} <span lang={f.lang === "en" ? "th" : undefined}>{d.instrumentNo}</span>
            </Text>
            <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.actions.revokeFrom")} required value={date} onChange={(e) => setDate(e.currentTarget.value)} description={date ? f.date(date) : undefined} error={err("revokedFrom")} data-testid="revoke-date" />
            <Textarea label={t("delegation.actions.revokeReason")} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={err("reasonTh")} data-testid="revoke-reason" />
            <Alert color="orange" variant="light" icon={<span aria-hidden="true">⚠</span>} title={t("delegation.actions.cascadeTitle")} data-testid="revoke-cascade" role="note">
              <Text size="sm">{reached.length ? t("delegation.actions.cascadeWarning", { n: f.number(reached.length) }) : t("delegation.actions.cascadeNone")}</Text>
              {reached.length > 0 && (
                <List size="sm" mt={4}>
                  {reached.map((x) => (
                    <List.Item key={x.id}>
                      {f.pick(x.delegateLabelTh, x.delegateLabelEn)} — <span lang={f.lang === "en" ? "th" : undefined}>{x.instrumentNo}</span>
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
            <ErrorAlert error={revoke.error} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
              <Button type="submit" color="red.8" loading={revoke.isPending} disabled={!reason.trim()} data-testid="revoke-submit">{t("delegation.actions.revokeSubmit")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
