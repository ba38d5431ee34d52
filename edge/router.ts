/**
 * File-based routing with Fresh conventions, mounted on Hono.
 *
 * `routes/a/[id].tsx` serves `/a/:id`, `index` files serve their folder,
 * `[...rest]` catches the remainder. `_middleware` runs for the routes in its
 * folder and below (the root one for every request), `_layout` wraps the
 * pages in its folder and below, `_404` and `_500` are the error pages.
 * Static segments win over dynamic ones, so `/api/languages` is never taken
 * for a language prefix.
 *
 * @module
 */
import type { Handler, Hono, MiddlewareHandler } from "hono";
import { type ComponentType, h, type JSX } from "preact";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  LANGUAGES,
  textDirection,
} from "../commerce/localization/mod.ts";
import type {
  Head,
  LayoutModule,
  Manifest,
  Method,
  MiddlewareModule,
  PageProps,
  PageRenderer,
  RouteHandler,
  RouteModule,
} from "./define.ts";
import type { AppContext, AppEnv } from "./env.ts";
import { errorBody } from "./errors.ts";
import { languageOfPath } from "./locale.ts";
import { publicOrigin } from "./origin.ts";
import type { IslandAssets } from "./render/assets.ts";
import { type Alternate, renderDocument } from "./render/document.ts";

/** A route file turned into a Hono pattern. */
export interface RouteEntry {
  /** Path relative to `routes/`, e.g. `[lang]/about.tsx`. */
  file: string;
  pattern: string;
  /** Folders from the root to the file's own, e.g. `["", "[lang]"]`. */
  dirs: string[];
  module: RouteModule;
}

/** The error pages, for the app's not-found and error handlers. */
export interface ErrorPages {
  /** A page refused to someone signed in without the permission for it. */
  forbidden(c: AppContext): Response;
  notFound(c: AppContext): Response;
  serverError(c: AppContext): Response;
}

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const SPECIAL = /^_(layout|middleware|403|404|500)$/;

/** Turn a file path under `routes/` into a Hono path pattern. */
export function patternOf(file: string): string {
  const segments = file.replace(/\.(tsx?|jsx?)$/, "").split("/");
  if (segments.at(-1) === "index") segments.pop();
  const path = segments.map((segment) => {
    const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (rest) return "*";
    const param = /^\[(\w+)\]$/.exec(segment);
    return param ? `:${param[1]}` : segment;
  });
  return "/" + path.join("/");
}

/** Order patterns so static segments are tried before dynamic ones. */
export function compareSpecificity(a: string, b: string): number {
  const rank = (segment: string | undefined) =>
    segment === undefined
      ? -1
      : segment === "*"
      ? 2
      : segment.startsWith(":")
      ? 1
      : 0;
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = rank(left[i]) - rank(right[i]);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}

/**
 * Mount every route of `manifest` on `app` and return the error pages. The
 * root `_middleware` runs for every request (not-found ones included).
 */
