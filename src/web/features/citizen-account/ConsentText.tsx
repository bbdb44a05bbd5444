import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ACCOUNT_CONSENT } from "../../../modules/accounts/contracts.js";

/** The account consent text (PDPA) in the page's language; the other language under it, marked as such. */
export function ConsentText() {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const other = lang === "en" ? "th" : "en";
  return (
    <>
      <Text size="sm" lh={1.7} lang={lang} data-testid="consent-text">
        {ACCOUNT_CONSENT[lang]}
      </Text>
      <Text size="xs" c="dark.4" lh={1.7} lang={other}>
        {ACCOUNT_CONSENT[other]}
      </Text>
    </>
  );
}
