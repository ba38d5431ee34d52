import { z } from "zod";
import {
  convert,
  latestRates,
  moneyView,
  parseMoney,
  RateUnavailableError,
} from "../../commerce/pricing/mod.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { Invalid } from "../../edge/errors.ts";
import { localeVary } from "../../edge/middleware/locale.ts";
import { parseQuery } from "../../edge/validate.ts";

const CurrencyCode = z.string().trim().toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");

/** The query of `GET /api/convert_currency`. */
export const ConvertQuery = z.object({
  from: CurrencyCode,
  to: CurrencyCode,
  // Its form is checked exactly by parseMoney (400 `invalid_amount`).
  amount: z.string().min(1, "must be a decimal amount").max(40),
});
/** A validated conversion query. */
export type ConvertQuery = z.infer<typeof ConvertQuery>;

/**
 * `GET /api/convert_currency?from=USD&to=JPY&amount=12.34`: an amount in one
 * store currency converted exactly into another at the latest stored rates
 * (no presentation rounding), with the rate, its date and its source. An
 * unsold currency or a malformed amount answers 400; no rate, 503.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const { config, locale, db, cache } = c.var;
    const query = parseQuery(c, ConvertQuery);
    for (const currency of [query.from, query.to]) {
      if (!config.CURRENCIES.includes(currency)) {
        throw new Invalid(`The store does not sell in '${currency}'`, {
          code: "unsupported_currency",
          details: { currency },
        });
      }
    }
    const money = parseMoney(query.amount, query.from);
    const rates = await latestRates(db.sql, { cache });
    if (!rates) throw new RateUnavailableError(null);
    const result = convert(money, query.to, rates);
    c.header("Content-Language", locale.language);
    c.header("Vary", localeVary(config.GEO_HEADERS));
    return c.json({
      from: moneyView(money, locale.language),
      to: moneyView(result.money, locale.language),
      rate: result.rate,
      rateAsOf: result.asOf.toISOString(),
      source: result.source,
    });
  },
};
