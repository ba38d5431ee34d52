/**
 * The app factory: composes the edge middleware, the file-based routes and
 * the error handling into one Hono app. `main.ts` serves it; tests call
 * `app.request()` on it directly.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { serveStatic } from "hono/deno";
import type { Manifest } from "./define.ts";
import type { AppDeps, AppEnv } from "./env.ts";
import { errorBody, Invalid, toErrorResponse } from "./errors.ts";
import { authentication } from "./middleware/auth.ts";
import { localeResolver } from "./middleware/locale.ts";
import { requestContext } from "./middleware/request_context.ts";
import { securityHeaders } from "./middleware/security_headers.ts";
import type { IslandAssets } from "./render/assets.ts";
import { registerIslands } from "./render/islands.ts";
import { mountRoutes } from "./router.ts";

/** What the app is built from besides its dependencies. */
export interface AppOptions {
  manifest: Manifest;
  assets: IslandAssets;
}

const STATIC_ROOT = new URL("../static", import.meta.url).pathname;
const MAX_BODY_BYTES = 1024 * 1024;
const MEDIA_UPLOAD_PATH = "/api/admin/media";

/** Build the store's Hono app. */
export function createApp(deps: AppDeps, options: AppOptions): Hono<AppEnv> {
  // Not strict: `/de/` (where `/` redirects) and `/de` are the same page.
  const app = new Hono<AppEnv>({ strict: false });
  registerIslands(options.manifest.islands);

  app.use("*", requestContext(deps));
  app.use(
    "*",
    securityHeaders({ hsts: deps.config.APP_ENV === "production" }),
  );
  app.use("*", localeResolver());
  app.use("*", authentication());
  // No text a shopper types contains a NUL, and Postgres cannot store one:
  // refuse it here rather than as a database error later.
  app.use("*", async function refuseNul(c, next) {
    if (c.req.url.includes("%00")) {
      throw new Invalid("The request contains a NUL character", {
        code: "invalid_characters",
      });
    }
    await next();
  });
  const tooLarge = (c: Context) =>
    c.json(
      errorBody("payload_too_large", "The request body is too large"),
      413,
    );
  const jsonLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // An image upload may be as large as MEDIA_MAX_BYTES (and its multipart
  // envelope); every other body stays small.
  const uploadLimit = bodyLimit({
    maxSize: deps.config.MEDIA_MAX_BYTES + 64 * 1024,
    onError: tooLarge,
  });
  app.use("*", function limitBody(c, next) {
    const upload = c.req.method === "POST" && c.req.path === MEDIA_UPLOAD_PATH;
    return (upload ? uploadLimit : jsonLimit)(c, next);
  });
  app.use("/_islands/*", async function immutableAssets(c, next) {
    await next();
    if (c.res.ok) {
      c.header("Cache-Control", "public, max-age=31536000, immutable");
    }
  });
  app.use("/_islands/*", serveStatic({ root: STATIC_ROOT }));
  app.get("/favicon.svg", serveStatic({ root: STATIC_ROOT }));

  const pages = mountRoutes(app, options);

  app.notFound((c) => {
    if (wantsJson(c.req.path, c.req.header("accept"))) {
      return c.json(
        errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`),
        404,
      );
    }
    return pages.notFound(c);
  });

  app.onError((error, c) => {
    const mapped = toErrorResponse(error);
    if (!mapped.expected) {
      deps.logger.error("unhandled error", {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        error,
      });
    }
    if (!wantsJson(c.req.path, c.req.header("accept")) && c.var.locale) {
      try {
        if (mapped.status === 403) return pages.forbidden(c);
        if (mapped.status === 404) return pages.notFound(c);
        if (mapped.status >= 500) return pages.serverError(c);
      } catch (pageError) {
        // The error page itself failed: fall through to the JSON answer.
        deps.logger.error("error page failed", {
          requestId: c.var.requestId,
          error: pageError,
        });
      }
    }
    return c.json(mapped.body, mapped.status, mapped.headers);
  });

  return app;
}

/** API paths answer JSON; pages answer HTML unless only JSON is accepted. */
function wantsJson(path: string, accept: string | undefined): boolean {
  if (path === "/api" || path.startsWith("/api/")) return true;
  const types = accept ?? "";
  return types.includes("application/json") && !types.includes("text/html");
}
