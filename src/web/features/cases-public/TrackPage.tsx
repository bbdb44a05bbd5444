import { useEffect, useState } from "react";
import { Alert, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { BoardItem, PublicCaseView } from "../../../modules/cases/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { hasRole, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { AfterPhoto, CaseStatusBadge, CaseTimeline, categoriesQuery, StatusStepper, useHours } from "./case-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/track");
/** The reporter's view: the public page, the updates addressed to reporters, their own rating. */
type Tracked = PublicCaseView & { id: string; myRating: number | null; resolveDueAt?: string };
type MyCase = BoardItem & { id: string; myReport: { name: string | null; phone: string | null; email: string | null; anonymous: boolean; consentVersion: string; consentAt: string; rating: number | null; fromCaseId: string | null } };

/** Tracking codes are read without their dashes and case (the server does the same). */
const normalize = (code: string) => code.trim().toUpperCase();

/**
 * "ติดตามเรื่อง": the reporter enters the tracking code (or arrives with ?code=, which is then taken out of the
 * address so the secret does not stay in the history) and follows the case: where it is, what was done, the
 * after-photo; once resolved they rate it 1–5, or dispute it and ask to reopen.
 */
export function TrackPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/track" });
  const me = useMe();
  const [input, setInput] = useState(search.code ?? "");
  const [code, setCode] = useState<string | null>(search.code ? normalize(search.code) : null);

  useEffect(() => {
    if (!search.code) return;
    setInput(search.code);
    setCode(normalize(search.code));
    void navigate({ search: {}, replace: true });
  }, [search.code, navigate]);

  const tracked = useQuery({
    queryKey: ["cases", "track", code],
    queryFn: () => api.post<Tracked>("/cases/track", { trackingCode: code }),
    enabled: !!code,
    retry: false,
  });
  const citizen = !!me.data?.authenticated && hasRole(me.data.grants, "citizen");

  return (
    <Stack gap="lg" maw={760} mx="auto">
      <div>
        <Title order={1} data-testid="track-title">{t("casesPublic.track.title")}</Title>
        <Text c="dark.5">{t("casesPublic.track.intro")}</Text>
      </div>
      <Card withBorder p="md" component="form" onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        const c = normalize(input);
        if (c) setCode(c);
      }}>
        <Stack gap="sm">
          <TextInput
            size="lg"
            label={t("casesPublic.track.codeLabel")}
            description={t("casesPublic.track.codeHint")}
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.05em" } }}
            data-testid="track-code"
          />
          <Button type="submit" size="lg" fullWidth loading={tracked.isFetching} data-testid="track-submit">{t("casesPublic.track.submit")}</Button>
        </Stack>
      </Card>
      {tracked.error && <TrackError error={tracked.error} />}
      {tracked.data && code && <TrackedCase c={tracked.data} code={code} />}
      {citizen && <MyCases />}
    </Stack>
  );
}

