import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgreementRoundView } from "../../../modules/performance/contracts.js";
import type { Lang } from "../../i18n/index.js";

/** A round's total with the scheme's decimals (OPDC prints 3.5000 on the five-level scale, 82.500 on PB/PT). */
export function formatScore(lang: Lang, v: number, decimals: number): string {
  return new Intl.NumberFormat(lang === "th" ? "th-TH" : "en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}

/** Live (an open round, may still change) or final (frozen when the round closed): a word and an icon. */
export function ScoreKindBadge({ live }: { live: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant={live ? "outline" : "light"} color={live ? "blue.9" : "gray"} c="dark.9" size="sm" leftSection={<span aria-hidden="true">{live ? "↻" : "■"}</span>} data-testid="score-kind" data-live={live}>
      {t(live ? "agreements.live" : "agreements.frozen")}
    </Badge>
  );
}

const ROUND_LOOK: Record<AgreementRoundView["status"], { color: string; icon: string }> = {
  open: { color: "blue", icon: "○" },
  submitted: { color: "violet", icon: "➜" },
  closed: { color: "gray", icon: "✓" },
};

export function RoundStatusBadge({ status }: { status: AgreementRoundView["status"] }) {
  const { t } = useTranslation();
  const look = ROUND_LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size="sm" leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="round-status" data-status={status}>
      {t(`agreements.roundStatus.${status}`)}
    </Badge>
  );
}
