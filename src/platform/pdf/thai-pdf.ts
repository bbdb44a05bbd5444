/**
 * Thai PDFs with pdfmake 0.3 (on pdfkit), Sarabun embedded from @fontsource/sarabun: the fonts, the runs and the
 * copy-paste fix every report renderer shares (the round report, the provincial report and brief).
 *
 * Fontsource ships Sarabun split by script (a Thai file without digits or Latin, a Latin file without Thai),
 * so every text is cut into runs, each with the file that has its glyphs. Thai words are separated with
 * U+200B first: pdfkit's line breaker (UAX #14, no dictionary) would otherwise never wrap inside Thai.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PdfMake } from "pdfmake";
import { withThaiWordBreaks } from "../thai/segment.js";

// pdfmake doc nodes are plain objects; its own typings do not exist for 0.3.
export type Node = Record<string, unknown> | string | Node[];

export const THAI_FONT = "SarabunThai";
export const LATIN_FONT = "Sarabun";
const FONT_FILES = {
  [THAI_FONT]: { normal: "sarabun-thai-400-normal.woff", bold: "sarabun-thai-700-normal.woff" },
  [LATIN_FONT]: { normal: "sarabun-latin-400-normal.woff", bold: "sarabun-latin-700-normal.woff" },
};
export const INK = "#1f2937";
export const MUTED = "#6b7280";
export const RULE = "#9ca3af";
export const HEAD_FILL = "#e5e7eb";
export const DEMO_RED = "#b91c1c";

let ready: Promise<PdfMake> | null = null;

/** Loads pdfmake and the four font files once per process (about 60 KB), on the first report. */
export function pdfmakeWithFonts(): Promise<PdfMake> {
  ready ??= (async () => {
    const { default: pdfmake } = await import("pdfmake");
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("@fontsource/sarabun")), "files");
    for (const files of Object.values(FONT_FILES))
      for (const file of Object.values(files)) if (!pdfmake.virtualfs.existsSync(file)) pdfmake.virtualfs.writeFileSync(file, await readFile(path.join(dir, file)));
    pdfmake.setFonts(
      Object.fromEntries(Object.entries(FONT_FILES).map(([name, f]) => [name, { normal: f.normal, bold: f.bold, italics: f.normal, bolditalics: f.bold }])),
    );
    // Everything the report needs is in memory: no file or URL is ever read on a report's behalf.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    return pdfmake;
  })().catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

// Characters no Sarabun subset has, printed as words rather than as empty boxes.
const SUBSTITUTES: Record<string, string> = { "Σ": "ผลรวม", "≤": "<=", "≥": ">=", "→": "->" };
const THAI_CHAR = /[\u0E00-\u0E7F]/;
export const ZWSP = "\u200B";
// pdfkit draws U+200B as the font's .notdef box (700 units wide); in a 0.01 pt run of its own it still
// gives the line breaker its break opportunity but is invisible and takes no room.
const breakRun = (): Run => ({ text: ZWSP, font: LATIN_FONT, fontSize: 0.01 });

export type Run = { text: string; font: string; fontSize?: number };

/** Cuts text into runs of one font each (Thai block → Thai file, everything else → Latin file). */
export function fontRuns(text: string): Run[] {
  const out: Run[] = [];
  let font: string | null = null;
  let cur = "";
  const flush = () => {
    if (cur) out.push({ text: cur, font: font! });
    cur = "";
  };
  const source = withThaiWordBreaks(text).replace(/[Σ≤≥→]/g, (c) => SUBSTITUTES[c]!);
  for (const ch of source) {
    if (ch === ZWSP) {
      flush();
      out.push(breakRun());
      continue;
    }
    const f: string = /\s/.test(ch) ? (font ?? LATIN_FONT) : THAI_CHAR.test(ch) ? THAI_FONT : LATIN_FONT;
    if (f !== font) flush();
    font = f;
    cur += ch;
  }
  flush();
  return out;
}

// pdfkit's internals that fixToUnicode touches (pdfkit 0.19, fontkit 2).
type EmbeddedFont = {
  font?: { characterSet?: number[]; glyphForCodePoint(cp: number): { id: number } };
  subset?: { glyphs?: number[] };
  unicode?: number[][];
};

/**
 * pdfkit maps each glyph to the characters of its first use, so after Sarabun splits ำ into nikhahit + sara aa,
 * every later า copies as nothing. Map glyphs back through the font's cmap instead; ำ then copies as its
 * compatibility decomposition ํา (NFKD), which looks the same and is what most Thai PDFs contain.
 */
export function fixToUnicode(doc: { _fontFamilies?: Record<string, EmbeddedFont> }): void {
  for (const f of new Set(Object.values(doc._fontFamilies ?? {}))) {
    const { font, subset, unicode } = f;
    if (!font?.characterSet || !subset?.glyphs || !unicode) continue;
    const chars = new Map<number, number[]>();
    for (const cp of font.characterSet) {
      const id = font.glyphForCodePoint(cp).id;
      if (id !== 0 && !chars.has(id)) chars.set(id, [cp]);
    }
    subset.glyphs.forEach((orig, gid) => {
      if (gid === 0) return;
      unicode[gid] = chars.get(orig) ?? (unicode[gid] ?? []).map((c) => (c === 0x0e33 ? 0x0e4d : c));
    });
  }
}

/** A text node in the right fonts; `style` carries pdfmake properties (bold, fontSize, color, alignment …). */
export function t(text: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: fontRuns(text), ...style };
}


/** Lays out a pdfmake document and returns the PDF, with text that copies back as the Thai it was written in. */
export async function renderPdf(doc: object): Promise<Buffer> {
  const pdfmake = await pdfmakeWithFonts();
  const out = pdfmake.createPdf(doc);
  fixToUnicode((await out.getStream()) as Parameters<typeof fixToUnicode>[0]);
  return out.getBuffer();
}
