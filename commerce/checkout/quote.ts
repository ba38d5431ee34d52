/**
 * Quotes: a cart priced for a destination, exact in the order currency,
 * with the shipping choices, the tax shown the local way and the exchange
 * rates used, valid for a while. An order is placed at exactly a quote's
 * amounts, or not at all (see `place_order.ts`).
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { cartLines, type CartOwner, findCart } from "../cart/mod.ts";
import { sellableVariants } from "../catalog/mod.ts";
import type { Language } from "../localization/mod.ts";
import {
  type OrderTotals,
  type TotalsView,
  totalsView,
} from "../orders/mod.ts";
import {
  convert,
  latestRates,
  type Money,
  type MoneyView,
  moneyView,
  multiplyMoney,
  parseMoney,
  rateBetween,
  type RatesCache,
  type RateTable,
  RateUnavailableError,
  roundingRules,
  subtractMoney,
  sumMoney,
  taxInGross,
  taxOnNet,
  toDecimalString,
  zeroMoney,
} from "../pricing/mod.ts";
import {
  CartEmpty,
  CartNotReady,
  QuoteNotFound,
  ShippingUnavailable,
} from "./errors.ts";
import {
  type ShippingOption,
  shippingOptions,
  type TaxRule,
  taxRuleFor,
} from "./rules.ts";
import { taxName } from "./tax_names.ts";

type Db = Sql | postgres.TransactionSql;

/** One line of a quote. */
export interface QuoteLine {
  itemId: string;
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  /** In (tax-inclusive) or on (tax-exclusive) the line total. */
  tax: Money;
  /** Units of the order currency per base unit, when converted. */
  fxRate: string | null;
  /** What the unit price is worth in the base currency at the quote's rates. */
  baseUnitPrice: Money;
  weightGrams: number;
}

/** The exchange rates a quote used: order currency per base unit. */
export interface RatesSnapshot {
  base: string;
  currency: string;
  rate: string;
  asOf: string | null;
  source: string | null;
}

/** A cart priced for one destination, before it is stored. */
export interface PricedCart {
  cartId: string;
  userId: string | null;
  currency: string;
  baseCurrency: string;
  language: Language;
  country: string;
  region: string;
  tax: TaxRule;
  lines: QuoteLine[];
  shippingOptions: ShippingOption[];
  shipping: ShippingOption;
  gateways: string[];
  totals: OrderTotals;
  baseTotal: Money;
  rates: RatesSnapshot;
}

/** A stored quote. */
export interface Quote extends PricedCart {
  id: string;
  expiresAt: Date;
  orderId: string | null;
}

/**
 * Where discounts plug in: given the priced lines, the amount to take off
 * the subtotal. Promotions are not built yet; the default takes nothing.
 */
export type DiscountHook = (
  lines: readonly QuoteLine[],
  currency: string,
) => Money;

const NO_DISCOUNT: DiscountHook = (_lines, currency) => zeroMoney(currency);

/** What pricing a cart needs besides the database. */
export interface QuoteDeps {
  baseCurrency: string;
  quoteTtlMinutes: number;
  /** The gateways that take `currency` from `country`. */
  gatewaysFor(market: { currency: string; country: string }): string[];
  ratesCache?: RatesCache;
  /**
   * The latest rates, when the caller has read them already (placing an
   * order reads them before its transaction, not while holding locks).
   */
  rates?: RateTable | null;
  discounts?: DiscountHook;
}

/** What a quote is asked for. */
export interface QuoteRequest {
  owner: CartOwner;
  currency: string;
  language: Language;
  country: string;
  region?: string | null;
  /** A method key; the first method of the zone when absent. */
  shippingMethod?: string;
}

/**
 * Price `owner`'s cart for a destination. Throws `CartEmpty` (409),
 * `CartNotReady` (409) for lines that are sold out, off sale or without a
 * price, `ShippingUnavailable` (400) and `RateUnavailableError` (503).
 */
