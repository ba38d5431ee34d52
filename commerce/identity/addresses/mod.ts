/**
 * Addresses: the shipping and billing addresses of an account, validated
 * against the rules of their country (required fields, postal-code formats,
 * region codes) with structured errors and messages in every store language.
 * Other modules import only this file.
 *
 * @module
 */

/**
 * The country rules as data: `COUNTRY_RULES` by ISO code, the
 * `DEFAULT_COUNTRY_RULE` for countries without an entry, and `countryRule()`
 * to look one up. A form reads them to decide which fields to require or
 * hide; `validateAddress` enforces them.
 */
export { ISO_COUNTRY_CODES } from "./_iso_countries.ts";

export {
  COUNTRY_RULES,
  type CountryRule,
  countryRule,
  DEFAULT_COUNTRY_RULE,
  type PostalCodeFormat,
  type RegionCodes,
} from "./country_rules.ts";

/**
 * Validation and its messages: the `AddressInput` zod schema (shape and
 * country rules, for routes that parse with zod), `validateAddress` (every
 * problem as a field, a code and params), `addressErrorMessage` and
 * `addressFieldLabel` (the shopper's language, the country's wording), and
 * the `Address`, `AddressError` and `AddressType` types they use.
 */
export {
  type Address,
  ADDRESS_TYPES,
  type AddressError,
  type AddressErrorCode,
  addressErrorMessage,
  addressFieldLabel,
  AddressInput,
  type AddressType,
  type AddressValidation,
  validateAddress,
} from "./validation.ts";
