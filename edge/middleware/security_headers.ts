import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env.ts";

/**
 * Security headers on every response, with a Content-Security-Policy whose
 * per-request nonce is the only way a script or style may run inline; island
 * chunks load from our own origin.
 */
export function securityHeaders(
  options: { hsts: boolean },
): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [NONCE, "'self'"],
      styleSrc: [NONCE],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: options.hsts
      ? "max-age=63072000; includeSubDomains"
      : false,
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    // Geolocation stays available to our own pages: the store locator asks
    // for the shopper's position (after they click "use my location").
    permissionsPolicy: { camera: [], microphone: [], geolocation: ["self"] },
    crossOriginEmbedderPolicy: false,
  }) as MiddlewareHandler<AppEnv>;
}
