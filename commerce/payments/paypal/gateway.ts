/**
 * PayPal (`paypal`) through its Orders v2 REST API, called with plain
 * `fetch`. A payment is a PayPal order: `createPayment` creates it and
 * sends the shopper to PayPal to approve it; back on the store's return
 * URL (`?token=<order id>&PayerID=...`), `complete` captures it. Refunds
 * go to the order's capture. Webhooks are verified offline against
 * PayPal's signing certificate, or by PayPal's verification API.
 *
 * Every call that moves money carries a `PayPal-Request-Id` derived from
 * our transaction id, so a retried create, capture or refund is answered
 * with the first one's result instead of doing it twice.
 *
 * @module
 */
import { readMethod } from "../_method.ts";
import { z } from "zod";
import type { Money } from "../../pricing/mod.ts";
import { type Fetch, gatewayFetch, type GatewayResponse } from "../_http.ts";
import {
  GatewayRefused,
  GatewayTransientError,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
} from "../errors.ts";
import type {
  CompletePaymentRequest,
  CreatePaymentRequest,
  CreatePaymentResult,
  GatewayEvent,
  PaymentGateway,
  RefundRequest,
  RefundResult,
  WebhookRequest,
} from "../gateway.ts";
import { allowsMarket, MARKET_RULES } from "../markets.ts";
import { readEvent } from "./_events.ts";
import { fromPayPalAmount, toPayPalAmount } from "./amount.ts";
import {
  CertificateCache,
  checkTransmissionTime,
  PAYPAL_TOLERANCE_SECONDS,
  readTransmission,
  signedText,
  type Transmission,
} from "./signature.ts";

/** The PayPal gateway's name. */
export const PAYPAL_GATEWAY = "paypal";

/** PayPal's live REST endpoint (the sandbox is `https://api-m.sandbox.paypal.com`). */
export const PAYPAL_LIVE_API_URL = "https://api-m.paypal.com";

/** Options of {@link PayPalGateway}. */
export interface PayPalGatewayOptions {
  /** The REST app's client id. */
  clientId: string;
  /** The REST app's secret. */
  clientSecret: string;
  /** The id of the webhook PayPal delivers to (signatures cover it). */
  webhookId: string;
  /** The store's public origin: return URLs are made absolute with it. */
  publicUrl: string;
  /** PayPal's REST endpoint (default {@link PAYPAL_LIVE_API_URL}). */
  apiUrl?: string;
  /**
   * How webhooks are verified: `offline` (default) checks the signature
   * against PayPal's certificate; `api` asks PayPal's
   * `verify-webhook-signature` endpoint, one call per delivery.
   */
  verification?: "offline" | "api";
  /** How far a delivery's transmission time may be from now (300 s). */
  toleranceSeconds?: number;
  /**
   * How long fetching a signing certificate may take, in milliseconds
   * (5000); longer is a `GatewayTransientError` and the next delivery
   * fetches again.
   */
  certTimeoutMs?: number;
  /**
   * How long the `verify-webhook-signature` call (`verification: "api"`)
   * may take, in milliseconds (5000), token included.
   */
  verifyTimeoutMs?: number;
  /**
   * How long fetching an access token may take, in milliseconds (5000).
   * The fetch is shared by the calls waiting for it and has this deadline
   * of its own: a caller giving up stops waiting without failing the rest.
   */
  tokenTimeoutMs?: number;
  /** How PayPal is called (tests route it to a fake). */
  fetch?: Fetch;
  /** The clock of token expiry and signature tolerance. */
  now?: () => Date;
}

/** What a PayPal payment takes as `method`: nothing else to choose. */
export type PayPalMethod = { type: "paypal" };

const Method = z.object({ type: z.literal("paypal") }).strict();

const TokenAnswer = z.object({
  access_token: z.string().min(1).max(4096),
  expires_in: z.number().positive(),
}).loose();

const Amount = z.object({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  value: z.string().min(1).max(40),
}).loose();

const Link = z.object({ href: z.string(), rel: z.string() }).loose();

const Capture = z.object({
  id: z.string().min(1),
  status: z.string(),
  status_details: z.object({ reason: z.string().optional() }).loose()
    .optional(),
  seller_receivable_breakdown: z.object({ paypal_fee: Amount.optional() })
    .loose().optional(),
}).loose();

