import type { TFunction } from "i18next";

/** A machine key as words for a column no label covers yet: "emailVerifiedAt" → "Email verified at". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s._:-]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
  if (!words.length) return "—";
  const s = words.join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The "my data" column label of a row key in the current language; humanised, never the raw key, when none is written. */
export function columnLabel(t: TFunction, key: string): string {
  // i18next reads "." and ":" as nesting and namespace separators: such keys cannot have a label entry
  if (!/^[A-Za-z0-9_]+$/.test(key)) return humanizeKey(key);
  return t(`citizenAccount.myData.columns.${key}`, { defaultValue: humanizeKey(key) });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Whether a cell holds an instant the page shows as a date (the download keeps the ISO text). */
export const isInstant = (v: unknown): v is string => typeof v === "string" && ISO_INSTANT.test(v);
