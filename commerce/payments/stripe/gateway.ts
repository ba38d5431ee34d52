/**
 * The Stripe adapter (`stripe`), on Stripe's own SDK: PaymentIntents with
 * automatic payment methods, confirmed by the shopper in the browser
 * (Payment Element) or by the server with a PaymentMethod id, canceled
 * when another attempt replaces them, refunds, and webhooks verified with
 * the SDK (`Stripe-Signature`, HMAC-SHA256).
 *
 * Ids: a payment is its PaymentIntent (`pi_...`), a refund its Refund
 * (`re_...`); both carry our transaction id in `metadata.reference`, and
 * every create (and cancel) is sent with an idempotency key made from it,
 * so a retried call never charges or refunds twice.
 *
 * @module
 */
import Stripe from "stripe";
import { allowsMarket, MARKET_RULES } from "../markets.ts";
import {
  GatewayTransientError,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
} from "../errors.ts";
import type {
  CancelPaymentRequest,
  CancelPaymentResult,
  CreatePaymentRequest,
  CreatePaymentResult,
  GatewayEvent,
  PaymentGateway,
  RefundRequest,
  RefundResult,
  WebhookRequest,
} from "../gateway.ts";
import type { Fetch } from "../_http.ts";
import { toStripeAmount } from "./_amount.ts";
import { toGatewayEvent } from "./_events.ts";
import {
  cancelOutcome,
  declinedResult,
  gatewayFailure,
  paymentResult,
  refundResult,
} from "./_results.ts";
import { parseStripeMethod, type StripeMethod } from "./method.ts";

/** The Stripe gateway's name. */
export const STRIPE_GATEWAY = "stripe";

/** Stripe's production API. */
export const STRIPE_API_URL = "https://api.stripe.com";

/** The header Stripe signs webhooks in. */
export const STRIPE_SIGNATURE_HEADER = "Stripe-Signature";

/** Options of {@link StripeGateway}. */
export interface StripeGatewayOptions {
  /** The secret API key (`sk_live_...`, `sk_test_...`, or a restricted `rk_...`). */
  secretKey: string;
  /** The publishable key (`pk_...`) the Payment Element is started with. */
  publishableKey: string;
  /** The webhook endpoint's signing secret (`whsec_...`). */
  webhookSecret: string;
  /**
   * The store's public origin (`https://shop.example`): the shopper's
   * return path is made absolute with it for 3-D Secure redirects.
   */
  publicUrl: string;
  /**
   * Where the API is (default {@link STRIPE_API_URL}): a fake or a
   * Stripe-compatible mock in tests. Origin only, no path.
   */
  apiUrl?: string;
  /** Pin an API version (default: the one the SDK is built for). */
  apiVersion?: string;
  /** How old (or early) a webhook's timestamp may be, in seconds (300). */
  toleranceSeconds?: number;
  /** The `fetch` the SDK calls (default: the global one). */
  fetch?: Fetch;
  /** The clock of webhook timestamps. */
  now?: () => Date;
}

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9_]+$/;
const WEBHOOK_SECRET = /^whsec_\S+$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** The Stripe gateway. */
export class StripeGateway implements PaymentGateway {
  /** Always `stripe`. */
  readonly name: string = STRIPE_GATEWAY;
  readonly #secretKey: string;
  readonly #publishableKey: string;
  readonly #webhookSecret: string;
  readonly #publicUrl: URL;
  readonly #api: { host: string; port: number; protocol: "http" | "https" };
  readonly #apiVersion?: string;
  readonly #tolerance: number;
  readonly #fetch: Fetch;
  readonly #now: () => Date;

