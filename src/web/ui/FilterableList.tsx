import { useMemo, useState } from "react";
import { Button, Group, SimpleGrid, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A short searchable list of links (districts, offices, children) with a "show all" step. */
export function FilterableList<T>({
  items,
  text,
  render,
  keyOf,
  testId,
  initial = 24,
  cols = { base: 1, sm: 2, lg: 3 },
  label,
}: {
  items: readonly T[];
  text: (item: T) => string;
  render: (item: T) => React.ReactNode;
  keyOf: (item: T) => string;
  testId?: string;
  initial?: number;
  cols?: { base: number; xs?: number; sm?: number; md?: number; lg?: number };
  label: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [all, setAll] = useState(false);
  const filtered = useMemo(() => {
    const s = q.trim().toLowerCase();
    return s ? items.filter((i) => text(i).toLowerCase().includes(s)) : items;
  }, [items, q, text]);
  const shown = all || q ? filtered : filtered.slice(0, initial);
  if (!items.length) return <Text c="dark.4">{t("common.none")}</Text>;
  return (
    <div data-testid={testId}>
      {items.length > 8 && (
        <TextInput type="search" aria-label={label} placeholder={label} value={q} onChange={(e) => setQ(e.currentTarget.value)} mb="sm" maw={360} />
      )}
      <SimpleGrid cols={cols} spacing={4} verticalSpacing={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {shown.map((i) => (
          <li key={keyOf(i)}>{render(i)}</li>
        ))}
      </SimpleGrid>
      <Group mt="xs" gap="sm">
        <Text size="sm" c="dark.4" aria-live="polite">
          {t("common.showingCount", { shown: shown.length, total: items.length })}
        </Text>
        {!all && !q && filtered.length > initial && (
          <Button variant="subtle" size="compact-sm" onClick={() => setAll(true)}>
            {t("common.showAll")}
          </Button>
        )}
      </Group>
    </div>
  );
}
