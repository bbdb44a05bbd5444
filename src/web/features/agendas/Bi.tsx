import { useFormat } from "../../app/format.js";

/** Data written in Thai with an optional English form: the English UI falls back to the Thai, marked lang="th" (WCAG 3.1.2). */
export function Bi({ th, en }: { th: string; en?: string | null }) {
  const f = useFormat();
  if (f.lang === "en" && en) return <span>{en}</span>;
  return <span lang={f.lang === "en" ? "th" : undefined}>{th}</span>;
}
