/**
 * What the catalog's admin API reads and writes: products as admins edit
 * them (every language's copy side by side, prices as entered, stock as
 * counted), and the inputs of the admin writes.
 *
 * @module
 */
import type { AuditActor } from "../admin/mod.ts";
import type { Language } from "../localization/mod.ts";
import type { CatalogWriteDeps } from "./writes.ts";

/** A product's lifecycle: drafts and archived products are not sold. */
export type ProductStatus = "draft" | "active" | "archived";

/** Free-form product attributes (`material`, `capacity_ml`...). */
export type ProductAttributes = Record<string, string | number | boolean>;

/** A product's copy in one language. */
export interface ProductCopy {
  name: string;
  description: string;
  slug: string;
  seoTitle: string | null;
  seoDescription: string | null;
}

/**
 * Per language: whether the product has both a name and a description in
 * it (`{ en: true, de: false, ... }`), for every language of the store.
 */
export type Completeness = Record<Language, boolean>;

/** Stock of one variant as an admin counts it. */
export interface AdminStock {
  /** Units on hand. */
  quantity: number;
  /** Units held by orders not yet paid or shipped. */
  reserved: number;
  /** `quantity - reserved`: what shoppers can still buy. */
  available: number;
  lowStockThreshold: number;
  /** `available <= lowStockThreshold`. */
  low: boolean;
}

/** A variant as admins edit it. */
export interface AdminVariant {
  id: string;
  productId: string;
  sku: string;
  options: Record<string, string>;
  weightGrams: number | null;
  /** Replaces the base price for this variant; base currency, exact. */
  priceOverride: string | null;
  position: number;
  stock: AdminStock;
  createdAt: string;
  updatedAt: string;
}

/**
 * A product's price in one sold currency: the price-list entry an admin
 * set (`override`) beside what the base price converts to at the latest
 * rate, rounded by the currency's rules (`converted`), for comparison.
 */
export interface CurrencyPrice {
  currency: string;
  /** The price-list entry, or null without one (always null for the base currency). */
  override: string | null;
  /** The base price in this currency; null when no rate reaches it yet. */
  converted: string | null;
  /** Units of this currency per base unit behind `converted`. */
  rate: string | null;
  rateAsOf: string | null;
  /** Where the price shoppers see comes from; null when it has none. */
  source: "base" | "price_list" | "converted" | null;
}

/** An image of a product with its alt text in every language. */
export interface AdminImage {
  id: string;
  /** The image's key in the media store (the last part of its URL). */
  key: string;
  url: string;
  alt: Partial<Record<Language, string>>;
  position: number;
}

/** Everything an admin can edit about a product. */
export interface AdminProduct {
  id: string;
  key: string | null;
  status: ProductStatus;
  featured: boolean;
  brand: string;
  /** Exact, in `baseCurrency`. */
  basePrice: string;
  baseCurrency: string;
  attributes: ProductAttributes;
  category: { id: string; key: string; name: string };
  /** The copy of every language that has one. */
  copy: Partial<Record<Language, ProductCopy>>;
  completeness: Completeness;
  variants: AdminVariant[];
  /** One row per currency the store sells. */
  prices: CurrencyPrice[];
  images: AdminImage[];
  rating: { average: number | null; count: number };
  createdAt: string;
  updatedAt: string;
}

/** A product in the admin list. */
export interface AdminProductRow {
  id: string;
  key: string | null;
  /** In the default language (else the first language with copy). */
  name: string;
  slug: string;
  status: ProductStatus;
  featured: boolean;
  brand: string;
  basePrice: string;
  category: { id: string; key: string; name: string };
  variantCount: number;
  /** Units available over all variants, and how many variants run low. */
  stock: { available: number; lowVariants: number };
  completeness: Completeness;
  imageUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One page of an admin list (page numbers, 1-based). */
export interface AdminPage<T> {
  items: T[];
  page: number;
  limit: number;
  /** Rows matching the filters, over all pages. */
  total: number;
}

/** How the admin product list is ordered. */
export type AdminProductSort = "updated" | "created" | "name";

/** The filters of the admin product list. */
export interface AdminProductQuery {
  /** Part of a name or slug (any language), a SKU, a key, or an id. */
  q?: string;
  status?: ProductStatus;
  /** A category id; its descendants are included. */
  categoryId?: string;
  /** Only products without both name and description in this language. */
  missingLanguage?: Language;
  /** Only products with a variant at or below its low-stock threshold. */
  lowStock?: boolean;
  sort?: AdminProductSort;
  page?: number;
  limit?: number;
}

/** A language's copy as written on create (slug made from the name when absent). */
export interface ProductCopyInput {
  name: string;
  description?: string;
  slug?: string;
  seoTitle?: string | null;
  seoDescription?: string | null;
}

/** A variant as created. */
export interface NewVariant {
  sku: string;
  options?: Record<string, string>;
  weightGrams?: number | null;
  /** Exact decimal in the base currency. */
  priceOverride?: string | null;
  lowStockThreshold?: number;
  /** Units on hand to start with (recorded as a stock movement). */
  stock?: number;
  position?: number;
}

/** Fields of a variant an admin may change (stock moves by adjustments). */
export interface VariantPatch {
  sku?: string;
  options?: Record<string, string>;
  weightGrams?: number | null;
  /** Null removes the override. */
  priceOverride?: string | null;
  lowStockThreshold?: number;
  position?: number;
}

/** A product as created (a draft unless `status` says otherwise). */
export interface NewProduct {
  key?: string | null;
  categoryId: string;
  brand?: string;
  /** Exact decimal in the base currency. */
  basePrice: string;
  status?: "draft" | "active";
  featured?: boolean;
  attributes?: ProductAttributes;
  /** The default language's copy is required. */
  copy: Partial<Record<Language, ProductCopyInput>>;
  variants?: NewVariant[];
}

/** A language's copy as patched: given fields change, a new language needs a name. */
export type ProductCopyPatch = Partial<ProductCopyInput>;

/** Fields of a product an admin may change; absent ones stay. */
export interface ProductEdit {
  key?: string | null;
  categoryId?: string;
  brand?: string;
  basePrice?: string;
  /** Archiving has its own action (`archiveProduct()`). */
  status?: "draft" | "active";
  featured?: boolean;
  /** Replaces all attributes. */
  attributes?: ProductAttributes;
  /** Per language: fields to change, or null to remove that language's copy. */
  copy?: Partial<Record<Language, ProductCopyPatch | null>>;
  /** Alt text per image and language (null removes a language's). */
  images?: { id: string; alt: Partial<Record<Language, string | null>> }[];
}

/** A stock movement: a manual change of a variant's units on hand. */
export interface StockMovement {
  id: string;
  variantId: string;
  delta: number;
  reason: string;
  quantityAfter: number;
  actorId: string | null;
  requestId: string | null;
  createdAt: string;
}

/** What an admin catalog write needs: the write deps and who acts. */
export interface ProductAdminDeps extends CatalogWriteDeps {
  actor: AuditActor;
}

/** What an admin catalog read needs (prices are shown in every sold currency). */
export type ProductAdminReadDeps = Pick<
  CatalogWriteDeps,
  "sql" | "currencies" | "baseCurrency"
>;
