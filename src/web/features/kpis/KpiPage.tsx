import { Breadcrumbs, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ChangedAfterPublicInput } from "../participation/ChangedAfterPublicInput.js";
import { provincesQuery } from "../provinces/queries.js";
import { KpiDetailView } from "./KpiDetailView.js";
import { kpiQuery } from "./kpi-ui.js";

const route = getRouteApi("/kpis/$id");

/** A KPI on its own page (the cockpit's "due" links land here): the same view as the cockpit's drawer. */
export function KpiPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery(kpiQuery(id));
  const provinces = useQuery(provincesQuery);
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const k = q.data;
  const province = provinces.data?.find((p) => p.code === k.provinceCode);
  return (
    <Stack gap="md">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/cockpit" size="sm">{t("nav.cockpit")}</AnchorLink>
          {k.provinceCode && (
            <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: k.provinceCode }} size="sm">
              {province ? f.name(province) : k.provinceCode}
            </AnchorLink>
          )}
        </Breadcrumbs>
        <Title order={1} mt={4} data-testid="kpi-title">{f.name(k)}</Title>
      </div>
      <KpiDetailView id={id} />
      <ChangedAfterPublicInput subjectId={id} />
    </Stack>
  );
}
