import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../../edge/env.ts";
import { requireUser } from "../../../edge/middleware/auth.ts";

/**
 * Every `/api/users/...` answer is one person's data: never stored by a
 * shared cache or the browser's disk cache, errors included.
 */
function privateNoStore(): MiddlewareHandler<AppEnv> {
  return async function privateNoStoreMiddleware(c, next) {
    await next();
    c.res.headers.set("Cache-Control", "private, no-store");
  };
}

/** Account routes: signed-in callers only (401), answers never cached. */
export const handler: MiddlewareHandler<AppEnv>[] = [
  privateNoStore(),
  requireUser(),
];
