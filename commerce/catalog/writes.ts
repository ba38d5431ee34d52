/**
 * Catalog writes. Each one changes rows, keeps the price index in step when
 * a price moved, and bumps the catalog cache version so every cached list
 * and page in every region is retired at once.
 *
 * @module
 */
import type { Cache } from "../../edge/cache/types.ts";
import { Conflict, NotFound } from "../../edge/errors.ts";
import type { Sql } from "../../db/client.ts";
import { parseMoney, toDecimalString } from "../pricing/mod.ts";
import { CATALOG_NAMESPACE } from "./cache.ts";
import { repriceCatalog } from "./price_index.ts";

/** What a catalog write needs. */
export interface CatalogWriteDeps {
  sql: Sql;
  /** Where the catalog version is bumped: the app's `ReadThrough`. */
  cache: Pick<Cache, "bumpVersion">;
  currencies: readonly string[];
  baseCurrency: string;
}

/** Fields of a product an admin may change here. */
export interface ProductPatch {
  /** Exact decimal string in the base currency. */
  basePrice?: string;
  status?: "draft" | "active" | "archived";
  featured?: boolean;
}

/**
 * Change a product; a new base price reprices its variants. Throws
 * `NotFound` for an unknown id.
 */
export async function updateProduct(
  deps: CatalogWriteDeps,
  options: { id: string; patch: ProductPatch },
): Promise<void> {
  const { id, patch } = options;
  const basePrice = patch.basePrice === undefined
    ? undefined
    : toDecimalString(parseMoney(patch.basePrice, deps.baseCurrency));
  const updated = await deps.sql`
    update catalog.products set
      base_price = coalesce(${basePrice ?? null}::numeric, base_price),
      status = coalesce(${patch.status ?? null}, status),
      featured = coalesce(${patch.featured ?? null}::boolean, featured),
      updated_at = now()
    where id = ${id}
    returning id`;
  if (!updated.length) throw new NotFound(`No product '${id}'`);
  if (basePrice !== undefined) {
    await repriceCatalog(deps.sql, { ...deps, productIds: [id] });
  }
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
}

/**
 * Set the stock on hand of the variant with `sku`. Throws `NotFound` for an
 * unknown SKU and `Conflict` for a quantity below what checkouts reserved.
 */
export async function setStock(
  deps: CatalogWriteDeps,
  options: { sku: string; quantity: number },
): Promise<void> {
  const { sku, quantity } = options;
  // One conditional update decides, so a concurrent reservation cannot slip
  // between a check and the write.
  const [row] = await deps.sql`
    with target as (
      select i.variant_id, i.reserved from catalog.inventory i
      join catalog.variants v on v.id = i.variant_id where v.sku = ${sku}
    ), updated as (
      update catalog.inventory i set quantity = ${quantity}, updated_at = now()
      -- The row's own reserved count, re-checked as the update locks it:
      -- a reservation made since the snapshot above still counts.
      from target where i.variant_id = target.variant_id
        and i.reserved <= ${quantity}
      returning i.variant_id
    )
    select (select reserved from target) as reserved,
           exists (select 1 from updated) as updated`;
  if (row.reserved === null) throw new NotFound(`No variant with SKU '${sku}'`);
  if (!row.updated) {
    throw new Conflict(
      `Cannot set stock of '${sku}' to ${quantity}: ${row.reserved} are reserved`,
      { details: { sku, reserved: row.reserved } },
    );
  }
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
}

/**
 * What every catalog write does once its transaction committed: rebuild
 * the price index of `reprice` (products whose base price, variant price
 * or price list changed), then bump the catalog version, so the next
 * storefront request in any region reads the change.
 */
export async function settleCatalogWrite(
  deps: CatalogWriteDeps,
  options: { reprice?: readonly string[] } = {},
): Promise<void> {
  if (options.reprice?.length) {
    await repriceCatalog(deps.sql, {
      ...deps,
      productIds: [...options.reprice],
    });
  }
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
}
