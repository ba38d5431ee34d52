/**
 * A fake Stripe for tests: a local HTTP server speaking the REST shapes the
 * SDK uses (form-encoded bodies with brackets, `Authorization: Bearer sk_...`,
 * `Idempotency-Key` replays, Stripe's error bodies and status codes) for
 * PaymentIntents (create, retrieve, confirm, cancel) and refunds, a 3-D
 * Secure page for the shopper, and
 * webhook events signed exactly like Stripe's (`Stripe-Signature`, made by
 * the SDK's own `generateTestHeaderStringAsync`).
 *
 * Test PaymentMethods: `pm_card_visa` (and `pm_card_mastercard`)
 * succeed; `pm_card_chargeDeclined` is declined (402 `card_declined`,
 * `generic_decline`), as are `pm_card_chargeDeclinedInsufficientFunds`
 * and `pm_card_chargeDeclinedExpiredCard`; `pm_card_threeDSecure2Required`
 * (and `pm_card_authenticationRequired`) asks for 3-D Secure on the fake's
 * page `/3ds/<pi>`, which completes or fails the payment and sends the
 * shopper back to the `return_url`.
 *
 * A canceled PaymentIntent (`POST /v1/payment_intents/:id/cancel`) can no
 * longer be confirmed nor authenticated; one that succeeded or is
 * processing cannot be canceled (400 `payment_intent_unexpected_state`,
 * with the PaymentIntent in the error, as Stripe answers).
 *
 * Controls: {@link FakeStripe.failNext} (503, 500, 429...),
 * {@link FakeStripe.hangNext} (never answer until the client gives up),
 * {@link FakeStripe.nextRefundStatus} and {@link FakeStripe.settleRefund}
 * (pending and failed refunds), {@link FakeStripe.completeChallenge},
 * {@link FakeStripe.startProcessing} (a bank debit on its way), and
 * {@link FakeStripe.recordEvent} for events the fake has no flow for
 * (disputes...). Every state change records an event in
 * {@link FakeStripe.webhooks}; {@link FakeStripe.deliver} sends one to a
 * URL or hands it to a `deliver(request)` callback.
 *
 * @module
 */
import Stripe from "stripe";
import { type FormValue, parseForm } from "./_form.ts";

/** Options of {@link FakeStripe.start}. */
export interface FakeStripeOptions {
  /** The secret key the fake accepts (random `sk_test_...` by default). */
  secretKey?: string;
  /** The publishable key the fake accepts on confirm (random `pk_test_...`). */
  publishableKey?: string;
  /** The webhook signing secret (random `whsec_...` by default). */
  webhookSecret?: string;
  /** The clock of `created` fields and webhook timestamps. */
  now?: () => Date;
}

/** A webhook event the fake recorded, signed and ready to deliver. */
export interface FakeWebhook {
  /** The event id (`evt_...`): a redelivery repeats it. */
  id: string;
  type: string;
  /** The exact body Stripe would send (pretty-printed JSON). */
  body: string;
  /** The `Stripe-Signature` header value. */
  signature: string;
  /** The signature's timestamp, in unix seconds. */
  timestamp: number;
}

/** A request the API part of the fake received. */
export interface FakeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, FormValue>;
}

/** Hands a webhook request to the store (its `app.request`, a handler...). */
export type Deliver = (request: Request) => Promise<Response>;

/** A PaymentIntent as the fake holds and answers it. */
export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: string;
  client_secret: string;
  confirmation_method: string;
  created: number;
  currency: string;
  description: string | null;
  last_payment_error: Record<string, unknown> | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: Record<string, unknown> | null;
  payment_method: string | null;
  payment_method_types: string[];
  status:
    | "requires_payment_method"
    | "requires_confirmation"
    | "requires_action"
    | "processing"
    | "succeeded"
    | "canceled";
}

/** A Refund as the fake holds and answers it. */
export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: "pending" | "succeeded" | "failed" | "canceled";
}

interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  created: number;
  currency: string;
  failure_code: string | null;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  refunded: boolean;
  status: "succeeded" | "failed";
}

