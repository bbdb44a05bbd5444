import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { RoleId } from "../../../modules/accounts/contracts.js";

export function RoleSelect({ value, onChange, error, required = true }: { value: string | null; onChange: (v: string | null) => void; error?: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("admin.role")}
      data={RoleId.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      value={value}
      onChange={onChange}
      searchable
      required={required}
      error={error}
      data-testid="role-select"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
