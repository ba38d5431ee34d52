/**
 * The catalog's domain errors that callers catch.
 *
 * @module
 */
import { Conflict } from "../../edge/errors.ts";

/**
 * A variant has fewer units available than asked for: 409 `out_of_stock`,
 * with the SKU, the quantity asked for and what is left in `details`.
 */
export class OutOfStockError extends Conflict {
  override readonly code: string = "out_of_stock";
  readonly variantId: string;
  readonly sku: string;
  readonly requested: number;
  readonly available: number;

  constructor(
    item: {
      variantId: string;
      sku: string;
      requested: number;
      available: number;
    },
  ) {
    super(
      item.available > 0
        ? `Cannot reserve ${item.requested} of '${item.sku}': only ${item.available} left`
        : `Cannot reserve '${item.sku}': it is sold out`,
      { details: item },
    );
    this.variantId = item.variantId;
    this.sku = item.sku;
    this.requested = item.requested;
    this.available = item.available;
  }
}
