import { useMemo, useState } from "react";
import { ActionIcon, Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CreateAccountInput, GrantRoleInput, type AccountView, type GrantView } from "../../../modules/accounts/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { DemoBadge } from "../../ui/badges.js";
import { ListPagination, SortTh, useSortedRows } from "../../ui/table.js";
import { ScopePicker } from "./ScopePicker.js";
import { RoleSelect } from "./RoleSelect.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type Page = { items: AccountView[]; total: number };
type SortKey = "username" | "displayName" | "lastLogin" | "created";
const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState("");
  const [roleFilter, setRoleFilter] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [showClosed, setShowClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<AccountView | null>(null);
  const [revoking, setRevoking] = useState<{ account: AccountView; grant: GrantView } | null>(null);
  const [resetFor, setResetFor] = useState<AccountView | null>(null);

  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const accounts = useQuery({
    queryKey: ["accounts", debouncedQ, page, showClosed],
    queryFn: () => api.get<Page>("/accounts", { q: debouncedQ, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, closed: showClosed ? "include" : "exclude" }),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => accounts.data?.items ?? [], [accounts.data]);
  const filtered = useMemo(() => {
    const s = q.trim().toLowerCase();
    return items.filter(
      (a) =>
        (!s || [a.username, a.displayName, a.email ?? ""].some((v) => v.toLowerCase().includes(s))) &&
        (!roleFilter || a.grants.some((g) => g.role === roleFilter)),
    );
  }, [items, q, roleFilter]);
  const { sorted, sort, toggle } = useSortedRows<AccountView, SortKey>(
    filtered,
    { username: (a) => a.username, displayName: (a) => a.displayName, lastLogin: (a) => a.lastLoginAt, created: (a) => a.createdAt },
    { key: "username", dir: "asc" },
  );
  const total = accounts.data?.total ?? 0;
  const roleOptions = useMemo(() => [...new Set(items.flatMap((a) => a.grants.map((g) => g.role)))].map((r) => ({ value: r, label: t(`roles.${r}`) })), [items, t]);

  function exportTable() {
    return {
      fileName: "accounts",
      header: ["username", "display_name", "email", "locale", "disabled", "locked_until", "last_login_at", "created_at", "closed_at", "grants"],
      rows: sorted.map((a) => [a.username, a.displayName, a.email, a.locale, a.disabled, a.lockedUntil, a.lastLoginAt, a.createdAt, a.closedAt, a.grants.map((g) => `${g.role}@${g.scope}`).join("; ")]),
    };
  }

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} placeholder={t("admin.users.searchPlaceholder")} value={q} onChange={(e) => { setQ(e.currentTarget.value); setPage(1); }} w={{ base: "100%", sm: 260 }} />
        <Select label={t("admin.role")} placeholder={t("common.all")} data={roleOptions} value={roleFilter} onChange={setRoleFilter} clearable w={{ base: "100%", sm: 260 }} />
        <Checkbox label={t("admin.users.showClosed")} checked={showClosed} onChange={(e) => { setShowClosed(e.currentTarget.checked); setPage(1); }} mb={8} data-testid="users-show-closed" />
        <Button onClick={() => setCreating(true)} data-testid="create-user">
          {t("admin.users.create")}
        </Button>
        <ExportButtons table={exportTable} disabled={!sorted.length} />
      </Group>
      <ErrorAlert error={accounts.error} />
      <Text size="sm" c="dark.4" aria-live="polite">
        {t("common.showingCount", { shown: sorted.length, total })}
      </Text>
      <div className="table-scroll">
        <Table striped data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("admin.users.username")} sortKey="username" sort={sort} onSort={toggle} />
              <SortTh label={t("admin.users.displayName")} sortKey="displayName" sort={sort} onSort={toggle} />
              <Table.Th>{t("admin.users.grants")}</Table.Th>
              <Table.Th>{t("admin.users.status")}</Table.Th>
              <SortTh label={t("admin.users.lastLogin")} sortKey="lastLogin" sort={sort} onSort={toggle} />
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((a) => (
              <Table.Tr key={a.id} data-testid={`user-row-${a.username}`} data-closed={a.closedAt ? "true" : undefined}>
                <Table.Td>
                  <Code>{a.username}</Code>
                </Table.Td>
                <Table.Td miw={200}>
                  {a.closedAt ? (
                    // a tombstone: its holder's name and e-mail were erased when they closed it
                    <Text size="sm" c="dark.4" fs="italic" data-testid="user-closed-name">{t("admin.users.closedName", { date: f.date(a.closedAt) })}</Text>
                  ) : (
                    <>
                      <Group gap={6}>
                        <Text>{a.displayName}</Text>
                        <DemoBadge isDemo={a.isDemo} />
                      </Group>
                      {a.email && <Text size="xs" c="dark.4">{a.email}</Text>}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    {a.grants.length === 0 && <Text size="sm" c="dark.4">{t("admin.users.noGrants")}</Text>}
                    {a.grants.map((g) => (
                      <Badge
                        key={g.id}
                        variant="light"
                        size="md"
                        // Long scope names wrap instead of pushing the actions column out of view.
                        styles={{ label: { whiteSpace: "normal", textAlign: "start" } }}
                        rightSection={
                          <ActionIcon size="xs" variant="transparent" color="dark" aria-label={t("admin.users.revokeLabel", { role: t(`roles.${g.role}`), scope: g.scope })} onClick={() => setRevoking({ account: a, grant: g })}>
                            ×
                          </ActionIcon>
                        }
                      >
                        {t(`roles.${g.role}`)} · {g.scope === "nation" ? t("scope.nation") : f.pick(g.scopeNameTh, g.scopeNameEn) || g.scope}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {a.closedAt ? (
                    <Badge color="dark" variant="outline" data-testid="user-closed">{t("admin.users.closed")}</Badge>
                  ) : a.disabled ? (
                    <Badge color="red.9" variant="outline">{t("admin.users.disabled")}</Badge>
                  ) : a.lockedUntil && new Date(a.lockedUntil) > new Date() ? (
                    <Badge color="orange.9" variant="outline">{t("admin.users.locked", { until: f.dateTime(a.lockedUntil) })}</Badge>
                  ) : (
                    <Text size="sm">{t("admin.users.active")}</Text>
                  )}
                </Table.Td>
                <Table.Td>{a.lastLoginAt ? f.dateTime(a.lastLoginAt) : t("admin.users.never")}</Table.Td>
                <Table.Td>
                  {a.closedAt ? (
                    <Text size="sm" c="dark.4">{t("admin.users.closedNoActions")}</Text>
                  ) : (
                    <Group gap={4} wrap="wrap">
                      <Button size="compact-sm" variant="light" onClick={() => setGranting(a)} data-testid={`grant-${a.username}`}>
                        {t("admin.users.grant")}
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => setResetFor(a)}>
                        {t("admin.users.resetToken")}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {total > PAGE_SIZE && <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />}

      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {granting && <GrantModal account={granting} onClose={() => setGranting(null)} />}
      {revoking && <RevokeModal {...revoking} onClose={() => setRevoking(null)} />}
      {resetFor && <ResetTokenModal account={resetFor} onClose={() => setResetFor(null)} />}
    </Stack>
  );
}

function fieldMessage(path: string, t: (k: string) => string): string {
  const key = `validation.account.${path}`;
  const m = t(key);
  return m === key ? t("validation.invalid") : m;
}

function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const qc = useQueryClient();
  const empty = { username: "", displayName: "", email: "", password: "", locale: "th" };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: (body: CreateAccountInput) => api.post<AccountView>("/accounts", body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["accounts"] });
      setForm(empty);
      onClose();
    },
  });
  const serverErr = (p: string) => (isApiError(m.error) ? m.error.fieldError(p, lang) : undefined);
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setForm((s) => ({ ...s, [k]: value }));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("admin.users.create")} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = CreateAccountInput.safeParse({ ...form, email: form.email.trim() || null });
          if (!parsed.success) {
            const errs: Record<string, string> = {};
            for (const i of parsed.error.issues) errs[String(i.path[0])] = fieldMessage(String(i.path[0]), t);
            setErrors(errs);
            return;
          }
          setErrors({});
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput label={t("admin.users.username")} description={t("validation.account.username")} required value={form.username} onChange={set("username")} error={errors.username ?? serverErr("username")} autoComplete="off" data-testid="new-username" />
          <TextInput label={t("admin.users.displayName")} required value={form.displayName} onChange={set("displayName")} error={errors.displayName ?? serverErr("displayName")} data-testid="new-display-name" />
          <TextInput label={t("admin.users.email")} type="email" value={form.email} onChange={set("email")} error={errors.email ?? serverErr("email")} />
          <PasswordInput label={t("auth.password")} description={t("validation.passwordLength")} required value={form.password} onChange={set("password")} error={errors.password ?? serverErr("password")} autoComplete="new-password" data-testid="new-password" />
          <Select label={t("admin.users.locale")} data={[{ value: "th", label: t("lang.th") }, { value: "en", label: t("lang.en") }]} value={form.locale} onChange={(v) => setForm((s) => ({ ...s, locale: v ?? "th" }))} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={m.isPending} data-testid="create-user-submit">{t("common.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GrantModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [role, setRole] = useState<string | null>(null);
  const [scope, setScope] = useState("nation");
  const [error, setError] = useState<string | undefined>();
  const m = useMutation({
    mutationFn: (body: GrantRoleInput) => api.post(`/accounts/${seg(account.id)}/grants`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["accounts"] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.users.grantTitle", { name: account.displayName })} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = GrantRoleInput.safeParse({ role, scope });
          if (!parsed.success) {
            setError(!role ? t("validation.roleRequired") : t("scope.invalid"));
            return;
          }
          setError(undefined);
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <RoleSelect value={role} onChange={setRole} error={!role && error ? error : undefined} />
          <ScopePicker value={scope} onChange={(s) => setScope(s)} error={role && error ? error : undefined} />
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={m.isPending} data-testid="grant-submit">{t("admin.users.grant")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RevokeModal({ account, grant, onClose }: { account: AccountView; grant: GrantView; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => api.delete(`/accounts/${seg(account.id)}/grants/${seg(grant.id)}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["accounts"] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.users.revokeTitle")}>
      <Stack>
        <Text>
          {t("admin.users.revokeConfirm", {
            role: t(`roles.${grant.role}`),
            scope: grant.scope === "nation" ? t("scope.nation") : f.pick(grant.scopeNameTh, grant.scopeNameEn) || grant.scope,
            name: account.displayName,
          })}
        </Text>
        <ErrorAlert error={m.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
          <Button color="red.9" onClick={() => m.mutate()} loading={m.isPending} data-testid="revoke-confirm">{t("admin.users.revoke")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResetTokenModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const m = useMutation({ mutationFn: () => api.post<{ token: string; expiresAt: string }>(`/accounts/${seg(account.id)}/reset-token`) });
  const link = m.data ? `${window.location.origin}/reset-password?token=${encodeURIComponent(m.data.token)}` : "";
  return (
    <Modal opened onClose={onClose} title={t("admin.users.resetTitle", { name: account.displayName })} size="lg" closeOnClickOutside={!m.data}>
      <Stack>
        {!m.data ? (
          <>
            <Text>{t("admin.users.resetExplain")}</Text>
            <ErrorAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
              <Button onClick={() => m.mutate()} loading={m.isPending} data-testid="reset-token-issue">{t("admin.users.resetIssue")}</Button>
            </Group>
          </>
        ) : (
          <>
            <Alert color="orange" variant="light" icon={<span aria-hidden="true">!</span>} title={t("common.shownOnce")}>
              {t("admin.users.resetShownOnce", { expires: f.dateTime(m.data.expiresAt) })}
            </Alert>
            <SecretField label={t("admin.users.token")} value={m.data.token} testId="reset-token-value" />
            <SecretField label={t("admin.users.resetLink")} value={link} />
            <Group justify="flex-end">
              <Button onClick={onClose}>{t("common.done")}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** A secret shown once, selectable, with a copy button that confirms in words. */
export function SecretField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={500}>{label}</Text>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t("common.copied") : t("common.copy")}>
              <Button size="compact-sm" variant={copied ? "filled" : "light"} onClick={copy}>
                {copied ? `✓ ${t("common.copied")}` : t("common.copy")}
              </Button>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
