import type { RouteHandler } from "../edge/define.ts";
import { localeVary } from "../edge/middleware/locale.ts";

/**
 * `/` is the only URL that redirects: to the language resolved from the
 * saved choice, geo country and `Accept-Language`. Every other URL is stable.
 */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
    c.header("Cache-Control", "private, no-cache");
    const query = new URL(c.req.url).search;
    return c.redirect(`/${c.var.locale.language}/${query}`, 302);
  },
};
