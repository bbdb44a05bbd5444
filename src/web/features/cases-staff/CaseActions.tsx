import { useState } from "react";
import { Button, Card, FileInput, Group, Modal, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CaseDetail, PhotoView } from "../../../modules/cases/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { AssigneeChoice, caseKey, categoriesQuery, categoryOptions, NOBODY, OPEN, photoSrc, postMultipart, type Assignee } from "./cases-ui.js";

/**
 * An action on the case, sent with the version the page shows: the server refuses it (409) when someone changed the
 * case meanwhile, and the page then reloads the case so the user acts on what is there now.
 */
export function useCaseAction<B, R>(c: CaseDetail, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<R>(`/cases/${seg(c.id)}/${path}`, { ...body, ...(path === "events" ? {} : { version: c.version }) }),
    onSuccess: async (r) => {
      if (r && typeof r === "object" && "timeline" in r) qc.setQueryData(caseKey(c.id), r);
      await qc.invalidateQueries({ queryKey: ["cases"] });
    },
    onError: (e) => {
      if (isApiError(e, 409)) void qc.invalidateQueries({ queryKey: caseKey(c.id) });
    },
  });
}

/** The server's message, and after a 409 a word that the page now shows the current case. */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Stack gap={4}>
      <ErrorAlert error={error} />
      {isApiError(error, 409) && <Text size="sm" c="dark.6" data-testid="case-reloaded">{t("casesStaff.actions.reloaded")}</Text>}
    </Stack>
  );
}

/** What the handler may do now, by the case's status and the reader's rights (the server checks both again). */
export function CaseActions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const open = OPEN.has(c.status) && !c.mergedInto;
  const accept = useCaseAction<object, CaseDetail>(c, "accept");
  const start = useCaseAction<object, CaseDetail>(c, "start");
  const [resolving, setResolving] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [recategorising, setRecategorising] = useState(false);
  const h = c.can.handle;
  return (
    <Card withBorder component="section" aria-labelledby="case-actions-title" data-testid="case-actions">
      <Title order={2} size="h3" id="case-actions-title" mb="xs">{t("casesStaff.actions.title")}</Title>
      <Group gap="sm" wrap="wrap">
        {h && c.status === "received" && <Button onClick={() => accept.mutate({})} loading={accept.isPending} data-testid="case-accept">{t("casesStaff.actions.accept")}</Button>}
        {h && ["received", "accepted", "reopened"].includes(c.status) && !c.mergedInto && (
          <Button variant={c.status === "received" ? "default" : "filled"} onClick={() => start.mutate({})} loading={start.isPending} data-testid="case-start">{t("casesStaff.actions.start")}</Button>
        )}
        {h && ["accepted", "in_progress", "reopened"].includes(c.status) && !c.mergedInto && <Button onClick={() => setResolving(true)} data-testid="case-resolve">{t("casesStaff.actions.resolve")}</Button>}
        {c.can.assign && open && <Button variant="default" onClick={() => setAssigning(true)} data-testid="case-assign">{t("casesStaff.actions.assign")}</Button>}
        {c.can.assign && open && <Button variant="default" onClick={() => setTransferring(true)} data-testid="case-transfer">{t("casesStaff.actions.transfer")}</Button>}
        {h && open && <Button variant="default" onClick={() => setRecategorising(true)} data-testid="case-category">{t("casesStaff.actions.category")}</Button>}
        {!open && <Text size="sm" c="dark.4">{t("casesStaff.actions.closedHint")}</Text>}
      </Group>
      <ActionError error={accept.error ?? start.error} />
      {h && !c.mergedInto && <AddEventForm c={c} />}
      {resolving && <ResolveDialog c={c} onClose={() => setResolving(false)} />}
      {assigning && <AssignDialog c={c} onClose={() => setAssigning(false)} />}
      <TransferDialog c={c} opened={transferring} onClose={() => setTransferring(false)} />
      {recategorising && <CategoryDialog c={c} onClose={() => setRecategorising(false)} />}
    </Card>
  );
}

