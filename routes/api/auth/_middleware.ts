import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import type { AppEnv } from "../../../edge/env.ts";
import { ACCESS_COOKIE } from "../../../edge/middleware/auth.ts";
import { csrfProtection } from "../../../edge/middleware/csrf.ts";
import {
  accountKey,
  clientIp,
  rateLimit,
} from "../../../edge/middleware/rate_limit.ts";

/**
 * Every auth endpoint: CSRF checks on cookie-carrying writes (and on
 * cross-site sign-in attempts, against login CSRF), and a per-IP limit on
 * the endpoints that cost a password hash or send an email.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  csrfProtection({
    cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE],
    checkAnonymous: true,
  }),
  rateLimit({
    name: "auth-ip",
    limit: 30,
    windowSeconds: 600,
    key: (c) =>
      c.req.method === "POST" && HASHING.test(c.req.path) &&
        c.var.config.AUTH_RATE_LIMITS === "on"
        ? clientIp(c)
        : undefined,
  }),
  // Per account: a flood of sign-ups or reset emails for one address.
  // (Sign-in failures per account slow down in the login route instead.)
  rateLimit({
    name: "auth-account",
    limit: 5,
    windowSeconds: 3600,
    key: async (c) => {
      if (c.req.method !== "POST" || !EMAILING.test(c.req.path)) return;
      if (c.var.config.AUTH_RATE_LIMITS === "off") return;
      // Hono keeps the parsed body, so the route can read it again.
      const body = await c.req.json().catch(() => undefined);
      return typeof body?.email === "string"
        ? accountKey(body.email)
        : undefined;
    },
  }),
];

const HASHING = /\/(register|login|forgot_password|reset_password)$/;
const EMAILING = /\/(register|forgot_password)$/;
