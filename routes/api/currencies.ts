import { describeCurrencies } from "../../commerce/localization/mod.ts";
import {
  latestRates,
  rateBetween,
  type RateTable,
} from "../../commerce/pricing/mod.ts";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { RouteHandler } from "../../edge/define.ts";
import type { AppContext } from "../../edge/env.ts";
import { localeVary } from "../../edge/middleware/locale.ts";

/** A currency's rate against the base, as the API shows it. */
interface RateView {
  /** Units of this currency per 1 base unit ("1" for the base itself). */
  rate: string | null;
  rateAsOf: string | null;
  ageSeconds: number | null;
  source: string | null;
}

const NO_RATE: RateView = {
  rate: null,
  rateAsOf: null,
  ageSeconds: null,
  source: null,
};

/**
 * `GET /api/currencies`: the currencies the store sells (those admins
 * enabled), named in the
 * request's language, with symbol, minor-unit exponent and the current rate
 * against the base currency (its date, age and source; nulls when there is
 * no rate, and when the database cannot be read).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    // Like the catalog routes: a currency the store does not sell is a 400.
    catalogRequest(c, { currency: c.req.query("currency") });
    const { config, locale, offered } = c.var;
    const rates = await ratesOrNull(c);
    const now = Date.now();
    c.header("Content-Language", locale.language);
    c.header("Vary", localeVary(config.GEO_HEADERS));
    return c.json({
      base: config.BASE_CURRENCY,
      current: locale.currency,
      currencies: describeCurrencies(offered.currencies, locale.language)
        .map((currency) => ({
          ...currency,
          ...rateView(rates, {
            base: config.BASE_CURRENCY,
            code: currency.code,
            now,
          }),
        })),
    });
  },
};

// The list stays useful without rates: a database outage blanks the rates
// (logged), it does not fail the pickers that read this endpoint.
async function ratesOrNull(c: AppContext): Promise<RateTable | null> {
  try {
    return await latestRates(c.var.db.sql, { cache: c.var.cache });
  } catch (error) {
    c.var.logger.warn("exchange rates unavailable", {
      requestId: c.var.requestId,
      error,
    });
    return null;
  }
}

function rateView(
  rates: RateTable | null,
  { base, code, now }: { base: string; code: string; now: number },
): RateView {
  if (code === base) return { ...NO_RATE, rate: "1" };
  const quote = rates && rateBetween(rates, { from: base, to: code });
  if (!quote) return NO_RATE;
  return {
    rate: quote.rate,
    rateAsOf: quote.asOf.toISOString(),
    ageSeconds: Math.max(0, Math.floor((now - quote.asOf.getTime()) / 1000)),
    source: quote.source,
  };
}
