/**
 * Variants and their stock, as admins edit them: add a variant to a
 * product, change its SKU, options, weight, price override or low-stock
 * threshold, and adjust its units on hand with a reason (a stock
 * movement). Each write records its audit row in its own transaction, then
 * keeps the price index in step and retires cached catalog reads.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { NotFound } from "../../edge/errors.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import {
  changes,
  exactAmount,
  mapUniqueViolations,
  shownAmount,
} from "./_admin_copy.ts";
import type {
  AdminVariant,
  NewVariant,
  ProductAdminDeps,
  StockMovement,
  VariantPatch,
} from "./admin_types.ts";
import { adjustStock } from "./inventory.ts";
import { SkuTakenError } from "./product_errors.ts";
import { isUuid } from "./queries.ts";
import { recordStockMovement } from "./stock_movements.ts";
import { settleCatalogWrite } from "./writes.ts";

type Tx = postgres.TransactionSql;

/** The reason recorded for the units a variant is created with. */
export const INITIAL_STOCK_REASON = "Initial stock";

/**
 * Insert a variant of `productId` with its inventory row on the caller's
 * transaction; the units it starts with are recorded as a stock movement.
 * Throws `SkuTakenError` for a SKU in use. `priceOverride` must already be
 * exact (see `exactAmount`).
 */
export async function insertVariant(
  tx: Tx,
  options: {
    productId: string;
    variant: NewVariant;
    position: number;
    actor: AuditActor;
  },
): Promise<string> {
  const { productId, variant, actor } = options;
  const [taken] = await tx`
    select 1 from catalog.variants where sku = ${variant.sku}`;
  if (taken) throw new SkuTakenError(variant.sku);
  const [row] = await tx`
    insert into catalog.variants
      (product_id, sku, options, weight_grams, price_override, position)
    values (${productId}, ${variant.sku}, ${tx.json(variant.options ?? {})},
            ${variant.weightGrams ?? null}, ${variant.priceOverride ?? null},
            ${variant.position ?? options.position})
    returning id`;
  const stock = variant.stock ?? 0;
  await tx`
    insert into catalog.inventory (variant_id, quantity, low_stock_threshold)
    values (${row.id}, ${stock}, ${variant.lowStockThreshold ?? 5})`;
  if (stock > 0) {
    await recordStockMovement(tx, {
      variantId: row.id,
      delta: stock,
      reason: INITIAL_STOCK_REASON,
      quantityAfter: stock,
      actor,
    });
  }
  return row.id;
}

/**
 * The variants of a product (by position, then SKU), or the one variant
 * `variantId`, with their stock, as admins edit them.
 */
