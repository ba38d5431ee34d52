import type { Language } from "../localization/mod.ts";
import { DEFAULT_LANGUAGE } from "../localization/mod.ts";
import { moneyView, parseMoney } from "../pricing/mod.ts";
import type { Availability, ImageView, PriceView } from "./types.ts";

/**
 * The price view of an amount read from a `numeric(19, 4)` column, or null
 * when there is none (no rate for the currency yet).
 */
export function priceView(
  amount: string | null | undefined,
  options: { language: Language; currency: string },
): PriceView | null {
  if (amount === null || amount === undefined) return null;
  // The column keeps four decimals; parseMoney accepts the zeros beyond the
  // currency's minor unit that this adds.
  return moneyView(parseMoney(amount, options.currency), options.language);
}

/** Stock status from units available and whether any variant has plenty. */
export function availability(
  stock: { available: number; plenty: boolean },
): Availability {
  if (stock.available <= 0) return { status: "out_of_stock", quantity: null };
  if (stock.plenty) return { status: "in_stock", quantity: null };
  return { status: "low_stock", quantity: stock.available };
}

/** An image with the alt text of `language`, else the default language's. */
export function imageView(
  image: { url: string; alt: unknown },
  language: Language,
): ImageView {
  const alt = (image.alt ?? {}) as Partial<Record<Language, string>>;
  return { url: image.url, alt: alt[language] ?? alt[DEFAULT_LANGUAGE] ?? "" };
}
