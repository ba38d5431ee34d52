import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../edge/env.ts";
import { NotFound } from "../../edge/errors.ts";

/**
 * Developer pages exist only when `APP_ENV` is "development": anywhere else
 * they are the ordinary 404 page. They are never indexed nor cached (they
 * show what the dev mailbox holds right now).
 */
export const handler: MiddlewareHandler<AppEnv> =
  async function developmentOnly(
    c,
    next,
  ) {
    if (c.var.config.APP_ENV !== "development") {
      throw new NotFound("Page not found");
    }
    await next();
    c.header("X-Robots-Tag", "noindex, nofollow");
    c.header("Cache-Control", "no-store");
  };