export function mountRoutes(
  app: Hono<AppEnv>,
  { manifest, assets }: { manifest: Manifest; assets: IslandAssets },
): ErrorPages {
  const middlewares = new Map<string, MiddlewareHandler<AppEnv>[]>();
  const layouts = new Map<string, LayoutModule>();
  const routes: RouteEntry[] = [];
  let forbiddenPage: RouteModule | undefined;
  let notFoundPage: RouteModule | undefined;
  let errorPage: RouteModule | undefined;

  for (const [key, module] of Object.entries(manifest.routes)) {
    const file = key.replace(/^\.\/routes\//, "");
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
    const base = file.slice(file.lastIndexOf("/") + 1).replace(/\.\w+$/, "");
    if (base === "_middleware") {
      const handler = (module as MiddlewareModule).handler;
      middlewares.set(dir, Array.isArray(handler) ? handler : [handler]);
    } else if (base === "_layout") {
      layouts.set(dir, module as LayoutModule);
    } else if (base === "_403" && dir === "") {
      forbiddenPage = module as RouteModule;
    } else if (base === "_404" && dir === "") {
      notFoundPage = module as RouteModule;
    } else if (base === "_500" && dir === "") {
      errorPage = module as RouteModule;
    } else if (!SPECIAL.test(base)) {
      const parts = dir ? dir.split("/") : [];
      routes.push({
        file,
        pattern: patternOf(file),
        dirs: ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))],
        module: module as RouteModule,
      });
    }
  }

  const root = middlewares.get("");
  if (root) app.use("*", ...root);

  routes.sort((a, b) => compareSpecificity(a.pattern, b.pattern));
  const renderedPages = new Map<string, Uint8Array[]>();
  for (const route of routes) {
    const chain = route.dirs.slice(1).flatMap((dir) =>
      middlewares.get(dir) ?? []
    );
    const wrap = layoutsOf(route.dirs, layouts);
    const renderer = (c: AppContext): PageRenderer => ({
      render: (data, init) =>
        renderPage(c, route.module, {
          data,
          layouts: wrap,
          assets,
          status: init?.status,
          cacheKey: init?.cacheKey && `${route.file}\n${init.cacheKey}`,
          renderedPages,
        }),
    });
    const handlers = methodHandlers(route.module);
    for (const [method, handler] of Object.entries(handlers)) {
      on(app, method, route.pattern, [
        ...chain,
        (c) => handler(c, renderer(c)),
      ]);
    }
  }
  // After every route, so a method one route lacks can still match another.
  for (const route of routes) {
    const chain = route.dirs.slice(1).flatMap((dir) =>
      middlewares.get(dir) ?? []
    );
    const allow = Object.keys(methodHandlers(route.module)).join(", ");
    on(app, "ALL", route.pattern, [...chain, (c) => {
      c.header("Allow", allow);
      return c.json(
        errorBody(
          "method_not_allowed",
          `Method ${c.req.method} is not allowed here`,
        ),
        405,
      );
    }]);
  }

  const rootLayouts = layoutsOf([""], layouts);
  return {
    forbidden: (c) =>
      renderPage(c, forbiddenPage ?? {}, {
        layouts: rootLayouts,
        assets,
        status: 403,
      }),
    notFound: (c) =>
      renderPage(c, notFoundPage ?? {}, {
        layouts: rootLayouts,
        assets,
        status: 404,
      }),
    serverError: (c) =>
      renderPage(c, errorPage ?? {}, {
        layouts: rootLayouts,
        assets,
        status: 500,
      }),
  };
}

// The layouts wrapping a page in `dirs`, outermost first: each folder's,
// except that one skipping inherited layouts starts the list again.
function layoutsOf(
  dirs: readonly string[],
  layouts: ReadonlyMap<string, LayoutModule>,
): LayoutModule["default"][] {
  let wrap: LayoutModule["default"][] = [];
  for (const dir of dirs) {
    const layout = layouts.get(dir);
    if (!layout) continue;
    wrap = layout.config?.skipInheritedLayouts
      ? [layout.default]
      : [...wrap, layout.default];
  }
  return wrap;
}

// Hono's typed overloads cannot take a spread array of handlers.
function on(
  app: Hono<AppEnv>,
  method: string,
  pattern: string,
  handlers: (MiddlewareHandler<AppEnv> | Handler<AppEnv>)[],
): void {
  (app.on as (m: string, p: string, ...h: typeof handlers) => void)
    .call(app, method, pattern, ...handlers);
}

function methodHandlers(module: RouteModule): Record<string, RouteHandler> {
  const handlers: Record<string, RouteHandler> = {};
  if (typeof module.handler === "function") {
    for (const method of METHODS) handlers[method] = module.handler;
  } else if (module.handler) {
    for (const method of METHODS) {
      const handler = module.handler[method];
      if (handler) handlers[method] = handler;
    }
  }
  if (module.default && !handlers.GET) {
    handlers.GET = (_c, page) => page.render();
  }
  return handlers;
}

interface RenderOptions {
  data?: unknown;
  layouts: LayoutModule["default"][];
  assets: IslandAssets;
  status?: number;
  /** See `PageRenderer.render`: the route file plus the caller's key. */
  cacheKey?: string;
  /**
   * The app's rendered pages by key, with a placeholder where the CSP nonce
   * goes: a page costs about a millisecond to render, microseconds to reuse.
   */
  renderedPages?: Map<string, Uint8Array[]>;
}

const RENDERED_PAGES_LIMIT = 300;
const encoder = new TextEncoder();

// A kept page is stored as UTF-8 split around its nonces: serving it is
// joining bytes, not re-encoding tens of kilobytes of text per request.
function htmlBytes(
  c: AppContext,
  options: { parts: Uint8Array[]; nonce: string; status: number },
): Response {
  const { parts } = options;
  const nonce = encoder.encode(options.nonce);
  const size = parts.reduce((sum, part) => sum + part.length, 0) +
    nonce.length * (parts.length - 1);
  const bytes = new Uint8Array(size);
  let offset = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      bytes.set(nonce, offset);
      offset += nonce.length;
    }
    bytes.set(part, offset);
    offset += part.length;
  });
  c.header("Content-Type", "text/html; charset=UTF-8");
  return c.body(bytes, options.status as 200);
}
const NONCE_PLACEHOLDER = `nonce-${crypto.randomUUID()}`;

