import assert from "node:assert/strict";
import type { MiddlewareHandler } from "hono";
import realManifest from "../manifest.gen.ts";
import { createApp } from "./app.ts";
import type { LayoutProps, Manifest, PageProps } from "./define.ts";
import type { AppContext, AppEnv } from "./env.ts";
import { Conflict, Forbidden } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { loadIslandAssets } from "./render/assets.ts";
import { startTestStore } from "./testing.ts";

const tag: (name: string) => MiddlewareHandler<AppEnv> =
  (name) => async (c, next) => {
    await next();
    c.res.headers.append("x-middleware", name);
  };

/** A small route tree exercising every Fresh convention the router supports. */
const manifest: Manifest = {
  routes: {
    "./routes/_layout.tsx": {
      default: ({ children }: LayoutProps) => (
        <div id="root-layout">{children}</div>
      ),
    },
    "./routes/_403.tsx": realManifest.routes["./routes/_403.tsx"],
    "./routes/_404.tsx": realManifest.routes["./routes/_404.tsx"],
    "./routes/_500.tsx": realManifest.routes["./routes/_500.tsx"],
    "./routes/_middleware.ts": { handler: tag("root") },
    "./routes/shop/_layout.tsx": {
      default: ({ children }: LayoutProps) => (
        <section id="shop-layout">{children}</section>
      ),
    },
    "./routes/shop/_middleware.ts": { handler: [tag("shop")] },
    "./routes/shop/[id].tsx": {
      default: ({ data, params }: PageProps<{ n: number }>) => (
        <p id="item">{params.id}:{data.n}</p>
      ),
      handler: { GET: (_c, page) => page.render({ n: 7 }) },
    },
    "./routes/shop/index.tsx": { default: () => <p id="shop-index">index</p> },
    "./routes/back/_layout.tsx": {
      default: ({ children }: LayoutProps) => (
        <div id="back-layout">{children}</div>
      ),
      config: { skipInheritedLayouts: true },
    },
    "./routes/back/index.tsx": { default: () => <p id="back-index">back</p> },
    "./routes/back/locked.tsx": {
      handler: {
        GET() {
          throw new Forbidden();
        },
      },
    },
    "./routes/docs/[...rest].ts": {
      handler: (c: AppContext) =>
        c.json({ method: c.req.method, path: c.req.path }),
    },
    "./routes/boom.tsx": {
      handler: {
        GET() {
          throw new Error("password=hunter2 at db.internal:5432");
        },
      },
    },
    "./routes/api/boom.ts": {
      handler: {
        GET() {
          throw new Error("password=hunter2 at db.internal:5432");
        },
        POST() {
          throw new Conflict("Cart was changed meanwhile", {
            details: { version: 3 },
          });
        },
      },
    },
  },
  islands: {},
};

Deno.test("the router on a synthetic route tree", async (t) => {
  const store = await startTestStore();
  const lines: string[] = [];
  const app = createApp(
    { ...store.deps, logger: createLogger("info", (line) => lines.push(line)) },
    { manifest, assets: loadIslandAssets() },
  );
  const html = { headers: { accept: "text/html" } };
  try {
    await t.step(
      "[param] routes pass params and handler data to the page",
      async () => {
        const response = await app.request("/shop/abc", html);
        assert.equal(response.status, 200);
        assert.match(await response.text(), /<p id="item">abc:7<\/p>/);
      },
    );

    await t.step(
      "layouts nest from the root down to the page's folder",
      async () => {
        const body = await (await app.request("/shop/abc", html)).text();
        assert.match(
          body,
          /<div id="root-layout"><section id="shop-layout"><p id="item">/,
        );
        const index = await (await app.request("/shop", html)).text();
        assert.match(
          index,
          /<div id="root-layout"><section id="shop-layout"><p id="shop-index">/,
        );
      },
    );

    await t.step(
      "a layout with skipInheritedLayouts stands alone",
      async () => {
        const body = await (await app.request("/back", html)).text();
        assert.match(body, /<body><div id="back-layout"><p id="back-index">/);
        assert.doesNotMatch(body, /root-layout/);
      },
    );

    await t.step(
      "a page refused with Forbidden renders _403 in the root layout",
      async () => {
        const response = await app.request("/back/locked", html);
        assert.equal(response.status, 403);
        const body = await response.text();
        assert.match(body, /<div id="root-layout">/);
        assert.match(body, />403</);
      },
    );

    await t.step(
      "a folder's _middleware runs only for routes below it",
      async () => {
        const shop = await app.request("/shop/abc", html);
        assert.deepEqual(shop.headers.get("x-middleware"), "shop, root");
        const docs = await app.request("/docs/a/b");
        assert.equal(docs.headers.get("x-middleware"), "root");
        const missing = await app.request("/nowhere", html);
        assert.equal(missing.status, 404);
        assert.equal(missing.headers.get("x-middleware"), "root");
      },
    );

    await t.step(
      "[...rest] catches the remainder for every method",
      async () => {
        const response = await app.request("/docs/a/b/c", { method: "POST" });
        assert.deepEqual(await response.json(), {
          method: "POST",
          path: "/docs/a/b/c",
        });
      },
    );

    await t.step(
      "a page that throws renders _500 without the error's text",
      async () => {
        const response = await app.request("/boom", html);
        assert.equal(response.status, 500);
        const body = await response.text();
        assert.match(body, /<html lang="en"/);
        assert.match(body, /500/);
        assert.doesNotMatch(body, /hunter2|db\.internal|at /);
        const requestId = response.headers.get("x-request-id")!;
        assert.ok(
          body.includes(requestId),
          "the page shows the request id for support",
        );
      },
    );

    await t.step(
      "an API route that throws answers a generic JSON 500",
      async () => {
        const response = await app.request("/api/boom");
        assert.equal(response.status, 500);
        assert.deepEqual(await response.json(), {
          error: {
            code: "internal_error",
            message: "Something went wrong on our side",
          },
        });
      },
    );

    await t.step(
      "typed errors keep their status, code and details",
      async () => {
        const response = await app.request("/api/boom", { method: "POST" });
        assert.equal(response.status, 409);
        assert.deepEqual(await response.json(), {
          error: {
            code: "conflict",
            message: "Cart was changed meanwhile",
            details: { version: 3 },
          },
        });
      },
    );

    await t.step(
      "logs are JSON lines; unexpected errors carry the request id",
      async () => {
        lines.length = 0;
        const response = await app.request("/api/boom", {
          headers: { "x-request-id": "req-12345678" },
        });
        await response.body?.cancel();
        const entries = lines.map((line) => JSON.parse(line));
        const error = entries.find((e) => e.msg === "unhandled error");
        assert.equal(error.level, "error");
        assert.equal(error.requestId, "req-12345678");
        assert.match(
          error.error.message,
          /hunter2/,
          "the log, not the client, gets the cause",
        );
        const request = entries.find((e) => e.msg === "request");
        assert.deepEqual(
          [request.requestId, request.method, request.path, request.status],
          ["req-12345678", "GET", "/api/boom", 500],
        );
        assert.equal(typeof request.durationMs, "number");
      },
    );
  } finally {
    await store.close();
  }
});