type Outcome =
  | { kind: "succeed" }
  | { kind: "decline"; code: string; declineCode: string; message: string }
  | { kind: "challenge" };

const DECLINED = "Your card was declined.";

/** The test PaymentMethods the fake knows, and what charging each does. */
export const FAKE_PAYMENT_METHODS: Readonly<
  Record<string, { last4: string; outcome: Outcome }>
> = {
  pm_card_visa: { last4: "4242", outcome: { kind: "succeed" } },
  pm_card_mastercard: { last4: "4444", outcome: { kind: "succeed" } },
  pm_card_chargeDeclined: {
    last4: "0002",
    outcome: {
      kind: "decline",
      code: "card_declined",
      declineCode: "generic_decline",
      message: DECLINED,
    },
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    last4: "9995",
    outcome: {
      kind: "decline",
      code: "card_declined",
      declineCode: "insufficient_funds",
      message: "Your card has insufficient funds.",
    },
  },
  pm_card_chargeDeclinedExpiredCard: {
    last4: "0069",
    outcome: {
      kind: "decline",
      code: "expired_card",
      declineCode: "expired_card",
      message: "Your card has expired.",
    },
  },
  pm_card_threeDSecure2Required: {
    last4: "3220",
    outcome: { kind: "challenge" },
  },
  pm_card_authenticationRequired: {
    last4: "3184",
    outcome: { kind: "challenge" },
  },
};

// Parameters each endpoint knows; Stripe refuses any other.
const KNOWN_PARAMS = {
  createIntent: new Set([
    "amount",
    "automatic_payment_methods",
    "capture_method",
    "confirm",
    "confirmation_method",
    "customer",
    "description",
    "error_on_requires_action",
    "expand",
    "metadata",
    "off_session",
    "payment_method",
    "payment_method_types",
    "receipt_email",
    "return_url",
    "setup_future_usage",
    "shipping",
    "statement_descriptor",
    "statement_descriptor_suffix",
    "use_stripe_sdk",
    "currency",
  ]),
  cancelIntent: new Set(["cancellation_reason", "expand"]),
  confirmIntent: new Set([
    "client_secret",
    "error_on_requires_action",
    "expand",
    "off_session",
    "payment_method",
    "receipt_email",
    "return_url",
    "setup_future_usage",
    "shipping",
    "use_stripe_sdk",
  ]),
  createRefund: new Set([
    "amount",
    "charge",
    "customer",
    "expand",
    "instructions_email",
    "metadata",
    "origin",
    "payment_intent",
    "reason",
    "refund_application_fee",
    "reverse_transfer",
  ]),
};

