import { useState, type ReactNode } from "react";
import { Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, isApiError, seg } from "../app/api.js";
import { useFormat } from "../app/format.js";
import { ErrorAlert } from "./errors.js";

/** GET /api/v1/history/:entityType/:entityId → { items }: one audit row per change. */
export interface HistoryItem {
  id: string | number;
  at: string;
  actorName: string | null;
  actorKind: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Field-by-field differences between two snapshots (nested values compared as JSON). */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/**
 * A recorded value as a reader would write it: lists of words joined by commas, a record as "field: value; …" with
 * the fields' own labels, a list of records one per line (budget lines, tenderers, changes asked) — not raw JSON.
 */
function ShowValue({ v, label }: { v: unknown; label: (field: string) => string }): ReactNode {
  if (v === undefined) return "";
  if (v === null) return "∅";
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== "object")) return v.map((x) => (x === null ? "∅" : String(x))).join(", ");
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {v.map((x, i) => (
          <li key={i}><ShowValue v={x} label={label} /></li>
        ))}
      </ul>
    );
  }
  return (
    <>
      {Object.entries(v as Record<string, unknown>).map(([k, x], i) => (
        <span key={k}>
          {i > 0 ? "; " : ""}
          {label(k) || k}: <ShowValue v={x} label={label} />
        </span>
      ))}
    </>
  );
}

/**
 * An action's words in the UI language: its own label when it has one (`history.actionLabels.<action>`, e.g.
 * "planning.procurement.award" → "recorded the award"), else the verb and the entity
 * ("registry.membership.create" → "created · membership").
 */
export function actionLabel(action: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const own = t(`history.actionLabels.${action}`, { defaultValue: "" });
  if (own && typeof own === "string") return own;
  const parts = action.split(".");
  const verb = parts[parts.length - 1];
  const entity = parts.length > 2 ? parts[parts.length - 2] : null;
  const v = t(`history.actions.${verb}`, { defaultValue: verb });
  return entity ? `${v} · ${t(`history.entities.${entity}`, { defaultValue: entity })}` : v;
}

const PAGE = 20;
const MAX = 200; // the API's largest page

/**
 * Who changed what and when. Shown only when the page says the viewer may read this entity's history
 * (`may.history`, computed by the server with the rule GET /history applies), so it never asks for a certain 403.
 */
export function HistoryPanel({ entityType, entityId, allowed }: { entityType: string; entityId: string; allowed: boolean }) {
  if (!allowed) return null;
  return <HistoryPanelInner entityType={entityType} entityId={entityId} />;
}

function HistoryPanelInner({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [limit, setLimit] = useState(PAGE);
  const q = useQuery({
    queryKey: ["history", entityType, entityId, limit],
    queryFn: () => api.get<{ items: HistoryItem[] }>(`/history/${seg(entityType)}/${seg(entityId)}`, { limit }),
    placeholderData: (prev) => prev,
  });
  // a field's name for this kind of record first (an instrument's parentId is not a parent organisation), then the shared one
  const fieldLabel = (field: string): string => t(`history.entityFields.${entityType}.${field}`, { defaultValue: "" }) || t(`history.fields.${field}`, { defaultValue: "" });
  if (q.error && isApiError(q.error) && (q.error.status === 401 || q.error.status === 403)) return null;
  const items = q.data?.items ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="history-title" data-testid="history-panel">
      <Title order={2} size="h3" id="history-title" mb="sm">
        {t("history.title")}
      </Title>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.isPending && <Text c="dimmed">{t("common.loading")}</Text>}
      {!q.isPending && items.length === 0 && !q.error && <Text c="dimmed">{t("history.empty")}</Text>}
      <Stack gap="md">
        {items.map((item) => {
          const changes = diffFields(item.before, item.after);
          return (
            <div key={item.id} data-testid="history-item">
              <Group gap="xs" wrap="wrap">
                <Text fw={700}>{f.dateTime(item.at)}</Text>
                <Badge variant="outline" color="gray.8" data-action={item.action}>
                  {actionLabel(item.action, t)}
                </Badge>
                <Text size="sm">
                  {item.actorKind === "system"
                    ? t("history.bySystem")
                    : t("history.by", {
                        actor: item.actorName || t("history.unknownActor"),
                        kind: t(`history.actorKinds.${item.actorKind}`, { defaultValue: item.actorKind }),
                      })}
                </Text>
              </Group>
              {changes.length > 0 && (
                <div className="table-scroll">
                  <Table withTableBorder fz="sm" mt={4} highlightOnHover={false}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("history.field")}</Table.Th>
                        <Table.Th>{t("history.before")}</Table.Th>
                        <Table.Th>{t("history.after")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {changes.map((c) => (
                        <Table.Tr key={c.field}>
                          <Table.Td>
                            {fieldLabel(c.field) ? (
                              <Text span title={c.field}>{fieldLabel(c.field)}</Text>
                            ) : (
                              <Code>{c.field}</Code>
                            )}
                          </Table.Td>
                          <Table.Td style={{ wordBreak: "break-word" }}>
                            {c.before === undefined ? <Text span c="dimmed">{t("history.absent")}</Text> : <del><ShowValue v={c.before} label={fieldLabel} /></del>}
                          </Table.Td>
                          <Table.Td style={{ wordBreak: "break-word" }}>
                            {c.after === undefined ? <Text span c="dimmed">{t("history.absent")}</Text> : <ins><ShowValue v={c.after} label={fieldLabel} /></ins>}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
              {item.requestId && (
                <Text size="xs" c="dimmed">
                  {t("errors.requestId")}: {item.requestId}
                </Text>
              )}
            </div>
          );
        })}
      </Stack>
      {items.length >= limit && limit < MAX && (
        <Button variant="subtle" mt="sm" onClick={() => setLimit((l) => Math.min(MAX, l + PAGE))} loading={q.isFetching}>
          {t("common.loadMore")}
        </Button>
      )}
    </Card>
  );
}
