import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

/**
 * Answers that are one person's data (an account, a cart, an order): never
 * stored by a shared cache or the browser's disk cache, errors included.
 */
export function privateNoStore(): MiddlewareHandler<AppEnv> {
  return async function privateNoStoreMiddleware(c, next) {
    await next();
    c.res.headers.set("Cache-Control", "private, no-store");
  };
}