const CANCELLATION_REASONS = new Set([
  "abandoned",
  "duplicate",
  "fraudulent",
  "requested_by_customer",
]);
// The statuses a PaymentIntent may be canceled in. Stripe also cancels
// some `processing` ones (certain bank debits), never a card's.
const CANCELABLE = new Set<FakePaymentIntent["status"]>([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
]);
const REFUND_REASONS = new Set([
  "duplicate",
  "fraudulent",
  "requested_by_customer",
]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/** A fake Stripe API server; start one with {@link FakeStripe.start}. */
export class FakeStripe {
  /** The fake's origin (`http://127.0.0.1:<port>`): the adapter's `apiUrl`. */
  readonly url: string;
  /** The secret key it accepts. */
  readonly secretKey: string;
  /** The publishable key it accepts on confirm. */
  readonly publishableKey: string;
  /** The secret its webhooks are signed with. */
  readonly webhookSecret: string;
  /** Every API request received, in order. */
  readonly requests: FakeRequest[] = [];
  /** Every webhook event recorded, in order. */
  readonly webhooks: FakeWebhook[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #now: () => Date;
  readonly #intents = new Map<string, FakePaymentIntent>();
  readonly #returnUrls = new Map<string, string>();
  readonly #charges = new Map<string, FakeCharge>();
  readonly #refunds = new Map<string, FakeRefund>();
  readonly #idempotent = new Map<
    string,
    { fingerprint: string; status: number; body: string }
  >();
  readonly #hanging = new Set<() => void>();
  #failures: number[] = [];
  #hangs = 0;
  #refundStatus: FakeRefund["status"][] = [];

  private constructor(
    options: FakeStripeOptions,
    serve: (
      handler: (request: Request) => Promise<Response>,
    ) => Deno.HttpServer<Deno.NetAddr>,
  ) {
    this.secretKey = options.secretKey ?? `sk_test_fake${randomId(24)}`;
    this.publishableKey = options.publishableKey ??
      `pk_test_fake${randomId(24)}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomId(32)}`;
    this.#now = options.now ?? (() => new Date());
    this.#server = serve((request) => this.#handle(request));
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Start a fake on a free port of 127.0.0.1. */
  static start(options: FakeStripeOptions = {}): Promise<FakeStripe> {
    const fake = new FakeStripe(
      options,
      (handler) =>
        Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler),
    );
    return Promise.resolve(fake);
  }

  /** A PaymentIntent the fake holds, or `undefined`. */
  paymentIntent(id: string): Readonly<FakePaymentIntent> | undefined {
    return this.#intents.get(id);
  }

  /** How many PaymentIntents were created. */
  get paymentIntentCount(): number {
    return this.#intents.size;
  }

  /** A Refund the fake holds, or `undefined`. */
  refund(id: string): Readonly<FakeRefund> | undefined {
    return this.#refunds.get(id);
  }

  /** How many Refunds were created. */
  get refundCount(): number {
    return this.#refunds.size;
  }

  /** The recorded webhooks of `type`, in order. */
  webhooksOf(type: string): FakeWebhook[] {
    return this.webhooks.filter((webhook) => webhook.type === type);
  }

  /**
   * Answer the next `count` API requests with `status` (503 by default)
   * and Stripe's error body for it, doing nothing else.
   */
  failNext(count: number, status = 503): void {
    this.#failures.push(...Array.from({ length: count }, () => status));
  }

  /**
   * Leave the next `count` API requests unanswered until the fake closes
   * (the client times out or aborts first).
   */
  hangNext(count: number): void {
    this.#hangs += count;
  }

  /** Create the next refund in `status` rather than `succeeded`. */
  nextRefundStatus(status: "pending" | "failed"): void {
    this.#refundStatus.push(status);
  }

  /**
   * Settle a pending refund: `succeeded` (`refund.updated`,
   * `charge.refund.updated`) or `failed` (and `refund.failed`), with the
   * money back on the charge.
   */
  async settleRefund(
    id: string,
    status: "succeeded" | "failed",
  ): Promise<Readonly<FakeRefund>> {
    const refund = this.#refunds.get(id);
    if (!refund || refund.status !== "pending") {
      throw new Error(`Refund '${id}' is not pending`);
    }
    refund.status = status;
    if (status === "failed") {
      refund.failure_reason = "expired_or_canceled_card";
      const charge = this.#charges.get(refund.charge)!;
      charge.amount_refunded -= refund.amount;
      charge.refunded = false;
    }
    await this.#emit("refund.updated", refund);
    await this.#emit("charge.refund.updated", refund);
    if (status === "failed") await this.#emit("refund.failed", refund);
    return refund;
  }

  /**
   * Answer a PaymentIntent's 3-D Secure check as the shopper would on the
   * fake's page: `complete` succeeds it, `fail` sends it back to
   * `requires_payment_method` (`payment_intent_authentication_failure`).
   */
  async completeChallenge(
    id: string,
    outcome: "complete" | "fail",
  ): Promise<Readonly<FakePaymentIntent>> {
    const intent = this.#intents.get(id);
    if (!intent || intent.status !== "requires_action") {
      throw new Error(`PaymentIntent '${id}' is not waiting for 3-D Secure`);
    }
    intent.next_action = null;
    if (outcome === "complete") {
      await this.#succeed(intent, intent.payment_method!);
    } else {
      intent.status = "requires_payment_method";
      intent.last_payment_error = {
        type: "invalid_request_error",
        code: "payment_intent_authentication_failure",
        doc_url:
          "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
        message:
          "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
        payment_method: paymentMethod(intent.payment_method!),
      };
      intent.payment_method = null;
      await this.#emit("payment_intent.payment_failed", intent);
    }
    return intent;
  }

  /**
   * Move a PaymentIntent waiting for the shopper to `processing`
   * (`payment_intent.processing`), as a bank debit the shopper confirmed
   * would be: the fake's cards settle at once.
   */
  async startProcessing(id: string): Promise<Readonly<FakePaymentIntent>> {
    const intent = this.#intents.get(id);
    if (!intent || !CANCELABLE.has(intent.status)) {
      throw new Error(`PaymentIntent '${id}' is not waiting for the shopper`);
    }
    intent.status = "processing";
    intent.next_action = null;
    await this.#emit("payment_intent.processing", intent);
    return intent;
  }

  /**
   * Record and sign an event the fake has no flow for (a dispute, a
   * `payment_intent.processing`...), with `object` as `data.object`.
   */
  recordEvent(
    type: string,
    object: object,
    options: { timestamp?: number } = {},
  ): Promise<FakeWebhook> {
    return this.#emit(type, object, options);
  }

  /**
   * The `Stripe-Signature` header for `payload`, signed under the fake's
   * secret (or `secret`) at `timestamp` (now): for forged and stale
   * webhooks in tests.
   */
  sign(
    payload: string,
    options: { secret?: string; timestamp?: number } = {},
  ): Promise<string> {
    return Stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp ?? this.#seconds(),
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
  }

  /** `webhook` as the POST Stripe would send to `url`. */
  webhookRequest(webhook: FakeWebhook, url: string): Request {
    return new Request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Stripe-Signature": webhook.signature,
      },
      body: webhook.body,
    });
  }

  /**
   * Deliver `webhook`: POST it to `target` when it is a URL, or hand the
   * request to `target` (the store's `app.request`...).
   */
  deliver(
    webhook: FakeWebhook,
    target: string | Deliver,
  ): Promise<Response> {
    if (typeof target === "string") {
      return fetch(this.webhookRequest(webhook, target));
    }
    return target(
      this.webhookRequest(
        webhook,
        "http://store.test/api/payments/webhook/stripe",
      ),
    );
  }

  /** Release hanging requests and stop the server. */
  async close(): Promise<void> {
    for (const release of this.#hanging) release();
    await this.#server.shutdown();
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/3ds/")) return await this.#challenge(request);
    const text = request.method === "GET" ? "" : await request.text();
    const params = parseForm(text);
    const idempotencyKey = request.headers.get("Idempotency-Key");
    this.requests.push({
      method: request.method,
      path: url.pathname,
      idempotencyKey,
      params,
    });
    const failure = this.#failures.shift();
    if (failure !== undefined) return injected(failure);
    if (this.#hangs > 0) {
      this.#hangs--;
      await new Promise<void>((resolve) => {
        const release = () => {
          this.#hanging.delete(release);
          resolve();
        };
        // Released by close(): Deno's request.signal also fires on a
        // completed response, so it cannot tell a client that gave up.
        this.#hanging.add(release);
      });
      return injected(503);
    }
    const key = bearer(request.headers.get("Authorization"));
    const route = this.#route(request.method, url.pathname);
    const publishable = key === this.publishableKey &&
      route?.name === "confirmIntent";
    if (key !== this.secretKey && !publishable) {
      return stripeError(401, {
        type: "invalid_request_error",
        message: key
          ? `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`
          : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    if (!route) {
      return stripeError(404, {
        type: "invalid_request_error",
        message:
          `Unrecognized request URL (${request.method}: ${url.pathname}).`,
      });
    }
    const fingerprint = `${request.method} ${url.pathname} ${text}`;
    if (request.method === "POST" && idempotencyKey) {
      const known = this.#idempotent.get(idempotencyKey);
      if (known && known.fingerprint !== fingerprint) {
        return stripeError(400, {
          type: "idempotency_error",
          message:
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      }
      if (known) {
        return json(known.status, known.body, {
          "Idempotent-Replayed": "true",
        });
      }
    }
    const known = route.name in KNOWN_PARAMS
      ? KNOWN_PARAMS[route.name as keyof typeof KNOWN_PARAMS]
      : undefined;
    const unknown = known &&
      Object.keys(params).find((name) => !known.has(name));
    if (unknown) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_unknown",
        param: unknown,
        message: `Received unknown parameter: ${unknown}`,
      });
    }
    const response = await route.run(params, { publishable });
    // Stripe saves the result of a request that ran, not of one refused
    // before it did (a bad parameter, an unknown id).
    if (
      request.method === "POST" && idempotencyKey &&
      (response.status === 200 || response.status === 402)
    ) {
      this.#idempotent.set(idempotencyKey, {
        fingerprint,
        status: response.status,
        body: await response.clone().text(),
      });
    }
    return response;
  }

  #route(method: string, path: string):
    | {
      name: string;
      run: (
        params: Record<string, FormValue>,
        context: { publishable: boolean },
      ) => Promise<Response> | Response;
    }
    | undefined {
    const intent = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    const confirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(path);
    const cancel = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path);
    const refund = /^\/v1\/refunds\/([^/]+)$/.exec(path);
    if (method === "POST" && path === "/v1/payment_intents") {
      return { name: "createIntent", run: (p) => this.#createIntent(p) };
    }
    if (method === "GET" && intent) {
      return { name: "getIntent", run: () => this.#getIntent(intent[1]) };
    }
    if (method === "POST" && confirm) {
      return {
        name: "confirmIntent",
        run: (p, context) => this.#confirmIntent(confirm[1], p, context),
      };
    }
    if (method === "POST" && cancel) {
      return {
        name: "cancelIntent",
        run: (p) => this.#cancelIntent(cancel[1], p),
      };
    }
    if (method === "POST" && path === "/v1/refunds") {
      return { name: "createRefund", run: (p) => this.#createRefund(p) };
    }
    if (method === "GET" && refund) {
      return { name: "getRefund", run: () => this.#getRefund(refund[1]) };
    }
    return undefined;
  }

  async #createIntent(params: Record<string, FormValue>): Promise<Response> {
    const amount = integerParam(params, "amount");
    if (amount instanceof Response) return amount;
    const currency = params.currency;
    if (currency === undefined) return missing("currency");
    if (typeof currency !== "string" || !/^[a-z]{3}$/.test(currency)) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "currency",
        message: `Invalid currency: ${String(currency)}`,
      });
    }
    if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "amount",
        message:
          `Invalid amount for ${currency.toUpperCase()}: three-decimal amounts must end in 0`,
      });
    }
    const confirm = params.confirm === "true";
    const method = params.payment_method;
    if (confirm && typeof method !== "string") return missing("payment_method");
    if (typeof method === "string" && !FAKE_PAYMENT_METHODS[method]) {
      return noSuchPaymentMethod(method);
    }
    const id = `pi_${randomId(24)}`;
    const automatic = params.automatic_payment_methods;
    const intent: FakePaymentIntent = {
      id,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: typeof automatic === "object" &&
          !Array.isArray(automatic)
        ? { enabled: automatic.enabled === "true" }
        : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic_async",
      client_secret: `${id}_secret_${randomId(24)}`,
      confirmation_method: "automatic",
      created: this.#seconds(),
      currency,
      description: typeof params.description === "string"
        ? params.description
        : null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: stringRecord(params.metadata),
      next_action: null,
      payment_method: typeof method === "string" ? method : null,
      payment_method_types: ["card"],
      status: typeof method === "string"
        ? "requires_confirmation"
        : "requires_payment_method",
    };
    this.#intents.set(id, intent);
    await this.#emit("payment_intent.created", intent);
    if (!confirm) return json(200, intent);
    return await this.#confirm(intent, {
      paymentMethod: method as string,
      returnUrl: stringParam(params.return_url),
      useStripeSdk: params.use_stripe_sdk === "true",
    });
  }

  #getIntent(id: string): Response {
    const intent = this.#intents.get(id);
    return intent ? json(200, intent) : noSuch("payment_intent", id, "intent");
  }

  async #confirmIntent(
    id: string,
    params: Record<string, FormValue>,
    context: { publishable: boolean },
  ): Promise<Response> {
    const intent = this.#intents.get(id);
    if (!intent) return noSuch("payment_intent", id, "intent");
    if (context.publishable && params.client_secret !== intent.client_secret) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "client_secret",
        message:
          "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
      });
    }
    if (
      intent.status !== "requires_payment_method" &&
      intent.status !== "requires_confirmation"
    ) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message:
          `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
        payment_intent: intent,
      });
    }
    const method = stringParam(params.payment_method) ??
      intent.payment_method ?? undefined;
    if (!method) return missing("payment_method");
    if (!FAKE_PAYMENT_METHODS[method]) return noSuchPaymentMethod(method);
    return await this.#confirm(intent, {
      paymentMethod: method,
      returnUrl: stringParam(params.return_url),
      useStripeSdk: params.use_stripe_sdk === "true",
    });
  }

  async #cancelIntent(
    id: string,
    params: Record<string, FormValue>,
  ): Promise<Response> {
    const intent = this.#intents.get(id);
    if (!intent) return noSuch("payment_intent", id, "intent");
    const reason = params.cancellation_reason;
    if (
      reason !== undefined &&
      (typeof reason !== "string" || !CANCELLATION_REASONS.has(reason))
    ) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "cancellation_reason",
        message: `Invalid cancellation_reason: must be one of ${
          [...CANCELLATION_REASONS].join(", ")
        }`,
      });
    }
    if (!CANCELABLE.has(intent.status)) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        doc_url:
          "https://stripe.com/docs/error-codes/payment-intent-unexpected-state",
        message:
          `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${
            [...CANCELABLE].join(", ")
          }.`,
        payment_intent: intent,
      });
    }
    intent.status = "canceled";
    intent.canceled_at = this.#seconds();
    intent.cancellation_reason = reason ?? null;
    intent.next_action = null;
    this.#returnUrls.delete(id);
    await this.#emit("payment_intent.canceled", intent);
    return json(200, intent);
  }

  async #confirm(
    intent: FakePaymentIntent,
    options: {
      paymentMethod: string;
      returnUrl?: string;
      useStripeSdk: boolean;
    },
  ): Promise<Response> {
    const { outcome } = FAKE_PAYMENT_METHODS[options.paymentMethod];
    intent.payment_method = options.paymentMethod;
    intent.last_payment_error = null;
    if (outcome.kind === "succeed") {
      await this.#succeed(intent, options.paymentMethod);
      return json(200, intent);
    }
    if (outcome.kind === "challenge") {
      intent.status = "requires_action";
      const page = `${this.url}/3ds/${intent.id}`;
      if (options.returnUrl) this.#returnUrls.set(intent.id, options.returnUrl);
      intent.next_action = options.returnUrl && !options.useStripeSdk
        ? {
          type: "redirect_to_url",
          redirect_to_url: {
            url: `${page}?return_url=${encodeURIComponent(options.returnUrl)}`,
            return_url: options.returnUrl,
          },
        }
        : {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: page },
        };
      await this.#emit("payment_intent.requires_action", intent);
      return json(200, intent);
    }
    const charge = this.#charge(intent, options.paymentMethod, "failed");
    charge.failure_code = outcome.code;
    const error = {
      type: "card_error",
      code: outcome.code,
      decline_code: outcome.declineCode,
      charge: charge.id,
      doc_url: `https://stripe.com/docs/error-codes/${
        outcome.code.replaceAll("_", "-")
      }`,
      message: outcome.message,
      payment_method: paymentMethod(options.paymentMethod),
    };
    intent.status = "requires_payment_method";
    intent.payment_method = null;
    intent.latest_charge = charge.id;
    intent.last_payment_error = error;
    await this.#emit("charge.failed", charge);
    await this.#emit("payment_intent.payment_failed", intent);
    return stripeError(402, { ...error, payment_intent: intent });
  }

  async #succeed(intent: FakePaymentIntent, method: string): Promise<void> {
    const charge = this.#charge(intent, method, "succeeded");
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    intent.next_action = null;
    await this.#emit("charge.succeeded", charge);
    await this.#emit("payment_intent.succeeded", intent);
  }

  #charge(
    intent: FakePaymentIntent,
    method: string,
    status: FakeCharge["status"],
  ): FakeCharge {
    const charge: FakeCharge = {
      id: `ch_${randomId(24)}`,
      object: "charge",
      amount: intent.amount,
      amount_captured: status === "succeeded" ? intent.amount : 0,
      amount_refunded: 0,
      created: this.#seconds(),
      currency: intent.currency,
      failure_code: null,
      metadata: { ...intent.metadata },
      paid: status === "succeeded",
      payment_intent: intent.id,
      payment_method: method,
      refunded: false,
      status,
    };
    this.#charges.set(charge.id, charge);
    return charge;
  }

  async #createRefund(params: Record<string, FormValue>): Promise<Response> {
    const intentId = stringParam(params.payment_intent);
    const chargeId = stringParam(params.charge);
    if (!intentId && !chargeId) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "parameter_missing",
        message:
          "One of the following params should be provided for this request: charge or payment_intent.",
      });
    }
    const intent = intentId ? this.#intents.get(intentId) : undefined;
    if (intentId && !intent) {
      return noSuch("payment_intent", intentId, "payment_intent");
    }
    const charge = this.#charges.get(
      chargeId ?? (intent?.status === "succeeded" ? intent.latest_charge! : ""),
    );
    if (!charge || charge.status !== "succeeded") {
      return stripeError(400, {
        type: "invalid_request_error",
        message: intentId
          ? `This PaymentIntent (${intentId}) does not have a successful charge to refund.`
          : `No such charge: '${chargeId}'`,
      });
    }
    const reason = stringParam(params.reason) ?? null;
    if (reason !== null && !REFUND_REASONS.has(reason)) {
      return stripeError(400, {
        type: "invalid_request_error",
        param: "reason",
        message: `Invalid reason: must be one of ${
          [...REFUND_REASONS].join(", ")
        }`,
      });
    }
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "charge_already_refunded",
        message: `Charge ${charge.id} has already been refunded.`,
      });
    }
    const amount = params.amount === undefined
      ? left
      : integerParam(params, "amount");
    if (amount instanceof Response) return amount;
    if (amount > left) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        param: "amount",
        message:
          `Refund amount (${amount} ${charge.currency}) is greater than unrefunded amount on charge (${left} ${charge.currency})`,
      });
    }
    const status = this.#refundStatus.shift() ?? "succeeded";
    const refund: FakeRefund = {
      id: `re_${randomId(24)}`,
      object: "refund",
      amount,
      charge: charge.id,
      created: this.#seconds(),
      currency: charge.currency,
      ...(status === "failed" ? { failure_reason: "lost_or_stolen_card" } : {}),
      metadata: stringRecord(params.metadata),
      payment_intent: charge.payment_intent,
      reason,
      status,
    };
    this.#refunds.set(refund.id, refund);
    if (status !== "failed") {
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
    }
    await this.#emit("refund.created", refund);
    await this.#emit("charge.refunded", {
      ...charge,
      refunds: {
        object: "list",
        data: [...this.#refunds.values()]
          .filter((each) => each.charge === charge.id)
          .reverse(),
        has_more: false,
        url: `/v1/charges/${charge.id}/refunds`,
      },
    });
    if (status === "failed") await this.#emit("refund.failed", refund);
    return json(200, refund);
  }

  #getRefund(id: string): Response {
    const refund = this.#refunds.get(id);
    return refund ? json(200, refund) : noSuch("refund", id, "id");
  }

  // The shopper's 3-D Secure page: GET shows it, POST answers it.
  async #challenge(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const id = url.pathname.slice("/3ds/".length);
    const intent = this.#intents.get(id);
    if (!intent) return page(404, "<p>No such payment.</p>");
    if (intent.status !== "requires_action") {
      return page(
        409,
        "<p>This payment is not waiting for authentication.</p>",
      );
    }
    if (request.method === "GET") {
      const action = `/3ds/${encodeURIComponent(id)}`;
      return page(
        200,
        `<h1>3D Secure 2 test page</h1>