export async function priceCart(
  sql: Db,
  deps: QuoteDeps,
  request: QuoteRequest,
): Promise<PricedCart> {
  const { currency, language, country } = request;
  // "ca", " CA" and "CA" are one state: quotes and orders compare equal.
  const region = (request.region ?? "").trim().toUpperCase();
  const cartId = await findCart(sql, request.owner);
  const items = cartId ? await cartLines(sql, cartId) : [];
  if (!cartId || !items.length) throw new CartEmpty();

  const [variants, table, rules, tax] = await Promise.all([
    sellableVariants(sql, {
      variantIds: items.map((i) => i.variantId),
      currency,
      language,
    }),
    deps.rates !== undefined
      ? deps.rates
      : latestRates(sql as Sql, { cache: deps.ratesCache }),
    roundingRules(sql as Sql),
    taxRuleFor(sql, { country, region }),
  ]);
  const rates = ratesFor(table, deps.baseCurrency, currency);

  const problems: { sku: string; problem: string; available?: number }[] = [];
  const lines: QuoteLine[] = [];
  for (const item of items) {
    const v = variants.get(item.variantId);
    if (!v || !v.active) {
      problems.push({ sku: v?.sku ?? item.variantId, problem: "unavailable" });
      continue;
    }
    if (!v.price) {
      problems.push({ sku: v.sku, problem: "no_price" });
      continue;
    }
    if (v.available < item.quantity) {
      problems.push({
        sku: v.sku,
        problem: "insufficient_stock",
        available: v.available,
      });
      continue;
    }
    const unitPrice = parseMoney(v.price.amount, currency);
    const lineTotal = multiplyMoney(unitPrice, item.quantity);
    lines.push({
      itemId: item.id,
      variantId: v.variantId,
      productId: v.productId,
      sku: v.sku,
      name: v.name,
      options: v.options,
      quantity: item.quantity,
      unitPrice,
      lineTotal,
      tax: tax.inclusive
        ? taxInGross(lineTotal, tax.rate)
        : taxOnNet(lineTotal, tax.rate),
      fxRate: v.price.rate,
      baseUnitPrice: toBase(unitPrice, deps.baseCurrency, table),
      weightGrams: v.weightGrams * item.quantity,
    });
  }
  if (problems.length) throw new CartNotReady(problems);

  const subtotal = sumMoney(currency, lines.map((l) => l.lineTotal));
  const discount = (deps.discounts ?? NO_DISCOUNT)(lines, currency);
  const goods = subtractMoney(subtotal, discount);
  const options = await shippingOptions(sql, {
    country,
    language,
    goods,
    weightGrams: lines.reduce((sum, l) => sum + l.weightGrams, 0),
    pricing: {
      currency,
      baseCurrency: deps.baseCurrency,
      rates: table!,
      rules,
    },
  });
  if (!options.length) throw new ShippingUnavailable(country);
  const shipping = request.shippingMethod === undefined
    ? options[0]
    : options.find((o) => o.key === request.shippingMethod);
  if (!shipping) throw new ShippingUnavailable(country, request.shippingMethod);

  const shippingTax = !tax.appliesToShipping
    ? zeroMoney(currency)
    : tax.inclusive
    ? taxInGross(shipping.price, tax.rate)
    : taxOnNet(shipping.price, tax.rate);
  const taxTotal = sumMoney(currency, [
    ...lines.map((l) => l.tax),
    shippingTax,
  ]);
  const total = sumMoney(currency, [
    goods,
    shipping.price,
    ...(tax.inclusive ? [] : [taxTotal]),
  ]);
  return {
    cartId,
    userId: "userId" in request.owner ? request.owner.userId : null,
    currency,
    baseCurrency: deps.baseCurrency,
    language,
    country,
    region,
    tax,
    lines,
    shippingOptions: options,
    shipping,
    gateways: deps.gatewaysFor({ currency, country }),
    totals: {
      subtotal,
      discount,
      shipping: shipping.price,
      tax: taxTotal,
      total,
    },
    baseTotal: toBase(total, deps.baseCurrency, table),
    rates,
  };
}

