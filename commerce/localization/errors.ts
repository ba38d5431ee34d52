/**
 * The localization module's error classes: conditions an admin's request
 * can run into, each with its own code (see `edge/errors.ts` for how they
 * reach HTTP).
 *
 * @module
 */
import { AppError } from "../../edge/errors.ts";
import type { RateTable } from "../pricing/mod.ts";

/** The default language cannot be disabled: 409 `default_language`. */
export class DefaultLanguageError extends AppError {
  /** The language concerned. */
  readonly language: string;

  constructor(language: string) {
    super(
      `'${language}' is the default language: make another language the default first`,
      { status: 409, code: "default_language", details: { language } },
    );
    this.language = language;
  }
}

/**
 * A disabled language cannot become the default: 409 `language_disabled`.
 */
export class LanguageDisabledError extends AppError {
  /** The language concerned. */
  readonly language: string;

  constructor(language: string) {
    super(
      `'${language}' is disabled: enable it before making it the default`,
      { status: 409, code: "language_disabled", details: { language } },
    );
    this.language = language;
  }
}

/**
 * The base currency cannot be disabled (every price is entered in it): 409
 * `base_currency`.
 */
export class BaseCurrencyError extends AppError {
  /** The currency concerned. */
  readonly currency: string;

  constructor(currency: string) {
    super(
      `'${currency}' is the base currency: it cannot be disabled`,
      { status: 409, code: "base_currency", details: { currency } },
    );
    this.currency = currency;
  }
}

/**
 * A rate update an admin asked for failed: 502 `rates_update_failed`. The
 * store keeps its last known rates; `details` says which and how old, and
 * lists the rates in force (`rates`, as the rates view shows them).
 */
export class RatesUpdateFailedError extends AppError {
  /** The last known rates, in force (null when none are stored). */
  readonly lastKnown: RateTable | null;

  constructor(
    options: {
      source: string;
      cause: Error;
      lastKnown: RateTable | null;
      rates: unknown;
    },
  ) {
    super(
      `The ${options.source} rate feed failed: ${options.cause.message}`,
      {
        status: 502,
        code: "rates_update_failed",
        cause: options.cause,
        details: {
          source: options.source,
          lastKnown: options.lastKnown && {
            asOf: options.lastKnown.asOf.toISOString(),
            source: options.lastKnown.source,
          },
          rates: options.rates,
        },
      },
    );
    this.lastKnown = options.lastKnown;
  }
}
