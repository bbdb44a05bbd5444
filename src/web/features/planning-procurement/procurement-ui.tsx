import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProcurementStage } from "../../../modules/planning/contracts-procurement.js";

export const STAGES: readonly ProcurementStage[] = ["planning", "tender", "award", "contract", "implementation", "complete", "cancelled", "unsuccessful"];
export const FLOW: readonly ProcurementStage[] = ["planning", "tender", "award", "contract", "implementation", "complete"];
export const METHODS = ["open", "selective", "limited", "direct"] as const;
export const CATEGORIES = ["goods", "works", "services"] as const;

const COLOR: Record<ProcurementStage, string> = { planning: "gray.8", tender: "blue.9", award: "indigo.9", contract: "teal.9", implementation: "cyan.9", complete: "green.9", cancelled: "red.9", unsuccessful: "orange.9" };
const ICON: Record<ProcurementStage, string> = { planning: "○", tender: "◔", award: "◑", contract: "◕", implementation: "◕", complete: "●", cancelled: "✕", unsuccessful: "!" };

/** The stage as a word with an icon (never colour alone). */
export function StageBadge({ stage }: { stage: ProcurementStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={COLOR[stage]} c="dark.9" data-testid="procurement-stage" data-stage={stage}>
      <span aria-hidden="true">{ICON[stage]} </span>
      {t(`planningProcurement.stage.${stage}`)}
    </Badge>
  );
}

/** Baht as the numeric(16,2) text from the API, with Thai (or English) digit grouping and the unit. */
export function useBaht() {
  const { t, i18n } = useTranslation();
  return (s: string | null | undefined) => (s === null || s === undefined ? "—" : `${Number(s).toLocaleString(i18n.language === "en" ? "en-GB" : "th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${t("planningProcurement.baht")}`);
}
