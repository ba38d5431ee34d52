/**
 * Every plural form of a message, for islands that count on the client.
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { PluralForms } from "../../islands/_plural.ts";

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;

/**
 * The forms `{key}_zero` … `{key}_other` of a plural message, translated
 * with `{{count}}` left for the island to fill in (see `islands/_plural.ts`).
 */
export function pluralForms(t: Translate, key: string): PluralForms {
  const forms: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  for (const category of CATEGORIES) {
    // The full key, built first: the key scan checks literal keys only.
    const name = `${key}_${category}`;
    forms[category] = t(name);
  }
  return { ...forms, other: forms.other ?? "" };
}
