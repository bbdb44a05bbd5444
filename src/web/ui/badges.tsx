import { Badge, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Tenure } from "../../modules/registry/contracts.js";
import { useFormat } from "../app/format.js";

/** Marks a record from the demo scenario: text, not colour alone. */
export function DemoBadge({ isDemo }: { isDemo: boolean | undefined }) {
  const { t } = useTranslation();
  if (!isDemo) return null;
  return (
    <Badge variant="outline" color="grape.9" size="md" data-testid="record-demo-badge" title={t("demo.recordHint")}>
      {t("demo.record")}
    </Badge>
  );
}

/** Tenure in years with dates, and a warning when a governor served under the 2 years the seeds ask. */
export function TenureInfo({ tenure, compact = false }: { tenure: Tenure; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const range = `${f.date(tenure.startDate)} – ${tenure.endDate ? f.date(tenure.endDate) : t("tenure.present")}`;
  return (
    <span>
      {!compact && <span>{range} · </span>}
      <span>{t("tenure.years", { years: f.years(tenure.years) })}</span>
      {tenure.ongoing && <> · <span>{t("tenure.ongoing")}</span></>}
      {tenure.shortTenure && (
        <>
          {" "}
          <ShortTenureBadge />
        </>
      )}
    </span>
  );
}

export function ShortTenureBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("tenure.shortHint")} multiline w={260}>
      <Badge color="#9a3412" variant="outline" size="md" data-testid="short-tenure" leftSection={<span aria-hidden="true">⚠</span>}>
        {t("tenure.short")}
      </Badge>
    </Tooltip>
  );
}
