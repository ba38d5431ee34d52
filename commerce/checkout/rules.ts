/**
 * Where the store ships, at what price, and which tax applies: reads of the
 * `checkout` schema's zones, methods, prices and tax rates.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import {
  type Money,
  parseMoney,
  priceIn,
  type RateTable,
  type RoundingRule,
  trimZeros,
} from "../pricing/mod.ts";

type Db = Sql | postgres.TransactionSql;

/** A shipping method for a destination, priced for one cart. */
export interface ShippingOption {
  key: string;
  /** In the requested language (English when missing). */
  name: string;
  minDays: number;
  maxDays: number;
  price: Money;
  /** Whether the goods reached the method's free-shipping threshold. */
  free: boolean;
}

/** The tax a destination charges. */
export interface TaxRule {
  /** A decimal fraction ("0.19"); "0" where the store collects none. */
  rate: string;
  /** A code such as `vat` (see `taxName()` for what shoppers read). */
  name: string;
  /** Shelf prices contain it (VAT/GST) rather than having it added. */
  inclusive: boolean;
  appliesToShipping: boolean;
}

/** What {@link shippingOptions} prices with. */
export interface ShippingPricing {
  currency: string;
  baseCurrency: string;
  rates: RateTable;
  rules: ReadonlyMap<string, RoundingRule>;
}

/**
 * The methods that ship to `country` (its own zone, else the
 * rest-of-world zone `*`), priced for goods worth `goods` weighing
 * `weightGrams`: a method's price in the cart's currency when it has one,
 * else its base-currency price (else any price it has) converted and
 * rounded like a shelf price.
 * Empty when the store does not ship there.
 */
export async function shippingOptions(
  sql: Db,
  options: {
    country: string;
    language: string;
    goods: Money;
    weightGrams: number;
    pricing: ShippingPricing;
  },
): Promise<ShippingOption[]> {
  const { country, language, goods, weightGrams, pricing } = options;
  const rows = await sql`
    with zone as (
      select id from checkout.shipping_zones
      where ${country} = any(countries) or '*' = any(countries)
      order by ('*' = any(countries)), position limit 1
    )
    select m.key, m.kind, coalesce(m.name ->> ${language}, m.name ->> 'en') as name,
      m.min_days, m.max_days, p.currency, p.flat_amount::text, p.per_kg_amount::text,
      p.free_over::text
    from checkout.shipping_methods m
    join zone on zone.id = m.zone_id
    join checkout.shipping_prices p on p.method_id = m.id
    order by m.position, (p.currency = ${pricing.currency}) desc,
      (p.currency = ${pricing.baseCurrency}) desc, p.currency`;
  const seen = new Set<string>();
  const result: ShippingOption[] = [];
  for (const row of rows) {
    if (seen.has(row.key)) continue;
    seen.add(row.key);
    const inCurrency = (amount: string) => {
      const money = parseMoney(amount, row.currency);
      return row.currency === pricing.currency
        ? money
        : priceIn(money, pricing.currency, pricing).money;
    };
    const kilograms = Math.ceil(weightGrams / 1000);
    const flat = inCurrency(row.flat_amount);
    const perKg = inCurrency(row.per_kg_amount);
    const freeOver = row.free_over === null ? null : inCurrency(row.free_over);
    const free = freeOver !== null && goods.amount >= freeOver.amount;
    const amount = row.kind === "weight"
      ? flat.amount + perKg.amount * BigInt(kilograms)
      : flat.amount;
    result.push({
      key: row.key,
      name: row.name,
      minDays: row.min_days,
      maxDays: row.max_days,
      price: { amount: free ? 0n : amount, currency: pricing.currency },
      free,
    });
  }
  return result;
}

/**
 * The tax of `country` (narrowed by `region` when it has one there, e.g.
 * a US state): no tax where the store has no rate.
 */
export async function taxRuleFor(
  sql: Db,
  options: { country: string; region?: string | null },
): Promise<TaxRule> {
  const [row] = await sql`
    select rate::text, name, inclusive, applies_to_shipping
    from checkout.tax_rates
    where country = ${options.country}
      and region in ('', ${options.region ?? ""})
    order by region desc limit 1`;
  if (!row) {
    return { rate: "0", name: "", inclusive: false, appliesToShipping: false };
  }
  return {
    rate: trimZeros(row.rate),
    name: row.name,
    inclusive: row.inclusive,
    appliesToShipping: row.applies_to_shipping,
  };
}
