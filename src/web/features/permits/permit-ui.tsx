import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PermitListItem, PermitRoute, PermitStatus } from "../../../modules/delegation/contracts-permits.js";
import { useFormat, type Format } from "../../app/format.js";
import { AnchorLink } from "../../ui/links.js";

export const PERMIT_STATUSES: readonly PermitStatus[] = ["received", "under-review", "approved", "refused", "withdrawn"];
export const PERMIT_ROUTES: readonly PermitRoute[] = ["delegated", "central"];

const STATUS_LOOK: Record<PermitStatus, { color: string; icon: string }> = {
  received: { color: "blue.9", icon: "○" },
  "under-review": { color: "orange.9", icon: "◷" },
  approved: { color: "green.9", icon: "✓" },
  refused: { color: "red.9", icon: "✕" },
  withdrawn: { color: "gray.8", icon: "↩" },
};

/** The status in words with an icon (never colour alone). */
export function PermitStatusBadge({ status, size = "md" }: { status: PermitStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="outline" color={look.color} size={size} leftSection={<Text span c={look.color} aria-hidden="true">{look.icon}</Text>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="permit-status" data-status={status}>
      {t(`permits.status.${status}`)}
    </Badge>
  );
}

const ROUTE_LOOK: Record<PermitRoute, { color: string; icon: string }> = {
  delegated: { color: "teal.9", icon: "⌂" },
  central: { color: "indigo.9", icon: "⇧" },
};

/** Decided in the province (under a delegation) or by the central authority: words and an icon. */
export function RouteBadge({ route, size = "md" }: { route: PermitRoute; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = ROUTE_LOOK[route];
  return (
    <Badge variant="outline" color={look.color} size={size} leftSection={<Text span c={look.color} fw={700} aria-hidden="true">{look.icon}</Text>} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid="permit-route" data-route={route}>
      {t(`permits.route.${route}`)}
    </Badge>
  );
}

/** "⚠ overdue": shown beside the due date of an open application past it. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="red.9" size="md" leftSection={<span aria-hidden="true">⚠</span>} styles={{ label: { color: "var(--mantine-color-red-9)" } }} style={{ textTransform: "none", borderWidth: 2 }} data-testid="permit-overdue">
      {t("permits.overdue")}
    </Badge>
  );
}

/** Business days in the current language, to two decimals at most (medians and percentiles interpolate). */
export function days(f: Format, n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: 2 }).format(n);
}

export function share(f: Format, x: number | null | undefined): string {
  if (x === null || x === undefined) return "—";
  return new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(x);
}

/** Open: "11 business days left" / "due today" / "⚠ overdue · by 9 business days"; closed: the turnaround. */
export function DueState({ p }: { p: Pick<PermitListItem, "status" | "daysLeft" | "overdue" | "turnaroundDays" | "slaDays"> }) {
  const { t } = useTranslation();
  if (p.daysLeft === null) {
    if (p.turnaroundDays === null) return <Text span size="sm" c="dark.4">—</Text>;
    return (
      <div data-testid="permit-turnaround">
        <Text size="sm">{t("permits.tookDays", { count: p.turnaroundDays })}</Text>
        {p.turnaroundDays > p.slaDays && <Text size="xs" c="red.9"><span aria-hidden="true">⚠ </span>{t("permits.overSla")}</Text>}
      </div>
    );
  }
  if (p.overdue || p.daysLeft < 0) {
    return (
      <Stack gap={2} align="flex-start" data-testid="permit-days-left" data-overdue="true">
        <OverdueBadge />
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>{t("permits.overdueBy", { count: Math.abs(p.daysLeft) })}</Text>
      </Stack>
    );
  }
  return (
    <Text span size="sm" data-testid="permit-days-left" data-overdue="false" style={{ whiteSpace: "nowrap" }}>
      {p.daysLeft === 0 ? t("permits.dueToday") : t("permits.daysLeft", { count: p.daysLeft })}
    </Text>
  );
}

/** The instrument behind a delegated decision: its page is /delegation/instruments/:id. */
export function InstrumentLink({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <AnchorLink to="/delegation/instruments/$id" params={{ id }} data-testid="permit-instrument-link">
      {children}
    </AnchorLink>
  );
}

/** Province · district in the current language. */
export function placeOf(f: Format, p: Pick<PermitListItem, "provinceNameTh" | "provinceNameEn" | "districtNameTh" | "districtNameEn">): string {
  const province = f.pick(p.provinceNameTh, p.provinceNameEn);
  return p.districtNameTh ? `${province} · ${f.pick(p.districtNameTh, p.districtNameEn)}` : province;
}

/** The power's code and name, compact. */
export function PowerName({ code, nameTh, nameEn }: { code: string; nameTh: string; nameEn: string }) {
  const f = useFormat();
  return (
    <span>
      <Text span fw={700} inherit style={{ whiteSpace: "nowrap" }}>{code}</Text> {f.pick(nameTh, nameEn)}
    </span>
  );
}
