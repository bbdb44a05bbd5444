import { useState } from "react";
import { Anchor, Breadcrumbs, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { OrganizationDetail, OrganizationSummary } from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { AnchorLink } from "../../ui/links.js";
import { DemoBadge } from "../../ui/badges.js";
import { AreaLink, OrgLink } from "../../ui/entity-links.js";
import { FilterableList } from "../../ui/FilterableList.js";
import { PostsTable } from "./PostsTable.js";
import { AddPostModal, EditOrganizationModal } from "./RegistryEditors.js";

const route = getRouteApi("/organizations/$id");

/** Lineage root-first without the organisation itself, whichever order the API chose. */
export function normaliseLineage(org: OrganizationDetail): OrganizationSummary[] {
  const chain = org.lineage.filter((o) => o.id !== org.id);
  if (chain.length < 2) return chain;
  const firstIsRoot = chain[0].parentId === null || !chain.some((o) => o.id === chain[0].parentId);
  const parentFirst = org.parentId !== null && chain[0].id === org.parentId;
  return parentFirst || !firstIsRoot ? [...chain].reverse() : chain;
}

export function OrganizationPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["organization", id], queryFn: () => api.get<OrganizationDetail>(`/organizations/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <OrganizationView org={q.data} />;
}

function OrganizationView({ org }: { org: OrganizationDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [addingPost, setAddingPost] = useState(false);
  const f = useFormat();
  const lineage = normaliseLineage(org);
  const attributes = Object.entries(org.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== "");

  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" aria-label={t("organization.lineage")} styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/organizations" size="sm">
            {t("nav.organizations")}
          </AnchorLink>
          {lineage.map((o) => (
            <AnchorLink key={o.id} to="/organizations/$id" params={{ id: o.id }} size="sm">
              {f.name(o)}
            </AnchorLink>
          ))}
          <Text size="sm" aria-current="page">
            {f.name(org)}
          </Text>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <Title order={1} data-testid="organization-title">
            {f.name(org)}
          </Title>
          <DemoBadge isDemo={org.isDemo} />
          {org.may.edit && (
            <Button variant="light" size="compact-md" onClick={() => setEditing(true)} data-testid="org-edit">
              {t("edit.organization.button")}
            </Button>
          )}
        </Group>
        <Text c="dark.4" lang={f.other}>
          {f.lang === "th" ? org.nameEn : org.nameTh}
          {org.abbreviation ? ` (${org.abbreviation})` : ""}
        </Text>
      </div>

      <Card withBorder component="section" aria-labelledby="org-facts">
        <Title order={2} size="h3" id="org-facts" mb="sm">
          {t("organization.facts")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <div>
            <Text size="sm" c="dark.4">{t("organizations.classification")}</Text>
            <Text>{t(`orgClass.${org.classification}`)}</Text>
          </div>
          <div>
            <Text size="sm" c="dark.4">{t("organization.parent")}</Text>
            <Text component="div">{org.parent ? <OrgLink org={org.parent} /> : "—"}</Text>
          </div>
          <div>
            <Text size="sm" c="dark.4">{t("organization.area")}</Text>
            <Text component="div">{org.area ? <AreaLink area={org.area} /> : t("organizations.national")}</Text>
          </div>
          {org.foundingDate && (
            <div>
              <Text size="sm" c="dark.4">{t("organization.founded")}</Text>
              <Text>{f.date(org.foundingDate, "long")}</Text>
            </div>
          )}
          {org.dissolutionDate && (
            <div>
              <Text size="sm" c="dark.4">{t("organization.dissolved")}</Text>
              <Text>{f.date(org.dissolutionDate, "long")}</Text>
            </div>
          )}
          <div>
            <Text size="sm" c="dark.4">{t("organization.id")}</Text>
            <Code>{org.id}</Code>
          </div>
        </SimpleGrid>
        {attributes.length > 0 && (
          <Table mt="md" withTableBorder fz="sm">
            <Table.Caption>{t("organization.attributes")}</Table.Caption>
            <Table.Tbody>
              {attributes.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{k}</Table.Th>
                  <Table.Td>{typeof v === "string" ? (/^https?:\/\//.test(v) ? <Anchor href={v} target="_blank" rel="noreferrer">{v}</Anchor> : v) : JSON.stringify(v)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="org-posts">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="org-posts">
            {t("organization.posts")}
          </Title>
          {org.may.addPost && (
            <Button variant="light" size="compact-md" onClick={() => setAddingPost(true)} data-testid="post-add">
              {t("edit.post.button")}
            </Button>
          )}
        </Group>
        <PostsTable posts={org.posts} showOrganization={false} canAppoint={org.may.appoint} />
      </Card>

      {org.childCount > 0 && (
      <Card withBorder component="section" aria-labelledby="org-children">
        <Title order={2} size="h3" id="org-children" mb="sm">
          {t("organization.children")} ({f.number(org.childCount)})
        </Title>
        <FilterableList
          items={org.children}
          keyOf={(o) => o.id}
          text={(o) => `${o.nameTh} ${o.nameEn} ${o.abbreviation ?? ""}`}
          render={(o) => <OrgLink org={o} />}
          label={t("organization.filterChildren")}
          cols={{ base: 1, md: 2 }}
        />
        {org.childCount > org.children.length && (
          <AnchorLink to="/organizations" search={{ parentId: org.id }} size="sm">
            {t("organization.allChildren", { count: org.childCount })}
          </AnchorLink>
        )}
      </Card>
      )}

      <HistoryPanel entityType="organization" entityId={org.id} allowed={org.may.history} />
      {editing && <EditOrganizationModal org={org} onClose={() => setEditing(false)} />}
      {addingPost && <AddPostModal org={org} onClose={() => setAddingPost(false)} />}
    </Stack>
  );
}
