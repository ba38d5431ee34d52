import { describeCurrencies } from "../../commerce/localization/mod.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { localeVary } from "../../edge/middleware/locale.ts";

/**
 * `GET /api/currencies`: the currencies the store sells, named in the
 * request's language, with symbol and minor-unit exponent.
 */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    const { config, locale } = c.var;
    c.header("Content-Language", locale.language);
    c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
    return c.json({
      base: config.BASE_CURRENCY,
      current: locale.currency,
      currencies: describeCurrencies(config.CURRENCIES, locale.language),
    });
  },
};
