/**
 * The countries the address form offers, named in the page's language.
 *
 * @module
 */

/**
 * The countries of the address form: every country with its own address
 * rules plus common neighbours (ISO 3166-1 alpha-2).
 */
export const ADDRESS_COUNTRIES: readonly string[] = [
  "US",
  "CA",
  "GB",
  "IE",
  "DE",
  "AT",
  "CH",
  "FR",
  "BE",
  "NL",
  "LU",
  "IT",
  "ES",
  "PT",
  "DK",
  "SE",
  "NO",
  "FI",
  "PL",
  "JP",
  "CN",
  "KR",
  "SG",
  "AU",
  "NZ",
  "BR",
  "MX",
  "IN",
  "AE",
  "SA",
  "EG",
];

/** A country's name in `language`, or its code when the runtime has none. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: "region" }).of(code) ??
      code;
  } catch {
    return code;
  }
}

/**
 * The form's countries as `{ code, name }` in `language`, sorted by name
 * the way that language sorts.
 */
export function countryOptions(
  language: string,
): { code: string; name: string }[] {
  const collator = new Intl.Collator(language);
  return ADDRESS_COUNTRIES
    .map((code) => ({ code, name: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
