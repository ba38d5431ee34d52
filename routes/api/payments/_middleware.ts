import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import type { AppEnv } from "../../../edge/env.ts";
import { idempotency } from "../../../edge/idempotency/mod.ts";
import { ACCESS_COOKIE } from "../../../edge/middleware/auth.ts";
import { csrfProtection } from "../../../edge/middleware/csrf.ts";
import { privateNoStore } from "../../../edge/middleware/private.ts";
import { CART_COOKIE } from "../../../edge/cart_session.ts";

const WEBHOOKS = "/api/payments/webhook/";

/** Run `middleware` for the shopper's routes, not for gateway webhooks. */
function shopperOnly(
  middleware: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  return async function shopperOnlyMiddleware(c, next) {
    if (c.req.path.startsWith(WEBHOOKS)) return await next();
    return await middleware(c, next);
  };
}

/**
 * Payment routes: answers never cached; the shopper's writes are refused
 * cross-site (they ride on the browser's cookies) and honour
 * `Idempotency-Key`. Gateway webhooks are cross-site by nature and
 * authenticate by signature instead, so CSRF checks skip them.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  shopperOnly(
    csrfProtection({
      cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE, CART_COOKIE],
    }),
  ),
  shopperOnly(idempotency()),
];
