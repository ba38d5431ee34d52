import type { MiddlewareHandler } from "hono";
import { can, type Permission } from "../../commerce/identity/mod.ts";
import { currentStaff } from "../../edge/admin.ts";
import type { AppEnv } from "../../edge/env.ts";
import { Forbidden } from "../../edge/errors.ts";
import { privateNoStore } from "../../edge/middleware/private.ts";

/** Holding any of these opens the dashboard; each page checks its own. */
const DASHBOARD_PERMISSIONS: readonly Permission[] = [
  "orders:read",
  "catalog:read",
];

/**
 * The dashboard is staff's: never cached nor indexed, anonymous visitors
 * are sent to sign in (and brought back), as is anyone whose account was
 * disabled since they signed in; anyone else without a staff role (read
 * now, not from the token) gets the 403 page. The page language is the admin's own (saved cookie, which
 * signing in sets from their profile), as locale resolution decides for
 * paths without a language prefix.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  async function noIndex(c, next) {
    await next();
    c.header("X-Robots-Tag", "noindex, nofollow");
  },
  currentStaff(),
  async function staffOnly(c, next) {
    const { user, locale } = c.var;
    if (!user) {
      const url = new URL(c.req.url);
      const back = encodeURIComponent(url.pathname + url.search);
      return c.redirect(
        `/${locale.language}/account/signin?next=${back}`,
        303,
      );
    }
    if (!DASHBOARD_PERMISSIONS.some((p) => can(user.roles, p))) {
      throw new Forbidden();
    }
    await next();
  },
];
