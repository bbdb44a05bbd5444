import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DelegationDetail } from "../../../modules/delegation/contracts.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { boxesFromViews, ChainDiagram, InstrumentTree } from "./ChainDiagram.js";
import { RevokeButton, SubdelegateButton } from "./InstrumentActions.js";
import { provincesQuery } from "../provinces/queries.js";
import { districtsQuery, instrumentQuery } from "./queries.js";
import { InstrumentStatusBadge, PermitBadge, useDelegationFormat, VerifiedBadge } from "./ui.js";

const route = getRouteApi("/delegation/instruments/$id");

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="sm" c="dark.4">{label}</Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

/** Where an instrument reaches: a district, a province, or every province. */
function Place({ provinceCode, districtCode }: { provinceCode: string | null; districtCode: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const districts = useQuery({ ...districtsQuery(provinceCode ?? ""), enabled: !!provinceCode && !!districtCode });
  if (!provinceCode) return <>{t("delegation.instrumentPage.everyProvince")}</>;
  const province = provinces.data?.find((p) => p.code === provinceCode);
  const district = districts.data?.items.find((x) => x.code === districtCode);
  return (
    <>
      {districtCode && (
        <>
          <AnchorLink to="/areas/$id" params={{ id: `district:${districtCode}` }}>{district ? f.name(district) : districtCode}</AnchorLink>
          {", "}
        </>
      )}
      <AnchorLink to="/provinces/$code" params={{ code: provinceCode }}>{province ? f.name(province) : provinceCode}</AnchorLink>
    </>
  );
}

/** One delegation instrument: its terms, its standing today, the chain it hangs in (ancestors, itself, onward delegations), actions and history. */
export function InstrumentPage() {
  const { id } = route.useParams();
  const q = useQuery(instrumentQuery(id));
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <InstrumentView d={q.data} />;
}

function InstrumentView({ d }: { d: DelegationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const df = useDelegationFormat();
  const thai = f.lang === "en" ? "th" : undefined;
  const pick = (th: string, en: string) => f.pick(th, en);
  const chain = boxesFromViews([...d.ancestors, d], pick, { source: t("delegation.chain.source"), current: t("delegation.chain.this") }, d.id, f.pick(d.power.centralAuthorityTh, d.power.centralAuthorityEn));
  const cascadedFrom = d.cascadedFromId ? [...d.ancestors].find((a) => a.id === d.cascadedFromId) : undefined;
  return (
    <Stack gap="lg">
      <div>
        <Text size="sm" c="dark.4">
          <AnchorLink to="/delegation">{t("delegation.title")}</AnchorLink> / <AnchorLink to="/delegation" search={{ view: "instruments", power: d.powerCode }}>{d.powerCode}</AnchorLink>
        </Text>
        <Group gap="sm" mt="xs">
          <InstrumentStatusBadge status={d.status} size="md" />
          <DemoBadge isDemo={d.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="instrument-title" lang={thai}>
          {d.instrumentNo}
        </Title>
        <Text size="lg" data-testid="instrument-summary">
          {t("delegation.instrumentPage.summary", { from: pick(d.delegatorLabelTh, d.delegatorLabelEn), to: pick(d.delegateLabelTh, d.delegateLabelEn) })}
        </Text>
        <Group gap="sm" mt="sm">
          <SubdelegateButton d={d} />
          <RevokeButton d={d} />
        </Group>
      </div>

      {d.status === "revoked" && d.revokedFrom && (
        <Card withBorder style={{ borderColor: "var(--mantine-color-red-9)", borderWidth: 2 }} data-testid="instrument-revoked">
          <Text fw={700}><span aria-hidden="true">✕ </span>{t("delegation.revokedFrom", { date: f.date(d.revokedFrom) })}</Text>
          {d.revokeReasonTh && <Text size="sm">{t("delegation.instrumentPage.reason")}: <span lang={thai}>{d.revokeReasonTh}</span></Text>}
          {d.cascadedFromId && (
            <Text size="sm">
              {t("delegation.instrumentPage.cascadedFrom")}{" "}
              <AnchorLink to="/delegation/instruments/$id" params={{ id: d.cascadedFromId }} lang={thai}>{cascadedFrom?.instrumentNo ?? d.cascadedFromId}</AnchorLink>
            </Text>
          )}
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="terms-title" data-testid="instrument-terms">
        <Title order={2} size="h3" id="terms-title" mb="sm">{t("delegation.instrumentPage.terms")}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <Fact label={t("delegation.power")}>
            <Text>{d.powerCode} · {pick(d.powerNameTh, d.powerNameEn)}</Text>
            <Group gap={4} mt={2}>
              {d.power.isPermit && <PermitBadge />}
              <VerifiedBadge verified={d.power.verified} />
            </Group>
          </Fact>
          <Fact label={t("delegation.delegator")}>{pick(d.delegatorLabelTh, d.delegatorLabelEn)}</Fact>
          <Fact label={t("delegation.delegate")} testId="instrument-delegate">
            {pick(d.delegateLabelTh, d.delegateLabelEn)}
            <Text size="sm" c="dark.4">{df.role(d.delegateRole)}</Text>
          </Fact>
          <Fact label={t("delegation.area")}>
            <Place provinceCode={d.provinceCode} districtCode={d.districtCode} />
          </Fact>
          <Fact label={t("delegation.cap")} testId="instrument-cap">{df.cap(d.amountCap)}</Fact>
          <Fact label={t("delegation.instrumentPage.dated")}>{f.date(d.instrumentDate)}</Fact>
          <Fact label={t("delegation.period")}>{df.period(d.effectiveFrom, d.effectiveTo)}</Fact>
          <Fact label={t("delegation.instrumentPage.onward")}>{t(d.maySubdelegate ? "delegation.instrumentPage.onwardYes" : "delegation.instrumentPage.onwardNo")}</Fact>
          <Fact label={t("delegation.centralAuthority")}>{f.pick(d.power.centralAuthorityTh || d.power.centralOrgNameTh, d.power.centralAuthorityEn || d.power.centralOrgNameEn)}</Fact>
        </SimpleGrid>
        {d.conditionsTh && (
          <Text mt="md">
            <b>{t("delegation.instrumentPage.conditions")}</b>: <span lang={thai}>{d.conditionsTh}</span>
          </Text>
        )}
        <Text mt="sm" size="sm">
          <b>{t("delegation.legalBasis")}</b>: <span lang={f.lang === "en" && !d.power.legalBasisEn ? "th" : undefined}>{f.pick(d.power.legalBasisTh, d.power.legalBasisEn)}</span>
        </Text>
        <AnchorLink to="/delegation/authority" search={{ power: d.powerCode, province: d.provinceCode ?? undefined, district: d.districtCode ?? undefined }} size="sm" mt="xs" display="inline-block">
          {t("delegation.instrumentPage.ask")}
        </AnchorLink>
      </Card>

      <Card withBorder component="section" aria-labelledby="chain-title" data-testid="instrument-chain">
        <Title order={2} size="h3" id="chain-title" mb="xs">{t("delegation.instrumentPage.chain")}</Title>
        <Text size="sm" c="dark.4" mb="sm">{t("delegation.instrumentPage.chainHint")}</Text>
        <ChainDiagram boxes={chain} label={t("delegation.instrumentPage.chain")} linkCurrent={false} />
        <Title order={3} size="h4" mt="lg" id="onward-title">
          {t("delegation.instrumentPage.onwardTitle", { n: f.number(d.descendants.length) })}
        </Title>
        {d.descendants.length ? (
          <InstrumentTree rootId={d.id} items={d.descendants} labelledBy="onward-title" />
        ) : (
          <Text size="sm" c="dark.4" data-testid="no-onward">{t("delegation.instrumentPage.noOnward")}</Text>
        )}
      </Card>

      <HistoryPanel entityType="delegation" entityId={d.id} allowed={d.may.history} />
    </Stack>
  );
}