const Order = z.object({
  id: z.string().min(1).max(200),
  status: z.string(),
  links: z.array(Link).optional(),
  purchase_units: z.array(
    z.object({
      payments: z.object({ captures: z.array(Capture).optional() }).loose()
        .optional(),
    }).loose(),
  ).optional(),
}).loose();

const Refund = z.object({
  id: z.string().min(1).max(200),
  status: z.string(),
  status_details: z.object({ reason: z.string().optional() }).loose()
    .optional(),
}).loose();

const Problem = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  details: z.array(
    z.object({
      issue: z.string().optional(),
      description: z.string().optional(),
    }).loose(),
  ).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
}).loose();

const VerifyAnswer = z.object({ verification_status: z.string() }).loose();

const DEFAULT_TIMEOUT_MS = 5000;

// A token is renewed this long before PayPal says it expires (at most
// half its life), so none expires in flight.
const TOKEN_MARGIN_SECONDS = 300;

interface Token {
  value: string;
  expiresAt: number;
}

/** PayPal Orders v2. */
export class PayPalGateway implements PaymentGateway {
  /** Always `paypal`. */
  readonly name: string = PAYPAL_GATEWAY;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #webhookId: string;
  readonly #publicUrl: URL;
  readonly #apiUrl: string;
  readonly #verification: "offline" | "api";
  readonly #tolerance: number;
  readonly #verifyTimeoutMs: number;
  readonly #tokenTimeoutMs: number;
  readonly #fetch: Fetch | undefined;
  readonly #now: () => Date;
  readonly #certificates: CertificateCache;
  #token: Token | undefined;
  #tokenLoading: Promise<Token> | undefined;

