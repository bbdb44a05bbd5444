import { useState } from "react";
import { Button, Card, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CaseDetail, CaseStatus } from "../../../modules/cases/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ActionError, TransferDialog, useCaseAction } from "./CaseActions.js";
import { CaseStatusBadge, ConfidenceBar } from "./cases-ui.js";

export type RoutingSuggestion = { id: string; nameTh: string; nameEn: string; confidence: number };
export type Suggestions = { categories: RoutingSuggestion[]; organizations: RoutingSuggestion[] };

/** GET /cases/suggest for a Thai text (the contract's query takes 1–4000 characters). */
export const suggestQuery = (text: string) => ({
  queryKey: ["cases", "suggest", text] as const,
  queryFn: () => api.get<Suggestions>("/cases/suggest", { text: text.slice(0, 4000) }),
  staleTime: 60_000,
});

/** What the Thai text suggests: the top-3 categories and agencies with the model's confidence; "(use)" transfers to the agency. */
export function SuggestionsPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ ...suggestQuery(c.descriptionTh), enabled: c.descriptionTh.trim().length > 0 });
  const [useOrg, setUseOrg] = useState<string | null>(null);
  const s = q.data;
  const empty = s && !s.categories.length && !s.organizations.length;
  return (
    <Card withBorder component="section" aria-labelledby="case-suggest-title" data-testid="case-suggestions">
      <Title order={2} size="h3" id="case-suggest-title" mb={4}>{t("casesStaff.suggest.title")}</Title>
      <Text size="xs" c="dark.4" mb="xs">{t("casesStaff.suggest.hint")}</Text>
      <ErrorAlert error={q.error} />
      {empty && <Text size="sm" data-testid="case-suggestions-empty">{t("casesStaff.suggest.none")}</Text>}
      {s && s.categories.length > 0 && (
        <Stack gap={6} mb="sm">
          <Text size="sm" fw={600}>{t("casesStaff.suggest.categories")}</Text>
          {s.categories.map((x) => (
            <Group key={x.id} gap="sm" wrap="nowrap" data-testid="suggested-category">
              <Text size="sm" w={180} style={{ flexShrink: 0 }}>
                {f.pick(x.nameTh, x.nameEn)}
                {x.id === c.categoryId && <Text span size="xs" c="dark.4"> · {t("casesStaff.suggest.current")}</Text>}
              </Text>
              <ConfidenceBar value={x.confidence} label={t("casesStaff.suggest.confidenceOf", { name: f.pick(x.nameTh, x.nameEn) })} />
            </Group>
          ))}
        </Stack>
      )}
      {s && s.organizations.length > 0 && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>{t("casesStaff.suggest.organizations")}</Text>
          {s.organizations.map((x) => (
            <Group key={x.id} gap="sm" wrap="nowrap" data-testid="suggested-organization">
              <Text size="sm" w={180} style={{ flexShrink: 0 }}>{f.pick(x.nameTh, x.nameEn)}</Text>
              <ConfidenceBar value={x.confidence} label={t("casesStaff.suggest.confidenceOf", { name: f.pick(x.nameTh, x.nameEn) })} />
              {c.can.assign && x.id !== c.assignedOrg?.id ? (
                <Button size="xs" variant="default" onClick={() => setUseOrg(x.id)} aria-label={t("casesStaff.suggest.useLabel", { name: f.pick(x.nameTh, x.nameEn) })} data-testid="suggested-organization-use">{t("casesStaff.suggest.use")}</Button>
              ) : (
                <Text size="xs" c="dark.4" w={60}>{x.id === c.assignedOrg?.id ? t("casesStaff.suggest.current") : ""}</Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <TransferDialog c={c} opened={!!useOrg} onClose={() => setUseOrg(null)} initialOrgId={useOrg ?? undefined} key={useOrg ?? "none"} />
    </Card>
  );
}

type Duplicate = { id: string; publicRef: string; status: CaseStatus; publicText: string; distanceMeters: number; similarity: number; receivedAt: string };

/** Open cases within 50 m and 14 days with similar text (only when the case has a pin); this case may be merged into one. */
export function DuplicatesPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  const pinned = c.lat !== null && c.lon !== null;
  const q = useQuery({
    queryKey: ["cases", "similar", c.id, c.lat, c.lon],
    queryFn: () => api.get<{ items: Duplicate[] }>("/cases/similar", { lat: c.lat, lon: c.lon, text: c.descriptionTh.slice(0, 4000), excludeId: c.id }),
    enabled: pinned && c.descriptionTh.trim().length > 0,
  });
  const [into, setInto] = useState<Duplicate | null>(null);
  const items = q.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="case-dup-title" data-testid="case-duplicates">
      <Title order={2} size="h3" id="case-dup-title" mb={4}>{t("casesStaff.duplicates.title")}</Title>
      <Text size="xs" c="dark.4" mb="xs">{t("casesStaff.duplicates.hint")}</Text>
      {!pinned && <Text size="sm" data-testid="case-duplicates-no-pin">{t("casesStaff.duplicates.noPin")}</Text>}
      <ErrorAlert error={q.error} />
      {pinned && q.data && !items.length && <Text size="sm" data-testid="case-duplicates-none">{t("casesStaff.duplicates.none")}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((d) => (
            <Paper key={d.id} component="li" withBorder p="xs" data-testid="duplicate-row">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <AnchorLink to="/cases/$id" params={{ id: d.id }} fw={600} style={{ whiteSpace: "nowrap" }}>{d.publicRef}</AnchorLink>
                    <CaseStatusBadge status={d.status} size="sm" />
                  </Group>
                  <Text size="xs" c="dark.4" lineClamp={2} lang={thData}>{d.publicText}</Text>
                  <Text size="xs" c="dark.4">
                    {t("casesStaff.duplicates.distance")} {t("casesStaff.duplicates.meters", { n: f.number(Math.round(d.distanceMeters)) })} · {f.dateTime(d.receivedAt)}
                  </Text>
                </div>
                {c.can.handle && <Button size="xs" variant="default" style={{ flexShrink: 0 }} onClick={() => setInto(d)} data-testid="duplicate-merge">{t("casesStaff.duplicates.merge")}</Button>}
              </Group>
              <Group gap="xs" mt={4} wrap="nowrap">
                <Text size="xs" c="dark.4" style={{ flexShrink: 0 }}>{t("casesStaff.duplicates.similarity")}</Text>
                <ConfidenceBar value={d.similarity} label={t("casesStaff.duplicates.similarityOf", { ref: d.publicRef })} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {into && <MergeDialog c={c} into={into} onClose={() => setInto(null)} />}
    </Card>
  );
}

function MergeDialog({ c, into, onClose }: { c: CaseDetail; into: Duplicate; onClose: () => void }) {
  const { t } = useTranslation();
  const merge = useCaseAction<{ intoId: string }, unknown>(c, "merge");
  return (
    <Modal opened onClose={onClose} title={t("casesStaff.duplicates.mergeTitle", { ref: c.publicRef, into: into.publicRef })} closeButtonProps={{ "aria-label": t("common.close") }}>
      <Stack gap="sm">
        <Text size="sm">{t("casesStaff.duplicates.mergeText", { ref: c.publicRef, into: into.publicRef })}</Text>
        <ActionError error={merge.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
          <Button onClick={() => merge.mutate({ intoId: into.id }, { onSuccess: onClose })} loading={merge.isPending} data-testid="duplicate-merge-save">{t("casesStaff.duplicates.mergeSave")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
