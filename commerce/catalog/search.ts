/**
 * How the catalog's full-text search sees each language.
 *
 * Languages with a Postgres stemmer use it. Chinese and Japanese are written
 * without spaces, so no stemmer can split them into words: their text is
 * indexed as overlapping character unigrams and bigrams (the approach of
 * Lucene's CJK analyzer) under the `simple` configuration, and queries are
 * split the same way. This works on any Postgres, PGlite included, whatever
 * its locale, and needs no extension.
 *
 * @module
 */
import type { Language } from "../localization/mod.ts";

const CONFIGS: Readonly<Record<Language, string>> = {
  en: "english",
  de: "german",
  fr: "french",
  es: "spanish",
  ar: "arabic",
  ja: "simple",
  zh: "simple",
};

/** The Postgres text search configuration used for `language`. */
export function searchConfig(language: Language): string {
  return CONFIGS[language];
}

// Han ideographs, kana (with the prolonged sound mark) and CJK compatibility
// forms: the scripts that are not split into words by spaces.
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;

/**
 * Text as the index should see it: unchanged for spaced languages; for
 * Chinese and Japanese every run of CJK characters becomes its unigrams and
 * bigrams, separated by spaces, and other words (brand names, numbers) stay.
 */
export function searchText(language: Language, text: string): string {
  if (CONFIGS[language] !== "simple") return text;
  return text.replace(CJK_RUN, (run) => ` ${ngrams(run, true).join(" ")} `)
    .replace(/\s+/g, " ").trim();
}

/**
 * A shopper's query as terms for `plainto_tsquery('simple', ...)` in Chinese
 * and Japanese: bigrams of each CJK run (all must match), or the character
 * itself for a one-character run; other words as typed. Spaced languages get
 * the query back unchanged, for `websearch_to_tsquery`.
 */
export function searchQueryText(language: Language, query: string): string {
  if (CONFIGS[language] !== "simple") return query;
  return query.replace(CJK_RUN, (run) => ` ${ngrams(run, false).join(" ")} `)
    .replace(/\s+/g, " ").trim();
}

function ngrams(run: string, withUnigrams: boolean): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = withUnigrams ? [...chars] : [];
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.push(chars[i] + chars[i + 1]);
  }
  return grams;
}
