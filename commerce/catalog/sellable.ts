/**
 * Variants as a cart or checkout sells them: the localized name, SKU and
 * options to snapshot, the price in the shopper's currency from the price
 * index (with the rate it used and the base-currency price it came from),
 * the weight for shipping and the units available right now.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { DEFAULT_LANGUAGE, type Language } from "../localization/mod.ts";
import { isUuid } from "./queries.ts";

/** A variant ready to be sold in one currency and language. */
export interface SellableVariant {
  variantId: string;
  productId: string;
  sku: string;
  /** The product's name in the requested language (else English). */
  name: string;
  slug: string;
  options: Record<string, string>;
  weightGrams: number;
  imageUrl: string | null;
  /** Whether the product is on sale (active); archived ones are not. */
  active: boolean;
  /**
   * The unit price in the currency asked for, as an exact decimal string
   * (trailing zeros as stored), with the effective rate from the base
   * currency when it was converted; `null` when no rate exists.
   */
  price: { amount: string; rate: string | null } | null;
  /** The unit price in the base currency, exact decimal string. */
  basePrice: string;
  /** Units on hand minus units reserved by unpaid orders. */
  available: number;
  lowStockThreshold: number;
}

/**
 * The variants with these ids, by id, priced in `currency` and named in
 * `language`. Ids that are not UUIDs or name no variant are simply absent.
 * Runs on a connection or inside a transaction.
 */
export async function sellableVariants(
  sql: Sql | postgres.TransactionSql,
  options: {
    variantIds: readonly string[];
    currency: string;
    language: Language;
  },
): Promise<Map<string, SellableVariant>> {
  const ids = [...new Set(options.variantIds.filter(isUuid))];
  if (!ids.length) return new Map();
  const rows = await sql`
    select v.id, v.product_id, v.sku, v.options, coalesce(v.weight_grams, 0) as weight,
           p.status, coalesce(v.price_override, p.base_price)::text as base_price,
           coalesce(d.name, en.name) as name, coalesce(d.slug, en.slug) as slug,
           vp.amount::text as amount, vp.rate::text as rate,
           coalesce(i.quantity - i.reserved, 0) as available,
           coalesce(i.low_stock_threshold, 0) as threshold,
           (select url from catalog.product_images img
             where img.product_id = p.id order by position limit 1) as image
    from catalog.variants v
    join catalog.products p on p.id = v.product_id
    left join catalog.product_localized_details d
      on d.product_id = p.id and d.language = ${options.language}
    left join catalog.product_localized_details en
      on en.product_id = p.id and en.language = ${DEFAULT_LANGUAGE}
    left join catalog.variant_prices vp
      on vp.variant_id = v.id and vp.currency = ${options.currency}
    left join catalog.inventory i on i.variant_id = v.id
    where v.id = any(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id as string, {
    variantId: row.id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    slug: row.slug,
    options: row.options,
    weightGrams: row.weight,
    imageUrl: row.image,
    active: row.status === "active",
    price: row.amount === null ? null : { amount: row.amount, rate: row.rate },
    basePrice: row.base_price,
    available: Math.max(0, row.available),
    lowStockThreshold: row.threshold,
  }]));
}