<p>Authenticate a payment of ${intent.amount} ${
          escapeHtml(intent.currency.toUpperCase())
        } (${escapeHtml(id)}).</p>
<form method="post" action="${action}">
<button name="outcome" value="complete">Complete authentication</button>
<button name="outcome" value="fail">Fail authentication</button>
</form>`,
      );
    }
    if (request.method !== "POST") {
      return page(405, "<p>Method not allowed.</p>");
    }
    const form = new URLSearchParams(await request.text());
    const outcome = form.get("outcome");
    if (outcome !== "complete" && outcome !== "fail") {
      return page(400, "<p>Choose Complete or Fail.</p>");
    }
    await this.completeChallenge(id, outcome);
    const returnUrl = this.#returnUrls.get(id);
    if (!returnUrl) return page(200, "<p>Done: you may close this page.</p>");
    const back = new URL(returnUrl);
    back.searchParams.set("payment_intent", intent.id);
    back.searchParams.set("payment_intent_client_secret", intent.client_secret);
    back.searchParams.set(
      "redirect_status",
      outcome === "complete" ? "succeeded" : "failed",
    );
    return new Response(null, {
      status: 303,
      headers: { Location: back.href },
    });
  }

  async #emit(
    type: string,
    object: object,
    options: { timestamp?: number } = {},
  ): Promise<FakeWebhook> {
    const id = `evt_${randomId(24)}`;
    const body = JSON.stringify(
      {
        id,
        object: "event",
        api_version: Stripe.API_VERSION,
        created: this.#seconds(),
        data: { object: structuredClone(object) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      },
      null,
      2,
    );
    const timestamp = options.timestamp ?? this.#seconds();
    const webhook = {
      id,
      type,
      body,
      signature: await this.sign(body, { timestamp }),
      timestamp,
    };
    this.webhooks.push(webhook);
    return webhook;
  }

  #seconds(): number {
    return Math.floor(this.#now().getTime() / 1000);
  }
}

function bearer(header: string | null): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(" ", 2);
  if (scheme === "Bearer") return value;
  if (scheme === "Basic" && value) {
    try {
      return atob(value).split(":")[0];
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function injected(status: number): Response {
  if (status === 429) {
    return stripeError(429, {
      type: "invalid_request_error",
      code: "rate_limit",
      message:
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
    });
  }
  return stripeError(status, {
    type: "api_error",
    message: "An unknown error occurred",
  });
}

function integerParam(
  params: Record<string, FormValue>,
  name: string,
): number | Response {
  const value = params[name];
  if (value === undefined) return missing(name);
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value) || value === "0") {
    return stripeError(400, {
      type: "invalid_request_error",
      code: "parameter_invalid_integer",
      param: name,
      message: `Invalid positive integer: ${name}`,
    });
  }
  return Number(value);
}

function stringParam(value: FormValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function stringRecord(value: FormValue | undefined): Record<string, string> {
  if (typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}

function paymentMethod(id: string): Record<string, unknown> {
  return {
    id,
    object: "payment_method",
    type: "card",
    card: { brand: "visa", last4: FAKE_PAYMENT_METHODS[id]?.last4 ?? "4242" },
  };
}

function missing(param: string): Response {
  return stripeError(400, {
    type: "invalid_request_error",
    code: "parameter_missing",
    param,
    message: `Missing required param: ${param}.`,
  });
}

function noSuch(what: string, id: string, param: string): Response {
  return stripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${what}: '${id}'`,
  });
}

function noSuchPaymentMethod(id: string): Response {
  return stripeError(400, {
    type: "invalid_request_error",
    code: "resource_missing",
    param: "payment_method",
    message: `No such PaymentMethod: '${id}'`,
  });
}

function stripeError(status: number, error: Record<string, unknown>): Response {
  return json(status, { error });
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(
    typeof body === "string" ? body : JSON.stringify(body, null, 2),
    {
      status,
      headers: {
        "Content-Type": "application/json",
        "Request-Id": `req_${randomId(14)}`,
        "Stripe-Version": Stripe.API_VERSION,
        ...headers,
      },
    },
  );
}

function page(status: number, body: string): Response {
  return new Response(
    `<!doctype html><html><head><meta charset="utf-8"><title>Stripe test</title></head><body>${body}</body></html>`,
    { status, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ALPHABET =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
