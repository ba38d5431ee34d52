/**
 * How islands talk to the store's JSON API: one `fetch` wrapper that sends
 * an `Idempotency-Key` with every change, retries a request the network
 * lost with the same key (so the store runs it at most once), and turns an
 * error answer into an {@link ApiFailure} carrying the API's code. Not an
 * island itself (the `_` keeps it out of the bundle entries).
 *
 * @module
 */
import type { ProcessPaymentResult } from "../commerce/payments/types.ts";

/** An error answer of the API (or `network` when none came back). */
export class ApiFailure extends Error {
  /** The HTTP status; 0 when the network failed. */
  readonly status: number;
  /** The API's `error.code`, or `network`. */
  readonly code: string;
  /** The API's `error.details`. */
  readonly details: unknown;

  constructor(
    status: number,
    error: { code: string; message: string; details?: unknown },
  ) {
    super(error.message);
    this.name = "ApiFailure";
    this.status = status;
    this.code = error.code;
    this.details = error.details;
  }
}

/** Options of {@link callApi}. */
export interface CallOptions {
  /** The request's `Idempotency-Key` (a fresh one per call by default). */
  key?: string;
  /** How many times to resend after a network failure (2). */
  retries?: number;
}

const CHANGES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Call the API and return the parsed JSON body of a 2xx answer; throws
 * {@link ApiFailure} otherwise. A change (POST, PUT, PATCH, DELETE) carries
 * `options.key`, or a fresh UUID, as `Idempotency-Key`: a resend after a
 * lost connection, or while the first attempt still runs (409
 * `idempotency_in_progress`), reuses it. A 401 because the access token
 * expired renews it from the refresh cookie and sends the call again.
 */
export async function callApi<T>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (CHANGES.has(method)) {
    headers["idempotency-key"] = options.key ?? crypto.randomUUID();
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  let retries = options.retries ?? 2;
  // An access token that expired while the page was open is renewed once.
  let renewed = false;
  for (let attempt = 1;; attempt++) {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (error) {
      if (retries-- > 0) {
        await pause(400 * attempt);
        continue;
      }
      throw new ApiFailure(0, { code: "network", message: String(error) });
    }
    const json = await response.json().catch(() => null);
    if (response.ok) return json as T;
    const error = json?.error ?? {
      code: `http_${response.status}`,
      message: response.statusText,
    };
    if (
      response.status === 401 && error.code === "unauthorized" && !renewed
    ) {
      renewed = true;
      // Loaded only when needed: product pages keep their script budget.
      const { refreshSession } = await import("./_session.ts");
      if (await refreshSession() !== null) continue;
    }
    if (error.code === "idempotency_in_progress" && retries-- > 0) {
      const wait = Number(response.headers.get("retry-after") ?? "1");
      await pause(Math.min(5, Math.max(1, wait)) * 1000);
      continue;
    }
    throw new ApiFailure(response.status, error);
  }
}

/**
 * The message of `error` from `messages` (translated by the server, keyed
 * by API code), else `messages.failed`.
 */
export function messageOf(
  error: unknown,
  messages: Record<string, string>,
): string {
  const code = error instanceof ApiFailure ? error.code : "";
  return messages[code] ?? messages.failed ?? "";
}

/**
 * Start paying `orderId` through `gateway` (`POST /api/payments/process`);
 * `returnUrl` is where a gateway's extra step (a challenge page) sends the
 * shopper back to. Throws {@link ApiFailure} like {@link callApi}.
 */
export async function requestPayment(
  request: {
    orderId: string;
    gateway: string;
    method?: unknown;
    returnUrl: string;
  },
): Promise<ProcessPaymentResult> {
  return await callApi<ProcessPaymentResult>(
    "POST",
    "/api/payments/process",
    request,
  );
}

/**
 * Where the shopper goes after a payment that waits for them: the
 * gateway's page for a `redirect`; the order's page `orderPage` (which
 * shows the QR code or Stripe's form) for the others; `null` when the
 * payment asks nothing of them.
 */
export function nextStepUrl(
  result: ProcessPaymentResult,
  orderPage: string,
): string | null {
  const next = result.nextAction;
  if (result.status !== "requires_action" || !next) return null;
  return next.type === "redirect" ? next.url : `${orderPage}?payment=action`;
}
