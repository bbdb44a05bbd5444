import { useMemo, useState } from "react";
import { Alert, Button, Card, Group, List, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AuthorityAnswer } from "../../../modules/delegation/contracts.js";
import { ReceivePermitApplicationInput, type ApplicantKind, type PermitApplicationDetail } from "../../../modules/delegation/contracts-permits.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ButtonLink } from "../../ui/links.js";
import { powersQuery } from "../delegation/queries.js";
import { provinceQuery, provincesQuery } from "../provinces/queries.js";
import { InstrumentLink, RouteBadge } from "./permit-ui.js";

/** "Receive an application" for counter staff: opens the reception form in a dialog (full screen on a phone). */
export function ReceivePermitButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const phone = useMediaQuery("(max-width: 48em)");
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="permit-receive-open">{t("permits.receive.open")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("permits.receive.title")} size="xl" fullScreen={phone} closeButtonProps={{ "aria-label": t("common.close") }}>
        {open && <ReceivePermitForm onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

/** Where the counter sits: the province and district of the user's first area grant (a district's counter, a province's). */
function homePlace(scopes: readonly string[]): { provinceCode: string | null; districtCode: string | null } {
  for (const s of scopes) {
    const d = /^area:district:(\d{4})$/.exec(s);
    if (d) return { provinceCode: d[1]!.slice(0, 2), districtCode: d[1]! };
  }
  for (const s of scopes) {
    const p = /^area:province:(\d{2})$/.exec(s) ?? /^org:pro:(\d{2}):/.exec(s);
    if (p) return { provinceCode: p[1]!, districtCode: null };
  }
  return { provinceCode: null, districtCode: null };
}

type Fields = {
  powerCode: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  applicantKind: ApplicantKind;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  subjectTh: string;
  amount: number | "";
  receivedOn: string;
};

/** The request body from the form: empty optional fields are left out. */
function body(v: Fields) {
  return {
    powerCode: v.powerCode ?? "",
    provinceCode: v.provinceCode ?? "",
    ...(v.districtCode ? { districtCode: v.districtCode } : {}),
    applicantKind: v.applicantKind,
    applicant: {
      name: v.name.trim(),
      ...(v.idNumber.trim() ? { idNumber: v.idNumber.replace(/[\s-]/g, "") } : {}),
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.address.trim() ? { address: v.address.trim() } : {}),
    },
    subjectTh: v.subjectTh.trim(),
    ...(v.amount !== "" ? { amount: v.amount } : {}),
    ...(v.receivedOn ? { receivedOn: v.receivedOn } : {}),
  };
}

/** Client-side check with the API's own contract: the first problem per field, named by a translated message. */
const FIELD_OF: Record<string, keyof Fields> = {
  powerCode: "powerCode",
  provinceCode: "provinceCode",
  districtCode: "districtCode",
  "applicant.name": "name",
  "applicant.idNumber": "idNumber",
  "applicant.phone": "phone",
  "applicant.address": "address",
  subjectTh: "subjectTh",
  amount: "amount",
  receivedOn: "receivedOn",
};

