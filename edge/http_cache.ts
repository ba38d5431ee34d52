/**
 * HTTP caching of cached reads: ETag, `If-None-Match` and a Cache-Control
 * that lets a CDN keep a response and serve it stale while it revalidates.
 *
 * @module
 */
import type { CachedValue } from "./cache/read_through.ts";
import type { AppContext } from "./env.ts";
import { localeVary } from "./middleware/locale.ts";

/** How long shared caches may keep a catalog response. */
export const CATALOG_HTTP_CACHE = { maxAge: 60, staleWhileRevalidate: 300 };

/** Set `ETag`, `Cache-Control` and `Vary` for a cached read. */
export function setCacheHeaders(
  c: AppContext,
  options: { etag: string; maxAge: number; staleWhileRevalidate: number },
): void {
  c.header("ETag", options.etag);
  c.header(
    "Cache-Control",
    `public, max-age=${options.maxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`,
  );
  c.header("Vary", localeVary(c.var.config.GEO_HEADERS));
  c.header("Content-Language", c.var.locale.language);
}

/** Whether the request's `If-None-Match` already names `etag`. */
export function isNotModified(c: AppContext, etag: string): boolean {
  const header = c.req.header("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) =>
    tag.trim().replace(/^W\//, "") === etag
  );
}

/**
 * Answer a cached value as JSON, or `304 Not Modified` when the client holds
 * it already.
 */
export function cachedJson<T>(
  c: AppContext,
  cached: CachedValue<T>,
  policy: { maxAge: number; staleWhileRevalidate: number } = CATALOG_HTTP_CACHE,
): Response {
  setCacheHeaders(c, { etag: cached.etag, ...policy });
  if (isNotModified(c, cached.etag)) return c.body(null, 304);
  c.header("Content-Type", "application/json");
  return c.body(serialized(cached.value));
}

// A warm cache hands out the same object again and again: serializing it
// once instead of per request is a third of a warm API request's CPU time.
const bodies = new WeakMap<object, string>();

function serialized(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  let body = bodies.get(value);
  if (body === undefined) {
    body = JSON.stringify(value);
    bodies.set(value, body);
  }
  return body;
}