function renderPage(
  c: AppContext,
  module: RouteModule,
  options: RenderOptions,
): Response {
  const url = new URL(c.req.url);
  const { locale, t, config, requestId } = c.var;
  const status = options.status ?? 200;
  const nonce = c.var.secureHeadersNonce ?? "";
  const renderedPages = options.renderedPages;
  const origin = publicOrigin(c);
  const key = renderedPages && options.cacheKey && [
    options.cacheKey,
    origin,
    url.pathname + url.search,
    locale.language,
    locale.currency,
    // The country shows only in the geo suggestion.
    locale.suggestedLanguage
      ? `${locale.suggestedLanguage}:${locale.country}`
      : "",
    status,
    // Only whether someone is signed in shows (the header's link), never who.
    c.var.user ? "signed-in" : "anonymous",
    // The pickers list what admins enabled.
    `${c.var.offered.languages}|${c.var.offered.currencies}`,
  ].join("\n");
  const cached = key ? renderedPages.get(key) : undefined;
  c.header("Content-Language", locale.language);
  c.header("Cache-Control", "private, no-cache");
  if (key && cached !== undefined) {
    renderedPages.delete(key);
    renderedPages.set(key, cached); // Most recently used last.
    return htmlBytes(c, { parts: cached, nonce, status });
  }
  const props: PageProps = {
    data: options.data,
    url,
    params: c.req.param() as Record<string, string>,
    state: {
      locale,
      t,
      storeName: config.STORE_NAME,
      currencies: c.var.offered.currencies,
      languages: c.var.offered.languages,
      requestId,
      staticPage: module.staticPage === true,
      signedIn: c.var.user !== undefined,
    },
  };
  const Page = module.default ?? (() => null);
  let body: JSX.Element = h(Page as ComponentType<PageProps>, props);
  for (const Layout of options.layouts.toReversed()) {
    body = h(Layout, { ...props, children: body });
  }
  const head: Head = module.head?.(props) ?? { title: config.STORE_NAME };
  const localized = status === 200 &&
    languageOfPath(url.pathname) !== undefined;
  const path = canonicalPath(url.pathname);
  const html = renderDocument(body, {
    head,
    language: locale.language,
    dir: textDirection(locale.language),
    // Only languages admins enabled have pages to point at.
    alternates: (!localized
      ? []
      : head.alternates
      ? explicitAlternates(head.alternates, origin)
      : alternatesOf(path, origin)).filter((alternate) =>
        !isLanguage(alternate.hreflang) ||
        c.var.offered.languages.includes(alternate.hreflang)
      ),
    canonical: localized ? origin + (head.canonical ?? path) : undefined,
    nonce: key ? NONCE_PLACEHOLDER : nonce,
    assets: options.assets,
  });
  if (!key || !renderedPages) return c.html(html, status as 200);
  if (renderedPages.size >= RENDERED_PAGES_LIMIT) {
    renderedPages.delete(renderedPages.keys().next().value!);
  }
  const parts = html.split(NONCE_PLACEHOLDER).map((part) =>
    encoder.encode(part)
  );
  renderedPages.set(key, parts);
  return htmlBytes(c, { parts, nonce, status });
}

/**
 * The one URL path search engines should index for a page: a language's
 * home with its trailing slash (`/de/`, where `/` redirects), every other
 * page without (`/de/about`).
 */
export function canonicalPath(pathname: string): string {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0) return "/";
  if (segments.length === 1) return `/${segments[0]}/`;
  return `/${segments.join("/")}`;
}

/** A page's own per-language paths as alternates; x-default is the default language's. */
function explicitAlternates(
  paths: Partial<Record<Language, string>>,
  origin: string,
): Alternate[] {
  const alternates = LANGUAGES.filter((language) => paths[language])
    .map((language) => ({
      hreflang: language,
      href: origin + paths[language],
    }));
  const fallback = paths[DEFAULT_LANGUAGE];
  return fallback
    ? [...alternates, { hreflang: "x-default", href: origin + fallback }]
    : alternates;
}

/** The same page in every store language, plus `x-default` (the root). */
export function alternatesOf(pathname: string, origin: string): Alternate[] {
  const rest = pathname.split("/").slice(2).join("/");
  return [
    ...LANGUAGES.map((language) => ({
      hreflang: language,
      href: `${origin}/${language}/${rest}`,
    })),
    { hreflang: "x-default", href: `${origin}/` },
  ];
}
