/**
 * Inventory, two-phase: an order reserves units when it is placed, payment
 * commits them (they leave stock on hand), and a cancellation or an expired
 * reservation releases them. Each step is one conditional `UPDATE` per
 * variant on the caller's transaction, so concurrent buyers never take the
 * same unit: the row lock orders them and the condition re-checks what is
 * left (the table's checks keep `0 <= reserved <= quantity` besides).
 *
 * @module
 */
import type postgres from "postgres";
import { NotFound } from "../../edge/errors.ts";
import { OutOfStockError } from "./errors.ts";
import { StockBelowReservedError } from "./product_errors.ts";

/** Units of one variant, as orders hold them. */
export interface StockItem {
  variantId: string;
  quantity: number;
}

/**
 * A variant left at or below its low-stock threshold by a reservation
 * (its page shows how many are left, so cached pages are stale).
 */
export interface LowStock {
  variantId: string;
  productId: string;
  sku: string;
  available: number;
  threshold: number;
  /** This reservation took it from above the threshold to at or below. */
  crossed: boolean;
}

/**
 * Reserve `items` on the caller's transaction, all or none: throws
 * `OutOfStockError` (409) for the first variant without enough units, and
 * the caller's rollback undoes the rest. Variants are locked in id order,
 * so two orders of the same variants cannot deadlock. Resolves the
 * variants whose available units crossed their low-stock threshold (or
 * ran out) with this reservation.
 */
export async function reserveStock(
  tx: postgres.TransactionSql,
  items: readonly StockItem[],
): Promise<LowStock[]> {
  const low: LowStock[] = [];
  for (const item of sorted(items)) {
    const [row] = await tx`
      update catalog.inventory set reserved = reserved + ${item.quantity},
        updated_at = now()
      where variant_id = ${item.variantId}
        and quantity - reserved >= ${item.quantity}
      returning quantity - reserved as available, low_stock_threshold as threshold,
        (select sku from catalog.variants where id = variant_id) as sku,
        (select product_id from catalog.variants where id = variant_id) as product_id`;
    if (!row) {
      const [left] = await tx`
        select v.sku, coalesce(i.quantity - i.reserved, 0) as available
        from catalog.variants v left join catalog.inventory i on i.variant_id = v.id
        where v.id = ${item.variantId}`;
      throw new OutOfStockError({
        variantId: item.variantId,
        sku: left?.sku ?? item.variantId,
        requested: item.quantity,
        available: left?.available ?? 0,
      });
    }
    if (row.available <= row.threshold) {
      low.push({
        variantId: item.variantId,
        productId: row.product_id,
        sku: row.sku,
        available: row.available,
        threshold: row.threshold,
        crossed: row.available + item.quantity > row.threshold,
      });
    }
  }
  return low;
}

/**
 * Payment taken: the reserved units leave stock on hand. Call only for
 * units this order reserved (the order's stock state says so).
 */
export async function commitStock(
  tx: postgres.TransactionSql,
  items: readonly StockItem[],
): Promise<void> {
  for (const item of sorted(items)) {
    await tx`
      update catalog.inventory set quantity = quantity - ${item.quantity},
        reserved = reserved - ${item.quantity}, updated_at = now()
      where variant_id = ${item.variantId}`;
  }
}

/** Give reserved units back (a cancelled or expired order). */
export async function releaseStock(
  tx: postgres.TransactionSql,
  items: readonly StockItem[],
): Promise<void> {
  for (const item of sorted(items)) {
    await tx`
      update catalog.inventory set reserved = reserved - ${item.quantity},
        updated_at = now()
      where variant_id = ${item.variantId}`;
  }
}

/** Units of one variant before and after an adjustment. */
export interface StockAdjustment {
  variantId: string;
  sku: string;
  productId: string;
  /** On hand before and after. */
  before: number;
  quantity: number;
  reserved: number;
  lowStockThreshold: number;
}

/**
 * Add `delta` units (negative: remove) to a variant's stock on hand, on
 * the caller's transaction. One conditional `UPDATE` decides, as for a
 * reservation: it never leaves fewer units on hand than orders reserved,
 * even against a checkout reserving at the same moment (the row lock
 * orders them and the condition re-checks). Throws
 * `StockBelowReservedError` (409) when it would, and `NotFound` for an
 * unknown variant. A variant without an inventory row starts from zero.
 */
export async function adjustStock(
  tx: postgres.TransactionSql,
  options: { variantId: string; delta: number },
): Promise<StockAdjustment> {
  const { variantId, delta } = options;
  const [row] = await tx`
    update catalog.inventory i set quantity = i.quantity + ${delta},
      updated_at = now()
    from catalog.variants v
    where i.variant_id = ${variantId} and v.id = i.variant_id
      and i.quantity + ${delta} >= i.reserved
    returning i.quantity, i.reserved, i.low_stock_threshold, v.sku, v.product_id`;
  if (row) {
    return {
      variantId,
      sku: row.sku,
      productId: row.product_id,
      before: row.quantity - delta,
      quantity: row.quantity,
      reserved: row.reserved,
      lowStockThreshold: row.low_stock_threshold,
    };
  }
  const [found] = await tx`
    select v.sku, v.product_id, i.quantity, i.reserved
    from catalog.variants v left join catalog.inventory i on i.variant_id = v.id
    where v.id = ${variantId}`;
  if (!found) throw new NotFound(`No variant '${variantId}'`);
  if (found.quantity === null && delta > 0) {
    const [created] = await tx`
      insert into catalog.inventory (variant_id, quantity)
      values (${variantId}, ${delta})
      on conflict (variant_id) do nothing
      returning quantity, reserved, low_stock_threshold`;
    // A concurrent first adjustment created the row: go through the update.
    if (!created) return await adjustStock(tx, options);
    return {
      variantId,
      sku: found.sku,
      productId: found.product_id,
      before: 0,
      quantity: created.quantity,
      reserved: created.reserved,
      lowStockThreshold: created.low_stock_threshold,
    };
  }
  throw new StockBelowReservedError({
    variantId,
    sku: found.sku,
    quantity: found.quantity ?? 0,
    reserved: found.reserved ?? 0,
    delta,
  });
}

/** Units on hand and reserved, by variant id (for reports and tests). */
export async function stockLevels(
  sql: postgres.Sql | postgres.TransactionSql,
  variantIds: readonly string[],
): Promise<Map<string, { quantity: number; reserved: number }>> {
  const rows = await sql`
    select variant_id, quantity, reserved from catalog.inventory
    where variant_id = any(${[...variantIds]}::uuid[])`;
  return new Map(
    rows.map((
      r,
    ) => [r.variant_id, { quantity: r.quantity, reserved: r.reserved }]),
  );
}

// The same variant twice in one order is one reservation of the sum.
function sorted(items: readonly StockItem[]): StockItem[] {
  const sums = new Map<string, number>();
  for (const item of items) {
    sums.set(item.variantId, (sums.get(item.variantId) ?? 0) + item.quantity);
  }
  return [...sums].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    .map(([variantId, quantity]) => ({ variantId, quantity }));
}
