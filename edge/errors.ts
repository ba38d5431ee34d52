/**
 * The store's error classes and the one place that maps errors to HTTP.
 *
 * Commerce modules throw these (or subclasses with structured fields); routes
 * never build error responses themselves. Every error answers
 * `{ "error": { "code", "message", "details"? } }`; unknown errors are logged
 * with the request id and answered with a generic 500 that leaks nothing.
 *
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Base class of errors that carry their own HTTP meaning. */
export class AppError extends Error {
  /** HTTP status this error answers with. */
  readonly status: ContentfulStatusCode;
  /** A stable, machine-readable code (`not_found`, `invalid_request`...). */
  readonly code: string;
  /** Structured data for the client, e.g. which fields were invalid. */
  readonly details?: unknown;

  constructor(
    message: string,
    options: {
      status: ContentfulStatusCode;
      code: string;
      details?: unknown;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

/** The request is malformed or fails validation (400). */
export class Invalid extends AppError {
  constructor(
    message: string,
    options?: { code?: string; details?: unknown; cause?: unknown },
  ) {
    super(message, {
      ...options,
      status: 400,
      code: options?.code ?? "invalid_request",
    });
  }
}

/** The caller is not signed in (401). */
export class Unauthorized extends AppError {
  constructor(message = "Sign-in required") {
    super(message, { status: 401, code: "unauthorized" });
  }
}

/** The caller may not do this (403). */
export class Forbidden extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(message, { status: 403, code: "forbidden" });
  }
}

/** The resource does not exist (404). */
export class NotFound extends AppError {
  constructor(message = "Not found", options?: { details?: unknown }) {
    super(message, { ...options, status: 404, code: "not_found" });
  }
}

/** The request conflicts with the current state (409). */
export class Conflict extends AppError {
  constructor(message: string, options?: { details?: unknown }) {
    super(message, { ...options, status: 409, code: "conflict" });
  }
}

/** A dependency is down; the client should retry later (503). */
export class ServiceUnavailable extends AppError {
  /** Seconds the client should wait, sent as `Retry-After`. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds = 5, cause?: unknown) {
    super(message, { status: 503, code: "service_unavailable", cause });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The error mapped to what the client sees, plus whether it was expected. */
export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
  /** False for errors the store did not anticipate: those get logged. */
  expected: boolean;
}

/**
 * Map any thrown value to its HTTP status and JSON body. Validation errors
 * become 400 with the failing fields in `details`; unknown errors become a
 * generic 500 whose message says nothing about the cause.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    // 503s and 429s say when to come back.
    const retryAfter = (error as { retryAfterSeconds?: unknown })
      .retryAfterSeconds;
    if (typeof retryAfter === "number") {
      headers["Retry-After"] = String(Math.max(1, Math.ceil(retryAfter)));
    }
    return {
      status: error.status,
      body: errorBody(error.code, error.message, { details: error.details }),
      headers,
      expected: true,
    };
  }
  if (error instanceof z.ZodError) {
    return {
      status: 400,
      body: errorBody("validation_failed", "The request is not valid", {
        details: error.issues.map((issue) => ({
          path: issue.path.join("."),
          message: issue.message,
        })),
      }),
      headers: {},
      expected: true,
    };
  }
  if (isUnreadableInput(error)) {
    return {
      status: 400,
      body: errorBody(
        "invalid_request",
        "The request contains a value the store cannot read",
      ),
      headers: {},
      // Logged all the same: a validator upstream should have caught it.
      expected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: errorBody(
        "service_unavailable",
        "The store cannot reach its database right now; please retry shortly",
      ),
      headers: { "Retry-After": "5" },
      // Logged: an operator wants to know, but the client gets a clean 503.
      expected: false,
    };
  }
  if (error instanceof HTTPException) {
    return {
      status: error.status as ContentfulStatusCode,
      body: errorBody(
        error.status === 404 ? "not_found" : "http_error",
        error.message || "Request failed",
      ),
      headers: {},
      expected: error.status < 500,
    };
  }
  return {
    status: 500,
    body: errorBody("internal_error", "Something went wrong on our side"),
    headers: {},
    expected: false,
  };
}

// postgres.js and Deno name a lost or refused connection with these codes.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
]);

// Postgres data exceptions that only input can cause: text that is not a
// number, a date or valid UTF-8, or a number out of range.
const UNREADABLE_INPUT_CODES = new Set([
  "22P02",
  "22021",
  "22007",
  "22008",
  "22003",
]);

/** Whether `error` is Postgres refusing a value as unreadable input. */
export function isUnreadableInput(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && UNREADABLE_INPUT_CODES.has(code);
}

/** Whether `error` says the database cannot be reached (not a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && UNAVAILABLE_CODES.has(code);
}

/** Build the one error body shape. */
export function errorBody(
  code: string,
  message: string,
  { details }: { details?: unknown } = {},
): ErrorBody {
  return details === undefined
    ? { error: { code, message } }
    : { error: { code, message, details } };
}
