import { NativeSelect, SimpleGrid } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import { provincesQuery } from "../provinces/queries.js";
import { childAreasQuery } from "./queries.js";

export type AreaChoice = { provinceCode: string; districtCode: string; subdistrictCode: string };

/**
 * Province → district → subdistrict as native selects (a phone opens its own large picker); choosing a level clears
 * the ones below it. `levels` 2 stops at the district (the board's filters).
 */
export function AreaSelects({ value, onChange, levels = 3, errors = {}, testIdPrefix, size = "md", cols }: {
  value: AreaChoice;
  onChange: (v: AreaChoice) => void;
  levels?: 2 | 3;
  errors?: Partial<Record<keyof AreaChoice, string | undefined>>;
  testIdPrefix: string;
  size?: "sm" | "md" | "lg";
  cols?: { base: number; sm?: number; md?: number };
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const districts = useQuery(childAreasQuery(value.provinceCode ? `province:${value.provinceCode}` : null, "district"));
  const subdistricts = useQuery({ ...childAreasQuery(value.districtCode ? `district:${value.districtCode}` : null, "subdistrict"), enabled: levels === 3 && !!value.districtCode });
  const byName = <T extends { nameTh: string; nameEn: string }>(xs: readonly T[]) => [...xs].sort((a, b) => f.name(a).localeCompare(f.name(b), f.lang === "th" ? "th" : "en"));
  const none = (label: string) => ({ value: "", label });
  return (
    <SimpleGrid cols={cols ?? { base: 1, sm: levels }} spacing="sm">
      <NativeSelect
        size={size}
        label={t("casesPublic.area.province")}
        value={value.provinceCode}
        onChange={(e) => onChange({ provinceCode: e.currentTarget.value, districtCode: "", subdistrictCode: "" })}
        data={[none(t("casesPublic.area.chooseProvince")), ...byName(provinces.data ?? []).map((p) => ({ value: p.code, label: f.name(p) }))]}
        error={errors.provinceCode}
        data-testid={`${testIdPrefix}-province`}
      />
      <NativeSelect
        size={size}
        label={t("casesPublic.area.district")}
        value={value.districtCode}
        disabled={!value.provinceCode}
        onChange={(e) => onChange({ ...value, districtCode: e.currentTarget.value, subdistrictCode: "" })}
        data={[none(t("casesPublic.area.chooseDistrict")), ...byName(districts.data?.items ?? []).map((a) => ({ value: a.code, label: f.name(a) }))]}
        error={errors.districtCode}
        data-testid={`${testIdPrefix}-district`}
      />
      {levels === 3 && (
        <NativeSelect
          size={size}
          label={t("casesPublic.area.subdistrict")}
          value={value.subdistrictCode}
          disabled={!value.districtCode}
          onChange={(e) => onChange({ ...value, subdistrictCode: e.currentTarget.value })}
          data={[none(t("casesPublic.area.chooseSubdistrict")), ...byName(subdistricts.data?.items ?? []).map((a) => ({ value: a.code, label: f.name(a) }))]}
          error={errors.subdistrictCode}
          data-testid={`${testIdPrefix}-subdistrict`}
        />
      )}
    </SimpleGrid>
  );
}