  constructor(options: PayPalGatewayOptions) {
    for (const key of ["clientId", "clientSecret", "webhookId"] as const) {
      const value = options[key];
      if (typeof value !== "string" || !/^[\x21-\x7e]{1,512}$/.test(value)) {
        throw new TypeError(
          `PayPal's '${key}' must be a non-empty string of printable ASCII`,
        );
      }
    }
    if (options.clientId.includes(":")) {
      throw new TypeError("PayPal's 'clientId' cannot contain ':'");
    }
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#webhookId = options.webhookId;
    this.#publicUrl = absoluteUrl("publicUrl", options.publicUrl);
    this.#apiUrl = absoluteUrl("apiUrl", options.apiUrl ?? PAYPAL_LIVE_API_URL)
      .href.replace(/\/+$/, "");
    const verification = options.verification ?? "offline";
    if (verification !== "offline" && verification !== "api") {
      throw new TypeError(
        `PayPal's 'verification' must be 'offline' or 'api', not '${verification}'`,
      );
    }
    this.#verification = verification;
    const tolerance = options.toleranceSeconds ?? PAYPAL_TOLERANCE_SECONDS;
    if (!Number.isFinite(tolerance) || tolerance <= 0) {
      throw new TypeError(
        `PayPal's 'toleranceSeconds' must be a positive number, not '${tolerance}'`,
      );
    }
    this.#tolerance = tolerance;
    this.#verifyTimeoutMs = positive(
      "verifyTimeoutMs",
      options.verifyTimeoutMs,
    );
    this.#tokenTimeoutMs = positive("tokenTimeoutMs", options.tokenTimeoutMs);
    this.#fetch = options.fetch;
    this.#now = options.now ?? (() => new Date());
    this.#certificates = new CertificateCache({
      fetch: options.fetch,
      gateway: PAYPAL_GATEWAY,
      timeoutMs: positive("certTimeoutMs", options.certTimeoutMs),
    });
  }

  /** The currencies PayPal takes, outside the countries it excludes. */
  supports(where: { currency: string; country: string }): boolean {
    return allowsMarket(MARKET_RULES[PAYPAL_GATEWAY], where);
  }

  /**
   * Nothing or `{ type: "paypal" }` (the shopper picks how to pay at
   * PayPal); anything else is 400 `invalid_payment_method`.
   */
  parseMethod(input: unknown): PayPalMethod {
    return readMethod(Method, input, {
      fallback: { type: "paypal" },
      message: "PayPal takes no payment method, or { type: 'paypal' }",
    });
  }

  /**
   * Create a PayPal order for the amount, keyed by `reference`, and answer
   * `requires_action` with a redirect to PayPal's approval page. The
   * shopper comes back to `returnUrl` with `?token=<order id>&PayerID=...`
   * after approving, or with `?token=<order id>` alone after cancelling.
   */
  async createPayment(
    request: CreatePaymentRequest,
  ): Promise<CreatePaymentResult> {
    this.parseMethod(request.method);
    checkReference(request.reference);
    if (request.amount.amount <= 0n) {
      throw new RangeError(
        `A PayPal payment needs a positive amount, not '${request.amount.amount}'`,
      );
    }
    const amount = toPayPalAmount(request.amount, PAYPAL_GATEWAY);
    const returnUrl = this.#storeUrl(request.returnUrl);
    const body = {
      intent: "CAPTURE",
      purchase_units: [{
        reference_id: request.reference,
        custom_id: request.reference,
        invoice_id: request.orderNumber,
        amount,
      }],
      payment_source: {
        paypal: {
          experience_context: {
            return_url: returnUrl,
            // PayPal adds `token` to both; only an approval adds `PayerID`.
            cancel_url: returnUrl,
            user_action: "PAY_NOW",
            shipping_preference: "NO_SHIPPING",
          },
        },
      },
    };
    const response = await this.#api("POST", "/v2/checkout/orders", {
      body: JSON.stringify(body),
      requestId: `${request.reference}:create`,
      signal: request.signal,
    });
    return orderResult(readJson(Order, response, "order"));
  }

  /**
   * Capture the order the shopper approved, keyed by `reference`:
   * `succeeded` (with PayPal's fee), `processing` for a capture PayPal
   * holds for review, `failed` for a declined one. An order captured
   * before (by another request) is read back instead. An order the
   * shopper has not approved (they cancelled at PayPal and came back
   * without a `PayerID`) is read back too: still `requires_action`, with
   * its approval page as the redirect, so the shopper can pay it yet.
   */
  async complete(
    request: CompletePaymentRequest,
  ): Promise<CreatePaymentResult> {
    checkReference(request.reference);
    const orderId = pathSegment(request.gatewayTransactionId);
    const response = await this.#api(
      "POST",
      `/v2/checkout/orders/${orderId}/capture`,
      {
        body: "{}",
        requestId: `${request.reference}:capture`,
        signal: request.signal,
        accept: [422],
      },
    );
    if (response.status !== 422) {
      return orderResult(readJson(Order, response, "order"));
    }
    const problem = readProblem(response.text);
    if (problem.code === "INSTRUMENT_DECLINED") {
      return {
        gatewayTransactionId: request.gatewayTransactionId,
        status: "failed",
        failureCode: problem.code,
        raw: problem.raw,
      };
    }
    if (
      problem.code === "ORDER_ALREADY_CAPTURED" ||
      problem.code === "ORDER_NOT_APPROVED"
    ) {
      return orderResult(await this.#order(orderId, request.signal));
    }
    throw new GatewayRefused(PAYPAL_GATEWAY, {
      gatewayCode: problem.code,
      message: problem.message,
    });
  }

  /**
   * Refund `amount` of the order's capture, keyed by `reference`; the
   * refund's own PayPal id comes back. PayPal's refusals (more than is
   * left: `REFUND_AMOUNT_EXCEEDED`) are {@link GatewayRefused}.
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    checkReference(request.reference);
    const order = await this.#order(
      pathSegment(request.gatewayTransactionId),
      request.signal,
    );
    const capture = captureOf(order);
    if (!capture) {
      throw new GatewayRefused(PAYPAL_GATEWAY, {
        gatewayCode: "CAPTURE_NOT_FOUND",
        message: `PayPal order '${order.id}' has no capture to refund`,
      });
    }
    const body = {
      amount: toPayPalAmount(request.amount, PAYPAL_GATEWAY),
      custom_id: request.reference,
      ...(request.reason
        ? { note_to_payer: request.reason.slice(0, 255) }
        : {}),
    };
    const response = await this.#api(
      "POST",
      `/v2/payments/captures/${pathSegment(capture.id)}/refund`,
      {
        body: JSON.stringify(body),
        requestId: `${request.reference}:refund`,
        signal: request.signal,
      },
    );
    const refund = readJson(Refund, response, "refund");
    const raw = refund as Record<string, unknown>;
    switch (refund.status) {
      case "COMPLETED":
        return { gatewayTransactionId: refund.id, status: "succeeded", raw };
      case "PENDING":
        return { gatewayTransactionId: refund.id, status: "processing", raw };
      default:
        return {
          gatewayTransactionId: refund.id,
          status: "failed",
          failureCode: refund.status_details?.reason ?? refund.status,
          raw,
        };
    }
  }

  /**
   * Verify a delivery (its five `PAYPAL-*` headers, its transmission time
   * within the tolerance, its signature offline or through PayPal's API)
   * and read its event; `null` for an event type the store does not act
   * on. Throws `InvalidWebhookSignature` before reading any field, then
   * `InvalidWebhookPayload` for a body that is not a PayPal event.
   */
  async parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
    const transmission = readTransmission(request.headers);
    const now = this.#now();
    checkTransmissionTime(transmission, {
      now,
      toleranceSeconds: this.#tolerance,
    });
    if (this.#verification === "offline") {
      await this.#certificates.verify(transmission.certUrl, {
        text: signedText(transmission, {
          webhookId: this.#webhookId,
          rawBody: request.rawBody,
        }),
        signature: transmission.signature,
        now,
      });
    } else {
      await this.#verifyByApi(transmission, request.rawBody);
    }
    return readEvent(request.rawBody);
  }

  async #verifyByApi(
    transmission: Transmission,
    rawBody: string,
  ): Promise<void> {
    let event: unknown;
    try {
      event = JSON.parse(rawBody);
    } catch (cause) {
      throw new InvalidWebhookPayload("The PayPal webhook body is not JSON", {
        cause,
      });
    }
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      throw new InvalidWebhookPayload(
        "The PayPal webhook body is not a JSON object",
      );
    }
    // The event goes to PayPal byte for byte, not re-serialized: PayPal
    // checks it against the CRC-32 it signed. It parsed as one JSON
    // object, so splicing it in cannot add or change another field.
    const head = JSON.stringify({
      auth_algo: transmission.authAlgo,
      cert_url: transmission.certUrl,
      transmission_id: transmission.id,
      transmission_sig: transmission.sig,
      transmission_time: transmission.time,
      webhook_id: this.#webhookId,
    });
    // A webhook request has no caller's signal: the call has a deadline
    // of its own, so a PayPal that does not answer cannot hold it open.
    const signal = AbortSignal.timeout(this.#verifyTimeoutMs);
    let response: GatewayResponse;
    try {
      response = await this.#api(
        "POST",
        "/v1/notifications/verify-webhook-signature",
        {
          body: `${head.slice(0, -1)},"webhook_event":${rawBody}}`,
          accept: [400],
          signal,
        },
      );
    } catch (error) {
      if (signal.aborted && !(error instanceof GatewayRefused)) {
        throw new GatewayTransientError(
          PAYPAL_GATEWAY,
          `PayPal did not verify the webhook within ${this.#verifyTimeoutMs} ms`,
          { cause: error },
        );
      }
      throw error;
    }
    if (response.status === 400) {
      throw new InvalidWebhookSignature("signature_mismatch");
    }
    const answer = readJson(VerifyAnswer, response, "verification answer");
    if (answer.verification_status !== "SUCCESS") {
      throw new InvalidWebhookSignature("signature_mismatch");
    }
  }

  async #order(
    orderId: string,
    signal: AbortSignal | undefined,
  ): Promise<z.infer<typeof Order>> {
    const response = await this.#api("GET", `/v2/checkout/orders/${orderId}`, {
      signal,
    });
    return readJson(Order, response, "order");
  }

  // One authenticated call. A 401 means the cached token died early
  // (revoked, rotated credentials): it is dropped and the call made once
  // more with a fresh one.
  async #api(
    method: string,
    path: string,
    options: {
      body?: string;
      requestId?: string;
      signal?: AbortSignal;
      accept?: number[];
    },
  ): Promise<GatewayResponse> {
    for (let attempt = 1;; attempt++) {
      const token = await this.#accessToken(options.signal);
      const response = await gatewayFetch(
        PAYPAL_GATEWAY,
        `${this.#apiUrl}${path}`,
        {
          method,
          headers: {
            authorization: `Bearer ${token.value}`,
            accept: "application/json",
            ...(options.body === undefined
              ? {}
              : { "content-type": "application/json" }),
            ...(options.requestId
              ? { "paypal-request-id": options.requestId }
              : {}),
            prefer: "return=representation",
          },
          body: options.body,
          signal: options.signal,
          fetch: this.#fetch,
          accept: [401, ...(options.accept ?? [])],
          refusalCode: refusal,
        },
      );
      if (response.status !== 401) return response;
      if (this.#token === token) this.#token = undefined;
      if (attempt >= 2) {
        const { code, message } = readProblem(response.text);
        throw new GatewayRefused(PAYPAL_GATEWAY, {
          gatewayCode: code,
          message,
        });
      }
    }
  }

  // The cached token, or a new one. Concurrent callers share one request,
  // which runs on its own deadline: a caller's `signal` only ends that
  // caller's wait.
  #accessToken(signal: AbortSignal | undefined): Promise<Token> {
    const token = this.#token;
    if (token && this.#now().getTime() < token.expiresAt) {
      return Promise.resolve(token);
    }
    this.#tokenLoading ??= this.#requestToken().finally(() => {
      this.#tokenLoading = undefined;
    });
    return waitUnlessAborted(this.#tokenLoading, signal);
  }

  async #requestToken(): Promise<Token> {
    const signal = AbortSignal.timeout(this.#tokenTimeoutMs);
    const response = await gatewayFetch(
      PAYPAL_GATEWAY,
      `${this.#apiUrl}/v1/oauth2/token`,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${
            btoa(`${this.#clientId}:${this.#clientSecret}`)
          }`,
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
        signal,
        fetch: this.#fetch,
        refusalCode: refusal,
      },
    ).catch((error) => {
      if (signal.aborted && !(error instanceof GatewayRefused)) {
        throw new GatewayTransientError(
          PAYPAL_GATEWAY,
          `PayPal did not hand out an access token within ${this.#tokenTimeoutMs} ms`,
          { cause: error },
        );
      }
      throw error;
    });
    const answer = readJson(TokenAnswer, response, "token");
    const margin = Math.min(TOKEN_MARGIN_SECONDS, answer.expires_in / 2);
    const token = {
      value: answer.access_token,
      expiresAt: this.#now().getTime() + (answer.expires_in - margin) * 1000,
    };
    this.#token = token;
    return token;
  }

  #storeUrl(path: string): string {
    const url = new URL(path, this.#publicUrl);
    if (url.origin !== this.#publicUrl.origin) {
      throw new RangeError(
        `The return URL '${path}' is not a path of the store`,
      );
    }
    return url.href;
  }
}

