/**
 * Plural messages in islands: the server passes every plural form of a
 * message (already translated, `{{count}}` left in), the island picks the
 * form for a number with `Intl.PluralRules`, as i18next would on the
 * server. Not an island itself.
 *
 * @module
 */

/** The forms of one message by plural category; `other` always exists. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {
  other: string;
};

/**
 * The form of `forms` for `count` in `language`, `{{count}}` filled in.
 * Zero takes the `zero` form when there is one, as i18next does.
 */
export function plural(
  forms: PluralForms,
  count: number,
  language: string,
): string {
  const category = count === 0 && forms.zero
    ? "zero"
    : new Intl.PluralRules(language).select(count);
  return (forms[category] ?? forms.other).replaceAll(
    "{{count}}",
    String(count),
  );
}
