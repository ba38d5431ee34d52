/**
 * The query string of a product listing page (category or search), read the
 * forgiving way a page must: a value that makes no sense is dropped, never a
 * 400, and a price the shopper typed wrongly comes back as a flag the page
 * shows inline. The same shape writes the URLs of the filter form and of the
 * next-page link.
 *
 * @module
 */
import { z } from "zod";
import type {
  ProductListQuery,
  ProductSort,
} from "../../commerce/catalog/mod.ts";
import {
  InvalidAmountError,
  parseMoney,
  toDecimalString,
} from "../../commerce/pricing/mod.ts";

/** Sort orders the listing offers, in the order the select shows them. */
export const SORTS: readonly ProductSort[] = [
  "relevance",
  "price_asc",
  "price_desc",
  "newest",
  "rating",
];

/** What the shopper asked for, as the filter form shows it again. */
export interface ListingForm {
  q: string;
  sort: ProductSort;
  /** The price bounds as typed (kept even when invalid, to correct them). */
  min: string;
  max: string;
  inStock: boolean;
  /** Attribute code → the values ticked. */
  attributes: Record<string, string[]>;
  cursor?: string;
}

/** Why the price bounds were ignored. */
export type PriceProblem = "invalid" | "range";

/** A listing request: the form state and the catalog query it makes. */
export interface ListingRequest {
  form: ListingForm;
  query: Omit<ProductListQuery, "language" | "currency" | "category" | "limit">;
  /** Set when the price bounds could not be used. */
  priceProblem?: PriceProblem;
}

const Params = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(SORTS as [ProductSort, ...ProductSort[]]).catch("relevance"),
  min: z.string().trim().max(40).catch(""),
  max: z.string().trim().max(40).catch(""),
  stock: z.string().optional().catch(undefined),
  cursor: z.string().max(600).optional().catch(undefined),
});

/**
 * Read a listing's query string. `facets` names the attribute filters the
 * page offers (code → allowed values); anything else is ignored. Prices are
 * read exactly in `currency`; a bound that is not an amount there ("12.345"
 * in USD, "abc") or a minimum above the maximum drops both bounds and sets
 * `priceProblem`.
 */
export function parseListing(
  params: URLSearchParams,
  options: { currency: string; facets: Record<string, readonly string[]> },
): ListingRequest {
  const raw = Params.parse({
    q: params.get("q") ?? "",
    sort: params.get("sort") ?? "relevance",
    min: params.get("min") ?? "",
    max: params.get("max") ?? "",
    stock: params.get("stock") ?? undefined,
    cursor: params.get("cursor") || undefined,
  });
  const attributes: Record<string, string[]> = {};
  for (const [code, allowed] of Object.entries(options.facets)) {
    const values = [...new Set(params.getAll(code))]
      .filter((value) => allowed.includes(value));
    if (values.length) attributes[code] = values;
  }
  const form: ListingForm = {
    q: raw.q,
    sort: raw.sort,
    min: raw.min,
    max: raw.max,
    inStock: raw.stock === "1" || raw.stock === "on" || raw.stock === "true",
    attributes,
    cursor: raw.cursor,
  };

  let minPrice: string | undefined;
  let maxPrice: string | undefined;
  let priceProblem: PriceProblem | undefined;
  try {
    const min = form.min ? parseMoney(form.min, options.currency) : undefined;
    const max = form.max ? parseMoney(form.max, options.currency) : undefined;
    if (min && max && min.amount > max.amount) {
      priceProblem = "range";
    } else {
      minPrice = min && toDecimalString(min);
      maxPrice = max && toDecimalString(max);
    }
  } catch (error) {
    if (!(error instanceof InvalidAmountError)) throw error;
    priceProblem = "invalid";
  }

  return {
    form,
    query: {
      q: form.q || undefined,
      sort: form.sort,
      minPrice,
      maxPrice,
      inStock: form.inStock || undefined,
      attributes: Object.keys(attributes).length ? attributes : undefined,
      cursor: form.cursor,
    },
    priceProblem,
  };
}

/**
 * The query string of `form` (without the cursor unless `cursor` is given),
 * leading `?` included, or `""` when nothing is set. Defaults are left out so
 * the plain listing keeps its plain URL.
 */
export function listingSearch(form: ListingForm, cursor?: string): string {
  const params = new URLSearchParams();
  if (form.q) params.set("q", form.q);
  if (form.sort !== "relevance") params.set("sort", form.sort);
  if (form.min) params.set("min", form.min);
  if (form.max) params.set("max", form.max);
  if (form.inStock) params.set("stock", "1");
  for (const [code, values] of Object.entries(form.attributes)) {
    for (const value of values) params.append(code, value);
  }
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** How many filters (price, stock, attribute values) are active. */
export function activeFilterCount(form: ListingForm): number {
  return (form.min ? 1 : 0) + (form.max ? 1 : 0) + (form.inStock ? 1 : 0) +
    Object.values(form.attributes).reduce((sum, v) => sum + v.length, 0);
}
