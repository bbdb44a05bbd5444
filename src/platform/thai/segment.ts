// Thai has no spaces between words, so PostgreSQL's parser cannot split it: we segment with
// Intl.Segmenter in the app and store space-separated terms (searchText) for to_tsvector('simple', …);
// queries go through the same tokenizer (tsQueryFromText) so both sides always agree.

import { thaiDigitsToArabic } from "./dates.js";

/** Maximum number of terms kept in a tsquery; more terms only narrow an AND query further. */
export const MAX_QUERY_TERMS = 32;

/** Maximum characters kept per query term; a longer word is truncated (still a valid prefix). */
export const MAX_TERM_LENGTH = 128;

// Created lazily once: constructing it at import time would break the whole kernel in a browser
// without Intl.Segmenter; there we fall back to splitting on non-letters (Thai runs stay whole).
let segmenter: Intl.Segmenter | null | undefined;

const NON_WORD_CHARS = /[^\p{L}\p{M}\p{N}]+/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Splits text into word-like segments: NFC-normalised, lower-cased, Thai digits converted to 0–9. */
export function thaiWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const normalised = thaiDigitsToArabic(text.normalize("NFC").toLowerCase().normalize("NFC"));
  const seg = getSegmenter();
  if (!seg) return normalised.split(NON_WORD_CHARS).filter((w) => HAS_LETTER_OR_DIGIT.test(w));
  const words: string[] = [];
  for (const s of seg.segment(normalised)) {
    if (s.isWordLike) words.push(s.segment);
    // ICU can call a run "not word-like" when a stray mark follows punctuation ("0_ิ"): keep its letters and digits
    else if (HAS_LETTER_OR_DIGIT.test(s.segment)) words.push(...s.segment.split(NON_WORD_CHARS).filter((w) => HAS_LETTER_OR_DIGIT.test(w)));
  }
  return words;
}

/** Returns the search terms of a text: its words further split on every non-letter/non-digit character (`it's` → `it`, `s`), as PostgreSQL's parser would split them. */
export function searchTerms(text: string | null | undefined): string[] {
  return termsOfWords(thaiWords(text));
}

/** searchTerms of a text already split by thaiWords (the word break is the costly part: done once, used twice). */
export function termsOfWords(words: readonly string[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    for (const piece of word.split(NON_WORD_CHARS)) {
      if (HAS_LETTER_OR_DIGIT.test(piece)) terms.push(piece);
    }
  }
  return terms;
}

/** Builds the space-joined search document of all non-empty parts, to be stored and indexed with to_tsvector('simple', …). */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts.flatMap((part) => searchTerms(part)).join(" ");
}

/** Builds a safe PostgreSQL to_tsquery string (`'term':* & 'term':*`) from user input, or null when nothing searchable remains. */
export function tsQueryFromText(query: string | null | undefined): string | null {
  const unique = [...new Set(searchTerms(query).map((t) => truncateTerm(t)))];
  const terms = unique.slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  // Terms contain only letters, marks and digits, so no quote, backslash or operator can appear.
  return terms.map((t) => `'${t}':*`).join(" & ");
}

function truncateTerm(term: string): string {
  if (term.length <= MAX_TERM_LENGTH) return term;
  const chars = Array.from(term).slice(0, MAX_TERM_LENGTH);
  // Do not leave a dangling combining mark or half a surrogate pair behind.
  while (chars.length > 1 && !HAS_LETTER_OR_DIGIT.test(chars[chars.length - 1])) chars.pop();
  return chars.join("");
}

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
        ? new Intl.Segmenter("th", { granularity: "word" })
        : null;
  }
  return segmenter;
}

// Thai letters and marks (not digits or symbols); ๆ and ฯ must never start a line.
const THAI_LETTER = /[\u0E01-\u0E3A\u0E40-\u0E4E]/;
const NO_BREAK_BEFORE = /[\u0E2F\u0E46]/;

/**
 * Inserts U+200B (zero-width space) between adjacent Thai words, so that a line breaker without a Thai
 * dictionary (UAX #14 alone, as in pdfkit/pdfmake) wraps only between words, never inside a syllable.
 */
export function withThaiWordBreaks(text: string): string {
  const seg = getSegmenter();
  if (!seg || !THAI_LETTER.test(text)) return text;
  let out = "";
  let prev = "";
  for (const { segment } of seg.segment(text)) {
    if (prev && THAI_LETTER.test(prev.at(-1)!) && THAI_LETTER.test(segment[0]!) && !NO_BREAK_BEFORE.test(segment[0]!)) out += "\u200B";
    out += segment;
    prev = segment;
  }
  return out;
}
