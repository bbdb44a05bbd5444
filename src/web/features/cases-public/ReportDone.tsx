import { Alert, Button, Card, CopyButton, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SubmittedCase } from "../../../modules/cases/contracts.js";
import { useFormat } from "../../app/format.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { CaseStatusBadge } from "./case-ui.js";

/**
 * The answer to a report: its public number, the secret tracking code in large type (shown this once: the server
 * keeps only its hash), the office it went to and when the province promises a result.
 */
export function ReportDone({ result, onAnother }: { result: SubmittedCase; onAnother: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="lg" maw={720} mx="auto" data-testid="report-done">
      <div>
        <Title order={1} data-testid="report-done-title">
          <span aria-hidden="true">✓ </span>
          {t("casesPublic.done.title")}
        </Title>
        <Text c="dark.5">{t("casesPublic.done.intro")}</Text>
      </div>

      <Card withBorder p="lg" style={{ borderColor: "var(--mantine-color-changwat-7, #1d4ed8)", borderWidth: 2 }}>
        <Text fw={700}>{t("casesPublic.done.codeLabel")}</Text>
        <Text
          component="p"
          ff="monospace"
          fw={700}
          ta="center"
          my="sm"
          style={{ fontSize: "clamp(1.9rem, 9vw, 2.8rem)", lineHeight: 1.3, wordBreak: "break-all", userSelect: "all" }}
          data-testid="report-tracking-code"
        >
          {result.trackingCode}
        </Text>
        <CopyButton value={result.trackingCode}>
          {({ copied, copy }) => (
            <Button size="lg" fullWidth variant={copied ? "light" : "filled"} color={copied ? "green.9" : undefined} onClick={copy} data-testid="report-copy-code" aria-live="polite">
              {copied ? `✓ ${t("casesPublic.done.copied")}` : t("casesPublic.done.copy")}
            </Button>
          )}
        </CopyButton>
        <Alert color="orange" variant="light" mt="md" icon={<span aria-hidden="true">⚠</span>} title={t("casesPublic.done.onceTitle")} data-testid="report-once-warning">
          <Text size="sm">{t("casesPublic.done.once")}</Text>
        </Alert>
      </Card>

      <Card withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <div>
            <Text size="sm" c="dark.5">{t("casesPublic.done.ref")}</Text>
            <Text fw={700} size="lg" data-testid="report-public-ref">{result.publicRef}</Text>
          </div>
          <div>
            <Text size="sm" c="dark.5">{t("casesPublic.done.status")}</Text>
            <CaseStatusBadge status={result.status} size="lg" />
          </div>
          <div>
            <Text size="sm" c="dark.5">{t("casesPublic.done.office")}</Text>
            <Text fw={700} lang="th" data-testid="report-office">{result.assignedOrgNameTh ?? t("casesPublic.done.officeUnknown")}</Text>
          </div>
          <div>
            <Text size="sm" c="dark.5">{t("casesPublic.done.due")}</Text>
            <Text fw={700} data-testid="report-due">{f.dateTime(result.resolveDueAt)}</Text>
          </div>
        </SimpleGrid>
        {result.possibleDuplicates.length > 0 && (
          <Text size="sm" mt="md" data-testid="report-done-duplicates">
            {t("casesPublic.done.duplicates")}{" "}
            {result.possibleDuplicates.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ", "}
                <AnchorLink to="/board/$ref" params={{ ref: d.publicRef }}>{d.publicRef}</AnchorLink>
              </span>
            ))}
          </Text>
        )}
      </Card>

      <Stack gap="sm">
        <ButtonLink to="/track" search={{ code: result.trackingCode }} size="lg" fullWidth data-testid="report-track-link">{t("casesPublic.done.track")}</ButtonLink>
        <ButtonLink to="/board/$ref" params={{ ref: result.publicRef }} size="lg" variant="default" fullWidth data-testid="report-board-link">{t("casesPublic.done.publicPage")}</ButtonLink>
        <Group justify="center">
          <Button variant="subtle" onClick={onAnother} data-testid="report-another">{t("casesPublic.done.another")}</Button>
        </Group>
      </Stack>
    </Stack>
  );
}
