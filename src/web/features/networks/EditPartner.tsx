import { useState } from "react";
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PARTNER_KINDS, type PartnerView } from "../../../modules/networks/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { OrganizationPicker } from "../../ui/pickers.js";

const formOf = (p: PartnerView) => ({ kind: p.kind, nameTh: p.nameTh, nameEn: p.nameEn, registryOrgId: p.registryOrgId ?? "", website: p.website ?? "", focusTh: p.focusTh, focusEn: p.focusEn });

/** "Edit partner" for those who manage the province's network: a form in a modal, sent with the version it was read at. */
export function EditPartner({ partner }: { partner: PartnerView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState(() => formOf(partner));
  const m = useMutation({
    mutationFn: () =>
      api.patch<PartnerView>(`/partners/${seg(partner.id)}`, {
        version: partner.version,
        kind: v.kind,
        nameTh: v.nameTh,
        nameEn: v.nameEn,
        registryOrgId: v.registryOrgId || null,
        website: v.website.trim() || null,
        focusTh: v.focusTh,
        focusEn: v.focusEn,
      }),
    onSuccess: (saved) => {
      qc.setQueryData(["partner", partner.id], saved);
      void qc.invalidateQueries({ queryKey: ["partner", partner.id] });
      void qc.invalidateQueries({ queryKey: ["networks"] });
      void qc.invalidateQueries({ queryKey: ["history"] });
      setOpen(false);
    },
  });
  const conflict = isApiError(m.error, 409) && m.error.code === "networks.partner-version-conflict";
  const err = (path: string) => (isApiError(m.error) ? m.error.fieldError(path, f.lang) : undefined);
  const start = () => {
    setV(formOf(partner));
    m.reset();
    setOpen(true);
  };
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ["partner", partner.id] });
    const fresh = qc.getQueryData<PartnerView>(["partner", partner.id]);
    if (fresh) setV(formOf(fresh));
    m.reset();
  };
  return (
    <>
      <Button variant="light" size="xs" onClick={start} data-testid="partner-edit-open">{t("networks.edit")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("networks.editTitle")} size="lg">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t("networks.kind")} data={PARTNER_KINDS.map((k) => ({ value: k, label: t(`networks.kinds.${k}`) }))} value={v.kind} onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })} allowDeselect={false} required error={err("kind")} data-testid="partner-edit-kind" />
            <TextInput label={t("networks.nameTh")} required value={v.nameTh} onChange={(e) => setV({ ...v, nameTh: e.currentTarget.value })} error={err("nameTh")} data-testid="partner-edit-name-th" />
            <TextInput label={t("networks.nameEn")} value={v.nameEn} onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })} error={err("nameEn")} data-testid="partner-edit-name-en" />
            <TextInput type="url" label={t("networks.website")} placeholder="https://" value={v.website} onChange={(e) => setV({ ...v, website: e.currentTarget.value })} error={err("website")} data-testid="partner-edit-website" />
            <TextInput label={t("networks.focusTh")} value={v.focusTh} onChange={(e) => setV({ ...v, focusTh: e.currentTarget.value })} error={err("focusTh")} data-testid="partner-edit-focus-th" />
            <TextInput label={t("networks.focusEn")} value={v.focusEn} onChange={(e) => setV({ ...v, focusEn: e.currentTarget.value })} error={err("focusEn")} data-testid="partner-edit-focus-en" />
          </SimpleGrid>
          <OrganizationPicker label={t("networks.registryOrg")} provinceCode={partner.provinceCode} value={v.registryOrgId} onChange={(registryOrgId) => setV({ ...v, registryOrgId })} testId="partner-edit-registry-org" />
          {err("registryOrgId") && <Text size="sm" c="red.8" role="alert">{err("registryOrgId")}</Text>}
          <Text size="xs" c="dark.4">{t("networks.noPersonalData")}</Text>
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" title={t("errors.title")} data-testid="partner-edit-conflict">
              <Text size="sm">{t("networks.editConflict")}</Text>
              <Button size="compact-sm" variant="default" mt="xs" onClick={() => void reload()} data-testid="partner-edit-reload">{t("networks.editReload")}</Button>
            </Alert>
          ) : (
            <ErrorAlert error={m.error} />
          )}
          <Group>
            <Button onClick={() => m.mutate()} loading={m.isPending} disabled={!v.nameTh.trim() || conflict} data-testid="partner-edit-submit">{t("networks.editSave")}</Button>
            <Button variant="default" onClick={() => setOpen(false)}>{t("networks.editCancel")}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
