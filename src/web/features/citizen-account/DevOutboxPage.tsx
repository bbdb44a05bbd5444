import { useState } from "react";
import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { OutboxQuery } from "../../../modules/mail/contracts.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { mailInfoQuery, outboxQuery, rememberAddress, rememberedAddress } from "./queries.js";

/** Splits plain text into text and links (the outbox shows mail as text: its HTML is not rendered here). */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s]+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <Anchor key={i} href={part} style={{ wordBreak: "break-all" }} data-testid="outbox-link">
        {part}
      </Anchor>
    ) : (
      <span key={i}>{part}</span>
    ),
  );
}

/** The development outbox: mail is not sent; type an address to read the mail to it (and only to it). */
export function DevOutboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  // the address stays in the page (and the tab's storage), never in the URL: servers log URLs
  const [address, setAddress] = useState(rememberedAddress);
  const [value, setValue] = useState(address);
  const [invalid, setInvalid] = useState(false);
  const info = useQuery(mailInfoQuery);
  const list = useQuery(outboxQuery(address));

  if (info.isPending) return <PageLoader />;
  return (
    <Stack maw={820} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.outbox.title")}</Title>
      {info.data?.outbox ? (
        <Alert color="yellow" variant="filled" role="note" icon={<span aria-hidden="true">!</span>} data-testid="outbox-banner">
          <Text c="dark.9" fw={700}>
            {t("citizenAccount.outbox.banner")}
          </Text>
        </Alert>
      ) : (
        <Alert color="gray" variant="light">
          {t("citizenAccount.outbox.off")}
        </Alert>
      )}
      {info.data?.outbox && (
        <>
          <Text size="sm" c="dark.5" lh={1.7}>
            {t("citizenAccount.outbox.intro")}
          </Text>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const p = OutboxQuery.safeParse({ address: value });
              setInvalid(!p.success);
              if (p.success) {
                rememberAddress(p.data.address);
                setAddress(p.data.address);
              }
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <TextInput style={{ flex: 1, minWidth: 220 }} size="md" type="email" label={t("citizenAccount.fields.email")} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={invalid ? t("citizenAccount.errors.email") : undefined} data-testid="outbox-address" />
              <Button size="md" type="submit" data-testid="outbox-show">
                {t("citizenAccount.outbox.show")}
              </Button>
            </Group>
          </form>
          {address && (list.isPending ? <PageLoader /> : list.error ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
            <Text c="dark.4">{t("citizenAccount.outbox.none", { address })}</Text>
          ) : (
            <Stack gap="sm" data-testid="outbox-list">
              {list.data.items.map((m) => (
                <Card key={m.id} withBorder data-testid="outbox-message">
                  <Text fw={700}>{m.subject}</Text>
                  <Text size="xs" c="dark.4" mb="xs">
                    {t("citizenAccount.outbox.meta", { to: m.to, from: m.from, at: f.dateTime(m.createdAt) })}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lh={1.7}>
                    {withLinks(m.text)}
                  </Text>
                </Card>
              ))}
            </Stack>
          ))}
        </>
      )}
    </Stack>
  );
}
