import type { ReactNode } from "react";
import { Text } from "@mantine/core";

/** A labelled fact on a record page: a small label above its value. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dark.4" fw={600}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}
