/**
 * The errors of the catalog's product, variant, stock and price-list admin
 * writes that callers (and dashboards) tell apart by their code.
 *
 * @module
 */
import { Conflict, Invalid } from "../../edge/errors.ts";

/**
 * Another product already uses `slug` in `language`: 409 `slug_taken`.
 * Slugs are URLs, unique per language.
 */
export class ProductSlugTakenError extends Conflict {
  override readonly code: string = "slug_taken";
  readonly language: string;
  readonly slug: string;

  constructor(item: { language: string; slug: string }, cause?: unknown) {
    super(
      `The slug '${item.slug}' is already used by another product in '${item.language}'`,
      { details: item },
    );
    if (cause !== undefined) this.cause = cause;
    this.language = item.language;
    this.slug = item.slug;
  }
}

/** Another variant already has `sku`: 409 `sku_taken`. SKUs are unique. */
export class SkuTakenError extends Conflict {
  override readonly code: string = "sku_taken";
  readonly sku: string;

  constructor(sku: string, cause?: unknown) {
    super(`The SKU '${sku}' is already used`, { details: { sku } });
    if (cause !== undefined) this.cause = cause;
    this.sku = sku;
  }
}

/** Another product already has `key`: 409 `key_taken`. */
export class ProductKeyTakenError extends Conflict {
  override readonly code: string = "key_taken";
  readonly key: string;

  constructor(key: string, cause?: unknown) {
    super(`The product key '${key}' is already used`, { details: { key } });
    if (cause !== undefined) this.cause = cause;
    this.key = key;
  }
}

/**
 * A product cannot go on sale as it is: 409 `product_incomplete` (it has
 * no variant to buy).
 */
export class ProductIncompleteError extends Conflict {
  override readonly code: string = "product_incomplete";
  readonly productId: string | null;

  constructor(item: { productId: string | null; reason: string }) {
    super(`Cannot make the product active: ${item.reason}`, {
      details: { productId: item.productId },
    });
    this.productId = item.productId;
  }
}

/**
 * A stock adjustment would leave fewer units on hand than orders have
 * reserved: 409 `stock_below_reserved`, with the SKU, the units on hand and
 * reserved, the delta asked for and the most that can be removed.
 */
export class StockBelowReservedError extends Conflict {
  override readonly code: string = "stock_below_reserved";
  readonly variantId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly reserved: number;
  readonly delta: number;

  constructor(
    item: {
      variantId: string;
      sku: string;
      quantity: number;
      reserved: number;
      delta: number;
    },
  ) {
    const removable = Math.max(0, item.quantity - item.reserved);
    super(
      item.reserved
        ? `Cannot remove ${-item
          .delta} of '${item.sku}': ${item.reserved} of the ${item.quantity} on hand are reserved by orders, so at most ${removable} can be removed`
        : `Cannot remove ${-item
          .delta} of '${item.sku}': only ${item.quantity} on hand`,
      { details: { ...item, removable } },
    );
    this.variantId = item.variantId;
    this.sku = item.sku;
    this.quantity = item.quantity;
    this.reserved = item.reserved;
    this.delta = item.delta;
  }
}

/**
 * A price-list entry for a currency the store cannot take one in: 400
 * `currency_not_sold` (the store does not sell in it) or
 * `base_currency_price` (the base price is that currency's price).
 */
export class PriceListCurrencyError extends Invalid {
  readonly currency: string;

  constructor(item: { currency: string; baseCurrency: string; sold: boolean }) {
    super(
      item.sold
        ? `'${item.currency}' is the base currency: change the product's base price instead`
        : `The store does not sell in '${item.currency}'`,
      {
        code: item.sold ? "base_currency_price" : "currency_not_sold",
        details: { currency: item.currency },
      },
    );
    this.currency = item.currency;
  }
}
