/**
 * The shapes of route modules, layouts and pages (Fresh conventions on
 * Hono), plus the project's `FreshConfig`.
 *
 * A route module under `routes/` may export:
 * - `handler`: one function for every method, or an object of per-method
 *   functions (`GET`, `POST`, ...), each returning a `Response`;
 * - `default`: a page component; a page without a `GET` handler renders with
 *   no data;
 * - `head`: the page's title and description, computed from its props;
 * - `staticPage`: `true` for a page that ships no JavaScript at all.
 *
 * `_middleware.ts` exports `handler` (a Hono middleware) for its folder;
 * `_layout.tsx` a default component wrapping every page below it (and
 * `config.skipInheritedLayouts` to stand alone); `_403.tsx`, `_404.tsx`
 * and `_500.tsx` the error pages.
 *
 * @module
 */
import type { TwindConfig } from "@twind/core";
import type { MiddlewareHandler } from "hono";
import type { ComponentChildren, ComponentType, VNode } from "preact";
import type { Language } from "../commerce/localization/mod.ts";
import type { Config } from "./config.ts";
import type { AppContext, AppEnv } from "./env.ts";
import type { Translate } from "./i18n.ts";
import type { Locale } from "./locale.ts";

/** Per-request state a page or layout renders from. */
export interface PageState {
  locale: Locale;
  t: Translate;
  storeName: string;
  /** Currencies the store sells (those admins enabled), for pickers. */
  currencies: Config["CURRENCIES"];
  /** Languages the store offers (those admins enabled), for pickers. */
  languages: readonly Language[];
  requestId: string;
  /**
   * The page ships no JavaScript (its module exports `staticPage = true`):
   * the shell renders its pickers as a plain form instead of islands.
   */
  staticPage: boolean;
  /**
   * Whether a valid access token came with the request (the header links to
   * the account or to sign-in). Part of the rendered-page cache key.
   */
  signedIn: boolean;
}

/** What every page component receives. */
export interface PageProps<Data = unknown> {
  data: Data;
  url: URL;
  params: Record<string, string>;
  state: PageState;
}

/** What a layout receives: the page props plus the content to wrap. */
export interface LayoutProps extends PageProps {
  children: ComponentChildren;
}

/** A page's `<title>` and description. */
export interface Head {
  title: string;
  description?: string;
  /** Keep the page out of search indexes (error pages, search results). */
  noindex?: boolean;
  /**
   * The page's path in each language, when it is not the same path under
   * another prefix (localized slugs: `/de/p/kochmesser`, `/fr/p/couteau`).
   * The default language's path is also the `x-default`.
   */
  alternates?: Partial<Record<Language, string>>;
  /** The path search engines should index, when not the request's own. */
  canonical?: string;
  /** Structured data (schema.org), rendered as JSON-LD. */
  jsonLd?: Record<string, unknown>;
}

/** Renders the module's page with data; handlers call it to answer HTML. */
export interface PageRenderer {
  /**
   * Render the page. With `cacheKey` (e.g. the ETag of the cached read the
   * data came from) the HTML is kept in-process and reused for requests with
   * the same key, URL and locale: the page must then depend on nothing else
   * (no per-user content).
   */
  render(
    data?: unknown,
    init?: { status?: number; cacheKey?: string },
  ): Response;
}

/** A request handler of a route. */
export type RouteHandler = (
  c: AppContext,
  page: PageRenderer,
) => Response | Promise<Response>;

/** HTTP methods a route can handle. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

/** What a file under `routes/` may export. */
export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<PageProps<any>>;
  handler?: RouteHandler | Partial<Record<Method, RouteHandler>>;
  // deno-lint-ignore no-explicit-any
  head?: (props: PageProps<any>) => Head;
  /** Ship no JavaScript on this page (see `PageState.staticPage`). */
  staticPage?: boolean;
}

/** What `_middleware.ts` exports. */
export interface MiddlewareModule {
  handler: MiddlewareHandler<AppEnv> | MiddlewareHandler<AppEnv>[];
}

/** What `_layout.tsx` exports. */
export interface LayoutModule {
  default: (props: LayoutProps) => VNode;
  /**
   * `skipInheritedLayouts: true` drops the layouts of the folders above
   * (Fresh's convention): the admin dashboard has its own shell, not the
   * storefront's.
   */
  config?: LayoutConfig;
}

/** What a `_layout.tsx` may say about how it nests. */
export interface LayoutConfig {
  skipInheritedLayouts?: boolean;
}

/** The generated manifest (`manifest.gen.ts`) of routes and islands. */
export interface Manifest {
  /** Route modules keyed by path relative to the project (`./routes/...`). */
  routes: Record<string, RouteModule | MiddlewareModule | LayoutModule>;
  /** Island modules keyed by island name (the file name without extension). */
  islands: Record<string, { default: ComponentType<never> }>;
}

/** The project's routes, islands and styling configuration. */
export interface FreshConfig {
  routesDir: string;
  islandsDir: string;
  staticDir: string;
  // deno-lint-ignore no-explicit-any
  twind: TwindConfig<any>;
}
