import { useState } from "react";
import { Button, Card, NumberInput, Select, SimpleGrid, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProcurementDetail } from "../../../modules/planning/contracts-procurement.js";
import { api } from "../../app/api.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ProjectPicker } from "../../ui/pickers.js";
import { CATEGORIES, METHODS } from "./procurement-ui.js";

/** Plans a procurement for a project (its owner's staff): title, method, category and planned value. */
export function NewProcurementForm({ projectId: initial }: { projectId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [v, setV] = useState({ projectId: initial ?? "", titleTh: "", method: "open", methodDetailsTh: "", category: "works", plannedValue: "" as number | string });
  const create = useMutation({
    mutationFn: () => api.post<ProcurementDetail>("/planning/procurements", { ...v, plannedValue: Number(v.plannedValue), methodDetailsTh: v.methodDetailsTh || undefined }),
    onSuccess: (p) => void navigate({ to: "/planning/procurement/$id", params: { id: p.id } }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-procurement-title" data-testid="new-procurement">
      <Title order={2} size="h4" id="new-procurement-title" mb="xs">{t("planningProcurement.create.title")}</Title>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <ProjectPicker label={t("planningProcurement.create.projectId")} description={t("planningProcurement.create.projectHint")} value={v.projectId} onChange={(projectId) => setV({ ...v, projectId })} required testId="new-projectId" />
          <TextInput label={t("planningProcurement.titleLabel")} value={v.titleTh} onChange={(e) => setV({ ...v, titleTh: e.currentTarget.value })} required data-testid="new-title" />
          <NumberInput label={t("planningProcurement.plannedValue")} value={v.plannedValue} onChange={(x) => setV({ ...v, plannedValue: x })} min={0} decimalScale={2} thousandSeparator="," required data-testid="new-planned" />
          <Select label={t("planningProcurement.methodLabel")} data={METHODS.map((m) => ({ value: m, label: t(`planningProcurement.method.${m}`) }))} value={v.method} onChange={(x) => x && setV({ ...v, method: x })} allowDeselect={false} data-testid="new-method" />
          <TextInput label={t("planningProcurement.methodDetails")} placeholder="e-bidding / เฉพาะเจาะจง" value={v.methodDetailsTh} onChange={(e) => setV({ ...v, methodDetailsTh: e.currentTarget.value })} data-testid="new-method-details" />
          <Select label={t("planningProcurement.categoryLabel")} data={CATEGORIES.map((c) => ({ value: c, label: t(`planningProcurement.category.${c}`) }))} value={v.category} onChange={(x) => x && setV({ ...v, category: x })} allowDeselect={false} data-testid="new-category" />
        </SimpleGrid>
        <ErrorAlert error={create.error} />
        <Button type="submit" mt="sm" loading={create.isPending} data-testid="new-submit">{t("planningProcurement.create.submit")}</Button>
      </form>
    </Card>
  );
}
