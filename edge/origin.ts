import type { AppContext } from "./env.ts";

/**
 * The origin shoppers use to reach the store: `PUBLIC_URL` when configured,
 * else the request's own origin. Behind a TLS-terminating proxy the request
 * URL says `http:` and names an internal host, so production requires
 * `PUBLIC_URL` (see `edge/config.ts`).
 */
export function publicOrigin(c: AppContext): string {
  return c.var.config.PUBLIC_URL ?? new URL(c.req.url).origin;
}
