/**
 * Sitemaps: an index naming one file per language, and per language every
 * page a search engine should know, each with `xhtml:link` alternates to the
 * same page in the other languages (localized slugs included).
 *
 * @module
 */
import type { SitemapEntry } from "../commerce/catalog/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  LANGUAGES,
} from "../commerce/localization/mod.ts";

/** Pages that exist in every language under the same path. */
const FIXED_PAGES = ["", "about", "stores"];

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

function xml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]);
}

/** The sitemap index: one `<sitemap>` per language file. */
export function sitemapIndex(origin: string, lastmod?: string): string {
  const items = LANGUAGES.map((language) =>
    `<sitemap><loc>${xml(`${origin}/sitemaps/${language}.xml`)}</loc>${
      lastmod ? `<lastmod>${lastmod}</lastmod>` : ""
    }</sitemap>`
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${
      items.join("")
    }</sitemapindex>\n`;
}

function pathOf(
  kind: SitemapEntry["kind"],
  options: { language: Language; slug: string },
): string {
  const prefix = kind === "product" ? "p" : "c";
  return `/${options.language}/${prefix}/${encodeURIComponent(options.slug)}`;
}

/** The URL set of one language, with alternates for every page. */
export function languageSitemap(
  language: Language,
  options: { origin: string; entries: SitemapEntry[] },
): string {
  const { origin } = options;
  const url = (
    loc: string,
    alternates: [string, string][],
    lastmod?: string,
  ) =>
    `<url><loc>${xml(origin + loc)}</loc>${
      lastmod ? `<lastmod>${lastmod}</lastmod>` : ""
    }${
      alternates.map(([hreflang, path]) =>
        `<xhtml:link rel="alternate" hreflang="${hreflang}" href="${
          xml(origin + path)
        }"/>`
      ).join("")
    }</url>`;
  const items: string[] = [];
  for (const page of FIXED_PAGES) {
    const path = (l: string) => page ? `/${l}/${page}` : `/${l}/`;
    items.push(url(path(language), [
      ...LANGUAGES.map((l): [string, string] => [l, path(l)]),
      ["x-default", page ? path(DEFAULT_LANGUAGE) : "/"],
    ]));
  }
  for (const entry of options.entries) {
    const slug = entry.slugs[language];
    if (!slug) continue; // Shown only in the fallback language: not listed here.
    const alternates = LANGUAGES.filter((l) => entry.slugs[l]).map((
      l,
    ): [string, string] => [
      l,
      pathOf(entry.kind, { language: l, slug: entry.slugs[l]! }),
    ]);
    const fallback = entry.slugs[DEFAULT_LANGUAGE];
    if (fallback) {
      alternates.push([
        "x-default",
        pathOf(entry.kind, { language: DEFAULT_LANGUAGE, slug: fallback }),
      ]);
    }
    items.push(
      url(
        pathOf(entry.kind, { language, slug }),
        alternates,
        entry.updatedAt.slice(0, 10),
      ),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
    `xmlns:xhtml="http://www.w3.org/1999/xhtml">${items.join("")}</urlset>\n`;
}
