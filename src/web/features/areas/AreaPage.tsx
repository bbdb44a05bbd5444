import { Card, Code, Group, SimpleGrid, Stack, Table, Text, Title, Badge } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AreaDetail } from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { AreaLink } from "../../ui/entity-links.js";
import { FilterableList } from "../../ui/FilterableList.js";
import { provincesQuery } from "../provinces/queries.js";

const route = getRouteApi("/areas/$id");

export function AreaPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["area", id], queryFn: () => api.get<AreaDetail>(`/areas/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <AreaView area={q.data} />;
}

function AreaView({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const province = provinces.data?.find((p) => p.code === area.provinceCode);
  const provinceName = province ? f.name(province) : null;
  const attributes = Object.entries(area.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return (
    <Stack gap="lg">
      <div>
        {area.parent && (
          <Text size="sm" c="dark.4">
            <AreaLink area={area.parent} /> ›
          </Text>
        )}
        <Group gap="sm">
          <Title order={1} data-testid="area-title">
            {f.name(area)}
          </Title>
          <Badge variant="outline" color="gray.8">
            {t(`areaClass.${area.classification}`)}
          </Badge>
        </Group>
        <Text c="dark.4" lang={f.other}>{f.lang === "th" ? area.nameEn : area.nameTh}</Text>
        {area.classification === "province" && (
          <ButtonLink to="/provinces/$code" params={{ code: area.code }} mt="xs" variant="light">
            {t("area.openProvincePage")}
          </ButtonLink>
        )}
      </div>
      <Card withBorder component="section" aria-labelledby="area-facts">
        <Title order={2} size="h3" id="area-facts" mb="sm">
          {t("area.facts")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <div>
            <Text size="sm" c="dark.4">{t("area.code")}</Text>
            <Code>{area.code}</Code>
          </div>
          {area.iso && (
            <div>
              <Text size="sm" c="dark.4">{t("province.iso")}</Text>
              <Text>{area.iso}</Text>
            </div>
          )}
          {area.provinceCode && area.classification !== "province" && (
            <div>
              <Text size="sm" c="dark.4">{t("area.province")}</Text>
              <AnchorLink to="/provinces/$code" params={{ code: area.provinceCode }}>
                {provinceName ?? area.provinceCode}
              </AnchorLink>
            </div>
          )}
          {(area.validFrom || area.validTo) && (
            <div>
              <Text size="sm" c="dark.4">{t("area.valid")}</Text>
              <Text>
                {t("common.dateRange", { from: area.validFrom ? f.date(area.validFrom) : "…", to: area.validTo ? f.date(area.validTo) : t("tenure.present") })}
              </Text>
            </div>
          )}
        </SimpleGrid>
        {attributes.length > 0 && (
          <Table mt="md" withTableBorder fz="sm">
            <Table.Caption>{t("organization.attributes")}</Table.Caption>
            <Table.Tbody>
              {attributes.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{k}</Table.Th>
                  <Table.Td>{typeof v === "number" ? f.number(v) : typeof v === "string" ? v : JSON.stringify(v)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      {area.groups.length > 0 && (
        <Card withBorder component="section" aria-labelledby="area-groups">
          <Title order={2} size="h3" id="area-groups" mb="sm">
            {t("area.groups")}
          </Title>
          <Stack gap={4}>
            {area.groups.map((g) => (
              <Group key={g.id} gap="xs">
                <AreaLink area={g} />
                <Text size="sm" c="dark.4">
                  {t(`areaClass.${g.classification}`)}
                  {(g.validFrom || g.validTo) &&
                    ` · ${t("common.dateRange", { from: g.validFrom ? f.date(g.validFrom) : "…", to: g.validTo ? f.date(g.validTo) : t("tenure.present") })}`}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      {area.members.length > 0 && (
        <Card withBorder component="section" aria-labelledby="area-members">
          <Title order={2} size="h3" id="area-members" mb="sm">
            {t("area.members")} ({f.number(area.members.length)})
          </Title>
          <FilterableList items={area.members} keyOf={(a) => a.id} text={(a) => `${a.nameTh} ${a.nameEn} ${a.code}`} render={(a) => <AreaLink area={a} />} label={t("area.filter")} />
        </Card>
      )}

      {area.childCount > 0 && (
        <Card withBorder component="section" aria-labelledby="area-children">
          <Title order={2} size="h3" id="area-children" mb="sm">
            {t("area.children")} ({f.number(area.childCount)})
          </Title>
          <FilterableList items={area.children} keyOf={(a) => a.id} text={(a) => `${a.nameTh} ${a.nameEn} ${a.code}`} render={(a) => <AreaLink area={a} />} label={t("area.filter")} initial={45} />
          {area.childCount > area.children.length && (
            <Text size="sm" c="dark.4">
              {t("area.moreChildren", { shown: area.children.length, total: area.childCount })}
            </Text>
          )}
        </Card>
      )}

      <HistoryPanel entityType="area" entityId={area.id} allowed={area.may.history} />
    </Stack>
  );
}