// `work`, unless `signal` aborts first: then only this wait ends, with
// the same error an aborted call gets; `work` goes on for anyone else.
function waitUnlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = () =>
      reject(
        new GatewayTransientError(
          PAYPAL_GATEWAY,
          `Payment gateway '${PAYPAL_GATEWAY}' could not be reached`,
          { cause: signal.reason },
        ),
      );
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    work.then(resolve, reject).finally(() =>
      signal.removeEventListener("abort", stop)
    );
  });
}

// What a PayPal order means for the payment.
function orderResult(order: z.infer<typeof Order>): CreatePaymentResult {
  const raw = order as Record<string, unknown>;
  const base = { gatewayTransactionId: order.id, raw };
  switch (order.status) {
    case "CREATED":
    case "SAVED":
    case "PAYER_ACTION_REQUIRED": {
      const link = order.links?.find((l) => l.rel === "payer-action") ??
        order.links?.find((l) => l.rel === "approve");
      if (!link) throw unreadable("order", "it has no approval link");
      return {
        ...base,
        status: "requires_action",
        nextAction: { type: "redirect", url: link.href },
      };
    }
    // Approved by the shopper, waiting for `complete`.
    case "APPROVED":
      return { ...base, status: "processing" };
    case "VOIDED":
      return { ...base, status: "failed", failureCode: "ORDER_VOIDED" };
    case "COMPLETED": {
      const capture = captureOf(order);
      if (!capture) {
        throw unreadable("order", "it is completed without capture");
      }
      return { ...base, ...captureOutcome(capture) };
    }
    default:
      throw unreadable("order", `its status is '${order.status}'`);
  }
}