/**
 * Price `owner`'s cart (see {@link priceCart}) and store the result as a
 * quote valid for `deps.quoteTtlMinutes`.
 */
export async function createQuote(
  sql: Sql,
  deps: QuoteDeps,
  request: QuoteRequest,
): Promise<Quote> {
  return await saveQuote(sql, deps, await priceCart(sql, deps, request));
}

/** Store a priced cart as a quote. */
export async function saveQuote(
  sql: Db,
  deps: Pick<QuoteDeps, "quoteTtlMinutes">,
  priced: PricedCart,
): Promise<Quote> {
  const [row] = await sql`
    insert into checkout.quotes (cart_id, user_id, currency, language, country,
      region, shipping_method, body, expires_at)
    values (${priced.cartId}, ${priced.userId}, ${priced.currency}, ${priced.language},
      ${priced.country}, ${priced.region}, ${priced.shipping.key},
      ${sql.json(toJson(priced) as postgres.JSONValue)},
      now() + make_interval(mins => ${deps.quoteTtlMinutes}))
    returning id, expires_at`;
  return { ...priced, id: row.id, expiresAt: row.expires_at, orderId: null };
}

/**
 * The quote `id` of `owner`'s cart, locked when `forUpdate`; throws
 * `QuoteNotFound` (404) for an unknown id or another shopper's quote.
 */
export async function quoteFor(
  sql: Db,
  options: { id: string; owner: CartOwner; forUpdate?: boolean },
): Promise<Quote> {
  const cartId = await findCart(sql, options.owner);
  const uuid = /^[0-9a-f-]{36}$/i.test(options.id);
  const [row] = !cartId || !uuid
    ? []
    : options.forUpdate
    ? await sql`select * from checkout.quotes
        where id = ${options.id} and cart_id = ${cartId} for update`
    : await sql`select * from checkout.quotes
        where id = ${options.id} and cart_id = ${cartId}`;
  if (!row) throw new QuoteNotFound(options.id);
  return {
    ...fromJson(row.body),
    id: row.id,
    expiresAt: row.expires_at,
    orderId: row.order_id,
  };
}

/**
 * The currency and language of quote `id` when the cart it priced no
 * longer exists (a guest's cart merged into an account's at sign-in), so
 * the account's cart can be quoted in their place; `null` otherwise.
 */
export async function orphanedQuote(
  sql: Db,
  id: string,
): Promise<{ currency: string; language: Language } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await sql`
    select q.currency, q.language from checkout.quotes q
    where q.id = ${id} and q.order_id is null
      and not exists (select 1 from cart.carts c where c.id = q.cart_id)`;
  return row ? { currency: row.currency, language: row.language } : null;
}

/**
 * What must not change between a quote and its order: lines, prices,
 * destination, shipping and totals. Two priced carts with the same
 * fingerprint charge exactly the same.
 */
export function fingerprint(priced: PricedCart): string {
  const d = toDecimalString;
  const { tax, totals } = priced;
  // Field by field: a quote read back from JSONB has its keys reordered.
  return JSON.stringify([
    priced.currency,
    priced.country,
    priced.region,
    [tax.rate, tax.name, tax.inclusive, tax.appliesToShipping],
    priced.lines.map((
      l,
    ) => [l.variantId, l.quantity, d(l.unitPrice), d(l.tax)]),
    priced.shipping.key,
    [
      totals.subtotal,
      totals.discount,
      totals.shipping,
      totals.tax,
      totals.total,
    ]
      .map(d),
  ]);
}

