import { useState } from "react";
import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PostWithHolder } from "../../../modules/registry/contracts.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge, TenureInfo } from "../../ui/badges.js";
import { OrgLink, PersonLink } from "../../ui/entity-links.js";
import { bangkokToday } from "../../../platform/thai/dates.js";
import { AppointModal, EndTermModal } from "./RegistryEditors.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

/** Posts with their current holders: the vice governor designated CCO is marked in words. */
export function PostsTable({ posts, showOrganization = true, canAppoint = false }: { posts: readonly PostWithHolder[]; showOrganization?: boolean; canAppoint?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [appointing, setAppointing] = useState<PostWithHolder | null>(null);
  const [ending, setEnding] = useState<PostWithHolder | null>(null);
  const today = bangkokToday();
  if (!posts.length) return <Text c="dark.4">{t("common.none")}</Text>;
  return (
    <div className="table-scroll">
      <ExportButtons size="compact-xs" variant="light" nextTable="posts" />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("posts.post")}</Table.Th>
            <Table.Th>{t("posts.holder")}</Table.Th>
            <Table.Th>{t("posts.since")}</Table.Th>
            <Table.Th>{t("posts.tenure")}</Table.Th>
            {canAppoint && <Table.Th data-export="skip">{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post) => {
            const h = post.holder;
            return (
              <Table.Tr key={post.id} data-testid="post-row" data-role={post.role}>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Text fw={500}>{f.label(post)}</Text>
                    {h?.designation === "cco" && (
                      <Badge color="teal.9" variant="outline" size="md" title={t("posts.ccoLong")} data-testid="cco-badge">
                        {t("posts.cco")}
                      </Badge>
                    )}
                    <DemoBadge isDemo={post.isDemo} />
                  </Group>
                  <Text size="xs" c="dark.4">
                    {t(`postRoles.${post.role}`, { defaultValue: post.role })}
                  </Text>
                  {showOrganization && h?.organization && (
                    <Text size="xs">
                      <OrgLink org={h.organization} withBadge={false} />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{h ? <PersonLink person={h.person} /> : <Text c="dark.4">{t("posts.vacant")}</Text>}</Table.Td>
                <Table.Td>{h ? f.date(h.startDate) : "—"}</Table.Td>
                <Table.Td>{h ? <TenureInfo tenure={h.tenure} compact /> : "—"}</Table.Td>
                {canAppoint && (
                  <Table.Td>
                    {h ? (
                      <Button size="compact-sm" variant="outline" onClick={() => setEnding(post)} data-testid="end-term">{t("edit.endTerm.button")}</Button>
                    ) : (
                      <Button size="compact-sm" variant="light" onClick={() => setAppointing(post)} data-testid="appoint">{t("edit.appoint.button")}</Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {appointing && <AppointModal post={appointing} today={today} onClose={() => setAppointing(null)} />}
      {ending?.holder && <EndTermModal membership={{ ...ending.holder, postLabel: f.label(ending) }} today={today} onClose={() => setEnding(null)} />}
    </div>
  );
}
