import { useMemo, useState } from "react";
import { Alert, Badge, Button, Card, Code, Group, Modal, Stack, Table, Text, TextInput, Checkbox } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CreateApiKeyInput, type ApiKeyView, type GrantRoleInput } from "../../../modules/accounts/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { ScopePicker } from "./ScopePicker.js";
import { RoleSelect } from "./RoleSelect.js";
import { SecretField } from "./UsersPage.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type Created = ApiKeyView & { secret: string };
type SortKey = "name" | "created" | "lastUsed";

/** The list endpoint may answer with an array or with { items }: accept both. */
function itemsOf(r: ApiKeyView[] | { items: ApiKeyView[] }): ApiKeyView[] {
  return Array.isArray(r) ? r : r.items;
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState("");
  const [showRevoked, setShowRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: async () => itemsOf(await api.get<ApiKeyView[] | { items: ApiKeyView[] }>("/api-keys")) });
  const filtered = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (keys.data ?? []).filter((k) => (showRevoked || !k.revoked) && (!s || k.name.toLowerCase().includes(s) || k.prefix.toLowerCase().includes(s)));
  }, [keys.data, q, showRevoked]);
  const { sorted, sort, toggle } = useSortedRows<ApiKeyView, SortKey>(filtered, { name: (k) => k.name, created: (k) => k.createdAt, lastUsed: (k) => k.lastUsedAt }, { key: "created", dir: "desc" });

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: "100%", sm: 260 }} />
        <Checkbox label={t("admin.apiKeys.showRevoked")} checked={showRevoked} onChange={(e) => setShowRevoked(e.currentTarget.checked)} mb={8} />
        <Button onClick={() => setCreating(true)} data-testid="create-api-key">{t("admin.apiKeys.create")}</Button>
        <ExportButtons table={() => ({ fileName: "api-keys", header: ["id", "name", "prefix", "grants", "created_at", "last_used_at", "revoked"], rows: sorted.map((k) => [k.id, k.name, k.prefix, k.grants.map((g) => `${g.role}@${g.scope}`).join("; "), k.createdAt, k.lastUsedAt, k.revoked]) })} disabled={!sorted.length} />
      </Group>
      {created && (
        <Card withBorder data-testid="api-key-created">
          <Stack>
            <Alert color="orange" variant="light" title={t("common.shownOnce")} icon={<span aria-hidden="true">!</span>}>
              {t("admin.apiKeys.secretOnce", { name: created.name })}
            </Alert>
            <SecretField label={t("admin.apiKeys.secret")} value={created.secret} testId="api-key-secret" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreated(null)}>{t("admin.apiKeys.secretStored")}</Button>
            </Group>
          </Stack>
        </Card>
      )}
      <ErrorAlert error={keys.error} />
      <div className="table-scroll">
        <Table striped data-testid="api-keys-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("admin.apiKeys.name")} sortKey="name" sort={sort} onSort={toggle} />
              <Table.Th>{t("admin.apiKeys.prefix")}</Table.Th>
              <Table.Th>{t("admin.users.grants")}</Table.Th>
              <SortTh label={t("admin.apiKeys.created")} sortKey="created" sort={sort} onSort={toggle} />
              <SortTh label={t("admin.apiKeys.lastUsed")} sortKey="lastUsed" sort={sort} onSort={toggle} />
              <Table.Th>{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td><Code>{k.prefix}…</Code></Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {k.grants.map((g, i) => (
                      <Badge key={i} variant="light" size="md">{t(`roles.${g.role}`)} · {g.scope === "nation" ? t("scope.nation") : g.scope}</Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{f.date(k.createdAt)}</Table.Td>
                <Table.Td>{k.lastUsedAt ? f.dateTime(k.lastUsedAt) : t("admin.users.never")}</Table.Td>
                <Table.Td>
                  {k.revoked ? (
                    <Badge color="gray.8" variant="outline">{t("admin.apiKeys.revoked")}</Badge>
                  ) : (
                    <Button size="compact-sm" color="red.9" variant="outline" onClick={() => setRevoking(k)}>{t("admin.users.revoke")}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {!keys.isPending && !sorted.length && (
              <Table.Tr><Table.Td colSpan={6}>{t("common.noResults")}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {creating && <CreateKeyModal onClose={() => setCreating(false)} onCreated={(c) => { setCreated(c); setCreating(false); }} />}
      {revoking && <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}

function CreateKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Created) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [grants, setGrants] = useState<GrantRoleInput[]>([]);
  const [role, setRole] = useState<string | null>(null);
  const [scope, setScope] = useState("nation");
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (body: CreateApiKeyInput) => api.post<Created>("/api-keys", body),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ["api-keys"] });
      onCreated(c);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.apiKeys.create")} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = CreateApiKeyInput.safeParse({ name, grants });
          if (!parsed.success) {
            setError(!name.trim() ? t("validation.nameRequired") : t("validation.grantRequired"));
            return;
          }
          setError(null);
          m.mutate(parsed.data);
        }}
      >
        <Stack>
          <TextInput label={t("admin.apiKeys.name")} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="api-key-name" />
          <Card withBorder p="sm">
            <Stack gap="xs">
              <Text fw={500}>{t("admin.apiKeys.grants")}</Text>
              {grants.map((g, i) => (
                <Group key={i} gap="xs">
                  <Badge variant="light">{t(`roles.${g.role}`)} · {g.scope === "nation" ? t("scope.nation") : g.scope}</Badge>
                  <Button size="compact-xs" variant="subtle" color="red.9" onClick={() => setGrants((gs) => gs.filter((_, j) => j !== i))}>{t("common.remove")}</Button>
                </Group>
              ))}
              <RoleSelect value={role} onChange={setRole} required={false} />
              <ScopePicker value={scope} onChange={(s) => setScope(s)} />
              <Button
                variant="light"
                onClick={() => {
                  const parsed = CreateApiKeyInput.shape.grants.element.safeParse({ role, scope });
                  if (!parsed.success) {
                    setError(!role ? t("validation.roleRequired") : t("scope.invalid"));
                    return;
                  }
                  setError(null);
                  setGrants((gs) => [...gs, parsed.data]);
                  setRole(null);
                }}
              >
                {t("admin.apiKeys.addGrant")}
              </Button>
            </Stack>
          </Card>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <ErrorAlert error={m.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" loading={m.isPending} data-testid="api-key-submit">{t("common.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKeyView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => api.delete(`/api-keys/${seg(apiKey.id)}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["api-keys"] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("admin.apiKeys.revokeTitle")}>
      <Stack>
        <Text>{t("admin.apiKeys.revokeConfirm", { name: apiKey.name })}</Text>
        <ErrorAlert error={m.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
          <Button color="red.9" onClick={() => m.mutate()} loading={m.isPending}>{t("admin.users.revoke")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
