/**
 * What the checkout and order routes hand the commerce functions: the
 * configuration, the gateways on offer and the caches, read once from the
 * request context.
 *
 * @module
 */
import type { PlaceOrderDeps } from "../commerce/checkout/mod.ts";
import type { AppContext } from "./env.ts";

/** The checkout's dependencies for this request. */
export function checkoutDeps(c: AppContext): PlaceOrderDeps {
  const { config, cache, reads } = c.var;
  return {
    baseCurrency: config.BASE_CURRENCY,
    quoteTtlMinutes: config.QUOTE_TTL_MINUTES,
    reservationTtlMinutes: config.RESERVATION_TTL_MINUTES,
    opsEmail: config.OPS_EMAIL,
    gatewaysFor: (market) => c.var.payments.gatewaysFor(market),
    ratesCache: cache,
    cache: reads,
  };
}
