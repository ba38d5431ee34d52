/**
 * Shopper-facing wording of catalog values: stock states, prices, ratings
 * and attribute or option codes, translated through the locale files.
 *
 * @module
 */
import type { Availability, PriceView } from "../../commerce/catalog/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";

/** "In stock", "Only 3 left", "Out of stock". */
export function stockLabel(t: Translate, availability: Availability): string {
  switch (availability.status) {
    case "in_stock":
      return t("catalog.stock.inStock");
    case "low_stock":
      return t("catalog.stock.lowStock", { count: availability.quantity ?? 0 });
    case "out_of_stock":
      return t("catalog.stock.outOfStock");
  }
}

/** A price as shown: "12,99 €", "from 12,99 €", or that none is known yet. */
export function priceLabel(
  t: Translate,
  price: PriceView | null,
  options: { from?: boolean } = {},
): string {
  if (!price) return t("catalog.priceUnavailable");
  return options.from
    ? t("catalog.priceFrom", { price: price.formatted })
    : price.formatted;
}

/** "Rated 4.3 out of 5" for screen readers, with the number localized. */
export function ratingLabel(
  t: Translate,
  average: number,
  language: Language,
): string {
  const rating = new Intl.NumberFormat(language, {
    maximumFractionDigits: 1,
  }).format(average);
  return t("catalog.rating", { rating });
}

// A code is looked up only when it is a plain word: i18next reads "." and
// ":" as key and namespace separators.
const CODE = /^[a-z0-9][a-z0-9_-]*$/i;

/** The label of an attribute or option code ("color" → "Farbe"). */
export function attributeName(t: Translate, code: string): string {
  return CODE.test(code)
    ? t(`attributes.names.${code}`, { defaultValue: humanize(code) })
    : code;
}

/**
 * The label of an attribute value: a translated code for strings, a
 * localized number, or yes/no.
 */
export function attributeValue(
  t: Translate,
  value: string | number | boolean,
  language: Language,
): string {
  if (typeof value === "boolean") {
    return value ? t("attributes.yes") : t("attributes.no");
  }
  if (typeof value === "number") {
    return new Intl.NumberFormat(language).format(value);
  }
  return CODE.test(value)
    ? t(`attributes.values.${value}`, { defaultValue: humanize(value) })
    : value;
}

function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
