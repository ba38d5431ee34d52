/**
 * The cart's domain errors.
 *
 * @module
 */
import { NotFound } from "../../edge/errors.ts";

/** No product variant with this id is on sale: 404 `variant_not_found`. */
export class VariantNotFound extends NotFound {
  override readonly code: string = "variant_not_found";

  constructor(variantId: string) {
    super(`No product variant '${variantId}' is on sale`, {
      details: { variantId },
    });
  }
}

/** The cart has no line with this id: 404 `cart_item_not_found`. */
export class CartItemNotFound extends NotFound {
  override readonly code: string = "cart_item_not_found";

  constructor(itemId: string) {
    super(`The cart has no item '${itemId}'`, { details: { itemId } });
  }
}