/** A quote as the API returns it, money formatted in its language. */
export interface QuoteView {
  id: string;
  expiresAt: string;
  currency: string;
  country: string;
  region: string | null;
  /** Prices include the tax (VAT/GST) rather than having it added. */
  taxInclusive: boolean;
  /** In the quote's language ("MwSt.", "Sales tax"). */
  taxName: string;
  /** The tax's code (`vat`, `gst`, `sales_tax`…). */
  taxCode: string;
  taxRate: string;
  lines: {
    itemId: string;
    variantId: string;
    productId: string;
    sku: string;
    name: string;
    options: Record<string, string>;
    quantity: number;
    unitPrice: MoneyView;
    lineTotal: MoneyView;
    tax: MoneyView;
    fxRate: string | null;
    baseUnitPrice: MoneyView;
  }[];
  shippingOptions: {
    key: string;
    name: string;
    minDays: number;
    maxDays: number;
    price: MoneyView;
    free: boolean;
  }[];
  shippingMethod: string;
  gateways: string[];
  totals: TotalsView;
  baseTotal: MoneyView;
  rates: RatesSnapshot;
}

/** `quote` for the API. */
export function quoteView(quote: Quote): QuoteView {
  const view = (money: Money) => moneyView(money, quote.language);
  return {
    id: quote.id,
    expiresAt: quote.expiresAt.toISOString(),
    currency: quote.currency,
    country: quote.country,
    region: quote.region || null,
    taxInclusive: quote.tax.inclusive,
    taxName: taxName(quote.tax.name, quote.language),
    taxCode: quote.tax.name,
    taxRate: quote.tax.rate,
    lines: quote.lines.map((l) => ({
      itemId: l.itemId,
      variantId: l.variantId,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      options: l.options,
      quantity: l.quantity,
      unitPrice: view(l.unitPrice),
      lineTotal: view(l.lineTotal),
      tax: view(l.tax),
      fxRate: l.fxRate,
      baseUnitPrice: view(l.baseUnitPrice),
    })),
    shippingOptions: quote.shippingOptions.map((o) => ({
      key: o.key,
      name: o.name,
      minDays: o.minDays,
      maxDays: o.maxDays,
      price: view(o.price),
      free: o.free,
    })),
    shippingMethod: quote.shipping.key,
    gateways: quote.gateways,
    totals: totalsView(quote.totals, quote.language),
    baseTotal: view(quote.baseTotal),
    rates: quote.rates,
  };
}

function ratesFor(
  table: RateTable | null,
  base: string,
  currency: string,
): RatesSnapshot {
  if (currency === base) {
    return {
      base,
      currency,
      rate: "1",
      asOf: table?.asOf.toISOString() ?? null,
      source: table?.source ?? null,
    };
  }
  const quote = table && rateBetween(table, { from: base, to: currency });
  if (!quote) throw new RateUnavailableError(table ? currency : null);
  return {
    base,
    currency,
    rate: quote.rate,
    asOf: quote.asOf.toISOString(),
    source: quote.source,
  };
}

function toBase(money: Money, base: string, table: RateTable | null): Money {
  if (money.currency === base) return money;
  return convert(money, base, table!).money;
}

// Money is BigInt: stored as { amount: "12.30", currency } and read back
// exactly. Everything else in a priced cart is plain JSON.
function toJson(value: unknown): unknown {
  if (isMoney(value)) {
    return { $money: toDecimalString(value), currency: value.currency };
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toJson(v)]),
    );
  }
  return value;
}

function fromJson(value: unknown): PricedCart {
  return revive(value) as PricedCart;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (
      typeof record.$money === "string" && typeof record.currency === "string"
    ) {
      return parseMoney(record.$money, record.currency);
    }
    return Object.fromEntries(
      Object.entries(record).map(([k, v]) => [k, revive(v)]),
    );
  }
  return value;
}

function isMoney(value: unknown): value is Money {
  return !!value && typeof value === "object" &&
    typeof (value as Money).amount === "bigint" &&
    typeof (value as Money).currency === "string";
}