export async function adminVariants(
  sql: Sql | Tx,
  options: { productId: string } | { variantId: string },
  baseCurrency: string,
): Promise<AdminVariant[]> {
  const where = "productId" in options
    ? sql`v.product_id = ${options.productId}`
    : sql`v.id = ${options.variantId}`;
  const rows = await sql`
    select v.*, v.price_override::text as override,
           coalesce(i.quantity, 0) as quantity, coalesce(i.reserved, 0) as reserved,
           coalesce(i.low_stock_threshold, 0) as threshold
    from catalog.variants v left join catalog.inventory i on i.variant_id = v.id
    where ${where}
    order by v.position, v.sku`;
  return rows.map((row) => {
    const available = row.quantity - row.reserved;
    return {
      id: row.id,
      productId: row.product_id,
      sku: row.sku,
      options: row.options,
      weightGrams: row.weight_grams,
      priceOverride: row.override === null
        ? null
        : shownAmount(row.override, baseCurrency),
      position: row.position,
      stock: {
        quantity: row.quantity,
        reserved: row.reserved,
        available,
        lowStockThreshold: row.threshold,
        low: available <= row.threshold,
      },
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  });
}

/** The one variant `variantId`, or `NotFound`. */
async function adminVariant(
  sql: Sql | Tx,
  variantId: string,
  baseCurrency: string,
): Promise<AdminVariant> {
  const [variant] = isUuid(variantId)
    ? await adminVariants(sql, { variantId }, baseCurrency)
    : [];
  if (!variant) throw new NotFound(`No variant '${variantId}'`);
  return variant;
}

// What the audit log keeps of a variant.
function variantState(variant: AdminVariant): Record<string, unknown> {
  return {
    productId: variant.productId,
    sku: variant.sku,
    options: variant.options,
    weightGrams: variant.weightGrams,
    priceOverride: variant.priceOverride,
    position: variant.position,
    lowStockThreshold: variant.stock.lowStockThreshold,
    quantity: variant.stock.quantity,
  };
}

/**
 * Add a variant to product `productId` (at the end unless `position` is
 * given), with the units it starts with as a stock movement. Audited as
 * `variant.create`. Throws `NotFound`, `SkuTakenError` (409) or
 * `InvalidAmountError` (400) for a price override with too many decimals.
 */
export async function createVariant(
  deps: ProductAdminDeps,
  options: { productId: string; variant: NewVariant },
): Promise<AdminVariant> {
  const { productId, variant } = options;
  if (!isUuid(productId)) throw new NotFound(`No product '${productId}'`);
  const priceOverride = variant.priceOverride == null
    ? null
    : exactAmount(variant.priceOverride, deps.baseCurrency);
  const created = await mapUniqueViolations(() =>
    deps.sql.begin(async (tx) => {
      const [product] = await tx`
        select id from catalog.products where id = ${productId} for update`;
      if (!product) throw new NotFound(`No product '${productId}'`);
      const [{ next }] = await tx`
        select coalesce(max(position) + 1, 0)::integer as next
        from catalog.variants where product_id = ${productId}`;
      const id = await insertVariant(tx, {
        productId,
        variant: { ...variant, priceOverride },
        position: next,
        actor: deps.actor,
      });
      await tx`
        update catalog.products set updated_at = now() where id = ${productId}`;
      const after = await adminVariant(tx, id, deps.baseCurrency);
      await recordAudit(tx, deps.actor, {
        action: "variant.create",
        entityType: "variant",
        entityId: id,
        after: variantState(after),
      });
      return after;
    })
  );
  await settleCatalogWrite(deps, { reprice: [productId] });
  return created;
}

/**
 * Change a variant's SKU, options, weight, price override (null removes
 * it), low-stock threshold or position. Audited as `variant.update` with
 * what changed; a changed price override reprices the product. Stock on
 * hand moves only through {@link adjustVariantStock}.
 */
export async function editVariant(
  deps: ProductAdminDeps,
  options: { variantId: string; patch: VariantPatch },
): Promise<AdminVariant> {
  const { variantId, patch } = options;
  if (!isUuid(variantId)) throw new NotFound(`No variant '${variantId}'`);
  const priceOverride = patch.priceOverride == null
    ? patch.priceOverride
    : exactAmount(patch.priceOverride, deps.baseCurrency);
  const result = await mapUniqueViolations(() =>
    deps.sql.begin(async (tx) => {
      const [locked] = await tx`
        select id from catalog.variants where id = ${variantId} for update`;
      if (!locked) throw new NotFound(`No variant '${variantId}'`);
      const before = await adminVariant(tx, variantId, deps.baseCurrency);
      if (patch.sku !== undefined && patch.sku !== before.sku) {
        const [taken] = await tx`
          select 1 from catalog.variants where sku = ${patch.sku}`;
        if (taken) throw new SkuTakenError(patch.sku);
      }
      const set: Record<string, unknown> = {};
      if (patch.sku !== undefined) set.sku = patch.sku;
      if (patch.options !== undefined) set.options = tx.json(patch.options);
      if (patch.weightGrams !== undefined) set.weight_grams = patch.weightGrams;
      if (priceOverride !== undefined) set.price_override = priceOverride;
      if (patch.position !== undefined) set.position = patch.position;
      if (Object.keys(set).length) {
        await tx`
          update catalog.variants set ${tx(set)}, updated_at = now()
          where id = ${variantId}`;
      }
      if (patch.lowStockThreshold !== undefined) {
        await tx`
          insert into catalog.inventory (variant_id, quantity, low_stock_threshold)
          values (${variantId}, 0, ${patch.lowStockThreshold})
          on conflict (variant_id) do update
            set low_stock_threshold = excluded.low_stock_threshold,
                updated_at = now()`;
      }
      const after = await adminVariant(tx, variantId, deps.baseCurrency);
      const diff = changes(variantState(before), variantState(after));
      if (diff) {
        await tx`
          update catalog.products set updated_at = now()
          where id = ${before.productId}`;
        await recordAudit(tx, deps.actor, {
          action: "variant.update",
          entityType: "variant",
          entityId: variantId,
          ...diff,
        });
      }
      return {
        variant: after,
        changed: Boolean(diff),
        repriced: before.priceOverride !== after.priceOverride,
      };
    })
  );
  if (result.changed) {
    await settleCatalogWrite(deps, {
      reprice: result.repriced ? [result.variant.productId] : [],
    });
  }
  return result.variant;
}

/**
 * Add `delta` units to a variant's stock on hand (negative: remove them),
 * for `reason`, kept as a stock movement and audited as `stock.adjust`.
 * Never leaves fewer units than orders reserved: `StockBelowReservedError`
 * (409) says how many could be removed. The storefront shows the new
 * availability on its next request.
 */
export async function adjustVariantStock(
  deps: ProductAdminDeps,
  options: { variantId: string; delta: number; reason: string },
): Promise<{ variant: AdminVariant; movement: StockMovement }> {
  const { variantId, delta, reason } = options;
  if (!isUuid(variantId)) throw new NotFound(`No variant '${variantId}'`);
  const result = await deps.sql.begin(async (tx) => {
    const adjusted = await adjustStock(tx, { variantId, delta });
    const movement = await recordStockMovement(tx, {
      variantId,
      delta,
      reason,
      quantityAfter: adjusted.quantity,
      actor: deps.actor,
    });
    await recordAudit(tx, deps.actor, {
      action: "stock.adjust",
      entityType: "variant",
      entityId: variantId,
      before: { quantity: adjusted.before, reserved: adjusted.reserved },
      after: {
        quantity: adjusted.quantity,
        reserved: adjusted.reserved,
        delta,
        reason,
        movementId: movement.id,
      },
    });
    const variant = await adminVariant(tx, variantId, deps.baseCurrency);
    return { variant, movement };
  });
  await settleCatalogWrite(deps);
  return result;
}
