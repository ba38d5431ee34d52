/**
 * Checkout: shipping zones and tax rules (and their admin), priced quotes,
 * and placing an order at exactly a quote's amounts. Other modules and
 * routes import only this file.
 *
 * @module
 */
export {
  CartEmpty,
  CartNotReady,
  GatewayUnavailable,
  QuoteChanged,
  QuoteNotFound,
  QuoteUsed,
  ShippingUnavailable,
} from "./errors.ts";
export {
  type AddressChoice,
  placeOrder,
  type PlaceOrderDeps,
  type PlaceOrderInput,
} from "./place_order.ts";
export {
  createQuote,
  type DiscountHook,
  fingerprint,
  priceCart,
  type PricedCart,
  type Quote,
  type QuoteDeps,
  quoteFor,
  type QuoteLine,
  type QuoteRequest,
  type QuoteView,
  quoteView,
  type RatesSnapshot,
} from "./quote.ts";
export {
  type ShippingOption,
  shippingOptions,
  type TaxRule,
  taxRuleFor,
} from "./rules.ts";
export { seedCheckout, SHIPPING_SEED, TAX_SEED } from "./seed.ts";
export {
  type AdminPage,
  createShippingZone,
  deleteShippingZone,
  deleteTaxRate,
  getShippingZone,
  listShippingZones,
  listTaxRates,
  putTaxRate,
  type ShippingMethodInput,
  type ShippingMethodView,
  type ShippingPriceInput,
  type ShippingPriceView,
  ShippingZoneConflict,
  type ShippingZoneInput,
  type ShippingZonePatch,
  type ShippingZoneView,
  type TaxRateView,
  updateShippingZone,
} from "./admin.ts";
export { TAX_CODES, taxName } from "./tax_names.ts";
