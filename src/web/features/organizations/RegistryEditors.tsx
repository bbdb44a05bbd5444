/**
 * Registry editing dialogs, shown only when the page's `may` says the user may (the server checks again):
 * edit an organisation, add a post, appoint someone to a vacant post (an existing person or a new one),
 * end a term, correct a person's name or contact. Client-side checks use the same zod contracts as the API.
 */
import { useState } from "react";
import { Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  CreateMembershipInput,
  CreatePersonInput,
  CreatePostInput,
  EndMembershipInput,
  PostRole,
  UpdateOrganizationInput,
  UpdatePersonInput,
  type MembershipView,
  type OrganizationDetail,
  type PersonDetail,
  type PersonSummary,
  type PostWithHolder,
  type SearchResult,
} from "../../../modules/registry/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

type Errors = Record<string, string>;

/** Field errors from a failed zod parse, in the user's language (required vs malformed date vs other). */
function useClientErrors() {
  const { t } = useTranslation();
  return (issues: z.core.$ZodIssue[]): Errors => {
    const out: Errors = {};
    for (const i of issues) {
      const k = String(i.path[0] ?? "_");
      if (out[k]) continue;
      out[k] = /date/i.test(k) ? t("validation.date") : i.code === "too_big" ? t("validation.tooLong") : i.code === "invalid_format" ? t("validation.format") : t("validation.required");
    }
    return out;
  };
}

function useServerError(error: unknown) {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  return (path: string) => (isApiError(error) ? error.fieldError(path, lang) : undefined);
}

const blankToNull = (s: string) => (s.trim() ? s.trim() : null);

function Actions({ onClose, pending, testId }: { onClose: () => void; pending: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
      <Button type="submit" loading={pending} data-testid={testId}>{t("common.save")}</Button>
    </Group>
  );
}

