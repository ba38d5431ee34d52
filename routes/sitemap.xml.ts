import type { RouteHandler } from "../edge/define.ts";
import { publicOrigin } from "../edge/origin.ts";
import { sitemapIndex } from "../edge/sitemap.ts";

/** `GET /sitemap.xml`: the index of the per-language sitemaps. */
export const handler: { GET: RouteHandler } = {
  GET(c) {
    return c.body(sitemapIndex(publicOrigin(c)), 200, {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    });
  },
};
