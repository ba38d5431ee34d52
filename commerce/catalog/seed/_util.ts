/**
 * Private helpers of the seed: a seeded random generator (so the seed is the
 * same on every call and machine), localized-text shorthands and money
 * formatting in integer minor units.
 *
 * @module
 */
import type { Language } from "../../localization/mod.ts";
import type { Localized } from "./types.ts";

/** The store languages in the order the `t()` shorthand takes them. */
export const LANGS: readonly Language[] = [
  "en",
  "de",
  "fr",
  "es",
  "ja",
  "zh",
  "ar",
];

/**
 * A text in every language, given in the order en, de, fr, es, ja, zh, ar.
 * Positional on purpose: the tables hold hundreds of these, and seven
 * labelled fields each would bury the text.
 */
export function t(
  ...texts: [string, string, string, string, string, string, string]
): Localized {
  return {
    en: texts[0],
    de: texts[1],
    fr: texts[2],
    es: texts[3],
    ja: texts[4],
    zh: texts[5],
    ar: texts[6],
  };
}

/** Builds a localized value by calling `fn` once per language. */
export function perLanguage<T>(fn: (lang: Language) => T): Localized<T> {
  return Object.fromEntries(LANGS.map((lang) => [lang, fn(lang)])) as Localized<
    T
  >;
}

/** A 32-bit FNV-1a hash of a string: stable seeds from stable keys. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small deterministic random generator (mulberry32) seeded by a string. */
export class Rng {
  #state: number;

  constructor(seed: string) {
    this.#state = hash(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let x = this.#state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]; with `step`, `min` plus a multiple of it. */
  int(min: number, max: number, { step = 1 }: { step?: number } = {}): number {
    const steps = Math.floor((max - min) / step);
    return min + step * Math.floor(this.next() * (steps + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct elements of a list, in the list's order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const indexes = items.map((_, i) => i);
    for (let i = indexes.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
    }
    return indexes.slice(0, Math.min(count, items.length)).sort((a, b) => a - b)
      .map((i) => items[i]);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Formats integer minor units as a decimal string with `exponent` digits. */
export function formatMinor(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const unit = 10 ** exponent;
  const whole = Math.floor(minor / unit);
  const fraction = String(minor % unit).padStart(exponent, "0");
  return `${whole}.${fraction}`;
}

/**
 * A shop-like price in cents near `cents`: whole amounts ending in .00, .50,
 * .90 or .95 the way price tags do, never below one unit.
 */
export function charmCents(cents: number, ending: 0 | 50 | 90 | 95): number {
  const whole = Math.max(1, Math.ceil(cents / 100));
  return ending === 0 ? whole * 100 : (whole - 1) * 100 + ending;
}

/** Replaces `{name}` placeholders in a template. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(
    /\{(\w+)\}/g,
    (whole, key: string) => values[key] ?? whole,
  );
}