function TrackError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = (error as { status?: number }).status;
  if (status === 404 || status === 403) {
    return (
      <Alert color="red" variant="light" role="alert" title={t("casesPublic.track.notFoundTitle")} icon={<span aria-hidden="true">!</span>} data-testid="track-not-found">
        <Text size="sm">{t("casesPublic.track.notFound")}</Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

/** One case as its reporter sees it, with the actions open to them. */
function TrackedCase({ c, code }: { c: Tracked; code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hours = useHours();
  const categories = useQuery(categoriesQuery);
  const category = categories.data?.items.find((x) => x.id === c.categoryId);
  const settled = c.status === "resolved" || c.status === "closed";
  return (
    <Stack gap="md" data-testid="track-case">
      <Card withBorder p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Text size="sm" c="dark.5">{t("casesPublic.track.ref")}</Text>
            <Title order={2} size="h3" data-testid="track-ref">{c.publicRef}</Title>
          </div>
          <CaseStatusBadge status={c.status} size="xl" />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="xs">
          <Fact label={t("casesPublic.fields.category")} value={f.pick(c.categoryNameTh, c.categoryNameEn)} />
          <Fact label={t("casesPublic.fields.area")} value={f.pick(c.areaNameTh, c.areaNameEn)} />
          <Fact label={t("casesPublic.fields.office")} value={c.assignedOrg ? f.name(c.assignedOrg) : "—"} testId="track-office" />
          <Fact label={t("casesPublic.fields.received")} value={f.dateTime(c.receivedAt)} />
          {c.resolveDueAt ? (
            <Fact label={t("casesPublic.fields.due")} value={f.dateTime(c.resolveDueAt)} testId="track-due" />
          ) : (
            category && <Fact label={t("casesPublic.fields.serviceLevel")} value={t("casesPublic.track.serviceLevel", { time: hours(category.resolveHours) })} testId="track-due" />
          )}
          {c.resolvedAt && <Fact label={t("casesPublic.fields.resolved")} value={f.dateTime(c.resolvedAt)} />}
          {c.supportCount > 1 && <Fact label={t("casesPublic.fields.support")} value={t("casesPublic.supportCount", { n: f.number(c.supportCount) })} />}
        </SimpleGrid>
        {c.publicText && (
          <Text mt="sm" lang="th" style={{ whiteSpace: "pre-wrap" }} data-testid="track-text">
            {c.publicText}
          </Text>
        )}
      </Card>

      <Card withBorder p="md" component="section" aria-labelledby="track-progress">
        <Title order={2} size="h4" id="track-progress" mb="sm">{t("casesPublic.track.progress")}</Title>
        <StatusStepper status={c.status} timeline={c.timeline} />
      </Card>

      {settled && (
        <Card withBorder p="md" component="section" aria-labelledby="track-after">
          <Title order={2} size="h4" id="track-after" mb="sm">{t("casesPublic.afterPhoto.title")}</Title>
          <AfterPhoto photo={c.afterPhoto} />
        </Card>
      )}

      {settled && <RateCase c={c} code={code} />}
      {settled && <ReopenCase c={c} code={code} />}

      <Card withBorder p="md" component="section" aria-labelledby="track-timeline">
        <Title order={2} size="h4" id="track-timeline" mb="sm">{t("casesPublic.timeline.title")}</Title>
        <CaseTimeline events={c.timeline} />
      </Card>
      <AnchorLink to="/board/$ref" params={{ ref: c.publicRef }} data-testid="track-public-link">{t("casesPublic.track.publicPage")}</AnchorLink>
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="sm" c="dark.5">{label}</Text>
      <Text fw={600} data-testid={testId}>{value}</Text>
    </div>
  );
}

/** 1–5 after resolution: rating a resolved case accepts the result and closes it; the rating can be changed later. */
function RateCase({ c, code }: { c: Tracked; code: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [rating, setRating] = useState<number | null>(c.myRating);
  const [comment, setComment] = useState("");
  const rate = useMutation({
    mutationFn: () => api.post<{ status: string; rating: number | null }>(`/cases/${seg(c.id)}/rate`, { trackingCode: code, rating, ...(comment.trim() ? { commentTh: comment.trim() } : {}) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["cases", "track", code] }),
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="track-rate" data-testid="track-rate">
      <Title order={2} size="h4" id="track-rate" mb={4}>{t("casesPublic.rate.title")}</Title>
      <Text size="sm" mb="sm">{c.status === "resolved" ? t("casesPublic.rate.introResolved") : t("casesPublic.rate.introClosed")}</Text>
      {c.myRating !== null && (
        <Text size="sm" fw={700} mb="xs" data-testid="track-my-rating">
          {t("casesPublic.rate.yours", { n: c.myRating })}
        </Text>
      )}
      <div role="radiogroup" aria-label={t("casesPublic.rate.label")}>
        <Group gap="xs" wrap="nowrap">
          {[1, 2, 3, 4, 5].map((n) => (
            <Button
              key={n}
              role="radio"
              aria-checked={rating === n}
              aria-label={t("casesPublic.rate.star", { n })}
              variant={rating !== null && n <= rating ? "filled" : "default"}
              color={rating !== null && n <= rating ? "yellow.9" : undefined}
              size="lg"
              px={0}
              style={{ flex: 1, minWidth: 44 }}
              onClick={() => setRating(n)}
              data-testid={`track-rate-${n}`}
            >
              <span aria-hidden="true">★ {n}</span>
            </Button>
          ))}
        </Group>
      </div>
      <Text size="xs" c="dark.5" mt={4}>{t("casesPublic.rate.scale")}</Text>
      <Textarea mt="sm" size="md" label={t("casesPublic.rate.comment")} description={t("casesPublic.rate.commentHint")} maxLength={1000} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="track-rate-comment" />
      <ErrorAlert error={rate.error} />
      {rate.isSuccess && <Text size="sm" c="green.9" fw={700} role="status" mt="xs" data-testid="track-rate-done">✓ {t("casesPublic.rate.thanks")}</Text>}
      <Button mt="sm" size="lg" fullWidth disabled={rating === null} loading={rate.isPending} onClick={() => rate.mutate()} data-testid="track-rate-submit">{t("casesPublic.rate.submit")}</Button>
    </Card>
  );
}

/** "Not solved": the reporter disputes the resolution (or reopens a closed case) with a reason, within 30 days. */
function ReopenCase({ c, code }: { c: Tracked; code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reopen = useMutation({
    mutationFn: () => api.post<{ status: string }>(`/cases/${seg(c.id)}/reopen`, { trackingCode: code, reasonTh: reason.trim() }),
    onSuccess: () => {
      setOpen(false);
      setReason("");
      void qc.invalidateQueries({ queryKey: ["cases", "track", code] });
    },
  });
  const short = reason.trim().length < 5;
  return (
    <Card withBorder p="md" component="section" aria-labelledby="track-reopen" data-testid="track-reopen">
      <Title order={2} size="h4" id="track-reopen" mb={4}>{t("casesPublic.reopen.title")}</Title>
      <Text size="sm" mb="sm">{t("casesPublic.reopen.intro")}</Text>
      {!open ? (
        <Button variant="default" size="lg" fullWidth onClick={() => setOpen(true)} data-testid="track-reopen-open">{t("casesPublic.reopen.open")}</Button>
      ) : (
        <Stack gap="sm">
          <Textarea size="md" label={t("casesPublic.reopen.reason")} description={t("casesPublic.reopen.reasonHint")} required autosize minRows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(reopen.error) ? reopen.error.fieldError("reasonTh", f.lang) : undefined} data-testid="track-reopen-reason" />
          <ErrorAlert error={reopen.error} />
          <Group grow>
            <Button variant="default" size="lg" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
            <Button color="red.9" size="lg" disabled={short} loading={reopen.isPending} onClick={() => reopen.mutate()} data-testid="track-reopen-submit">{t("casesPublic.reopen.submit")}</Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** "เรื่องของฉัน": a logged-in citizen's own reports (GET /cases/mine), with a download of what they gave. */
function MyCases() {
  const { t } = useTranslation();
  const f = useFormat();
  const mine = useQuery({ queryKey: ["cases", "mine"], queryFn: () => api.get<{ items: MyCase[] }>("/cases/mine") });
  const items = mine.data?.items ?? [];
  const exportTable = () => ({
    fileName: "my-cases",
    header: ["public_ref", "category", "status", "area", "received_at", "resolved_at", "text", "anonymous", "name", "phone", "email", "consent_version", "consent_at", "my_rating"],
    rows: items.map((c) => [c.publicRef, c.categoryNameTh, c.status, c.areaNameTh, c.receivedAt, c.resolvedAt, c.publicText, c.myReport.anonymous, c.myReport.name, c.myReport.phone, c.myReport.email, c.myReport.consentVersion, c.myReport.consentAt, c.myReport.rating]),
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="my-cases-title" data-testid="my-cases">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="my-cases-title">{t("casesPublic.mine.title")}</Title>
        <ExportButtons table={exportTable} disabled={!items.length} testId="my-cases-export" csvLabel={t("casesPublic.mine.export")} />
      </Group>
      <ErrorAlert error={mine.error} />
      {mine.isSuccess && items.length === 0 && <Text c="dark.5">{t("casesPublic.mine.empty")}</Text>}
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="my-cases-title">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("casesPublic.fields.ref")}</Table.Th>
                <Table.Th>{t("casesPublic.fields.category")}</Table.Th>
                <Table.Th>{t("casesPublic.fields.status")}</Table.Th>
                <Table.Th>{t("casesPublic.fields.received")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="my-case">
                  <Table.Td><AnchorLink to="/board/$ref" params={{ ref: c.publicRef }}>{c.publicRef}</AnchorLink></Table.Td>
                  <Table.Td>{f.pick(c.categoryNameTh, c.categoryNameEn)}</Table.Td>
                  <Table.Td><CaseStatusBadge status={c.status} size="sm" /></Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(c.receivedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Text size="xs" c="dark.5" mt="xs">{t("casesPublic.mine.note")}</Text>
    </Card>
  );
}
