import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import type { AppEnv } from "../../../edge/env.ts";
import { ACCESS_COOKIE } from "../../../edge/middleware/auth.ts";
import { csrfProtection } from "../../../edge/middleware/csrf.ts";

/**
 * The account pages' forms: the same CSRF rules as the auth API, anonymous
 * forms included (sign-in and sign-up, against login CSRF).
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  csrfProtection({
    cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE],
    checkAnonymous: true,
  }),
];
