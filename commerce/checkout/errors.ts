/**
 * The checkout's domain errors.
 *
 * @module
 */
import { Conflict, Invalid, NotFound } from "../../edge/errors.ts";

/** Checkout of an empty cart: 409 `cart_empty`. */
export class CartEmpty extends Conflict {
  override readonly code: string = "cart_empty";
  constructor() {
    super("The cart is empty");
  }
}

/**
 * Lines that cannot be bought as they are (sold out, no longer on sale, no
 * price in the currency): 409 `cart_not_ready`, the lines in `details`.
 */
export class CartNotReady extends Conflict {
  override readonly code: string = "cart_not_ready";
  constructor(lines: { sku: string; problem: string; available?: number }[]) {
    super(
      `Some items cannot be ordered as they are: ${
        lines.map((l) => `'${l.sku}'`).join(", ")
      }`,
      { details: { lines } },
    );
  }
}

/** The store does not ship to the country: 400 `shipping_unavailable`. */
export class ShippingUnavailable extends Invalid {
  constructor(country: string, method?: string) {
    super(
      method
        ? `Shipping method '${method}' does not ship to '${country}'`
        : `The store does not ship to '${country}'`,
      { code: "shipping_unavailable", details: { country, method } },
    );
  }
}

/** A gateway the quote does not offer: 400 `gateway_unavailable`. */
export class GatewayUnavailable extends Invalid {
  constructor(gateway: string, offered: readonly string[]) {
    super(`Payment with '${gateway}' is not available for this order`, {
      code: "gateway_unavailable",
      details: { gateway, offered },
    });
  }
}

/** No quote with this id for this shopper: 404 `quote_not_found`. */
export class QuoteNotFound extends NotFound {
  override readonly code: string = "quote_not_found";
  constructor(id: string) {
    super(`No quote '${id}'`);
  }
}

/**
 * The quote can no longer be honoured as it is (expired, prices, stock,
 * destination or shipping method changed): 409 `quote_changed` with the
 * new quote in `details.quote` and why in `details.reason`.
 */
export class QuoteChanged extends Conflict {
  override readonly code: string = "quote_changed";
  constructor(reason: string, quote: unknown) {
    super(
      `The quote has changed (${reason}); review the new quote and order again`,
      {
        details: { reason, quote },
      },
    );
  }
}

/** The quote already placed an order: 409 `quote_used`. */
export class QuoteUsed extends Conflict {
  override readonly code: string = "quote_used";
  constructor(orderId: string) {
    super("This quote has already been ordered", { details: { orderId } });
  }
}