  constructor(options: StripeGatewayOptions) {
    const secret = SECRET_KEY.exec(options.secretKey);
    if (!secret) {
      throw new TypeError(
        "The Stripe secret key must look like 'sk_test_...' or 'sk_live_...'",
      );
    }
    const publishable = PUBLISHABLE_KEY.exec(options.publishableKey);
    if (!publishable) {
      throw new TypeError(
        "The Stripe publishable key must look like 'pk_test_...' or 'pk_live_...'",
      );
    }
    if (secret[2] !== publishable[1]) {
      throw new TypeError(
        `The Stripe keys are of different modes: a '${
          secret[2]
        }' secret key with a '${publishable[1]}' publishable key`,
      );
    }
    if (!WEBHOOK_SECRET.test(options.webhookSecret)) {
      throw new TypeError(
        "The Stripe webhook secret must look like 'whsec_...'",
      );
    }
    const tolerance = options.toleranceSeconds ?? 300;
    if (!Number.isFinite(tolerance) || tolerance <= 0) {
      throw new TypeError(
        `The webhook tolerance must be a positive number of seconds, not '${tolerance}'`,
      );
    }
    this.#secretKey = options.secretKey;
    this.#publishableKey = options.publishableKey;
    this.#webhookSecret = options.webhookSecret;
    this.#publicUrl = httpUrl(options.publicUrl, "public URL");
    const api = httpUrl(options.apiUrl ?? STRIPE_API_URL, "Stripe API URL");
    if (api.pathname !== "/" || api.search || api.hash) {
      throw new TypeError(
        `The Stripe API URL must be an origin without a path, not '${options.apiUrl}'`,
      );
    }
    const protocol = api.protocol === "http:" ? "http" : "https";
    this.#api = {
      host: api.hostname,
      port: Number(api.port || (protocol === "http" ? 80 : 443)),
      protocol,
    };
    this.#apiVersion = options.apiVersion;
    this.#tolerance = tolerance;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? (() => new Date());
  }

  /** Stripe's presentment currencies, outside the excluded countries. */
  supports(where: { currency: string; country: string }): boolean {
    return allowsMarket(MARKET_RULES[STRIPE_GATEWAY], where);
  }

  /**
   * Check a Stripe method input: nothing or `{ type: "payment_element" }`,
   * or `{ type: "payment_method", paymentMethod: "pm_..." }`; throws
   * `InvalidPaymentMethod` (400).
   */
  parseMethod(input: unknown): StripeMethod {
    return parseStripeMethod(input);
  }

  /**
   * Create a PaymentIntent for the order's total; with a PaymentMethod it
   * is confirmed at once. Throws `Invalid` (`amount_not_supported`) for a
   * three-decimal amount Stripe cannot take, `GatewayTransientError` and
   * `GatewayRefused` for failed calls; a declined card is a `failed`
   * result.
   *
   * `request.expiresAt` is not sent: a PaymentIntent has no expiry
   * parameter (only Checkout Sessions do). An attempt the store lets go is
   * closed with {@link StripeGateway.cancel} instead.
   */
  async createPayment(
    request: CreatePaymentRequest,
  ): Promise<CreatePaymentResult> {
    const method = parseStripeMethod(request.method);
    const { amount, currency } = toStripeAmount(request.amount);
    const params: Stripe.PaymentIntentCreateParams = {
      amount,
      currency,
      automatic_payment_methods: { enabled: true },
      description: request.orderNumber,
      metadata: {
        reference: request.reference,
        order_number: request.orderNumber,
        // Whose confirmation: the shopper's Payment Element may retry a
        // declined intent, a server confirmation may not (see _events.ts).
        confirmation: method.type === "payment_method" ? "server" : "element",
      },
      ...(method.type === "payment_method"
        ? {
          payment_method: method.paymentMethod,
          confirm: true,
          return_url: this.#returnUrl(request.returnUrl),
        }
        : {}),
    };
    try {
      const intent = await this.#client(request.signal).paymentIntents.create(
        params,
        { idempotencyKey: `payment-${request.reference}` },
      );
      return paymentResult(intent, {
        mode: method.type,
        publishableKey: this.#publishableKey,
      });
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const declined = declinedResult(error);
        if (declined) return declined;
      }
      throw gatewayFailure(this.name, error);
    }
  }

  /**
   * Verify a webhook's `Stripe-Signature` (timestamp within the tolerance
   * of `now()`, then the SDK's HMAC check) and read the event; `null` for
   * a type the store does not act on. Throws `InvalidWebhookSignature`
   * before reading anything, `InvalidWebhookPayload` for a verified body
   * that is not a readable event.
   */
  async parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
    const header = request.headers.get(STRIPE_SIGNATURE_HEADER);
    if (!header) throw new InvalidWebhookSignature("missing_header");
    const timestamp = signedAt(header);
    if (timestamp === undefined) {
      throw new InvalidWebhookSignature("malformed_header");
    }
    const now = this.#now().getTime();
    if (Math.abs(now / 1000 - timestamp) > this.#tolerance) {
      throw new InvalidWebhookSignature("stale_timestamp");
    }
    let event: unknown;
    try {
      event = await Stripe.webhooks.constructEventAsync(
        request.rawBody,
        header,
        this.#webhookSecret,
        this.#tolerance,
        cryptoProvider,
        now,
      );
    } catch (error) {
      // Only the body's JSON.parse throws a SyntaxError, and only once the
      // signature has been verified.
      if (error instanceof SyntaxError) {
        throw new InvalidWebhookPayload("The webhook body is not JSON", {
          cause: error,
        });
      }
      throw new InvalidWebhookSignature("signature_mismatch");
    }
    return toGatewayEvent(event);
  }

  /**
   * Refund `amount` of a PaymentIntent (`reason: requested_by_customer`,
   * our refund transaction id in `metadata.reference`). Beyond what is
   * left Stripe refuses: `GatewayRefused` with `amount_too_large`.
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    const { amount } = toStripeAmount(request.amount);
    try {
      const refund = await this.#client(request.signal).refunds.create({
        payment_intent: request.gatewayTransactionId,
        amount,
        reason: "requested_by_customer",
        metadata: {
          reference: request.reference,
          payment_reference: request.paymentReference,
          ...(request.reason ? { note: request.reason.slice(0, 500) } : {}),
        },
      }, { idempotencyKey: `refund-${request.reference}` });
      return refundResult(refund);
    } catch (error) {
      throw gatewayFailure(this.name, error);
    }
  }

  /**
   * Cancel a PaymentIntent still waiting for the shopper
   * (`cancellation_reason: abandoned`, idempotency key `cancel-<reference>`)
   * so neither the Payment Element nor a 3-D Secure page can still charge
   * it. Resolves `cancelled` when it is canceled, also when it already was;
   * `already_paid` when Stripe refuses (400 `payment_intent_unexpected_state`)
   * because it `succeeded`, or is `processing`. Throws
   * `GatewayTransientError` for a failed call and `GatewayRefused` for any
   * other refusal (an unknown id: a PaymentIntent of another account).
   */
  async cancel(request: CancelPaymentRequest): Promise<CancelPaymentResult> {
    const stripe = this.#client(request.signal);
    let status: string;
    try {
      const intent = await stripe.paymentIntents.cancel(
        request.gatewayTransactionId,
        { cancellation_reason: "abandoned" },
        { idempotencyKey: `cancel-${request.reference}` },
      );
      status = intent.status;
    } catch (error) {
      if (
        !(error instanceof Stripe.errors.StripeInvalidRequestError) ||
        error.code !== "payment_intent_unexpected_state"
      ) {
        throw gatewayFailure(this.name, error);
      }
      // Stripe sends the PaymentIntent with the error; should it not, ask.
      status = error.payment_intent?.status ??
        await this.#intentStatus(stripe, request.gatewayTransactionId);
    }
    const outcome = cancelOutcome(status);
    if (outcome) return outcome;
    // Refused in a state cancel takes: it changed under the call (a bank
    // debit back to requires_payment_method), so another try may close it.
    throw new GatewayTransientError(
      this.name,
      `PaymentIntent '${request.gatewayTransactionId}' could not be canceled in status '${status}'`,
    );
  }

  async #intentStatus(stripe: Stripe, id: string): Promise<string> {
    try {
      return (await stripe.paymentIntents.retrieve(id)).status;
    } catch (error) {
      throw gatewayFailure(this.name, error);
    }
  }

  // A client per call: the SDK has no per-request abort signal, so the
  // caller's signal is joined to the SDK's own in the fetch it is given.
  #client(signal?: AbortSignal): Stripe {
    const send = this.#fetch;
    const fetchWithSignal = (
      input: string | URL | Request,
      init?: RequestInit,
    ) =>
      send(input, {
        ...init,
        signal: signal && init?.signal
          ? AbortSignal.any([init.signal, signal])
          : signal ?? init?.signal,
      });
    return new Stripe(this.#secretKey, {
      ...(this.#apiVersion
        ? { apiVersion: this.#apiVersion as Stripe.StripeConfig["apiVersion"] }
        : {}),
      httpClient: Stripe.createFetchHttpClient(fetchWithSignal as typeof fetch),
      host: this.#api.host,
      port: this.#api.port,
      protocol: this.#api.protocol,
      maxNetworkRetries: 0,
      telemetry: false,
    });
  }

  #returnUrl(path: string): string {
    const url = new URL(path, this.#publicUrl);
    if (!path.startsWith("/") || url.origin !== this.#publicUrl.origin) {
      throw new TypeError(
        `The return URL '${path}' is not a path of the store`,
      );
    }
    return url.href;
  }
}

// The `t=` of a Stripe-Signature header, when it also has a v1 signature.
function signedAt(header: string): number | undefined {
  let timestamp: number | undefined;
  let signed = false;
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && SIGNATURE.test(value)) signed = true;
  }
  return signed ? timestamp : undefined;
}

function httpUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`The ${what} '${text}' is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`The ${what} '${text}' is not an http(s) URL`);
  }
  return url;
}