export function EditOrganizationModal({ org, onClose }: { org: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toErrors = useClientErrors();
  const [form, setForm] = useState({ nameTh: org.nameTh, nameEn: org.nameEn, abbreviation: org.abbreviation ?? "", foundingDate: org.foundingDate ?? "", dissolutionDate: org.dissolutionDate ?? "" });
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation({
    mutationFn: (body: UpdateOrganizationInput) => api.patch(`/organizations/${seg(org.id)}`, body),
    onSuccess: () => {
      void qc.invalidateQueries();
      onClose();
    },
  });
  const serverErr = useServerError(m.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = e.currentTarget.value;
    setForm((s) => ({ ...s, [k]: v }));
  };
  return (
    <Modal opened onClose={onClose} title={t("edit.organization.title")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = UpdateOrganizationInput.safeParse({ nameTh: form.nameTh, nameEn: form.nameEn, abbreviation: blankToNull(form.abbreviation), foundingDate: blankToNull(form.foundingDate), dissolutionDate: blankToNull(form.dissolutionDate) });
          if (!parsed.success) return setErrors(toErrors(parsed.error.issues));
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput label={t("edit.nameTh")} required lang="th" value={form.nameTh} onChange={set("nameTh")} error={errors.nameTh ?? serverErr("nameTh")} data-testid="org-name-th" />
          <TextInput label={t("edit.nameEn")} lang="en" value={form.nameEn} onChange={set("nameEn")} error={errors.nameEn ?? serverErr("nameEn")} />
          <TextInput label={t("edit.abbreviation")} value={form.abbreviation} onChange={set("abbreviation")} error={errors.abbreviation ?? serverErr("abbreviation")} />
          <Group grow>
            <TextInput type="date" label={t("edit.foundingDate")} value={form.foundingDate} onChange={set("foundingDate")} error={errors.foundingDate ?? serverErr("foundingDate")} />
            <TextInput type="date" label={t("edit.dissolutionDate")} value={form.dissolutionDate} onChange={set("dissolutionDate")} error={errors.dissolutionDate ?? serverErr("dissolutionDate")} />
          </Group>
          <ErrorAlert error={m.error} />
          <Actions onClose={onClose} pending={m.isPending} testId="org-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function AddPostModal({ org, onClose }: { org: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toErrors = useClientErrors();
  const [form, setForm] = useState({ role: "officer", labelTh: "", labelEn: "", startDate: "" });
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation({
    mutationFn: (body: z.input<typeof CreatePostInput>) => api.post("/posts", body),
    onSuccess: () => {
      void qc.invalidateQueries();
      onClose();
    },
  });
  const serverErr = useServerError(m.error);
  return (
    <Modal opened onClose={onClose} title={t("edit.post.title")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = CreatePostInput.safeParse({ ...form, organizationId: org.id, startDate: blankToNull(form.startDate) });
          if (!parsed.success) return setErrors(toErrors(parsed.error.issues));
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <Select
            label={t("edit.post.role")}
            required
            allowDeselect={false}
            data={PostRole.options.map((r) => ({ value: r, label: t(`postRoles.${r}`, { defaultValue: r }) }))}
            value={form.role}
            onChange={(v) => setForm((s) => ({ ...s, role: v ?? "officer" }))}
            error={errors.role ?? serverErr("role")}
          />
          <TextInput label={t("edit.post.labelTh")} required lang="th" value={form.labelTh} onChange={(e) => setForm((s) => ({ ...s, labelTh: e.currentTarget.value }))} error={errors.labelTh ?? serverErr("labelTh")} data-testid="post-label-th" />
          <TextInput label={t("edit.post.labelEn")} lang="en" value={form.labelEn} onChange={(e) => setForm((s) => ({ ...s, labelEn: e.currentTarget.value }))} error={errors.labelEn ?? serverErr("labelEn")} />
          <TextInput type="date" label={t("edit.post.startDate")} value={form.startDate} onChange={(e) => setForm((s) => ({ ...s, startDate: e.currentTarget.value }))} error={errors.startDate ?? serverErr("startDate")} />
          <ErrorAlert error={m.error} />
          <Actions onClose={onClose} pending={m.isPending} testId="post-save" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Appoint a person to a vacant post: pick someone already in the registry, or add the person first. */
export function AppointModal({ post, today, onClose }: { post: PostWithHolder; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const toErrors = useClientErrors();
  const [who, setWho] = useState<"existing" | "new">("existing");
  const [query, setQuery] = useState("");
  const [personId, setPersonId] = useState<string | null>(null);
  const [person, setPerson] = useState({ honorificTh: "", nameTh: "", nameEn: "" });
  const [form, setForm] = useState({ startDate: today, cco: false });
  const [errors, setErrors] = useState<Errors>({});
  const found = useQuery({
    queryKey: ["search", "person", query],
    queryFn: () => api.get<SearchResult>("/search", { q: query, kinds: "person", limit: 10 }),
    enabled: who === "existing" && query.trim().length >= 2,
  });
  const m = useMutation({
    mutationFn: async (body: { person: z.input<typeof CreatePersonInput> | null; membership: Omit<z.input<typeof CreateMembershipInput>, "personId"> & { personId: string | null } }) => {
      const pid = body.person ? (await api.post<PersonSummary>("/persons", body.person)).id : body.membership.personId!;
      return api.post("/memberships", { ...body.membership, personId: pid });
    },
    onSuccess: () => {
      void qc.invalidateQueries();
      onClose();
    },
  });
  const serverErr = useServerError(m.error);
  return (
    <Modal opened onClose={onClose} title={t("edit.appoint.title", { post: f.label(post) })} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const errs: Errors = {};
          let newPerson: z.input<typeof CreatePersonInput> | null = null;
          if (who === "new") {
            const p = CreatePersonInput.safeParse({ honorificTh: blankToNull(person.honorificTh), nameTh: person.nameTh, nameEn: person.nameEn });
            if (!p.success) Object.assign(errs, toErrors(p.error.issues));
            else newPerson = p.data;
          } else if (!personId) errs.personId = t("edit.appoint.pickPerson");
          const ms = CreateMembershipInput.safeParse({ personId: personId ?? "x", postId: post.id, startDate: form.startDate, designation: form.cco ? "cco" : null });
          if (!ms.success) Object.assign(errs, toErrors(ms.error.issues));
          setErrors(errs);
          if (Object.keys(errs).length || !ms.success) return;
          m.mutate({ person: newPerson, membership: { ...ms.data, personId } });
        }}
      >
        <Stack>
          <Radio.Group value={who} onChange={(v) => setWho(v as "existing" | "new")} label={t("edit.appoint.who")}>
            <Group mt={4}>
              <Radio value="existing" label={t("edit.appoint.existing")} />
              <Radio value="new" label={t("edit.appoint.new")} data-testid="appoint-new" />
            </Group>
          </Radio.Group>
          {who === "existing" ? (
            <Select
              label={t("edit.appoint.person")}
              placeholder={t("edit.appoint.searchPlaceholder")}
              searchable
              searchValue={query}
              onSearchChange={setQuery}
              filter={({ options }) => options}
              data={(found.data?.hits ?? []).map((h) => ({ value: h.id, label: `${f.name(h)}${h.contextTh ? ` — ${f.lang === "th" ? h.contextTh : (h.contextEn ?? h.contextTh)}` : ""}` }))}
              value={personId}
              onChange={setPersonId}
              nothingFoundMessage={query.trim().length >= 2 ? t("common.noResults") : t("edit.appoint.typeTwo")}
              error={errors.personId ?? serverErr("personId")}
            />
          ) : (
            <>
              <TextInput label={t("edit.person.honorificTh")} lang="th" value={person.honorificTh} onChange={(e) => setPerson((s) => ({ ...s, honorificTh: e.currentTarget.value }))} error={errors.honorificTh ?? serverErr("honorificTh")} />
              <TextInput label={t("edit.nameTh")} required lang="th" value={person.nameTh} onChange={(e) => setPerson((s) => ({ ...s, nameTh: e.currentTarget.value }))} error={errors.nameTh ?? serverErr("nameTh")} data-testid="appoint-name-th" />
              <TextInput label={t("edit.nameEn")} lang="en" value={person.nameEn} onChange={(e) => setPerson((s) => ({ ...s, nameEn: e.currentTarget.value }))} error={errors.nameEn ?? serverErr("nameEn")} />
            </>
          )}
          <TextInput type="date" label={t("edit.appoint.startDate")} required value={form.startDate} onChange={(e) => setForm((s) => ({ ...s, startDate: e.currentTarget.value }))} error={errors.startDate ?? serverErr("startDate")} description={form.startDate ? f.date(form.startDate, "long") : undefined} data-testid="appoint-start" />
          {post.role === "vice_governor" && (
            <Radio.Group value={form.cco ? "cco" : "none"} onChange={(v) => setForm((s) => ({ ...s, cco: v === "cco" }))} label={t("edit.appoint.designation")}>
              <Group mt={4}>
                <Radio value="none" label={t("edit.appoint.noDesignation")} />
                <Radio value="cco" label={t("posts.ccoLong")} />
              </Group>
            </Radio.Group>
          )}
          <ErrorAlert error={m.error} />
          <Actions onClose={onClose} pending={m.isPending} testId="appoint-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function EndTermModal({ membership, today, onClose }: { membership: Pick<MembershipView, "id" | "startDate" | "person"> & { postLabel: string }; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const toErrors = useClientErrors();
  const [endDate, setEndDate] = useState(today);
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation({
    mutationFn: (body: EndMembershipInput) => api.post(`/memberships/${seg(membership.id)}/end`, body),
    onSuccess: () => {
      void qc.invalidateQueries();
      onClose();
    },
  });
  const serverErr = useServerError(m.error);
  return (
    <Modal opened onClose={onClose} title={t("edit.endTerm.title")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = EndMembershipInput.safeParse({ endDate });
          if (!parsed.success) return setErrors(toErrors(parsed.error.issues));
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <Text>{t("edit.endTerm.explain", { person: f.name(membership.person), post: membership.postLabel, since: f.date(membership.startDate, "long") })}</Text>
          <TextInput type="date" label={t("edit.endTerm.endDate")} required value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={errors.endDate ?? serverErr("endDate")} description={endDate ? f.date(endDate, "long") : undefined} data-testid="end-date" />
          <ErrorAlert error={m.error} />
          <Actions onClose={onClose} pending={m.isPending} testId="end-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export function EditPersonModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toErrors = useClientErrors();
  const [form, setForm] = useState({ honorificTh: person.honorificTh ?? "", nameTh: person.nameTh, nameEn: person.nameEn, email: person.email ?? "" });
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation({
    mutationFn: (body: UpdatePersonInput) => api.patch(`/persons/${seg(person.id)}`, body),
    onSuccess: () => {
      void qc.invalidateQueries();
      onClose();
    },
  });
  const serverErr = useServerError(m.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = e.currentTarget.value;
    setForm((s) => ({ ...s, [k]: v }));
  };
  return (
    <Modal opened onClose={onClose} title={t("edit.person.title")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = UpdatePersonInput.safeParse({ honorificTh: blankToNull(form.honorificTh), nameTh: form.nameTh, nameEn: form.nameEn, email: blankToNull(form.email) });
          if (!parsed.success) return setErrors(toErrors(parsed.error.issues));
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput label={t("edit.person.honorificTh")} lang="th" value={form.honorificTh} onChange={set("honorificTh")} error={errors.honorificTh ?? serverErr("honorificTh")} />
          <TextInput label={t("edit.nameTh")} required lang="th" value={form.nameTh} onChange={set("nameTh")} error={errors.nameTh ?? serverErr("nameTh")} data-testid="person-name-th" />
          <TextInput label={t("edit.nameEn")} lang="en" value={form.nameEn} onChange={set("nameEn")} error={errors.nameEn ?? serverErr("nameEn")} />
          <TextInput type="email" label={t("person.email")} value={form.email} onChange={set("email")} error={errors.email ?? serverErr("email")} />
          <ErrorAlert error={m.error} />
          <Actions onClose={onClose} pending={m.isPending} testId="person-save" />
        </Stack>
      </form>
    </Modal>
  );
}
