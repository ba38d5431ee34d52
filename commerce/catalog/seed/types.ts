/**
 * The shape of the catalog's seed data: what `deno task seed` (and the first
 * start of the embedded default) loads into the catalog schema. The data is
 * plain and deterministic; slugs are derived from the names when it is
 * loaded, so they are not part of it.
 *
 * @module
 */
import type { Language } from "../../localization/mod.ts";

/** A text in every store language. */
export type Localized<T = string> = Record<Language, T>;

/** A category; `parent` names another category's `key`. */
export interface SeedCategory {
  key: string;
  parent?: string;
  names: Localized;
}

/** The localized copy of a product in one language. */
export interface SeedProductDetails {
  name: string;
  description: string;
  seoTitle: string;
  seoDescription: string;
}

/** One sellable variant of a product. */
export interface SeedVariant {
  sku: string;
  /** Option codes, e.g. `{ color: "black", size: "m" }` (labels live in locales). */
  options: Record<string, string>;
  weightGrams: number;
  /** A price in the base currency that replaces the product's, as a decimal string. */
  priceOverride?: string;
  stock: number;
  lowStockThreshold: number;
}

/** A product image; `key` is what `/media/products/{key}.svg` renders. */
export interface SeedImage {
  key: string;
  alt: Localized;
}

/** A product with its variants, copy, images and explicit prices. */
export interface SeedProduct {
  key: string;
  /** The `key` of its category (a leaf or inner node). */
  category: string;
  brand: string;
  /** The price in USD, as a decimal string ("49.90"). */
  basePrice: string;
  /** Free-form attribute codes, e.g. `{ material: "oak", color: "natural" }`. */
  attributes: Record<string, string | number | boolean>;
  details: Localized<SeedProductDetails>;
  variants: SeedVariant[];
  images: SeedImage[];
  featured: boolean;
  /** How long ago the product was added, so "newest" sorts meaningfully. */
  createdDaysAgo: number;
  /** Explicit prices per currency code that win over conversion. */
  priceList?: Record<string, string>;
}

/** A shopper's review of a product. */
export interface SeedReview {
  /** The `key` of the reviewed product. */
  product: string;
  rating: 1 | 2 | 3 | 4 | 5;
  title: string;
  body: string;
  language: Language;
  authorName: string;
  verifiedPurchase: boolean;
  daysAgo: number;
}

/** A physical store for the store locator. */
export interface SeedStore {
  key: string;
  name: string;
  address: {
    line1: string;
    city: string;
    region?: string;
    postalCode: string;
    /** ISO 3166-1 alpha-2. */
    country: string;
  };
  lat: number;
  lng: number;
  phone: string;
  /** Per weekday (`mon`..`sun`), `"09:00-18:00"` or `null` when closed. */
  openingHours: Record<
    "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun",
    string | null
  >;
}

/** Everything the catalog seeder loads. */
export interface CatalogSeed {
  categories: SeedCategory[];
  products: SeedProduct[];
  reviews: SeedReview[];
  stores: SeedStore[];
  /**
   * Labels of attribute and option codes per language: `names` for the keys
   * (`color` → "Farbe"), `values` for string values (`black` → "Schwarz").
   */
  labels: Localized<{
    names: Record<string, string>;
    values: Record<string, string>;
  }>;
}
