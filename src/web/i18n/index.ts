import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import th from "./th.json";
import en from "./en.json";

export type Lang = "th" | "en";
export const LANGS: readonly Lang[] = ["th", "en"];
const STORAGE_KEY = "changwat.lang";

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === "th" || v === "en") return v;
  } catch {
    // storage may be disabled (private mode); Thai is the default
  }
  return "th";
}

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
  document.title = i18n.t("app.title");
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore: the choice just will not survive a reload
  }
});

void i18n.use(initReactI18next).init({
  resources: { th: { translation: th }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: "th",
  supportedLngs: ["th", "en"],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
document.title = i18n.t("app.title");

export function currentLang(): Lang {
  return i18n.language === "en" ? "en" : "th";
}

export default i18n;
