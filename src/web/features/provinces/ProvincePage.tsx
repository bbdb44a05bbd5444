import { useState } from "react";
import { Badge, Card, Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { MembershipView, PostWithHolder, ProvinceDetail } from "../../../modules/registry/contracts.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { AnchorLink } from "../../ui/links.js";
import { DemoBadge, TenureInfo } from "../../ui/badges.js";
import { AreaLink, OrgLink, PersonLink } from "../../ui/entity-links.js";
import { FilterableList } from "../../ui/FilterableList.js";
import { PostsTable } from "../organizations/PostsTable.js";
import { provinceQuery } from "./queries.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/provinces/$code");

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dark.4">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

const EXECUTIVE = new Set(["governor", "vice_governor", "deputy_governor_assistant"]);
const ROLE_ORDER = ["governor", "vice_governor", "deputy_governor_assistant", "head_of_agency"];
const rank = (p: PostWithHolder) => {
  const i = ROLE_ORDER.indexOf(p.role);
  return i < 0 ? ROLE_ORDER.length : i;
};

export function ProvincePage() {
  const { code } = route.useParams();
  const q = useQuery(provinceQuery(code));
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <ProvinceView p={q.data} />;
}

function ProvinceView({ p }: { p: ProvinceDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const keyPosts = [...p.keyPosts].sort((a, b) => rank(a) - rank(b));
  const executive = keyPosts.filter((k) => EXECUTIVE.has(k.role));
  const agencyHeads = keyPosts.filter((k) => !EXECUTIVE.has(k.role));
  const governors = [...p.governors].sort((a, b) => b.startDate.localeCompare(a.startDate));

  return (
    <Stack gap="lg">
      <div>
        <Text size="sm" c="dark.4">
          <AnchorLink to="/provinces">{t("nav.provinces")}</AnchorLink> / {f.name(p.region)}
        </Text>
        <Group gap="sm" align="center">
          <Title order={1} data-testid="province-title">
            {f.name(p)}
          </Title>
          {p.ceo ? (
            <Badge variant="light" color="changwat">{t("province.ceo")}</Badge>
          ) : (
            <Badge variant="outline" color="gray.8" data-testid="non-ceo-badge">{t("province.notCeoLong")}</Badge>
          )}
          {p.pilot2024 && <Badge variant="outline" color="dark">★ {t("map.pilot")}</Badge>}
        </Group>
        <Text c="dark.4" lang={f.other}>{f.lang === "th" ? p.nameEn : p.nameTh}</Text>
        {p.ceo && (
          <AnchorLink to="/delegation" search={{ view: "province", province: p.code }} size="sm" data-testid="province-powers-link">
            {t("province.delegatedPowers")}
          </AnchorLink>
        )}
      </div>

      <Card withBorder component="section" aria-labelledby="facts-title">
        <Title order={2} size="h3" id="facts-title" mb="sm">
          {t("province.facts")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact label={t("province.code")}>{p.code}</Fact>
          <Fact label={t("province.iso")}>{p.iso}</Fact>
          <Fact label={t("province.region")}>{f.name(p.region)}</Fact>
          <Fact label={t("province.cluster")}>
            {p.cluster ? (
              <AnchorLink to="/areas/$id" params={{ id: p.cluster.id }}>
                {p.cluster.code} · {f.name(p.cluster)}
              </AnchorLink>
            ) : (
              t("province.noCluster")
            )}
          </Fact>
          <Fact label={t("province.cluster2009")}>
            {p.cluster2009 ? (
              <>
                <AnchorLink to="/areas/$id" params={{ id: p.cluster2009.id }}>
                  {f.name(p.cluster2009)}
                </AnchorLink>
                {(p.cluster2009.validFrom || p.cluster2009.validTo) && (
                  <Text size="sm" c="dark.4">
                    {t("common.dateRange", {
                      from: p.cluster2009.validFrom ? f.date(p.cluster2009.validFrom) : "…",
                      to: p.cluster2009.validTo ? f.date(p.cluster2009.validTo) : t("tenure.present"),
                    })}
                  </Text>
                )}
              </>
            ) : (
              "—"
            )}
          </Fact>
          <Fact label={t("province.population")}>{p.population !== null ? f.number(p.population) : "—"}</Fact>
          <Fact label={t("province.households")}>{p.households !== null ? f.number(p.households) : "—"}</Fact>
          <Fact label={t("province.divisions")}>{t("province.divisionCounts", { districts: f.number(p.districtCount), subdistricts: f.number(p.subdistrictCount) })}</Fact>
        </SimpleGrid>
      </Card>

      <Card withBorder component="section" aria-labelledby="keyposts-title" data-testid="key-posts">
        <Title order={2} size="h3" id="keyposts-title" mb="sm">
          {t("province.keyPosts")}
        </Title>
        <PostsTable posts={executive} />
      </Card>

      {agencyHeads.length > 0 && <AgencyHeads posts={agencyHeads} />}

      {p.overseenBy.length > 0 && (
        <Card withBorder component="section" aria-labelledby="oversight-title" data-testid="overseen-by">
          <Title order={2} size="h3" id="oversight-title" mb="sm">
            {t("province.overseenBy")}
          </Title>
          <Stack gap="xs">
            {p.overseenBy.map((post) => (
              <Group key={post.id} gap="xs" wrap="wrap">
                <Text fw={500}>{f.label(post)}</Text>
                <Text>—</Text>
                {post.holder ? <PersonLink person={post.holder.person} /> : <Text c="dark.4">{t("posts.vacant")}</Text>}
                {post.oversees.length > 0 && (
                  <Text size="sm" c="dark.4">
                    ({t("province.overseesAreas", { areas: post.oversees.map((a) => f.name(a)).join(", ") })})
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="governors-title" data-testid="past-governors">
        <Title order={2} size="h3" id="governors-title" mb="sm">
          {t("province.governors")}
        </Title>
        <GovernorsTable governors={governors} />
      </Card>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder component="section" aria-labelledby="offices-title">
          <Title order={2} size="h3" id="offices-title" mb="sm">
            {t("province.offices")} ({f.number(p.offices.length)})
          </Title>
          <FilterableList
            items={p.offices}
            keyOf={(o) => o.id}
            text={(o) => `${o.nameTh} ${o.nameEn} ${o.abbreviation ?? ""}`}
            render={(o) => <OrgLink org={o} />}
            label={t("province.filterOffices")}
            cols={{ base: 1 }}
            initial={15}
            testId="province-offices"
          />
          <AnchorLink to="/organizations" search={{ provinceCode: p.code }} size="sm" mt="xs" display="inline-block">
            {t("province.allOrganizations")}
          </AnchorLink>
        </Card>
        <Card withBorder component="section" aria-labelledby="districts-title">
          <Title order={2} size="h3" id="districts-title" mb="sm">
            {t("province.districts")} ({f.number(p.districts.length)})
          </Title>
          <FilterableList
            items={p.districts}
            keyOf={(d) => d.id}
            text={(d) => `${d.nameTh} ${d.nameEn} ${d.code}`}
            render={(d) => <AreaLink area={d} />}
            label={t("province.filterDistricts")}
            cols={{ base: 1, sm: 2 }}
            initial={30}
            testId="province-districts"
          />
        </Card>
      </SimpleGrid>

      <HistoryPanel entityType="area" entityId={`province:${p.code}`} allowed={p.may.history} />
    </Stack>
  );
}

/** Heads of the provincial agencies: many posts, so filterable, and vacant ones on request. */
function AgencyHeads({ posts }: { posts: PostWithHolder[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState("");
  const [showVacant, setShowVacant] = useState(false);
  const filled = posts.filter((p) => p.holder).length;
  const s = q.trim().toLowerCase();
  const shown = posts.filter(
    (p) => (showVacant || p.holder) && (!s || [p.labelTh, p.labelEn, p.holder?.person.nameTh ?? "", p.holder?.person.nameEn ?? ""].some((v) => v.toLowerCase().includes(s))),
  );
  return (
    <Card withBorder component="section" aria-labelledby="heads-title" data-testid="agency-heads">
      <Title order={2} size="h3" id="heads-title">
        {t("province.agencyHeads")}
      </Title>
      <Text size="sm" c="dark.4" mb="sm">
        {t("province.agencyHeadsCount", { filled: f.number(filled), total: f.number(posts.length) })}
      </Text>
      <Group gap="md" mb="sm" align="flex-end">
        <TextInput type="search" aria-label={t("province.filterHeads")} placeholder={t("province.filterHeads")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: "100%", sm: 320 }} />
        <Checkbox label={t("province.showVacant")} checked={showVacant} onChange={(e) => setShowVacant(e.currentTarget.checked)} mb={6} />
      </Group>
      <PostsTable posts={shown} />
    </Card>
  );
}

function GovernorsTable({ governors }: { governors: MembershipView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!governors.length) return <Text c="dark.4">{t("common.none")}</Text>;
  return (
    <div className="table-scroll">
      <ExportButtons size="compact-xs" variant="light" nextTable="governors" />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("posts.holder")}</Table.Th>
            <Table.Th>{t("posts.from")}</Table.Th>
            <Table.Th>{t("posts.to")}</Table.Th>
            <Table.Th>{t("posts.tenure")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {governors.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <PersonLink person={m.person} />
                <DemoBadge isDemo={m.isDemo && !m.person.isDemo} />
              </Table.Td>
              <Table.Td>{f.date(m.startDate)}</Table.Td>
              <Table.Td>{m.endDate ? f.date(m.endDate) : t("tenure.present")}</Table.Td>
              <Table.Td>
                <TenureInfo tenure={m.tenure} compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
