/**
 * What `deno task bench` loads. To benchmark another endpoint of the store,
 * add one line to {@link TARGETS}.
 *
 * @module
 */

/** One URL to load: a label, the path on its server and optional headers. */
export interface Target {
  /** A short label for the table; defaults to the path when omitted. */
  name?: string;
  /** The path (with query) requested on every connection. */
  path: string;
  /** Extra request headers, e.g. `Accept-Language` or a cookie. */
  headers?: Record<string, string>;
}

/**
 * The store's endpoints, measured in this order and compared with the
 * baseline. Every one must answer 2xx or the bench exits non-zero.
 */
export const TARGETS: Target[] = [
  { name: "home", path: "/en/" },
  { name: "currencies", path: "/api/currencies" },
];

/** Pages whose JavaScript weight (raw and gzipped) the bench reports. */
export const WEIGHED_PAGES: Target[] = [
  { path: "/en/" },
  { path: "/en/", headers: { "cf-ipcountry": "DE" } },
  { path: "/en/about" },
];

/** The bare `Deno.serve` hello world every target is compared with. */
export const BASELINE_TARGET: Target = { name: "baseline", path: "/" };
