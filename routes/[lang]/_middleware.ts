import type { MiddlewareHandler } from "hono";
import { isLanguage } from "../../commerce/localization/mod.ts";
import type { AppEnv } from "../../edge/env.ts";
import { NotFound } from "../../edge/errors.ts";
import { localeVary, requestLocale } from "../../edge/middleware/locale.ts";

/**
 * Localized pages exist only under the store's language prefixes. Those of
 * a language admins turned off send the shopper to the same page in the
 * language they would get without the prefix (a temporary redirect: the
 * language may come back).
 */
export const handler: MiddlewareHandler<AppEnv> = async function languagePrefix(
  c,
  next,
) {
  const language = c.req.param("lang");
  if (!isLanguage(language)) throw new NotFound("Page not found");
  const { offered } = c.var;
  if (!offered.languages.includes(language)) {
    const url = new URL(c.req.url);
    // The language this shopper gets where the URL does not decide.
    const target = requestLocale(c, { urlLanguage: undefined }).language;
    c.header("Cache-Control", "private, no-cache");
    c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
    return c.redirect(
      `/${target}${url.pathname.slice(language.length + 1)}${url.search}`,
      302,
    );
  }
  await next();
  // The currency cookie and geo banner change the page, the URL decides the
  // language: caches must key on both.
  c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
};
