/**
 * Variants running low, for the dashboard: what is left to sell at or below
 * each variant's low-stock threshold, scarcest first.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { DEFAULT_LANGUAGE, type Language } from "../localization/mod.ts";

/** A variant at or below its low-stock threshold. */
export interface LowStockVariant {
  variantId: string;
  productId: string;
  sku: string;
  /** The product's name in the language asked for, else the default one. */
  name: string;
  options: Record<string, string>;
  /** Units shoppers can still buy (on hand minus reserved). */
  available: number;
  threshold: number;
}

/**
 * The `limit` (10) variants of unarchived products with the fewest units
 * left among those at or below their threshold, and how many there are in
 * all.
 */
export async function lowStockVariants(
  sql: Sql | postgres.TransactionSql,
  options: { language: Language; limit?: number },
): Promise<{ items: LowStockVariant[]; total: number }> {
  const rows = await sql`
    select v.id, v.product_id, v.sku, v.options,
      i.quantity - i.reserved as available, i.low_stock_threshold as threshold,
      coalesce(d.name, fallback.name, '') as name,
      count(*) over ()::integer as total
    from catalog.inventory i
    join catalog.variants v on v.id = i.variant_id
    join catalog.products p on p.id = v.product_id
    left join catalog.product_localized_details d
      on d.product_id = p.id and d.language = ${options.language}
    left join catalog.product_localized_details fallback
      on fallback.product_id = p.id and fallback.language = ${DEFAULT_LANGUAGE}
    where p.status <> 'archived'
      and i.quantity - i.reserved <= i.low_stock_threshold
    order by available, v.sku
    limit ${options.limit ?? 10}`;
  return {
    items: rows.map((row) => ({
      variantId: row.id,
      productId: row.product_id,
      sku: row.sku,
      name: row.name,
      options: row.options ?? {},
      available: row.available,
      threshold: row.threshold,
    })),
    total: rows[0]?.total ?? 0,
  };
}
