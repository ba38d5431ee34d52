/**
 * Addresses as a shopper reads them on order and checkout pages.
 *
 * @module
 */
import type { OrderAddress } from "../../commerce/orders/mod.ts";
import { countryName } from "../account/countries.ts";

/**
 * The lines of an address, blanks left out: name, company, street, postal
 * code and city, region, country (named in `language`), phone.
 */
export function addressText(
  address: OrderAddress,
  language: string,
): string[] {
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(" "),
    address.region,
    countryName(address.country, language),
    address.phone,
  ].filter((line): line is string => Boolean(line));
}
