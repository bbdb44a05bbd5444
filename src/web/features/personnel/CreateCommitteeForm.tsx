import { useState } from "react";
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CommitteeRole, type CommitteeDetail, type CommitteeSummary } from "../../../modules/delegation/contracts-personnel.js";
import { bangkokToday, isIsoDate } from "../../../platform/thai/index.js";
import { api, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { provincesQuery } from "../provinces/queries.js";

type Member = { key: string; name: string; role: string; positionTh: string };
const newKey = () => Math.random().toString(36).slice(2, 8);

/**
 * Appoints a committee: a recruitment committee (for a province's governor post, or a national pool), or the
 * selection committee that decides among a recruitment committee's shortlist. One chair, three members at least.
 */
export function CreateCommitteeForm({ parent, onDone, onCancel }: { parent?: CommitteeSummary; onDone: (c: CommitteeDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const provinces = useQuery(provincesQuery);
  const [kind, setKind] = useState<string>(parent ? "selection" : "recruitment");
  const recruitments = useQuery({
    queryKey: ["committees", "list", "recruitment", "assessed"],
    queryFn: () => api.get<{ items: CommitteeSummary[] }>("/delegation/committees", { kind: "recruitment", limit: 500 }),
    enabled: kind === "selection" && !parent,
  });
  const [parentId, setParentId] = useState<string | null>(parent?.id ?? null);
  const [provinceCode, setProvince] = useState<string | null>(parent?.provinceCode ?? null);
  const [titleTh, setTitleTh] = useState("");
  const [titleEn, setTitleEn] = useState("");
  const [positionTh, setPosition] = useState(parent?.positionTh ?? "");
  const [appointedOn, setAppointedOn] = useState(bangkokToday());
  const [orderNo, setOrderNo] = useState("");
  const [members, setMembers] = useState<Member[]>([
    { key: newKey(), name: "", role: "chair", positionTh: "" },
    { key: newKey(), name: "", role: "member", positionTh: "" },
    { key: newKey(), name: "", role: "secretary", positionTh: "" },
  ]);
  const create = useMutation({
    mutationFn: () =>
      api.post<CommitteeDetail>("/delegation/committees", {
        kind,
        ...(kind === "selection" ? { parentCommitteeId: parentId } : { provinceCode }),
        titleTh: titleTh.trim(),
        titleEn: titleEn.trim(),
        positionTh: positionTh.trim(),
        appointedOn,
        orderNo: orderNo.trim(),
        members: members.map((m) => ({ name: m.name.trim(), role: m.role, positionTh: m.positionTh.trim() })),
      }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ["committees"] });
      onDone(c);
    },
  });
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path, f.lang) : undefined);
  const setMember = (i: number, patch: Partial<Member>) => setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const parents = (recruitments.data?.items ?? []).filter((c) => c.status !== "decided");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      data-testid="committee-form"
    >
      <Card withBorder component="section" aria-labelledby="committee-form-title">
        <Title order={2} size="h3" id="committee-form-title" mb="sm">{parent ? t("personnel.committees.form.selectionTitle") : t("personnel.committees.form.title")}</Title>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {!parent && (
              <Select label={t("personnel.committees.kind")} data={(["recruitment", "selection"] as const).map((k) => ({ value: k, label: t(`personnel.committees.kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v)} allowDeselect={false} required />
            )}
            {kind === "selection" && !parent && (
              <Select label={t("personnel.committees.form.parent")} data={parents.map((c) => ({ value: c.id, label: f.pick(c.titleTh, c.titleEn) }))} value={parentId} onChange={setParentId} searchable required error={err("parentCommitteeId")} />
            )}
            {kind === "recruitment" && (
              <Select label={t("personnel.province")} description={t("personnel.committees.form.provinceHint")} data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={provinceCode} onChange={setProvince} searchable clearable error={err("provinceCode")} />
            )}
            <TextInput label={t("personnel.committees.form.titleTh")} required maxLength={500} value={titleTh} onChange={(e) => setTitleTh(e.currentTarget.value)} error={err("titleTh")} data-testid="committee-title-th" />
            <TextInput label={t("personnel.committees.form.titleEn")} maxLength={500} value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={err("titleEn")} />
            <TextInput label={t("personnel.committees.position")} required maxLength={300} value={positionTh} onChange={(e) => setPosition(e.currentTarget.value)} error={err("positionTh")} />
            <TextInput type="date" label={t("personnel.committees.appointedOn")} required max={bangkokToday()} value={appointedOn} onChange={(e) => setAppointedOn(e.currentTarget.value)} description={isIsoDate(appointedOn) ? f.date(appointedOn, "long") : undefined} error={err("appointedOn")} />
            <TextInput label={t("personnel.orderNo")} required maxLength={120} value={orderNo} onChange={(e) => setOrderNo(e.currentTarget.value)} error={err("orderNo")} />
          </SimpleGrid>
          <Card withBorder component="fieldset" aria-labelledby="members-legend" bg="gray.0">
            <Text fw={700} id="members-legend" mb="xs">{t("personnel.committees.members")}</Text>
            <Stack gap="xs">
              {members.map((m, i) => (
                <Group key={m.key} align="flex-end" gap="xs" wrap="wrap">
                  <TextInput label={t("personnel.committees.form.memberN", { n: i + 1 })} required maxLength={200} value={m.name} onChange={(e) => setMember(i, { name: e.currentTarget.value })} error={err(`members.${i}.name`)} style={{ flex: "2 1 200px" }} />
                  <Select label={t("personnel.committees.form.role")} data={CommitteeRole.options.map((r) => ({ value: r, label: t(`personnel.committees.roles.${r}`) }))} value={m.role} onChange={(v) => v && setMember(i, { role: v })} allowDeselect={false} style={{ flex: "1 1 140px" }} />
                  <TextInput label={t("personnel.committees.form.memberPosition")} maxLength={300} value={m.positionTh} onChange={(e) => setMember(i, { positionTh: e.currentTarget.value })} style={{ flex: "2 1 200px" }} />
                  <Button variant="default" onClick={() => setMembers((ms) => ms.filter((_, j) => j !== i))} disabled={members.length <= 3} aria-label={t("personnel.committees.form.removeN", { n: i + 1 })}>{t("common.remove")}</Button>
                </Group>
              ))}
              {err("members") && <Text c="red.9" size="sm">{err("members")}</Text>}
              <Button variant="light" style={{ alignSelf: "flex-start" }} onClick={() => setMembers((ms) => [...ms, { key: newKey(), name: "", role: "member", positionTh: "" }])}>{t("personnel.committees.form.addMember")}</Button>
            </Stack>
          </Card>
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="committee-save">{t("personnel.committees.form.save")}</Button>
            <Button variant="default" onClick={onCancel}>{t("common.cancel")}</Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
