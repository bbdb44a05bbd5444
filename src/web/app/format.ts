import { useTranslation } from "react-i18next";
import { formatThaiDate, formatFiscalYear, formatBaht } from "../../platform/thai/index.js";
import type { Lang } from "../i18n/index.js";

export interface Named {
  nameTh: string;
  nameEn: string;
}

/** Formatting bound to the current language: names, Thai/English dates, numbers. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === "en" ? "en" : "th";
  const numberFmt = new Intl.NumberFormat(lang === "th" ? "th-TH" : "en-GB");
  return {
    lang,
    /** The other language, for the lang attribute of a name shown in it (WCAG 3.1.2). */
    other: (lang === "th" ? "en" : "th") as Lang,
    name: (x: Named | null | undefined): string => (x ? (lang === "en" ? x.nameEn || x.nameTh : x.nameTh || x.nameEn) : ""),
    label: (x: { labelTh: string; labelEn: string } | null | undefined): string =>
      x ? (lang === "en" ? x.labelEn || x.labelTh : x.labelTh || x.labelEn) : "",
    pick: (th: string | null | undefined, en: string | null | undefined): string => (lang === "en" ? en || th || "" : th || en || ""),
    date: (d: string | Date | null | undefined, style: "short" | "long" = "short"): string => {
      if (!d) return "";
      try {
        return formatThaiDate(d, { locale: lang, style });
      } catch {
        return String(d);
      }
    },
    dateTime: (d: string | Date | null | undefined): string => {
      if (!d) return "";
      try {
        return formatThaiDate(d, { locale: lang, style: "short", withTime: true });
      } catch {
        return String(d);
      }
    },
    fiscalYear: (fy: number) => formatFiscalYear(fy, lang),
    baht: (amount: number | string) => formatBaht(amount, lang),
    number: (n: number | null | undefined): string => (n === null || n === undefined ? "" : numberFmt.format(n)),
    years: (n: number): string => new Intl.NumberFormat(lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(n),
  };
}
export type Format = ReturnType<typeof useFormat>;
