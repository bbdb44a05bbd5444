import { useState } from "react";
import { Badge, Button, Card, Group, Stack, Table, Text, Title, Anchor } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PersonDetail } from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { DemoBadge, TenureInfo } from "../../ui/badges.js";
import { OrgLink, personName } from "../../ui/entity-links.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { bangkokToday } from "../../../platform/thai/dates.js";
import { EditPersonModal, EndTermModal } from "../organizations/RegistryEditors.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/persons/$id");

export function PersonPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["person", id], queryFn: () => api.get<PersonDetail>(`/persons/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <PersonView person={q.data} />;
}

type SortKey = "start" | "organization" | "post" | "years";

function PersonView({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [ending, setEnding] = useState<PersonDetail["memberships"][number] | null>(null);
  const canEnd = new Set(person.may.endMemberships);
  const { sorted, sort, toggle } = useSortedRows<PersonDetail["memberships"][number], SortKey>(
    person.memberships,
    {
      start: (m) => m.startDate,
      organization: (m) => f.name(m.organization),
      post: (m) => (m.post ? f.label(m.post) : m.role),
      years: (m) => m.tenure.years,
    },
    { key: "start", dir: "desc" },
  );
  return (
    <Stack gap="lg">
      <div>
        <Group gap="sm">
          <Title order={1} data-testid="person-title">
            {personName(person, f.lang)}
          </Title>
          <DemoBadge isDemo={person.isDemo} />
          {person.may.edit && (
            <Button variant="light" size="compact-md" onClick={() => setEditing(true)} data-testid="person-edit">
              {t("edit.person.button")}
            </Button>
          )}
        </Group>
        <Text c="dark.4" lang={f.other}>{f.lang === "th" ? person.nameEn : personName(person, "th")}</Text>
        {person.email && (
          <Text size="sm">
            {t("person.email")}: <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor>
          </Text>
        )}
      </div>
      <Card withBorder component="section" aria-labelledby="memberships-title">
        <Title order={2} size="h3" id="memberships-title" mb="sm">
          {t("person.memberships")}
        </Title>
        {sorted.length === 0 ? (
          <Text c="dark.4">{t("common.none")}</Text>
        ) : (
          <div className="table-scroll">
            <ExportButtons size="compact-xs" variant="light" nextTable="person-memberships" />
            <Table data-testid="memberships-table">
              <Table.Thead>
                <Table.Tr>
                  <SortTh label={t("posts.post")} sortKey="post" sort={sort} onSort={toggle} />
                  <SortTh label={t("posts.organization")} sortKey="organization" sort={sort} onSort={toggle} />
                  <SortTh label={t("posts.from")} sortKey="start" sort={sort} onSort={toggle} />
                  <Table.Th>{t("posts.to")}</Table.Th>
                  <SortTh label={t("posts.tenure")} sortKey="years" sort={sort} onSort={toggle} />
                  {canEnd.size > 0 && <Table.Th data-export="skip">{t("common.actions")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text fw={500}>{m.post ? f.label(m.post) : t(`postRoles.${m.role}`, { defaultValue: m.role })}</Text>
                        {m.designation === "cco" && (
                          <Badge color="teal.9" variant="outline" size="md" title={t("posts.ccoLong")}>
                            {t("posts.cco")}
                          </Badge>
                        )}
                        <DemoBadge isDemo={m.isDemo && !person.isDemo} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <OrgLink org={m.organization} />
                    </Table.Td>
                    <Table.Td>{f.date(m.startDate)}</Table.Td>
                    <Table.Td>{m.endDate ? f.date(m.endDate) : t("tenure.present")}</Table.Td>
                    <Table.Td>
                      <TenureInfo tenure={m.tenure} compact />
                    </Table.Td>
                    {canEnd.size > 0 && (
                      <Table.Td>
                        {canEnd.has(m.id) && (
                          <Button size="compact-sm" variant="outline" onClick={() => setEnding(m)} data-testid="end-term">
                            {t("edit.endTerm.button")}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>
      <HistoryPanel entityType="person" entityId={person.id} allowed={person.may.history} />
      {editing && <EditPersonModal person={person} onClose={() => setEditing(false)} />}
      {ending && <EndTermModal membership={{ ...ending, postLabel: ending.post ? f.label(ending.post) : t(`postRoles.${ending.role}`, { defaultValue: ending.role }) }} today={bangkokToday()} onClose={() => setEnding(null)} />}
    </Stack>
  );
}
