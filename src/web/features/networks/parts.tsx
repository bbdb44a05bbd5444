import { useTranslation } from "react-i18next";
import type { AgreementView } from "../../../modules/networks/contracts.js";
import { useFormat } from "../../app/format.js";
import { StatusBadge } from "../committees/parts.js";

/** An MOU's status in words (colour only adds to them): active, active and ending soon (days left), expired, ended early. */
export function AgreementStatusBadge({ a }: { a: Pick<AgreementView, "status" | "expiringSoon" | "daysLeft"> }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (a.status === "active" && a.expiringSoon) return <StatusBadge color="orange.8" testId="agreement-status">{t("networks.agreement.expiringIn", { days: f.number(a.daysLeft ?? 0) })}</StatusBadge>;
  return <StatusBadge color={a.status === "active" ? "green.8" : "gray.7"} testId="agreement-status">{t(`networks.agreement.statuses.${a.status}`)}</StatusBadge>;
}

/** Baht, or a dash for none. */
export function useBaht() {
  const f = useFormat();
  return (amount: string | null | undefined) => (amount === null || amount === undefined ? "—" : f.baht(amount));
}