// What a capture means for the payment: taken (even if refunded since),
// held for review, or declined.
function captureOutcome(
  capture: z.infer<typeof Capture>,
): Pick<CreatePaymentResult, "status" | "failureCode" | "fee"> {
  const fee = capture.seller_receivable_breakdown?.paypal_fee;
  switch (capture.status) {
    case "COMPLETED":
    case "PARTIALLY_REFUNDED":
    case "REFUNDED":
      return { status: "succeeded", ...(fee ? { fee: readFee(fee) } : {}) };
    case "PENDING":
      return { status: "processing" };
    default:
      return {
        status: "failed",
        failureCode: capture.status_details?.reason ?? capture.status,
      };
  }
}

// The order's latest capture.
function captureOf(
  order: z.infer<typeof Order>,
): z.infer<typeof Capture> | undefined {
  const captures = (order.purchase_units ?? []).flatMap((unit) =>
    unit.payments?.captures ?? []
  );
  return captures.at(-1);
}

function readFee(fee: z.infer<typeof Amount>): Money {
  try {
    return fromPayPalAmount(fee);
  } catch (cause) {
    throw unreadable("fee", `'${fee.value}' ${fee.currency_code}`, { cause });
  }
}

function readJson<T>(
  schema: z.ZodType<T>,
  response: GatewayResponse,
  what: string,
): T {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (cause) {
    throw unreadable(what, "it is not JSON", {
      cause,
      status: response.status,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw unreadable(what, "it lacks fields", {
      cause: parsed.error,
      status: response.status,
    });
  }
  return parsed.data;
}

// A 2xx PayPal answer the adapter cannot read. Every call that changes
// anything is idempotent by its request id, so retrying is safe.
function unreadable(
  what: string,
  why: string,
  options: { cause?: unknown; status?: number } = {},
): GatewayTransientError {
  return new GatewayTransientError(
    PAYPAL_GATEWAY,
    `PayPal answered an unreadable ${what}: ${why}`,
    options,
  );
}

// PayPal's error body: the specific `details[].issue` (`INSTRUMENT_DECLINED`)
// before the generic `name` (`UNPROCESSABLE_ENTITY`); OAuth's `error`.
function readProblem(
  text: string,
): { code: string; message?: string; raw: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { code: "refused", raw: { body: text.slice(0, 2000) } };
  }
  const parsed = Problem.safeParse(json);
  if (!parsed.success) return { code: "refused", raw: { body: json } };
  const problem = parsed.data;
  const detail = problem.details?.find((d) => d.issue);
  const message = detail?.description ?? problem.message ??
    problem.error_description;
  return {
    code: detail?.issue ?? problem.name ?? problem.error ?? "refused",
    ...(message ? { message } : {}),
    raw: problem as Record<string, unknown>,
  };
}

function refusal(text: string): { code: string; message?: string } {
  const { code, message } = readProblem(text);
  return message ? { code, message } : { code };
}

function checkReference(reference: string): void {
  // Request ids are at most 108 characters; ours add up to 8.
  if (!/^[\x21-\x7e]{1,100}$/.test(reference)) {
    throw new RangeError(
      `A PayPal reference must be 1 to 100 printable characters, not '${reference}'`,
    );
  }
}

function pathSegment(id: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    throw new RangeError(`'${id}' is not a PayPal id`);
  }
  return id;
}

function positive(option: string, value: number | undefined): number {
  const ms = value ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new TypeError(
      `PayPal's '${option}' must be a positive number, not '${ms}'`,
    );
  }
  return ms;
}

function absoluteUrl(option: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      `PayPal's '${option}' must be an absolute URL, not '${value}'`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(
      `PayPal's '${option}' must be an http(s) URL, not '${value}'`,
    );
  }
  return url;
}
