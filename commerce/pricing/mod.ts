/**
 * Pricing: money, currencies and (in later issues) exchange rates. All money
 * math in the store lives here.
 *
 * @module
 */
export { isCurrencyCode, minorUnitExponent } from "./currency.ts";
