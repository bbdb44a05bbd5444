import { useMemo } from "react";
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { FilterableList } from "../../ui/FilterableList.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { provincesQuery } from "../provinces/queries.js";
import { readableProvinces } from "./provinces.js";

const collator = new Intl.Collator(["th", "en"]);

/** The cockpit for those who read several provinces (OPDC, the deputy PM's office, the PMOC): choose one, the 2024 pilots first. */
export function CockpitIndexPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const provinces = useQuery(provincesQuery);
  const readable = useMemo(() => readableProvinces(me.data, provinces.data ?? []).sort((a, b) => collator.compare(f.name(a), f.name(b))), [me.data, provinces.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  if (me.isPending || provinces.isPending) return <PageLoader />;
  if (provinces.error) return <ErrorAlert error={provinces.error} />;
  const pilots = readable.filter((p) => p.pilot2024);
  const others = readable.filter((p) => !p.pilot2024);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} data-testid="cockpit-index-title">{t("cockpit.indexTitle")}</Title>
        <Text c="dark.4">{t("cockpit.indexIntro")}</Text>
      </div>
      {readable.length === 0 && <Text data-testid="cockpit-no-province">{t("cockpit.noProvince")}</Text>}
      {pilots.length > 0 && (
        <section aria-labelledby="cockpit-pilots-title">
          <Title order={2} size="h3" id="cockpit-pilots-title" mb="sm">{t("cockpit.pilotProvinces")}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm" data-testid="cockpit-pilots">
            {pilots.map((p) => (
              <Card key={p.code} withBorder padding="sm">
                <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: p.code }} fw={700} size="lg" data-testid="cockpit-province-link">{f.name(p)}</AnchorLink>
                <Group gap={4} mt={4}>
                  <Badge variant="outline" color="gray.8" c="dark.9" size="sm">{t("cockpit.pilot2024")}</Badge>
                </Group>
                <Text size="xs" c="dark.4" mt={4}>{f.name(p.region)}</Text>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="cockpit-others-title">
          <Title order={2} size="h3" id="cockpit-others-title" mb="sm">{pilots.length ? t("cockpit.otherProvinces") : t("cockpit.provinces")}</Title>
          <FilterableList
            items={others}
            text={(p) => `${p.nameTh} ${p.nameEn} ${p.code}`}
            keyOf={(p) => p.code}
            label={t("cockpit.filterProvinces")}
            cols={{ base: 1, xs: 2, md: 3, lg: 4 }}
            initial={80}
            testId="cockpit-other-provinces"
            render={(p) => (
              <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: p.code }}>{f.name(p)}</AnchorLink>
            )}
          />
        </section>
      )}
    </Stack>
  );
}
