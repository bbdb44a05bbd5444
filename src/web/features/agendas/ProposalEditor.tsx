import { useState } from "react";
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { HppTool, type ProposalContent, type ProposalItem, type ProposalKpi, type ProposalVersionView } from "../../../modules/strategy/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

const newKey = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const num = (v: number | string): number | null => (typeof v === "number" ? v : v.trim() === "" || Number.isNaN(Number(v)) ? null : Number(v));

type ListName = "goals" | "methods" | "benefits";
const PREFIX: Record<ListName, string> = { goals: "g", methods: "m", benefits: "b" };

/** Edits the whole proposal (the current draft, or the next version after a return) and saves it as a draft. */
export function ProposalEditor({ assignmentId, initial, nextVersion, onDone }: { assignmentId: string; initial: ProposalContent; nextVersion: number; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [c, setC] = useState<ProposalContent>(initial);
  const save = useMutation({
    mutationFn: () => api.put<ProposalVersionView>(`/agenda-assignments/${seg(assignmentId)}/proposal`, c),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["agenda-assignments"] });
      onDone();
    },
  });
  const err = (path: string) => (isApiError(save.error) ? save.error.fieldError(path, f.lang) : undefined);
  const setList = (name: ListName, items: ProposalItem[]) => setC((x) => ({ ...x, [name]: items }));
  const setKpi = (i: number, patch: Partial<ProposalKpi>) => setC((x) => ({ ...x, kpis: x.kpis.map((k, j) => (j === i ? { ...k, ...patch } : k)) }));
  const setSupport = (patch: Partial<ProposalContent["support"]>) => setC((x) => ({ ...x, support: { ...x.support, ...patch } }));

  const textList = (name: ListName) => (
    <Card withBorder component="fieldset" aria-labelledby={`edit-${name}`}>
      <Title order={3} size="h4" id={`edit-${name}`} mb="xs">{t(`agendas.section.${name}`)}</Title>
      <Stack gap="sm">
        {c[name].map((item, i) => (
          <Group key={item.key} align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={4} style={{ flex: 1 }}>
              <Textarea label={t(`agendas.edit.${name}Item`, { n: i + 1 })} value={item.textTh} autosize minRows={1} maxLength={2000} required error={err(`${name}.${i}.textTh`)} onChange={(e) => setList(name, c[name].map((x, j) => (j === i ? { ...x, textTh: e.currentTarget.value } : x)))} />
              <TextInput label={t("agendas.edit.inEnglish")} size="xs" value={item.textEn} maxLength={2000} onChange={(e) => setList(name, c[name].map((x, j) => (j === i ? { ...x, textEn: e.currentTarget.value } : x)))} />
            </Stack>
            <Button variant="default" size="xs" mt={28} onClick={() => setList(name, c[name].filter((_, j) => j !== i))} aria-label={t("agendas.edit.removeN", { n: i + 1 })}>{t("agendas.edit.remove")}</Button>
          </Group>
        ))}
        {err(name) && <Text c="red.9" size="sm">{err(name)}</Text>}
        <Button variant="light" onClick={() => setList(name, [...c[name], { key: newKey(PREFIX[name]), textTh: "", textEn: "" }])} style={{ alignSelf: "flex-start" }} data-testid={`add-${name}`}>
          {t(`agendas.edit.add.${name}`)}
        </Button>
      </Stack>
    </Card>
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="proposal-editor"
    >
      <Stack gap="md">
        <Title order={2} size="h3">{t("agendas.edit.title", { n: nextVersion })}</Title>
        <NumberInput label={t("agendas.field.startYear")} description={t("agendas.edit.startYearHint")} value={c.startYear ?? ""} min={2500} max={2700} allowDecimal={false} w={260} error={err("startYear")} onChange={(v) => setC((x) => ({ ...x, startYear: num(v) }))} />
        {textList("goals")}
        {textList("methods")}
        <Card withBorder component="fieldset" aria-labelledby="edit-tools">
          <Title order={3} size="h4" id="edit-tools" mb="xs">{t("agendas.section.tools")}</Title>
          <Stack gap="sm">
            {HppTool.options.map((tool) => {
              const chosen = c.tools.find((x) => x.tool === tool);
              return (
                <Stack key={tool} gap={4}>
                  <Checkbox label={t(`agendas.tools.${tool}`)} checked={!!chosen} onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setC((x) => ({ ...x, tools: on ? [...x.tools, { tool, howTh: "", howEn: "" }] : x.tools.filter((y) => y.tool !== tool) }));
                  }} data-testid={`tool-${tool}`} />
                  {chosen && (
                    <Textarea label={t("agendas.edit.toolHow")} autosize minRows={1} maxLength={2000} value={chosen.howTh} ml="xl" onChange={(e) => {
                      const howTh = e.currentTarget.value;
                      setC((x) => ({ ...x, tools: x.tools.map((y) => (y.tool === tool ? { ...y, howTh } : y)) }));
                    }} />
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Card>
        <Card withBorder component="fieldset" aria-labelledby="edit-kpis">
          <Title order={3} size="h4" id="edit-kpis" mb="xs">{t("agendas.section.kpis")}</Title>
          <Stack gap="md">
            {c.kpis.map((k, i) => (
              <Card key={k.key} withBorder bg="gray.0">
                <Text fw={700} mb={4}>{t("agendas.edit.kpiN", { n: i + 1 })}</Text>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
                  <TextInput label={t("agendas.kpi.name")} value={k.nameTh} required maxLength={500} error={err(`kpis.${i}.nameTh`)} onChange={(e) => setKpi(i, { nameTh: e.currentTarget.value })} style={{ gridColumn: "span 2" }} />
                  <TextInput label={t("agendas.edit.inEnglish")} value={k.nameEn} maxLength={500} onChange={(e) => setKpi(i, { nameEn: e.currentTarget.value })} style={{ gridColumn: "span 2" }} />
                  <TextInput label={t("agendas.kpi.unit")} value={k.unit} required maxLength={60} error={err(`kpis.${i}.unit`)} onChange={(e) => setKpi(i, { unit: e.currentTarget.value })} />
                  <Select label={t("agendas.kpi.direction")} data={(["higher", "lower"] as const).map((d) => ({ value: d, label: t(`agendas.kpi.${d}`) }))} value={k.direction} allowDeselect={false} onChange={(v) => v && setKpi(i, { direction: v as ProposalKpi["direction"] })} />
                  <NumberInput label={t("agendas.kpi.baseline")} value={k.baseline ?? ""} thousandSeparator="," error={err(`kpis.${i}.baseline`)} onChange={(v) => setKpi(i, { baseline: num(v) })} />
                  <NumberInput label={t("agendas.field.baselineYear")} value={k.baselineYear ?? ""} min={2500} max={2700} allowDecimal={false} error={err(`kpis.${i}.baselineYear`)} onChange={(v) => setKpi(i, { baselineYear: num(v) })} />
                  <NumberInput label={t("agendas.field.year1Target")} value={k.year1Target ?? ""} thousandSeparator="," error={err(`kpis.${i}.year1Target`)} onChange={(v) => setKpi(i, { year1Target: num(v) })} />
                  <NumberInput label={t("agendas.field.year2Target")} value={k.year2Target ?? ""} thousandSeparator="," error={err(`kpis.${i}.year2Target`)} onChange={(v) => setKpi(i, { year2Target: num(v) })} />
                </SimpleGrid>
                <Button variant="default" size="xs" mt="xs" onClick={() => setC((x) => ({ ...x, kpis: x.kpis.filter((_, j) => j !== i) }))} aria-label={t("agendas.edit.removeKpiN", { n: i + 1 })} style={{ alignSelf: "flex-start" }}>
                  {t("agendas.edit.remove")}
                </Button>
              </Card>
            ))}
            <Button variant="light" style={{ alignSelf: "flex-start" }} data-testid="add-kpi" onClick={() => setC((x) => ({ ...x, kpis: [...x.kpis, { key: newKey("k"), nameTh: "", nameEn: "", unit: "", direction: "higher", baseline: null, baselineYear: null, year1Target: null, year2Target: null }] }))}>
              {t("agendas.edit.add.kpis")}
            </Button>
          </Stack>
        </Card>
        {textList("benefits")}
        <Card withBorder component="fieldset" aria-labelledby="edit-support">
          <Title order={3} size="h4" id="edit-support" mb="xs">{t("agendas.section.support")}</Title>
          <Stack gap="sm">
            <Textarea label={t("agendas.field.delegationTh")} autosize minRows={2} maxLength={4000} value={c.support.delegationTh} onChange={(e) => setSupport({ delegationTh: e.currentTarget.value })} />
            <TextInput label={t("agendas.field.budgetBaht")} description={t("agendas.edit.budgetHint")} inputMode="decimal" w={300} value={c.support.budgetBaht ?? ""} error={err("support.budgetBaht")} onChange={(e) => {
              const v = e.currentTarget.value.replace(/[,\s]/g, "");
              setSupport({ budgetBaht: v === "" ? null : v });
            }} />
            <NumberInput label={t("agendas.field.personnelCount")} w={200} min={0} max={100000} allowDecimal={false} value={c.support.personnelCount ?? ""} error={err("support.personnelCount")} onChange={(v) => setSupport({ personnelCount: num(v) })} />
            <Textarea label={t("agendas.field.personnelTh")} autosize minRows={1} maxLength={4000} value={c.support.personnelTh} onChange={(e) => setSupport({ personnelTh: e.currentTarget.value })} />
          </Stack>
        </Card>
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="proposal-save">{t("agendas.edit.save")}</Button>
          <Button variant="default" onClick={onDone} data-testid="proposal-cancel">{t("agendas.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