export function ReceivePermitForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const me = useMe();
  const home = useMemo(() => homePlace((me.data?.grants ?? []).map((g) => g.scope)), [me.data]);
  const today = bangkokToday();
  const initial: Fields = { powerCode: null, provinceCode: home.provinceCode, districtCode: home.districtCode, applicantKind: "citizen", name: "", idNumber: "", phone: "", address: "", subjectTh: "", amount: "", receivedOn: today };
  const [v, setV] = useState<Fields>(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Fields>(k: K, value: Fields[K]) => setV((s) => ({ ...s, [k]: value }));

  const powers = useQuery(powersQuery({ isPermit: true }));
  const provinces = useQuery(provincesQuery);
  const province = useQuery({ ...provinceQuery(v.provinceCode ?? "00"), enabled: !!v.provinceCode });
  const power = powers.data?.items.find((p) => p.code === v.powerCode);

  const problems = useMemo(() => {
    const out: Partial<Record<keyof Fields, string>> = {};
    const r = ReceivePermitApplicationInput.safeParse(body(v));
    if (r.success) {
      if (v.receivedOn > today) out.receivedOn = t("permits.receive.invalid.receivedOnFuture");
      return out;
    }
    for (const issue of r.error.issues) {
      const field = FIELD_OF[issue.path.join(".")];
      if (field && !out[field]) out[field] = t(`permits.receive.invalid.${field}`);
    }
    return out;
  }, [v, t, today]);

  const [result, setResult] = useState<{ app: PermitApplicationDetail; why: AuthorityAnswer | null } | null>(null);
  const receive = useMutation({
    mutationFn: async (b: ReturnType<typeof body>) => {
      const app = await api.post<PermitApplicationDetail>("/delegation/permits", b);
      // why it went there: the same authority check, on the day of reception (public; a failure only hides the reasons)
      const why = await api
        .get<AuthorityAnswer>("/delegation/authority", { powerCode: app.powerCode, provinceCode: app.provinceCode, districtCode: app.districtCode, amount: app.amount, date: app.receivedOn })
        .catch(() => null);
      return { app, why };
    },
    onSuccess: async (r) => {
      setResult(r);
      await qc.invalidateQueries({ queryKey: ["permits"] });
    },
  });
  const serverError = (path: string) => (isApiError(receive.error) ? receive.error.fieldError(path, f.lang) : undefined);
  const err = (field: keyof Fields, path: string) => (tried ? problems[field] : undefined) ?? serverError(path);

  if (result) return <Received app={result.app} why={result.why} onAnother={() => { setResult(null); setTried(false); receive.reset(); setV(initial); }} onClose={onClose} />;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(problems).length) return;
        receive.mutate(body(v));
      }}
      data-testid="permit-receive-form"
    >
      <Stack gap="sm">
        <Text size="sm" c="dark.4">{t("permits.receive.intro")}</Text>
        <Select
          label={t("permits.power")}
          description={power ? t("permits.receive.powerSla", { delegated: power.slaDaysDelegated ?? "—", central: power.slaDaysCentral ?? "—" }) : t("permits.receive.powerHint")}
          placeholder={t("permits.receive.choosePower")}
          required
          searchable
          data={(powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))}
          value={v.powerCode}
          onChange={(x) => set("powerCode", x)}
          error={err("powerCode", "powerCode")}
          data-testid="permit-receive-power"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("permits.province")}
            required
            searchable
            data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))}
            value={v.provinceCode}
            onChange={(x) => setV((s) => ({ ...s, provinceCode: x, districtCode: x && s.districtCode?.startsWith(x) ? s.districtCode : null }))}
            error={err("provinceCode", "provinceCode")}
            data-testid="permit-receive-province"
          />
          <Select
            label={t("permits.district")}
            description={t("permits.receive.districtHint")}
            placeholder={t("permits.receive.noDistrict")}
            clearable
            searchable
            disabled={!v.provinceCode}
            data={(province.data?.districts ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${f.name(d)}` }))}
            value={v.districtCode}
            onChange={(x) => set("districtCode", x)}
            error={err("districtCode", "districtCode")}
            data-testid="permit-receive-district"
          />
        </SimpleGrid>
        <Radio.Group label={t("permits.applicantKindLabel")} value={v.applicantKind} onChange={(x) => set("applicantKind", x as ApplicantKind)} required>
          <Group gap="lg" mt={4}>
            <Radio value="citizen" label={t("permits.applicantKind.citizen")} data-testid="permit-receive-kind-citizen" />
            <Radio value="business" label={t("permits.applicantKind.business")} data-testid="permit-receive-kind-business" />
          </Group>
        </Radio.Group>
        <Card withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
          <Text component="legend" fw={700} size="sm" px={4}>{t("permits.applicant.title")}</Text>
          <Text size="xs" c="dark.4" mb="xs">{t("permits.applicant.pdpa")}</Text>
          <Stack gap="xs">
            <TextInput label={t(v.applicantKind === "business" ? "permits.applicant.businessName" : "permits.applicant.name")} required autoComplete="off" maxLength={300} value={v.name} onChange={(e) => set("name", e.currentTarget.value)} error={err("name", "applicant.name")} data-testid="permit-receive-name" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t(v.applicantKind === "business" ? "permits.applicant.juristicNumber" : "permits.applicant.idNumber")} description={t("permits.applicant.idHint")} inputMode="numeric" autoComplete="off" maxLength={17} value={v.idNumber} onChange={(e) => set("idNumber", e.currentTarget.value)} error={err("idNumber", "applicant.idNumber")} data-testid="permit-receive-id" />
              <TextInput label={t("permits.applicant.phone")} type="tel" autoComplete="off" maxLength={20} value={v.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={err("phone", "applicant.phone")} data-testid="permit-receive-phone" />
            </SimpleGrid>
            <Textarea label={t("permits.applicant.address")} autosize minRows={2} maxLength={1000} value={v.address} onChange={(e) => set("address", e.currentTarget.value)} error={err("address", "applicant.address")} data-testid="permit-receive-address" />
          </Stack>
        </Card>
        <Textarea label={t("permits.subject")} description={t("permits.receive.subjectHint")} required autosize minRows={2} maxLength={1000} value={v.subjectTh} onChange={(e) => set("subjectTh", e.currentTarget.value)} error={err("subjectTh", "subjectTh")} data-testid="permit-receive-subject" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t("permits.amount")} description={t("permits.receive.amountHint")} min={0} decimalScale={2} thousandSeparator="," allowNegative={false} rightSection={<Text size="sm" c="dark.4" pr="xs">{t("delegation.baht")}</Text>} rightSectionWidth={48} value={v.amount} onChange={(x) => set("amount", typeof x === "number" ? x : x === "" ? "" : Number(x))} error={err("amount", "amount")} data-testid="permit-receive-amount" />
          <TextInput type="date" label={t("permits.receivedOn")} description={v.receivedOn ? f.date(v.receivedOn, "long") : t("permits.receive.todayHint")} max={today} value={v.receivedOn} onChange={(e) => set("receivedOn", e.currentTarget.value)} error={err("receivedOn", "receivedOn")} data-testid="permit-receive-date" />
        </SimpleGrid>
        {tried && Object.keys(problems).length > 0 && (
          <Text size="sm" c="red.9" role="alert" data-testid="permit-receive-invalid">{t("permits.receive.fixFields")}</Text>
        )}
        <ErrorAlert error={receive.error} />
        <Group gap="sm" justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit" loading={receive.isPending} data-testid="permit-receive-save">{t("permits.receive.save")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

const NOT_APPLICABLE = ["not-yet-effective", "expired", "revoked", "out-of-area", "over-limit", "chain-broken"] as const;

/** After saving: the tracking code, where the authority check routed it and why, the service level and the due date. */
function Received({ app, why, onAnother, onClose }: { app: PermitApplicationDetail; why: AuthorityAnswer | null; onAnother: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm" data-testid="permit-received">
      <Alert color="green" variant="light" title={t("permits.receive.savedTitle")} icon={<span aria-hidden="true">✓</span>} role="status">
        <Text size="sm">{t("permits.receive.savedText")}</Text>
        <Text fw={700} size="lg" data-testid="permit-received-code">{app.trackingCode}</Text>
      </Alert>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">{t("permits.routing.title")}</Title>
        <Stack gap={6}>
          <Group gap="xs">
            <RouteBadge route={app.route} />
            <Text fw={600} data-testid="permit-received-decider">{f.pick(app.deciderLabelTh, app.deciderLabelEn)}</Text>
          </Group>
          <Text size="sm">{t(app.route === "delegated" ? "permits.routing.delegatedText" : "permits.routing.centralText")}</Text>
          {app.deciderDelegationId && (
            <Text size="sm">
              {t("permits.routing.instrument")}: <InstrumentLink id={app.deciderDelegationId}>{t("permits.routing.openInstrument")}</InstrumentLink>
            </Text>
          )}
          <Text size="sm" data-testid="permit-received-due">
            <b>{t("permits.dueOn")}</b>: {f.date(app.dueOn, "long")} · {t("permits.sla")} {t("permits.slaDays", { count: app.slaDays })}
          </Text>
          {why && (
            <>
              <div>
                <Text size="sm" fw={600}>{t("permits.routing.why", { date: f.date(app.receivedOn) })}</Text>
                <Text size="sm" c="dark.7" data-testid="permit-received-why">{f.pick(why.explanationTh, why.explanationEn)}</Text>
              </div>
              {why.notApplicable.length > 0 && (
                <div>
                  <Text size="sm" fw={600}>{t("permits.routing.notApplicable")}</Text>
                  <List size="sm" spacing={2}>
                    {why.notApplicable.map((n) => (
                      <List.Item key={n.delegationId}>
                        {f.pick(n.delegateLabelTh, n.delegateLabelEn)} — {NOT_APPLICABLE.includes(n.reason) ? t(`permits.routing.reason.${n.reason}`) : n.reason}
                      </List.Item>
                    ))}
                  </List>
                </div>
              )}
            </>
          )}
          <Text size="xs" c="dark.4">{f.pick(app.dayCountingTh, app.dayCountingEn)}</Text>
        </Stack>
      </Card>
      <Group gap="sm" justify="flex-end">
        <Button variant="default" onClick={onAnother} data-testid="permit-receive-another">{t("permits.receive.another")}</Button>
        <ButtonLink to="/delegation/permits/$id" params={{ id: app.id }} onClick={onClose} data-testid="permit-received-open">{t("permits.receive.openApplication")}</ButtonLink>
      </Group>
    </Stack>
  );
}
