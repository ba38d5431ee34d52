import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../edge/auth/session.ts";
import { CART_COOKIE } from "../../edge/cart_session.ts";
import type { AppEnv } from "../../edge/env.ts";
import { NotFound } from "../../edge/errors.ts";
import { ACCESS_COOKIE } from "../../edge/middleware/auth.ts";
import { CSRF_COOKIE, csrfProtection } from "../../edge/middleware/csrf.ts";

/**
 * The test gateway's pages exist only while the test gateway is on; they
 * are never indexed nor cached. Their forms carry a CSRF token, required
 * from every browser the page has given a `csrf` cookie to.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  async function testGatewayOnly(c, next) {
    if (!c.var.payments.test) throw new NotFound("Page not found");
    await next();
    c.header("X-Robots-Tag", "noindex, nofollow");
    c.header("Cache-Control", "private, no-store");
  },
  csrfProtection({
    cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE, CART_COOKIE, CSRF_COOKIE],
    checkAnonymous: true,
  }),
];
