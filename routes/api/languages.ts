import { listLanguages } from "../../commerce/localization/mod.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { localeVary } from "../../edge/middleware/locale.ts";

/** `GET /api/languages`: the store's languages, named in the request's. */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    const { locale } = c.var;
    c.header("Content-Language", locale.language);
    c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
    return c.json({
      default: "en",
      current: locale.language,
      languages: listLanguages(locale.language),
    });
  },
};
