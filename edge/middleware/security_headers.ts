import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../env.ts";

/** The directives a third party can widen. */
export type WidenedDirective = "script-src" | "frame-src" | "connect-src";

/**
 * The third parties a page may let into its Content-Security-Policy, by
 * name, with the origins each needs per directive: Stripe.js loads from
 * `js.stripe.com`, frames its card fields and 3-D Secure pages from there
 * and `hooks.stripe.com`, and talks to `api.stripe.com`.
 */
export const CSP_THIRD_PARTIES: Record<
  "stripe",
  Partial<Record<WidenedDirective, readonly string[]>>
> = {
  stripe: {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": [
      "https://js.stripe.com",
      "https://*.js.stripe.com",
      "https://hooks.stripe.com",
    ],
    "connect-src": ["https://api.stripe.com"],
  },
};

/** A name of {@link CSP_THIRD_PARTIES}. */
export type CspThirdParty = keyof typeof CSP_THIRD_PARTIES;

/**
 * Let `party`'s origins into this response's Content-Security-Policy (a
 * page with Stripe's payment form calls `allowInCsp(c, "stripe")`). Every
 * other response keeps the strict policy: the middleware widens it only
 * for a request that asked, once the handler has run.
 */
export function allowInCsp(c: AppContext, party: CspThirdParty): void {
  const current = c.get("cspThirdParties") ?? [];
  if (!current.includes(party)) c.set("cspThirdParties", [...current, party]);
}

/**
 * Security headers on every response, with a Content-Security-Policy whose
 * per-request nonce is the only way a script or style may run inline; island
 * chunks load from our own origin.
 *
 * The same headers Hono's `secureHeaders` sends, set before the handler runs
 * (so they go into the response as it is built) instead of one by one on the
 * finished response, which cost about a third of a cached page's CPU time.
 * A handler that called {@link allowInCsp} gets its policy rewritten after
 * it ran, with those origins added.
 */
export function securityHeaders(
  options: { hsts: boolean },
): MiddlewareHandler<AppEnv> {
  const fixed: [string, string][] = [
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["Origin-Agent-Cluster", "?1"],
    // Geolocation stays available to our own pages: the store locator asks
    // for the shopper's position (after they click "use my location").
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-DNS-Prefetch-Control", "off"],
    ["X-Download-Options", "noopen"],
    ["X-Frame-Options", "DENY"],
    ["X-Permitted-Cross-Domain-Policies", "none"],
    ["X-XSS-Protection", "0"],
  ];
  if (options.hsts) {
    fixed.push([
      "Strict-Transport-Security",
      "max-age=63072000; includeSubDomains",
    ]);
  }
  return async function securityHeadersMiddleware(c, next) {
    const nonce = generateNonce();
    c.set("secureHeadersNonce", nonce);
    const csp = contentSecurityPolicy(nonce);
    c.header("Content-Security-Policy", csp);
    for (const [name, value] of fixed) c.header(name, value);
    await next();
    const parties = c.get("cspThirdParties");
    const policy = parties?.length
      ? contentSecurityPolicy(nonce, parties)
      : csp;
    // A handler that returned its own Response object skipped the prepared
    // headers (whose own headers may be immutable): copy it with them.
    if (!c.res.headers.has("Content-Security-Policy")) {
      const response = new Response(c.res.body, c.res);
      response.headers.set("Content-Security-Policy", policy);
      for (const [name, value] of fixed) response.headers.set(name, value);
      c.res = response;
    } else if (policy !== csp) {
      // Built through the context (a rendered page): its headers are ours.
      c.res.headers.set("Content-Security-Policy", policy);
    }
  };
}

function contentSecurityPolicy(
  nonce: string,
  parties: readonly CspThirdParty[] = [],
): string {
  const more = (directive: WidenedDirective) =>
    parties.flatMap((party) => CSP_THIRD_PARTIES[party][directive] ?? [])
      .map((origin) => ` ${origin}`).join("");
  // Without a third party, frames fall back to `default-src 'self'`.
  const frames = more("frame-src");
  return `default-src 'self'; ` +
    `script-src 'nonce-${nonce}' 'self'${more("script-src")}; ` +
    `style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
    `connect-src 'self'${more("connect-src")}; font-src 'self'; ` +
    (frames ? `frame-src 'self'${frames}; ` : "") +
    `object-src 'none'; base-uri 'self'; form-action 'self'; ` +
    `frame-ancestors 'none'`;
}

/** 128 random bits, base64: a CSP nonce. */
function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
