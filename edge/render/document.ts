/**
 * Render a page into a complete HTML document: preact-render-to-string for
 * the markup, twind for the CSS of exactly the classes the page uses (inlined
 * in a nonce'd `<style>`), `hreflang` alternates, and, only when the page used
 * an island, the props and the boot script. A page without islands ships no
 * `<script>` at all.
 *
 * @module
 */
import { extract, twind, virtual } from "@twind/core";
import type { JSX } from "preact";
import { renderToString } from "preact-render-to-string";
import freshConfig from "../../fresh.config.ts";
import type { Head } from "../define.ts";
import type { IslandAssets } from "./assets.ts";
import { collectIslands } from "./islands.ts";

/** An alternate-language link of the page. */
export interface Alternate {
  hreflang: string;
  href: string;
}

/** Everything a document needs besides the page body. */
export interface DocumentOptions {
  head: Head;
  language: string;
  dir: "ltr" | "rtl";
  alternates: Alternate[];
  canonical?: string;
  nonce: string;
  assets: IslandAssets;
}

const tw = twind(freshConfig.twind, virtual(false));
const cssByClasses = new Map<string, string>();
const CSS_CACHE_LIMIT = 500;
// Island markers must not affect layout.
const BASE_CSS = "x-island{display:contents}";

/** Render `body` as a full HTML document string. */
export function renderDocument(
  body: JSX.Element,
  options: DocumentOptions,
): string {
  const [markup, islands] = collectIslands(() => renderToString(body));
  const css = pageCss(markup);
  const { head, nonce } = options;
  const parts = [
    `<!DOCTYPE html><html lang="${
      attr(options.language)
    }" dir="${options.dir}">`,
    `<head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${text(head.title)}</title>`,
    head.description
      ? `<meta name="description" content="${attr(head.description)}">`
      : "",
    head.noindex ? `<meta name="robots" content="noindex">` : "",
    options.canonical
      ? `<link rel="canonical" href="${attr(options.canonical)}">`
      : "",
    ...options.alternates.map((alternate) =>
      `<link rel="alternate" hreflang="${attr(alternate.hreflang)}" href="${
        attr(alternate.href)
      }">`
    ),
    head.jsonLd
      ? `<script type="application/ld+json">${
        jsonForScript(head.jsonLd)
      }</script>`
      : "",
    `<link rel="icon" href="/favicon.svg" type="image/svg+xml">`,
    `<style nonce="${attr(nonce)}">${BASE_CSS}${css}</style>`,
  ];
  if (islands.length) {
    const { assets } = options;
    const used = [...new Set(islands.map((island) => island.name))];
    const chunks = Object.fromEntries(
      used.map((name) => [name, assets.islands[name]]),
    );
    // The page's own modules and the chunks they import, not every island's.
    const entries = [assets.boot, ...Object.values(chunks)];
    const preload = new Set(
      entries.flatMap((entry) => [entry, ...(assets.imports[entry] ?? [])]),
    );
    for (const href of preload) {
      parts.push(`<link rel="modulepreload" href="${attr(href)}">`);
    }
    parts.push(
      `</head><body>${markup}`,
      `<script type="application/json" id="__islands">[${
        islands.map((island) => island.props).join(",")
      }]</script>`,
      `<script type="module" nonce="${attr(nonce)}">import{boot}from${
        JSON.stringify(assets.boot)
      };boot(${JSON.stringify(chunks)});</script>`,
      `</body></html>`,
    );
  } else {
    parts.push(`</head><body>${markup}</body></html>`);
  }
  return parts.join("");
}

/**
 * The CSS of a page, cached by the classes in its markup: same classes, same
 * CSS. Read from the HTML itself (~0.05 ms), so no element can be missed.
 */
function pageCss(markup: string): string {
  const classes = new Set<string>();
  for (const match of markup.matchAll(/\sclass="([^"]*)"/g)) {
    classes.add(match[1]);
  }
  const key = [...classes].join("|");
  let css = cssByClasses.get(key);
  if (css === undefined) {
    css = extract(markup, tw).css;
    if (cssByClasses.size >= CSS_CACHE_LIMIT) cssByClasses.clear();
    cssByClasses.set(key, css);
  }
  return css;
}

// JSON inside <script>: "<" escaped so no value can close the element.
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

function text(value: string): string {
  return value.replace(/[&<>]/g, (char) => ENTITIES[char]);
}

function attr(value: string): string {
  return value.replace(/[&<>"]/g, (char) => ENTITIES[char]);
}
