import { createTheme, type MantineColorsTuple } from "@mantine/core";

// A deep civic blue; shade 7+ on white passes WCAG AA for text.
const changwat: MantineColorsTuple = [
  "#eef3fb", "#d9e3f3", "#b0c5e6", "#84a5d9", "#5f8acd", "#4779c6", "#3a70c4", "#2b5ead", "#23539c", "#1c3d6e",
];

const FONT = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif";

/** Thai typography: bundled Sarabun, generous line height for stacked vowels/tone marks, no caps or tracking. */
export const theme = createTheme({
  fontFamily: FONT,
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, monospace",
  primaryColor: "changwat",
  primaryShade: { light: 8, dark: 4 },
  colors: { changwat },
  defaultRadius: "sm",
  lineHeights: { xs: "1.6", sm: "1.6", md: "1.65", lg: "1.7", xl: "1.7" },
  headings: {
    fontFamily: FONT,
    fontWeight: "700",
    sizes: {
      h1: { fontSize: "1.75rem", lineHeight: "1.6" },
      h2: { fontSize: "1.4rem", lineHeight: "1.6" },
      h3: { fontSize: "1.15rem", lineHeight: "1.6" },
      h4: { fontSize: "1.05rem", lineHeight: "1.6" },
      h5: { fontSize: "1rem", lineHeight: "1.6" },
      h6: { fontSize: "0.95rem", lineHeight: "1.6" },
    },
  },
  focusRing: "auto",
  components: {
    // Links are underlined so they never rely on colour alone (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: "always" } },
    Badge: { defaultProps: { size: "lg", radius: "sm" } },
    Table: { defaultProps: { verticalSpacing: "xs", highlightOnHover: true } },
    // Light alert titles use shade 6, below AA contrast on the tinted background: keep the text colour.
    Alert: { styles: { title: { color: "var(--mantine-color-text)" }, icon: { color: "var(--mantine-color-text)" } } },
  },
});
