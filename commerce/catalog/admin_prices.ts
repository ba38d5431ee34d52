/**
 * Per-currency price lists, as admins set them: an explicit price of a
 * product in one sold currency wins over the conversion of its base price
 * (variants with their own price override keep converting theirs). Every
 * answer shows the override beside what the base price converts to at the
 * latest rate, rounded by the currency's rules, so an admin sees what the
 * override changes.
 *
 * @module
 */
import type postgres from "postgres";
import { NotFound } from "../../edge/errors.ts";
import { recordAudit } from "../admin/mod.ts";
import {
  latestRates,
  parseMoney,
  priceIn,
  type PriceQuote,
  type RateTable,
  RateUnavailableError,
  roundingRules,
  toDecimalString,
} from "../pricing/mod.ts";
import { exactAmount, shownAmount } from "./_admin_copy.ts";
import type {
  CurrencyPrice,
  ProductAdminDeps,
  ProductAdminReadDeps,
} from "./admin_types.ts";
import { PriceListCurrencyError } from "./product_errors.ts";
import { isUuid } from "./queries.ts";
import { settleCatalogWrite } from "./writes.ts";

/**
 * A product's price in every currency the store sells (or only in
 * `currency`): its price-list entry beside its converted base price.
 */
export async function currencyPrices(
  deps: ProductAdminReadDeps,
  options: { productId: string; currency?: string },
): Promise<CurrencyPrice[]> {
  const { sql, baseCurrency } = deps;
  const [[product], entries, latest, rules] = await Promise.all([
    sql`
      select base_price::text as base_price from catalog.products
      where id = ${options.productId}`,
    sql`
      select currency, amount::text as amount from catalog.price_list_entries
      where product_id = ${options.productId}`,
    latestRates(sql),
    roundingRules(sql),
  ]);
  if (!product) return [];
  const rates: RateTable = latest ??
    { base: baseCurrency, rates: new Map(), asOf: new Date(0), source: "none" };
  const listed = new Map(entries.map((e) => [e.currency, e.amount as string]));
  let base;
  try {
    base = parseMoney(product.base_price, baseCurrency);
  } catch {
    base = null;
  }
  const currencies = options.currency
    ? [options.currency]
    : [...deps.currencies];
  return currencies.map((currency) => {
    const entry = currency === baseCurrency ? undefined : listed.get(currency);
    let quote: PriceQuote | null = null;
    try {
      quote = base && priceIn(base, currency, { rates, rules });
    } catch (error) {
      if (!(error instanceof RateUnavailableError)) throw error;
    }
    return {
      currency,
      override: entry === undefined ? null : shownAmount(entry, currency),
      converted: quote ? toDecimalString(quote.money) : null,
      rate: quote?.rate ?? null,
      rateAsOf: quote?.rateAsOf ? quote.rateAsOf.toISOString() : null,
      source: currency === baseCurrency
        ? "base"
        : entry !== undefined
        ? "price_list"
        : quote
        ? "converted"
        : null,
    };
  });
}

function checkCurrency(
  deps: ProductAdminReadDeps,
  currency: string,
): void {
  const sold = deps.currencies.includes(currency);
  if (!sold || currency === deps.baseCurrency) {
    throw new PriceListCurrencyError({
      currency,
      baseCurrency: deps.baseCurrency,
      sold,
    });
  }
}

async function lockProduct(
  tx: postgres.TransactionSql,
  productId: string,
): Promise<void> {
  const [product] = isUuid(productId)
    ? await tx`select id from catalog.products where id = ${productId} for update`
    : [];
  if (!product) throw new NotFound(`No product '${productId}'`);
}

/**
 * Set product `productId`'s price in `currency` to `amount` (exact, in that
 * currency's minor units: 400 `invalid_amount` otherwise). Audited as
 * `price.set`; the price index is rebuilt for the product and cached
 * catalog reads retired. Resolves the currency's prices afterwards.
 */
export async function setPriceListEntry(
  deps: ProductAdminDeps,
  options: { productId: string; currency: string; amount: string },
): Promise<CurrencyPrice> {
  const { productId, currency } = options;
  checkCurrency(deps, currency);
  const amount = exactAmount(options.amount, currency);
  const changed = await deps.sql.begin(async (tx) => {
    await lockProduct(tx, productId);
    const [old] = await tx`
      select amount::text as amount from catalog.price_list_entries
      where product_id = ${productId} and currency = ${currency}`;
    const before = old ? shownAmount(old.amount, currency) : null;
    if (before === amount) return false;
    await tx`
      insert into catalog.price_list_entries (product_id, currency, amount)
      values (${productId}, ${currency}, ${amount})
      on conflict (product_id, currency) do update
        set amount = excluded.amount, updated_at = now()`;
    await tx`
      update catalog.products set updated_at = now() where id = ${productId}`;
    await recordAudit(tx, deps.actor, {
      action: "price.set",
      entityType: "product",
      entityId: productId,
      before: { currency, amount: before },
      after: { currency, amount },
    });
    return true;
  });
  if (changed) await settleCatalogWrite(deps, { reprice: [productId] });
  const [price] = await currencyPrices(deps, { productId, currency });
  return price;
}

/**
 * Remove product `productId`'s price-list entry in `currency` (404 when it
 * has none): shoppers see the converted base price again. Audited as
 * `price.delete`. Resolves the currency's prices afterwards.
 */
export async function deletePriceListEntry(
  deps: ProductAdminDeps,
  options: { productId: string; currency: string },
): Promise<CurrencyPrice> {
  const { productId, currency } = options;
  checkCurrency(deps, currency);
  await deps.sql.begin(async (tx) => {
    await lockProduct(tx, productId);
    const [old] = await tx`
      delete from catalog.price_list_entries
      where product_id = ${productId} and currency = ${currency}
      returning amount::text as amount`;
    if (!old) {
      throw new NotFound(
        `Product '${productId}' has no price-list entry in '${currency}'`,
      );
    }
    await tx`
      update catalog.products set updated_at = now() where id = ${productId}`;
    await recordAudit(tx, deps.actor, {
      action: "price.delete",
      entityType: "product",
      entityId: productId,
      before: { currency, amount: shownAmount(old.amount, currency) },
      after: { currency, amount: null },
    });
  });
  await settleCatalogWrite(deps, { reprice: [productId] });
  const [price] = await currencyPrices(deps, { productId, currency });
  return price;
}
