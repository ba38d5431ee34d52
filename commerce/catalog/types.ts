/**
 * What the catalog module returns: localized, priced views of its rows.
 * Prices are already in the shopper's currency (see `price_index.ts`).
 *
 * @module
 */
import type { Language } from "../localization/mod.ts";

/** A price as every API shows it (see `moneyView` in the pricing module). */
export interface PriceView {
  /** Exact decimal string in the currency's minor units ("12.99", "1980"). */
  amount: string;
  currency: string;
  /** Formatted for the response language ("12,99 €"). */
  formatted: string;
}

/** Whether something can be bought now. */
export type StockStatus = "in_stock" | "low_stock" | "out_of_stock";

/** Stock as shoppers see it; the quantity only when it is running low. */
export interface Availability {
  status: StockStatus;
  /** Units left, given only for `low_stock`. */
  quantity: number | null;
}

/** An image with its alt text in the response language. */
export interface ImageView {
  url: string;
  alt: string;
}

/** A product in a list. */
export interface ProductSummary {
  id: string;
  slug: string;
  name: string;
  /** The language `name` and `slug` are in (the store default when missing). */
  language: Language;
  brand: string;
  image: ImageView | null;
  /** The lowest variant price; `null` when no rate exists for the currency. */
  price: PriceView | null;
  /** True when variants cost different amounts ("from" prices). */
  priceVaries: boolean;
  availability: Availability;
  rating: { average: number | null; count: number };
}

/** One variant of a product page. */
export interface VariantView {
  id: string;
  sku: string;
  options: Record<string, string>;
  weightGrams: number | null;
  price: PriceView | null;
  availability: Availability;
}

/** A category reference with its localized name and slug. */
export interface CategoryRef {
  id: string;
  key: string;
  slug: string;
  name: string;
}

/** Everything a product page shows. */
export interface ProductDetail extends ProductSummary {
  description: string;
  seo: { title: string; description: string };
  attributes: Record<string, string | number | boolean>;
  variants: VariantView[];
  images: ImageView[];
  /** From the root category down to the product's own. */
  breadcrumbs: CategoryRef[];
  rating: {
    average: number | null;
    count: number;
    /** Reviews per star, `"1"` to `"5"`. */
    distribution: Record<string, number>;
  };
  /** The product's slug in every language it has copy in. */
  slugs: Partial<Record<Language, string>>;
  createdAt: string;
  updatedAt: string;
}

/** A category in the tree, with how many active products it holds. */
export interface CategoryNode extends CategoryRef {
  /** The language name and slug are in. */
  language: Language;
  /** Active products in this category and all below it. */
  productCount: number;
  children: CategoryNode[];
  /** The category's slug in every language, for hreflang links. */
  slugs: Partial<Record<Language, string>>;
}

/** A review as listed under a product. */
export interface ReviewView {
  id: string;
  rating: number;
  title: string;
  body: string;
  language: Language;
  authorName: string;
  verifiedPurchase: boolean;
  createdAt: string;
}

/** A physical store, with its distance when a position was given. */
export interface StoreView {
  id: string;
  name: string;
  address: {
    line1: string;
    city: string;
    region: string | null;
    postalCode: string;
    country: string;
  };
  latitude: number;
  longitude: number;
  phone: string;
  openingHours: Record<string, string | null>;
  /** Great-circle distance in km, one decimal; null without a position. */
  distanceKm: number | null;
}

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
