import type { MiddlewareHandler } from "hono";
import { isLanguage } from "../../commerce/localization/mod.ts";
import type { AppEnv } from "../../edge/env.ts";
import { NotFound } from "../../edge/errors.ts";
import { localeVary } from "../../edge/middleware/locale.ts";

/** Localized pages exist only under the store's language prefixes. */
export const handler: MiddlewareHandler<AppEnv> = async function languagePrefix(
  c,
  next,
) {
  if (!isLanguage(c.req.param("lang"))) throw new NotFound("Page not found");
  await next();
  // The currency cookie and geo banner change the page, the URL decides the
  // language: caches must key on both.
  c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
};
