import { useMemo, useState } from "react";
import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CreateSubscriptionInput, EVENT_TYPE_CHOICES, type CreatedSubscription, type DeliveryDetail, type DeliveryList, type DeliveryStatus, type RotatedSecret, type SendResult, type SubscriptionView } from "../../../modules/webhooks/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { DemoBadge } from "../../ui/badges.js";
import { provincesQuery } from "../provinces/queries.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const MANAGERS = ["administrator", "governor", "vice_governor", "strategy_officer"];
const DELIVERY_LOOK: Record<DeliveryStatus, { color: string; icon: string }> = {
  pending: { color: "yellow", icon: "↻" },
  sending: { color: "blue", icon: "→" },
  succeeded: { color: "green", icon: "✓" },
  gave_up: { color: "red", icon: "✕" },
};

const KNOWN_ERRORS = ["timeout", "redirect-not-followed", "http-error", "missing", "webhooks.url.private-address", "webhooks.url.unresolvable", "webhooks.url.not-https", "webhooks.url.invalid", "webhooks.secret-unreadable"];
/** A delivery error code in words (the server keeps stable codes: see platform/webhooks/deliver.ts). */
function useDeliveryError() {
  const { t } = useTranslation();
  return (code: string | null): string => {
    if (!code) return "";
    if (code.startsWith("network:")) return t("webhooks.deliveryErrors.network", { code: code.slice("network:".length) });
    return KNOWN_ERRORS.includes(code) ? t(`webhooks.deliveryErrors.${code.replace(/^webhooks\.url\./, "url-").replace(/^webhooks\./, "")}`) : code;
  };
}

/** Where the viewer may register: the nation (an administrator with a nation-wide grant) and/or their provinces. */
function useManagedScopes(): { nation: boolean; provinces: string[] } {
  const me = useMe();
  const grants = (me.data?.authenticated ? me.data.grants : []).filter((g) => MANAGERS.includes(g.role));
  return { nation: grants.some((g) => g.scope === "nation"), provinces: grants.map((g) => /^area:province:(\d{2})$/.exec(g.scope)?.[1]).filter((c): c is string => !!c) };
}

function useProvinceName() {
  const f = useFormat();
  const { t } = useTranslation();
  const provinces = useQuery(provincesQuery);
  return (code: string | null) => {
    if (!code) return t("webhooks.nationWide");
    const p = provinces.data?.find((x) => x.code === code);
    return p ? f.name(p) : code;
  };
}

