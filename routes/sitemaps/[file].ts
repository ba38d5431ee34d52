import { readSitemapEntries } from "../../commerce/catalog/mod.ts";
import { isLanguage } from "../../commerce/localization/mod.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { NotFound } from "../../edge/errors.ts";
import { isNotModified } from "../../edge/http_cache.ts";
import { publicOrigin } from "../../edge/origin.ts";
import { languageSitemap } from "../../edge/sitemap.ts";

/** `GET /sitemaps/{lang}.xml`: every page in one language, with alternates. */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const file = c.req.param("file") ?? "";
    const language = file.replace(/\.xml$/, "");
    if (!file.endsWith(".xml") || !isLanguage(language)) {
      throw new NotFound("No such sitemap");
    }
    const entries = await readSitemapEntries({
      sql: c.var.db.sql,
      reads: c.var.reads,
    });
    const headers = {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      ETag: entries.etag,
    };
    if (isNotModified(c, entries.etag)) return c.body(null, 304, headers);
    const body = languageSitemap(language, {
      origin: publicOrigin(c),
      entries: entries.value,
    });
    return c.body(body, 200, headers);
  },
};
