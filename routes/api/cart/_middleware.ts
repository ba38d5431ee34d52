import type { MiddlewareHandler } from "hono";
import { REFRESH_COOKIE } from "../../../edge/auth/session.ts";
import { CART_COOKIE } from "../../../edge/cart_session.ts";
import type { AppEnv } from "../../../edge/env.ts";
import { idempotency } from "../../../edge/idempotency/mod.ts";
import { ACCESS_COOKIE } from "../../../edge/middleware/auth.ts";
import { csrfProtection } from "../../../edge/middleware/csrf.ts";
import { privateNoStore } from "../../../edge/middleware/private.ts";

/**
 * Cart routes: one shopper's data (never cached by anyone else), changed
 * with the browser's cookies (so cross-site writes are refused), and
 * `Idempotency-Key` honoured on every change.
 */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  csrfProtection({ cookieNames: [ACCESS_COOKIE, REFRESH_COOKIE, CART_COOKIE] }),
  idempotency(),
];
