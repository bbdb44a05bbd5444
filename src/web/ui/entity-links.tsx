import { Group } from "@mantine/core";
import type { AreaSummary, OrganizationSummary, PersonSummary } from "../../modules/registry/contracts.js";
import { useFormat } from "../app/format.js";
import { AnchorLink } from "./links.js";
import { DemoBadge } from "./badges.js";

/** Provinces have their own page; every other area uses the generic area page. */
export function AreaLink({ area }: { area: Pick<AreaSummary, "id" | "classification" | "code" | "nameTh" | "nameEn"> }) {
  const f = useFormat();
  if (area.classification === "province") {
    return (
      <AnchorLink to="/provinces/$code" params={{ code: area.code }}>
        {f.name(area)}
      </AnchorLink>
    );
  }
  return (
    <AnchorLink to="/areas/$id" params={{ id: area.id }}>
      {f.name(area)}
    </AnchorLink>
  );
}

export function OrgLink({ org, withBadge = true }: { org: Pick<OrganizationSummary, "id" | "nameTh" | "nameEn" | "isDemo">; withBadge?: boolean }) {
  const f = useFormat();
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ display: "inline-flex" }}>
      <AnchorLink to="/organizations/$id" params={{ id: org.id }}>
        {f.name(org)}
      </AnchorLink>
      {withBadge && <DemoBadge isDemo={org.isDemo} />}
    </Group>
  );
}

export function personName(p: Pick<PersonSummary, "honorificTh" | "nameTh" | "nameEn">, lang: "th" | "en"): string {
  if (lang === "en") return p.nameEn || p.nameTh;
  return [p.honorificTh, p.nameTh].filter(Boolean).join(" ");
}

export function PersonLink({ person, withBadge = true }: { person: PersonSummary; withBadge?: boolean }) {
  const f = useFormat();
  return (
    <Group gap={6} wrap="wrap" component="span" style={{ display: "inline-flex" }}>
      <AnchorLink to="/persons/$id" params={{ id: person.id }}>
        {personName(person, f.lang)}
      </AnchorLink>
      {withBadge && <DemoBadge isDemo={person.isDemo} />}
    </Group>
  );
}