/** A public update (the reporter and the board read it) or an internal note (handlers only). */
function AddEventForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState("");
  const [visibility, setVisibility] = useState<"public" | "internal">("internal");
  const add = useCaseAction<{ textTh: string; visibility: "public" | "internal" }, unknown>(c, "events");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        add.mutate({ textTh: text.trim(), visibility }, { onSuccess: () => setText("") });
      }}
      data-testid="case-event-form"
      style={{ marginTop: 16 }}
    >
      <Stack gap="xs">
        <Radio.Group label={t("casesStaff.events.kind")} value={visibility} onChange={(v) => setVisibility(v as "public" | "internal")}>
          <Group gap="lg" mt={4}>
            <Radio value="internal" label={t("casesStaff.events.internal")} data-testid="case-event-internal" />
            <Radio value="public" label={t("casesStaff.events.public")} data-testid="case-event-public" />
          </Group>
        </Radio.Group>
        <Textarea
          label={t(visibility === "internal" ? "casesStaff.events.internalText" : "casesStaff.events.publicText")}
          description={t(visibility === "internal" ? "casesStaff.events.internalHint" : "casesStaff.events.publicHint")}
          autosize
          minRows={2}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={isApiError(add.error) ? add.error.fieldError("textTh", f.lang) : undefined}
          data-testid="case-event-text"
        />
        <ActionError error={add.error} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" disabled={!text.trim()} loading={add.isPending} data-testid="case-event-save">{t(visibility === "internal" ? "casesStaff.events.saveInternal" : "casesStaff.events.savePublic")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Resolve with proof: an after-photo uploaded here (then chosen), or a stated reason of at least ten characters. */
