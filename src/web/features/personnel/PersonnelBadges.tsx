import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CommitteeStatus, PersonnelActionView, PersonnelRoute } from "../../../modules/delegation/contracts-personnel.js";
import { useFormat } from "../../app/format.js";
import { Bi } from "../agendas/Bi.js";
import { AnchorLink } from "../../ui/links.js";

/** Delegated (decided in the province) or central, in words with an icon. */
export function RouteBadge({ route }: { route: PersonnelRoute }) {
  const { t } = useTranslation();
  const delegated = route === "delegated";
  return (
    <Badge variant="light" color={delegated ? "green" : "gray"} c="dark.9" size="sm" leftSection={<span aria-hidden="true">{delegated ? "✓" : "■"}</span>} data-testid="personnel-route" data-route={route}>
      {t(`personnel.routes.${route}`)}
    </Badge>
  );
}

/** Who decided: the post, and the instrument it relied on (linked to the delegation registry's page). */
export function DecidedBy({ a }: { a: PersonnelActionView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ display: "inline-flex" }} data-testid="personnel-decider">
      <Text span size="sm"><Bi th={a.deciderLabelTh} en={a.deciderLabelEn} /></Text>
      {a.deciderDelegationId && a.deciderInstrumentNo ? (
        <Text span size="sm">
          {t("personnel.underInstrument")}{" "}
          <AnchorLink to="/delegation/instruments/$id" params={{ id: a.deciderDelegationId }} size="sm" data-testid="personnel-instrument" lang={f.lang === "en" ? "th" : undefined}>
            {a.deciderInstrumentNo}
          </AnchorLink>
        </Text>
      ) : null}
      <RouteBadge route={a.route} />
    </Group>
  );
}

const COMMITTEE_LOOK: Record<CommitteeStatus, { color: string; icon: string }> = {
  open: { color: "blue", icon: "●" },
  assessed: { color: "violet", icon: "☰" },
  appointed: { color: "blue", icon: "●" },
  decided: { color: "green", icon: "✓" },
};

export function CommitteeStatusBadge({ status, size = "md" }: { status: CommitteeStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const look = COMMITTEE_LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="committee-status" data-status={status}>
      {t(`personnel.committees.statuses.${status}`)}
    </Badge>
  );
}
