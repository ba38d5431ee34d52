/**
 * The request context, typed once. Every middleware and route reads its
 * dependencies and per-request state from here.
 *
 * @module
 */
import type { CspThirdParty } from "./middleware/security_headers.ts";
import type { Context } from "hono";
import type { KeySet } from "./auth/jwt.ts";
import type { ReadThrough } from "./cache/read_through.ts";
import type { Cache } from "./cache/types.ts";
import type { Config } from "./config.ts";
import type { Translate } from "./i18n.ts";
import type { Locale } from "./locale.ts";
import type { Logger } from "./logger.ts";
import type { Database } from "../db/client.ts";
import type { PaymentGateways } from "../commerce/payments/mod.ts";
import type { StorefrontLocalization } from "../commerce/localization/mod.ts";

/** Long-lived dependencies the app is built with. */
export interface AppDeps {
  config: Config;
  db: Database;
  cache: Cache;
  /** Cache-aside reads (L1 + the regional cache) for catalog and rates. */
  reads: ReadThrough;
  logger: Logger;
  /** The access-token keys: the current signer and older verifiers. */
  keys: KeySet;
  /** The enabled payment gateways (see `edge/payments.ts`). */
  payments: PaymentGateways;
}

/** What a request carries through middleware and routes. */
export interface AppVariables extends AppDeps {
  requestId: string;
  /** The CSP nonce of this response (set by the security-headers middleware). */
  secureHeadersNonce?: string;
  /**
   * The third parties this response's CSP lets in (see `allowInCsp()` in
   * `edge/middleware/security_headers.ts`).
   */
  cspThirdParties?: readonly CspThirdParty[];
  /** The languages and currencies admins enabled (see `localeResolver`). */
  offered: StorefrontLocalization;
  locale: Locale;
  /** The translator for `locale.language`. */
  t: Translate;
  /**
   * The signed-in user, from a valid access token; absent when anonymous.
   * `expiresAt` is when the token expires (epoch seconds).
   */
  user?: {
    id: string;
    roles: string[];
    sessionId?: string;
    expiresAt?: number;
  };
}

/** The Hono environment of the store. */
export interface AppEnv {
  Variables: AppVariables;
}

/** A request context of the store. */
export type AppContext = Context<AppEnv>;