function ResolveDialog({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const after = c.photos.filter((p) => p.kind === "after");
  const [proof, setProof] = useState<"photo" | "reason">("photo");
  const [chosen, setChosen] = useState<string>(after[after.length - 1]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const [tried, setTried] = useState(false);
  const upload = useMutation({
    mutationFn: (photo: File) => {
      const form = new FormData();
      form.append("photo", photo, photo.name);
      return postMultipart<PhotoView>(`/cases/${seg(c.id)}/photos`, form);
    },
    onSuccess: async (p) => {
      setChosen(p.id);
      setFile(null);
      await qc.invalidateQueries({ queryKey: caseKey(c.id) });
    },
  });
  const resolve = useCaseAction<{ afterPhotoId?: string; reasonTh?: string; textTh?: string }, CaseDetail>(c, "resolve");
  const problem = proof === "photo" ? (!chosen ? t("casesStaff.resolve.choosePhoto") : null) : reason.trim().length < 10 ? t("casesStaff.resolve.reasonShort") : null;
  return (
    <Modal opened onClose={onClose} title={t("casesStaff.resolve.title", { ref: c.publicRef })} size="lg" closeButtonProps={{ "aria-label": t("common.close") }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problem) return;
          resolve.mutate(
            { ...(proof === "photo" ? { afterPhotoId: chosen } : { reasonTh: reason.trim() }), ...(message.trim() ? { textTh: message.trim() } : {}) },
            { onSuccess: onClose },
          );
        }}
        data-testid="case-resolve-form"
      >
        <Stack gap="sm">
          <Text size="sm">{t("casesStaff.resolve.intro")}</Text>
          <Radio.Group label={t("casesStaff.resolve.proof")} value={proof} onChange={(v) => setProof(v as "photo" | "reason")}>
            <Group gap="lg" mt={4}>
              <Radio value="photo" label={t("casesStaff.resolve.byPhoto")} data-testid="case-resolve-by-photo" />
              <Radio value="reason" label={t("casesStaff.resolve.byReason")} data-testid="case-resolve-by-reason" />
            </Group>
          </Radio.Group>
          {proof === "photo" ? (
            <Stack gap="xs">
              <Group align="flex-end" gap="sm">
                <FileInput label={t("casesStaff.resolve.upload")} description={t("casesStaff.resolve.uploadHint")} accept="image/jpeg,image/png,image/webp,image/heic" value={file} onChange={setFile} clearable style={{ flex: 1 }} data-testid="case-after-file" />
                <Button variant="default" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)} data-testid="case-after-upload">{t("casesStaff.resolve.uploadButton")}</Button>
              </Group>
              <ErrorAlert error={upload.error} />
              {after.length > 0 ? (
                <Radio.Group label={t("casesStaff.resolve.which")} value={chosen} onChange={setChosen}>
                  <SimpleGrid cols={3} mt={4}>
                    {after.map((p, i) => (
                      <Radio
                        key={p.id}
                        value={p.id}
                        data-testid="case-after-choice"
                        label={<img src={photoSrc(c.id, p.id, true)} alt={t("casesStaff.photos.alt", { kind: t("casesStaff.photos.after"), n: i + 1 })} style={{ height: 80, width: "auto", borderRadius: 4 }} />}
                      />
                    ))}
                  </SimpleGrid>
                </Radio.Group>
              ) : (
                <Text size="sm" c="dark.4">{t("casesStaff.resolve.noAfter")}</Text>
              )}
            </Stack>
          ) : (
            <Textarea label={t("casesStaff.resolve.reason")} description={t("casesStaff.resolve.reasonHint")} required autosize minRows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={(tried && proof === "reason" ? problem : null) ?? (isApiError(resolve.error) ? resolve.error.fieldError("reasonTh", f.lang) : undefined)} data-testid="case-resolve-reason" />
          )}
          <Textarea label={t("casesStaff.resolve.message")} description={t("casesStaff.resolve.messageHint")} autosize minRows={2} maxLength={2000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} data-testid="case-resolve-message" />
          {tried && problem && proof === "photo" && <Text size="sm" c="red.9" role="alert">{problem}</Text>}
          <ActionError error={resolve.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={resolve.isPending} data-testid="case-resolve-save">{t("casesStaff.resolve.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Gives the case to one of the people who handle it (GET /cases/:id/assignees), or takes it back to the office. */
function AssignDialog({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const myId = me.data?.account?.id ?? null;
  const people = useQuery({ queryKey: ["cases", "assignees", c.id], queryFn: () => api.get<{ items: Assignee[] }>(`/cases/${seg(c.id)}/assignees`) });
  const [who, setWho] = useState<string | null>(null);
  const items = people.data?.items ?? [];
  // the reader by default when they may take it, else the person it is with now
  const chosen = who ?? (c.assigneeAccountId && c.assigneeAccountId !== myId ? c.assigneeAccountId : items.some((p) => p.id === myId) ? myId! : NOBODY);
  const assign = useCaseAction<{ accountId: string | null }, unknown>(c, "assign");
  return (
    <Modal opened onClose={onClose} title={t("casesStaff.assign.title", { ref: c.publicRef })} closeButtonProps={{ "aria-label": t("common.close") }}>
      <form onSubmit={(e) => { e.preventDefault(); assign.mutate({ accountId: chosen === NOBODY ? null : chosen }, { onSuccess: onClose }); }} data-testid="case-assign-form">
        <Stack gap="sm">
          {c.assigneeName && <Text size="sm">{t("casesStaff.assign.current", { name: c.assigneeName })}</Text>}
          <ErrorAlert error={people.error} />
          {people.isPending ? <Text size="sm" c="dark.4">{t("common.loading")}</Text> : <AssigneeChoice people={items} value={chosen} onChange={setWho} meId={myId} testId="case-assignees" />}
          <ActionError error={assign.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={assign.isPending} disabled={people.isPending} data-testid="case-assign-save">{t("casesStaff.assign.saveOne")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Sends the case to another agency of the province with a reason the public timeline shows. */
export function TransferDialog({ c, opened, onClose, initialOrgId }: { c: CaseDetail; opened: boolean; onClose: () => void; initialOrgId?: string }) {
  if (!opened) return null;
  return <TransferForm c={c} onClose={onClose} initialOrgId={initialOrgId} />;
}

function TransferForm({ c, onClose, initialOrgId }: { c: CaseDetail; onClose: () => void; initialOrgId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [orgId, setOrgId] = useState(initialOrgId ?? "");
  const [reason, setReason] = useState(initialOrgId ? t("casesStaff.transfer.suggestedReason") : "");
  const [tried, setTried] = useState(false);
  const transfer = useCaseAction<{ orgId: string; reasonTh: string }, unknown>(c, "transfer");
  const problems = { orgId: !orgId ? t("casesStaff.transfer.orgMissing") : orgId === c.assignedOrg?.id ? t("casesStaff.transfer.sameOrg") : null, reason: reason.trim().length < 5 ? t("casesStaff.transfer.reasonShort") : null };
  return (
    <Modal opened onClose={onClose} title={t("casesStaff.transfer.title", { ref: c.publicRef })} size="lg" closeButtonProps={{ "aria-label": t("common.close") }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problems.orgId || problems.reason) return;
          transfer.mutate({ orgId, reasonTh: reason.trim() }, { onSuccess: onClose });
        }}
        data-testid="case-transfer-form"
      >
        <Stack gap="sm">
          <Text size="sm">{t("casesStaff.transfer.from", { org: f.name(c.assignedOrg) || "—" })}</Text>
          <OrganizationPicker label={t("casesStaff.transfer.to")} description={t("casesStaff.transfer.toHint")} provinceCode={c.provinceCode} value={orgId} onChange={setOrgId} required testId="case-transfer-org" />
          {tried && problems.orgId && <Text size="sm" c="red.9" role="alert">{problems.orgId}</Text>}
          <Textarea label={t("casesStaff.transfer.reason")} description={t("casesStaff.transfer.reasonHint")} required autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={(tried ? problems.reason : null) ?? (isApiError(transfer.error) ? transfer.error.fieldError("reasonTh", f.lang) : undefined)} data-testid="case-transfer-reason" />
          <ActionError error={transfer.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={transfer.isPending} data-testid="case-transfer-save">{t("casesStaff.transfer.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Corrects the case's category (the public timeline says so; the next training of the suggestions learns it). */
function CategoryDialog({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const categories = useQuery(categoriesQuery);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const change = useCaseAction<{ categoryId: string; reasonTh?: string }, unknown>(c, "category");
  const problem = !categoryId ? t("casesStaff.recategorise.missing") : categoryId === c.categoryId ? t("casesStaff.recategorise.same") : null;
  return (
    <Modal opened onClose={onClose} title={t("casesStaff.recategorise.title", { ref: c.publicRef })} size="lg" closeButtonProps={{ "aria-label": t("common.close") }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problem) return;
          change.mutate({ categoryId: categoryId!, ...(reason.trim() ? { reasonTh: reason.trim() } : {}) }, { onSuccess: onClose });
        }}
        data-testid="case-category-form"
      >
        <Stack gap="sm">
          <Text size="sm">{t("casesStaff.recategorise.hint")}</Text>
          <Select label={t("casesStaff.recategorise.to")} searchable required data={categoryOptions(categories.data?.items ?? [], f.pick)} value={categoryId} onChange={setCategoryId} error={tried ? problem : undefined} data-testid="case-category-select" />
          <Textarea label={t("casesStaff.recategorise.reason")} autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="case-category-reason" />
          <ActionError error={change.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={change.isPending} data-testid="case-category-save">{t("casesStaff.recategorise.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The text the public board shows (personal data removed by the server at intake); handlers may correct it. */
export function PublicTextEditor({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(c.publicText);
  const save = useCaseAction<{ publicText: string }, unknown>(c, "public-text");
  return (
    <div style={{ marginTop: 16 }} data-testid="case-public-text">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={700}>{t("casesStaff.publicText.title")}</Text>
        {c.can.handle && !editing && <Button size="xs" variant="default" onClick={() => { setText(c.publicText); save.reset(); setEditing(true); }} data-testid="case-public-text-edit">{t("casesStaff.publicText.edit")}</Button>}
      </Group>
      <Text size="xs" c="dark.4" mb={4}>{t("casesStaff.publicText.hint")}</Text>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); save.mutate({ publicText: text.trim() }, { onSuccess: () => setEditing(false) }); }}>
          <Stack gap="xs">
            <Textarea aria-label={t("casesStaff.publicText.title")} autosize minRows={3} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={isApiError(save.error) ? save.error.fieldError("publicText", f.lang) : undefined} data-testid="case-public-text-input" />
            <ActionError error={save.error} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" size="xs" onClick={() => setEditing(false)}>{t("common.cancel")}</Button>
              <Button type="submit" size="xs" disabled={text.trim().length < 5} loading={save.isPending} data-testid="case-public-text-save">{t("casesStaff.publicText.save")}</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Paper bg="gray.0" p="xs" withBorder>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lang={thData}>{c.publicText}</Text>
        </Paper>
      )}
    </div>
  );
}
