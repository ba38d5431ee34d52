/**
 * What `deno task bench` loads. To benchmark another endpoint of the store,
 * add one line to {@link TARGETS}.
 *
 * @module
 */
import { Guest, stockedVariants } from "./_guest.ts";

/** One URL to load: a label, the path on its server and optional headers. */
export interface Target {
  /** A short label for the table; defaults to the path when omitted. */
  name?: string;
  /** The path (with query) requested on every connection. */
  path: string;
  /** Extra request headers, e.g. `Accept-Language` or a cookie. */
  headers?: Record<string, string>;
  /**
   * `app` (default), or `app_cold`: a second store started with
   * `READ_CACHE_TTL_SECONDS=0`, so every catalog read goes to the database
   * (what a request costs when the cache misses).
   */
  server?: "app" | "app_cold" | "baseline";
  /**
   * A second load run on the same server while this target is measured
   * (not during warm-up), e.g. sign-ins hashing passwords.
   */
  during?: {
    name: string;
    path: string;
    method: string;
    body: string;
    connections: number;
  };
  /**
   * Set-up against the running server, called once before this target's
   * warm-up with the server's origin (e.g. filling a cart); the headers it
   * returns are sent with every request of the load, after `headers`.
   */
  prepare?: (origin: string) => Promise<{ headers?: Record<string, string> }>;
}

/** The account the bench signs in with, registered once before loading. */
export const BENCH_ACCOUNT = {
  email: "bench@example.com",
  password: "quiet harbour lantern 42",
  name: "Load Tester",
};

const LOGINS = {
  name: "20 concurrent sign-ins",
  path: "/api/auth/login",
  method: "POST",
  body: JSON.stringify({
    email: BENCH_ACCOUNT.email,
    password: BENCH_ACCOUNT.password,
    client: "api",
  }),
  connections: 20,
};

// Pages of the seeded catalog (commerce/catalog/seed).
const PRODUCT_LIST =
  "/api/products?lang=en&currency=EUR&category=kitchen&limit=24";
const PRODUCT_PAGE = "/en/p/kyoto-chefs-knife";
const CATEGORY_PAGE = "/de/c/kueche";

const CART_LINES = 5;

/**
 * A guest cart holding one unit each of `CART_LINES` in-stock variants,
 * named by the cookie returned.
 */
async function fillGuestCart(
  origin: string,
): Promise<{ headers: Record<string, string> }> {
  const guest = new Guest(origin);
  let lines = 0;
  for (const variant of await stockedVariants(origin, CART_LINES)) {
    lines = await guest.addItem(variant.id);
  }
  if (lines !== CART_LINES) {
    throw new Error(
      `The bench's guest cart holds ${lines} lines instead of ${CART_LINES}`,
    );
  }
  return { headers: { cookie: guest.cookie } };
}

/**
 * The store's endpoints, measured in this order and compared with the
 * baseline. Every one must answer 2xx or the bench exits non-zero.
 */
export const TARGETS: Target[] = [
  // The bare server again, sending bodies the size of the API answer and of
  // the pages: how much of a page's gap to the baseline is just its bytes.
  { name: "baseline, 10 KB body", path: "/bytes/10000", server: "baseline" },
  { name: "baseline, 40 KB body", path: "/bytes/40000", server: "baseline" },
  { name: "baseline, 70 KB body", path: "/bytes/70000", server: "baseline" },
  // What every request costs the app before any route runs: the floor.
  { name: "health (floor)", path: "/health" },
  { name: "home", path: "/en/" },
  { name: "currencies", path: "/api/currencies" },
  { name: "products API, warm", path: PRODUCT_LIST },
  { name: "products API, cold", path: PRODUCT_LIST, server: "app_cold" },
  // argon2id must not stall the event loop: compare this p99 with the warm
  // one above.
  {
    name: "products API, warm, during sign-ins",
    path: PRODUCT_LIST,
    during: LOGINS,
  },
  { name: "product page, warm", path: PRODUCT_PAGE },
  { name: "product page, cold", path: PRODUCT_PAGE, server: "app_cold" },
  { name: "category page, warm", path: CATEGORY_PAGE },
  { name: "category page, cold", path: CATEGORY_PAGE, server: "app_cold" },
  // Reads a cart and prices every line in the request's currency: the figure
  // checkout pages depend on.
  {
    name: `cart API (${CART_LINES} lines)`,
    path: "/api/cart",
    prepare: fillGuestCart,
  },
];

/** Pages whose JavaScript weight (raw and gzipped) the bench reports. */
export const WEIGHED_PAGES: Target[] = [
  { path: "/en/" },
  { path: PRODUCT_PAGE },
  { path: CATEGORY_PAGE },
  { path: "/en/", headers: { "cf-ipcountry": "DE" } },
  { path: "/en/about" },
];

/** The bare `Deno.serve` hello world every target is compared with. */
export const BASELINE_TARGET: Target = { name: "baseline", path: "/" };
