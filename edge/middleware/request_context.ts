import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../env.ts";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Put the app's dependencies and a request id on the context, echo the id in
 * `X-Request-Id`, and log one JSON line per request when it finishes. An
 * upstream id (from a CDN or load balancer) is kept when it looks sane.
 */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming)
      ? incoming
      : crypto.randomUUID();
    c.set("config", deps.config);
    c.set("db", deps.db);
    c.set("cache", deps.cache);
    c.set("reads", deps.reads);
    c.set("keys", deps.keys);
    c.set("logger", deps.logger);
    c.set("payments", deps.payments);
    c.set("requestId", requestId);
    await next();
    c.header("X-Request-Id", requestId);
    deps.logger.info("request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
