/**
 * The pricing module's error classes: conditions callers catch or the edge
 * maps to HTTP (through the shared vocabulary of `edge/errors.ts`).
 *
 * @module
 */
import { Invalid, ServiceUnavailable } from "../../edge/errors.ts";

/** Quote a value for an error message, cut short so junk input stays small. */
function quote(value: string): string {
  return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
}

/**
 * An amount that is not a plain decimal in a currency's minor units
 * ("12.345" in USD, "1e3", "+5", "12,30"): 400 `invalid_amount`, with the
 * offending input and currency as structured fields and in `details`.
 */
export class InvalidAmountError extends Invalid {
  /** The text that failed to parse. */
  readonly input: string;
  /** The currency it was read in. */
  readonly currency: string;

  constructor(
    input: string,
    { currency, reason }: { currency: string; reason: string },
  ) {
    super(`Cannot read ${quote(input)} as a ${currency} amount: ${reason}`, {
      code: "invalid_amount",
      details: { amount: input.slice(0, 40), currency },
    });
    this.input = input;
    this.currency = currency;
  }
}

/**
 * A code that is not an ISO 4217 currency this runtime knows ("XYZ",
 * "usd"): 400 `unknown_currency`. A real currency the store has no rate for
 * is a {@link RateUnavailableError} instead.
 */
export class UnknownCurrencyError extends Invalid {
  /** The code given. */
  readonly currency: string;

  constructor(currency: string) {
    super(`${quote(currency)} is not an ISO 4217 currency code`, {
      code: "unknown_currency",
      details: { currency: currency.slice(0, 40) },
    });
    this.currency = currency;
  }
}

/**
 * No stored exchange rate reaches `currency` (the feed never sent it, or no
 * rates are stored yet). It answers 503 with `Retry-After` rather than 400:
 * the request is valid, and it is the store that cannot price it until the
 * next rate update (or an operator's fix), so clients should retry later.
 */
export class RateUnavailableError extends ServiceUnavailable {
  /** The currency without a rate (or `null` when no rates exist at all). */
  readonly currency: string | null;

  constructor(currency: string | null, options: { cause?: unknown } = {}) {
    super(
      currency === null
        ? "No exchange rates are available yet"
        : `No exchange rate is available for '${currency}'`,
      300,
      options.cause,
    );
    this.currency = currency;
  }
}

/**
 * A rate feed failed: the network, an HTTP error, a timeout or content that
 * does not validate. `retryable` says whether trying again soon may help
 * (network errors, timeouts and 5xx/429 answers do; a 4xx or a malformed
 * document does not).
 */
export class RateFeedError extends Error {
  /** The `name` of the source that failed. */
  readonly source: string;
  /** The HTTP status of the feed's answer, when it answered. */
  readonly status?: number;
  /** Whether a retry may succeed. */
  readonly retryable: boolean;

  constructor(
    message: string,
    options: {
      source: string;
      retryable: boolean;
      status?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.source = options.source;
    this.status = options.status;
    this.retryable = options.retryable;
  }
}

/**
 * A rate update was skipped because the circuit breaker is open after
 * repeated failures; `retryAt` is when the next attempt is allowed.
 */
export class CircuitOpenError extends Error {
  /** When the breaker lets the next call through. */
  readonly retryAt: Date;

  constructor(what: string, retryAt: Date) {
    super(
      `${what} failed repeatedly; not calling it again before ${retryAt.toISOString()}`,
    );
    this.name = new.target.name;
    this.retryAt = retryAt;
  }
}

/**
 * An exchange rate an admin typed that is not a positive plain decimal of
 * at most 12 significant digits below 10^9 ("0", "-1.2", "1e3", "1,08"):
 * 400 `invalid_rate`, with the input and the reason in `details`.
 */
export class InvalidRateError extends Invalid {
  /** The text that was refused. */
  readonly input: string;

  constructor(input: string, reason: string) {
    super(`Cannot use ${quote(input)} as an exchange rate: ${reason}`, {
      code: "invalid_rate",
      details: { rate: input.slice(0, 40), reason },
    });
    this.input = input;
  }
}

/**
 * A rate override that cannot be set: for the base currency itself, or an
 * expiry that is not in the future or too far in it. 400
 * `invalid_rate_override` with the field and the limit in `details`.
 */
export class InvalidRateOverrideError extends Invalid {
  /** The field at fault: `currency` or `expiresAt`. */
  readonly field: "currency" | "expiresAt";

  constructor(
    message: string,
    options: { field: "currency" | "expiresAt"; details?: object },
  ) {
    super(message, {
      code: "invalid_rate_override",
      details: { field: options.field, ...options.details },
    });
    this.field = options.field;
  }
}

/**
 * A presentation rounding rule outside what the store accepts (an increment
 * below 1 or above the cap, an ending with too many digits): 400
 * `invalid_rounding_rule`, with the field, the currency and the limit.
 */
export class InvalidRoundingRuleError extends Invalid {
  /** The currency of the rule. */
  readonly currency: string;
  /** The field at fault. */
  readonly field: "increment" | "ending" | "currency";

  constructor(
    message: string,
    options: {
      currency: string;
      field: "increment" | "ending" | "currency";
      max?: string;
    },
  ) {
    super(message, {
      code: "invalid_rounding_rule",
      details: {
        currency: options.currency.slice(0, 40),
        field: options.field,
        ...(options.max ? { max: options.max } : {}),
      },
    });
    this.currency = options.currency;
    this.field = options.field;
  }
}
