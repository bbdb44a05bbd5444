import { Anchor, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Catalog } from "../../../modules/catalog/contracts.js";
import { api, API_BASE } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ExportButtons } from "../../ui/ExportButtons.js";
import { PageLoader } from "../../ui/PageLoader.js";

/** Where the data leaves the system: the open-data catalogue, the API and its documentation, the event feed. */
export function OpenDataPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: () => api.get<Catalog>("/catalog") });
  const datasets = catalog.data?.dataset ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t("openData.title")}</Title>
        <Text c="dark.4">{t("openData.lead")}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder component="section" aria-labelledby="od-catalog">
          <Title order={2} size="h4" id="od-catalog">{t("openData.catalog")}</Title>
          <Text size="sm" my="xs">{t("openData.catalogText")}</Text>
          <Anchor href={`${API_BASE}/catalog`} data-testid="open-data-catalog-link"><Code>GET {API_BASE}/catalog</Code></Anchor>
        </Card>
        <Card withBorder component="section" aria-labelledby="od-api">
          <Title order={2} size="h4" id="od-api">{t("openData.api")}</Title>
          <Text size="sm" my="xs">{t("openData.apiText")}</Text>
          <Anchor href="/api/docs" data-testid="open-data-api-docs-link">{t("openData.apiDocs")}</Anchor>
        </Card>
        <Card withBorder component="section" aria-labelledby="od-events">
          <Title order={2} size="h4" id="od-events">{t("openData.events")}</Title>
          <Text size="sm" my="xs">{t("openData.eventsText")}</Text>
          <Code data-testid="open-data-events">GET {API_BASE}/events?after=&lt;cursor&gt;</Code>
        </Card>
      </SimpleGrid>

      <section aria-labelledby="od-datasets">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="od-datasets">{t("openData.datasets")}</Title>
          <ExportButtons
            disabled={!datasets.length}
            testId="open-data-export"
            table={() => ({
              fileName: "open-data-catalog",
              header: ["identifier", "title_th", "title_en", "theme", "license", "modified", "media_types", "access_urls"],
              rows: datasets.map((d) => [d.identifier, d.title.th, d.title.en, d.theme.join("; "), d.license, d.modified, d.distribution.map((x) => x.mediaType).join("; "), d.distribution.map((x) => x.accessURL).join(" ")]),
            })}
          />
        </Group>
        <ErrorAlert error={catalog.error} />
        {catalog.isPending ? (
          <PageLoader />
        ) : (
          <div className="table-scroll">
            <Table striped data-testid="open-data-datasets" style={{ minWidth: 720 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("openData.dataset")}</Table.Th>
                  <Table.Th>{t("openData.distributions")}</Table.Th>
                  <Table.Th>{t("openData.modified")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {datasets.map((d) => (
                  <Table.Tr key={d.identifier} data-testid="open-data-dataset">
                    <Table.Td>
                      <Text fw={700} size="sm">{f.pick(d.title.th, d.title.en)}</Text>
                      <Text size="xs" c="dark.4">{f.pick(d.description.th, d.description.en)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={2}>
                        {d.distribution.map((x) => (
                          <List.Item key={x.accessURL}>
                            <Anchor href={x.downloadURL ?? x.accessURL}>{x.title}</Anchor> <Text span size="xs" c="dark.4">({x.mediaType})</Text>
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{d.modified ? f.date(d.modified) : "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        <Text size="xs" c="dark.4" mt="xs">{t("openData.license")}</Text>
      </section>
    </Stack>
  );
}