/** Administrators' and governors' offices' page: subscriptions with their health, the delivery log, redelivery. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const subs = useQuery({ queryKey: ["webhooks", "subscriptions"], queryFn: () => api.get<{ items: SubscriptionView[] }>("/webhooks/subscriptions") });
  const current = subs.data?.items.find((s) => s.id === selected) ?? subs.data?.items[0] ?? null;
  return (
    <Stack gap="md">
      <Title order={1} data-testid="webhooks-title">{t("webhooks.title")}</Title>
      <Text maw={820}>{t("webhooks.intro")}</Text>
      <Group>
        <Button onClick={() => setAdding(true)} data-testid="webhooks-add">{t("webhooks.add")}</Button>
      </Group>
      {secret && <SecretCard title={secret.title} value={secret.value} onDone={() => setSecret(null)} />}
      <ErrorAlert error={subs.error} />
      <SubscriptionsTable items={subs.data?.items ?? []} loading={subs.isPending} selected={current?.id ?? null} onSelect={setSelected} onSecret={(title, value) => setSecret({ title, value })} />
      {current && <DeliveryLog subscription={current} />}
      {adding && (
        <AddSubscriptionModal
          onClose={() => setAdding(false)}
          onCreated={(c) => {
            setAdding(false);
            setSelected(c.id);
            setSecret({ title: t("webhooks.secretOnce", { url: c.url }), value: c.secret });
          }}
        />
      )}
    </Stack>
  );
}

function SecretCard({ title, value, onDone }: { title: string; value: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="webhooks-secret">
      <Stack>
        <Alert color="orange" variant="light" title={t("common.shownOnce")} icon={<span aria-hidden="true">!</span>}>
          {title}
        </Alert>
        <Group gap="xs" wrap="nowrap">
          <Code block style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }} data-testid="webhooks-secret-value">{value}</Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("common.copied") : t("common.copy")}>
                <Button size="compact-sm" variant={copied ? "filled" : "light"} onClick={copy}>{copied ? `✓ ${t("common.copied")}` : t("common.copy")}</Button>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t("webhooks.verifyHint")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t("webhooks.secretStored")}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function StatusBadge({ s }: { s: SubscriptionView }) {
  const { t } = useTranslation();
  if (s.status === "active") return <Badge variant="light" color="green" c="dark.9" leftSection={<span aria-hidden="true">●</span>} data-testid="webhook-status">{t("webhooks.status.active")}</Badge>;
  return (
    <Badge variant="light" color={s.pausedReason === "failing" ? "red" : "gray"} c="dark.9" leftSection={<span aria-hidden="true">❚❚</span>} data-testid="webhook-status">
      {t(s.pausedReason === "failing" ? "webhooks.status.pausedFailing" : "webhooks.status.paused")}
    </Badge>
  );
}

function SubscriptionsTable({ items, loading, selected, onSelect, onSecret }: { items: SubscriptionView[]; loading: boolean; selected: string | null; onSelect: (id: string) => void; onSecret: (title: string, value: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const province = useProvinceName();
  const qc = useQueryClient();
  const [result, setResult] = useState<{ id: string; r: SendResult } | null>(null);
  const [deleting, setDeleting] = useState<SubscriptionView | null>(null);
  const errorText = useDeliveryError();
  const refresh = () => void qc.invalidateQueries({ queryKey: ["webhooks"] });
  const patch = useMutation({ mutationFn: (v: { id: string; status: "active" | "paused"; version: number }) => api.patch<SubscriptionView>(`/webhooks/subscriptions/${seg(v.id)}`, { status: v.status, version: v.version }), onSuccess: refresh });
  const test = useMutation({ mutationFn: (id: string) => api.post<SendResult>(`/webhooks/subscriptions/${seg(id)}/test`), onSuccess: (r, id) => { setResult({ id, r }); refresh(); } });
  const rotate = useMutation({ mutationFn: (s: SubscriptionView) => api.post<RotatedSecret>(`/webhooks/subscriptions/${seg(s.id)}/rotate-secret`), onSuccess: (r, s) => { onSecret(t("webhooks.rotatedOnce", { url: s.url }), r.secret); refresh(); } });
  return (
    <Stack gap="xs">
      <ErrorAlert error={patch.error ?? test.error ?? rotate.error} />
      {result && (
        <Alert color={result.r.ok ? "green" : "red"} variant="light" data-testid="webhooks-test-result" withCloseButton onClose={() => setResult(null)} icon={<span aria-hidden="true">{result.r.ok ? "✓" : "✕"}</span>}>
          {result.r.ok ? t("webhooks.testOk", { code: result.r.statusCode, ms: result.r.latencyMs }) : t("webhooks.testFailed", { error: [result.r.statusCode, errorText(result.r.error)].filter(Boolean).join(" · ") })}
        </Alert>
      )}
      <div className="table-scroll">
        <ExportButtons size="compact-xs" variant="light" nextTable="webhooks" />
        <Table striped data-testid="webhooks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("webhooks.url")}</Table.Th>
              <Table.Th>{t("webhooks.province")}</Table.Th>
              <Table.Th>{t("webhooks.events")}</Table.Th>
              <Table.Th>{t("webhooks.statusLabel")}</Table.Th>
              <Table.Th>{t("webhooks.lastSuccess")}</Table.Th>
              <Table.Th>{t("webhooks.failuresInARow")}</Table.Th>
              <Table.Th data-export="skip">{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id} aria-selected={s.id === selected} data-testid="webhook-row">
                <Table.Td style={{ wordBreak: "break-all" }}>
                  <Text size="sm" fw={500}>{s.url}</Text>
                  {s.descriptionTh && <Text size="xs" c="dark.5">{s.descriptionTh}</Text>}
                  <DemoBadge isDemo={s.isDemo} />
                </Table.Td>
                <Table.Td>{province(s.provinceCode)}</Table.Td>
                <Table.Td><Text size="xs">{s.eventTypes.join(", ")}</Text></Table.Td>
                <Table.Td>
                  <StatusBadge s={s} />
                  {s.previousSecretExpiresAt && <Text size="xs" c="dark.5">{t("webhooks.rotationUntil", { at: f.dateTime(s.previousSecretExpiresAt) })}</Text>}
                </Table.Td>
                <Table.Td>{s.health.lastSuccessAt ? f.dateTime(s.health.lastSuccessAt) : t("webhooks.never")}</Table.Td>
                <Table.Td>
                  {s.health.consecutiveFailures > 0 ? (
                    <Text size="sm" c="red.9" fw={600}>
                      <span aria-hidden="true">⚠ </span>
                      {f.number(s.health.consecutiveFailures)}
                      {s.health.failingSince && <Text span size="xs" c="dark.6" fw={400}> {t("webhooks.since", { at: f.dateTime(s.health.failingSince) })}</Text>}
                    </Text>
                  ) : (
                    f.number(0)
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    <Button size="compact-sm" variant={s.id === selected ? "filled" : "light"} onClick={() => onSelect(s.id)} data-testid="webhook-show-log">{t("webhooks.showLog")}</Button>
                    {!s.isDemo && s.status === "active" && <Button size="compact-sm" variant="light" loading={test.isPending && test.variables === s.id} onClick={() => test.mutate(s.id)} data-testid="webhook-test">{t("webhooks.sendTest")}</Button>}
                    {!s.isDemo && (
                      <Button size="compact-sm" variant="default" onClick={() => patch.mutate({ id: s.id, status: s.status === "active" ? "paused" : "active", version: s.version })}>
                        {s.status === "active" ? t("webhooks.pause") : t("webhooks.resume")}
                      </Button>
                    )}
                    {!s.isDemo && <Button size="compact-sm" variant="default" onClick={() => rotate.mutate(s)}>{t("webhooks.rotate")}</Button>}
                    {!s.isDemo && <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(s)}>{t("common.delete")}</Button>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {!loading && !items.length && (
              <Table.Tr><Table.Td colSpan={7}>{t("webhooks.none")}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {deleting && <DeleteModal s={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function DeleteModal({ s, onClose }: { s: SubscriptionView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const m = useMutation({ mutationFn: () => api.delete(`/webhooks/subscriptions/${seg(s.id)}`), onSuccess: () => { void qc.invalidateQueries({ queryKey: ["webhooks"] }); onClose(); } });
  return (
    <Modal opened onClose={onClose} title={t("webhooks.deleteTitle")}>
      <Stack>
        <Text style={{ wordBreak: "break-all" }}>{t("webhooks.deleteConfirm", { url: s.url })}</Text>
        <ErrorAlert error={m.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
          <Button color="red.9" loading={m.isPending} onClick={() => m.mutate()}>{t("common.delete")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AddSubscriptionModal({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CreatedSubscription) => void }) {
  const { t } = useTranslation();
  const scopes = useManagedScopes();
  const province = useProvinceName();
  const provinces = useQuery(provincesQuery);
  const qc = useQueryClient();
  const options = useMemo(() => {
    const codes = scopes.nation ? (provinces.data ?? []).map((p) => p.code) : scopes.provinces;
    return [...(scopes.nation ? [{ value: "nation", label: t("webhooks.nationWide") }] : []), ...codes.map((c) => ({ value: c, label: `${province(c)} (${c})` }))];
  }, [scopes.nation, scopes.provinces, provinces.data, province, t]);
  const [url, setUrl] = useState("https://");
  const [where, setWhere] = useState<string | null>(scopes.provinces[0] ?? (scopes.nation ? "nation" : null));
  const [types, setTypes] = useState<string[]>(["case.*"]);
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({ mutationFn: (body: unknown) => api.post<CreatedSubscription>("/webhooks/subscriptions", body), onSuccess: (c) => { void qc.invalidateQueries({ queryKey: ["webhooks"] }); onCreated(c); } });
  return (
    <Modal opened onClose={onClose} title={t("webhooks.add")} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = CreateSubscriptionInput.safeParse({ url, provinceCode: where === "nation" ? null : where, eventTypes: types, descriptionTh: description });
          if (!parsed.success || !where) {
            setError(!where ? t("webhooks.errors.province") : !types.length ? t("webhooks.errors.events") : t("webhooks.errors.url"));
            return;
          }
          setError(null);
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput label={t("webhooks.url")} description={t("webhooks.urlHint")} required type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="webhooks-url" />
          <Select label={t("webhooks.province")} required searchable data={options} value={where} onChange={setWhere} data-testid="webhooks-province" />
          <Checkbox.Group label={t("webhooks.events")} value={types} onChange={setTypes}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={4}>
              {EVENT_TYPE_CHOICES.map((e) => (
                <Checkbox key={e} value={e} label={<><Code>{e}</Code> {t(`webhooks.eventNames.${e === "*" ? "all" : e}`)}</>} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea label={t("webhooks.description")} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={m.isPending} data-testid="webhooks-submit">{t("webhooks.register")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeliveryLog({ subscription }: { subscription: SubscriptionView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const log = useQuery({ queryKey: ["webhooks", "deliveries", subscription.id, status], queryFn: () => api.get<DeliveryList>("/webhooks/deliveries", { subscriptionId: subscription.id, status: status ?? undefined, pageSize: 100 }) });
  const re = useMutation({ mutationFn: (id: string) => api.post<SendResult>(`/webhooks/deliveries/${seg(id)}/redeliver`), onSuccess: () => void qc.invalidateQueries({ queryKey: ["webhooks"] }) });
  const sendable = !subscription.isDemo && subscription.status === "active";
  const errorText = useDeliveryError();
  return (
    <Card withBorder data-testid="webhooks-log">
      <Stack gap="sm">
        <Title order={2} size="h3">{t("webhooks.log.title")}</Title>
        <Text size="sm" style={{ wordBreak: "break-all" }}>{subscription.url}</Text>
        <Group>
          <Select label={t("webhooks.log.status")} clearable w={220} value={status} onChange={(v) => setStatus((v as DeliveryStatus | null) ?? null)} data={(["pending", "sending", "succeeded", "gave_up"] as const).map((s) => ({ value: s, label: t(`webhooks.log.statuses.${s}`) }))} />
        </Group>
        <ErrorAlert error={log.error ?? re.error} />
        <div className="table-scroll">
          <ExportButtons size="compact-xs" variant="light" nextTable="webhook-deliveries" />
          <Table striped data-testid="webhooks-log-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.log.when")}</Table.Th>
                <Table.Th>{t("webhooks.log.event")}</Table.Th>
                <Table.Th>{t("webhooks.log.status")}</Table.Th>
                <Table.Th>{t("webhooks.log.code")}</Table.Th>
                <Table.Th>{t("webhooks.log.latency")}</Table.Th>
                <Table.Th>{t("webhooks.log.attempts")}</Table.Th>
                <Table.Th data-export="skip">{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.items ?? []).map((d) => (
                <Table.Tr key={d.id} data-testid="webhook-delivery">
                  <Table.Td>{f.dateTime(d.lastAttemptAt ?? d.createdAt)}</Table.Td>
                  <Table.Td><Code>{d.eventType}</Code></Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={DELIVERY_LOOK[d.status].color} c="dark.9" leftSection={<span aria-hidden="true">{DELIVERY_LOOK[d.status].icon}</span>}>{t(`webhooks.log.statuses.${d.status}`)}</Badge>
                    {d.status === "pending" && d.nextAttemptAt && <Text size="xs" c="dark.5">{t("webhooks.log.next", { at: f.dateTime(d.nextAttemptAt) })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {d.lastStatusCode ?? (d.lastError ? "" : "–")}
                    {d.lastError && <Text size="xs" c="red.9">{errorText(d.lastError)}</Text>}
                  </Table.Td>
                  <Table.Td>{d.lastLatencyMs !== null ? t("webhooks.log.ms", { ms: f.number(d.lastLatencyMs) }) : "–"}</Table.Td>
                  <Table.Td>{f.number(d.attempts)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Button size="compact-sm" variant="light" onClick={() => setOpen(d.id)}>{t("webhooks.log.details")}</Button>
                      {sendable && <Button size="compact-sm" variant="default" loading={re.isPending && re.variables === d.id} onClick={() => re.mutate(d.id)} data-testid="webhook-redeliver">{t("webhooks.log.redeliver")}</Button>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!log.isPending && !log.data?.items.length && (
                <Table.Tr><Table.Td colSpan={7}>{t("webhooks.log.none")}</Table.Td></Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
      {open && <DeliveryModal id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function DeliveryModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const errorText = useDeliveryError();
  const d = useQuery({ queryKey: ["webhooks", "delivery", id], queryFn: () => api.get<DeliveryDetail>(`/webhooks/deliveries/${seg(id)}`) });
  return (
    <Modal opened onClose={onClose} title={t("webhooks.log.details")} size="xl">
      <Stack>
        <ErrorAlert error={d.error} />
        {d.data && (
          <>
            <Text size="sm">{t("webhooks.log.webhookId")}: <Code>{d.data.eventId}</Code></Text>
            <ExportButtons size="compact-xs" variant="light" nextTable="webhook-delivery" />
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t("webhooks.log.when")}</Table.Th>
                  <Table.Th>{t("webhooks.log.code")}</Table.Th>
                  <Table.Th>{t("webhooks.log.latency")}</Table.Th>
                  <Table.Th>{t("webhooks.log.answer")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.data.attemptsLog.map((a, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{a.attempt}{a.trigger === "manual" ? ` (${t("webhooks.log.manual")})` : ""}</Table.Td>
                    <Table.Td>{f.dateTime(a.at)}</Table.Td>
                    <Table.Td>{a.ok ? "✓ " : "✕ "}{[a.statusCode, errorText(a.error)].filter(Boolean).join(" · ")}</Table.Td>
                    <Table.Td>{a.latencyMs !== null ? t("webhooks.log.ms", { ms: f.number(a.latencyMs) }) : "–"}</Table.Td>
                    <Table.Td><Code style={{ wordBreak: "break-all" }}>{a.responseExcerpt.slice(0, 300) || "–"}</Code></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text fw={500}>{t("webhooks.log.body")}</Text>
            <Code block style={{ maxHeight: 320, overflow: "auto" }}>{JSON.stringify(d.data.payload, null, 2)}</Code>
          </>
        )}
      </Stack>
    </Modal>
  );
}
