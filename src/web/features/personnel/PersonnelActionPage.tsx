import { Box, Breadcrumbs, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PersonnelActionView } from "../../../modules/delegation/contracts-personnel.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Bi } from "../agendas/Bi.js";
import { DecidedBy, RouteBadge } from "./PersonnelBadges.js";

const route = getRouteApi("/delegation/personnel/$id");

/** One personnel action: what was done to whom, where, from when, and who decided it under which instrument (or the centre). */
export function PersonnelActionPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["personnel-actions", "detail", id], queryFn: () => api.get<PersonnelActionView>(`/delegation/personnel-actions/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const a = q.data;
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="sm" c="dark.4">{label}</Text>
      <Box fw={600}>{value}</Box>
    </div>
  );
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/delegation/personnel" size="sm">{t("personnel.title")}</AnchorLink>
          <AnchorLink to="/delegation/personnel" search={{ provinceCode: a.provinceCode }} size="sm">{f.pick(a.provinceNameTh, a.provinceNameEn)}</AnchorLink>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <RouteBadge route={a.route} />
          <DemoBadge isDemo={a.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="personnel-action-title">{t(`personnel.kinds.${a.kind}`)}</Title>
        <Text size="lg" fw={600} data-testid="personnel-action-person"><Bi th={a.personName} /> · <Bi th={a.positionTh} /></Text>
      </div>
      <Card withBorder component="section" aria-labelledby="pa-facts">
        <Title order={2} size="h3" id="pa-facts" mb="sm">{t("personnel.record")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {fact(t("personnel.position"), <Bi th={a.positionTh} />)}
          {fact(t("personnel.province"), f.pick(a.provinceNameTh, a.provinceNameEn))}
          {a.fromOrgId && fact(t("personnel.fromOrg"), <AnchorLink to="/organizations/$id" params={{ id: a.fromOrgId }}><Bi th={a.fromOrgNameTh ?? a.fromOrgId} en={a.fromOrgNameEn} /></AnchorLink>)}
          {a.toOrgId && fact(t("personnel.toOrg"), <AnchorLink to="/organizations/$id" params={{ id: a.toOrgId }}><Bi th={a.toOrgNameTh ?? a.toOrgId} en={a.toOrgNameEn} /></AnchorLink>)}
          {fact(t("personnel.effectiveOn"), f.date(a.effectiveOn, "long"))}
          {fact(t("personnel.orderNo"), a.orderNo ? <Bi th={a.orderNo} /> : "–")}
          {fact(t("personnel.power"), <>{a.powerCode} · <Bi th={a.powerNameTh} en={a.powerNameEn} /></>)}
          {fact(t("personnel.legalBasis"), <Bi th={a.legalBasisTh} />)}
          {fact(t("personnel.decidedBy"), <DecidedBy a={a} />)}
          {fact(t("personnel.recordedBy"), <>{f.dateTime(a.createdAt)} · <Bi th={a.createdByName} /></>)}
        </SimpleGrid>
        {a.detailsTh && (
          <Box mt="md">
            {fact(t("personnel.details"), <Bi th={a.detailsTh} />)}
          </Box>
        )}
      </Card>
    </Stack>
  );
}
