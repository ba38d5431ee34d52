import { listLanguages } from "../../commerce/localization/mod.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { localeVary } from "../../edge/middleware/locale.ts";

/**
 * `GET /api/languages`: the languages admins enabled, named in the
 * request's, with the store's default.
 */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    const { locale, config, offered } = c.var;
    c.header("Content-Language", locale.language);
    c.header("Vary", localeVary(config.GEO_HEADERS));
    return c.json({
      default: offered.defaultLanguage,
      current: locale.language,
      languages: listLanguages(locale.language)
        .filter((language) => offered.languages.includes(language.code)),
    });
  },
};
