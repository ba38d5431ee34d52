/**
 * A fake PayPal for tests: a local HTTP server speaking the REST calls
 * the adapter makes, in PayPal's shapes (paths, `PayPal-Request-Id`
 * replays, status codes, the `{ name, message, debug_id, details }` error
 * body), checking client credentials and bearer tokens as PayPal does. It
 * serves a buyer approval page (`/checkoutnow?token=<order id>`) whose
 * buttons send the shopper back to the order's return or cancel URL, and
 * it signs webhook deliveries exactly like PayPal, with its own RSA key
 * and a self-signed certificate it serves itself.
 *
 * The adapter only fetches certificates from PayPal's own certificate path
 * on its API hosts; {@link FakePayPal.fetch} routes
 * `https://api.sandbox.paypal.com/v1/notifications/certs/...` to the fake,
 * so tests pass it as the adapter's `fetch` and production code never
 * relaxes its host rule.
 *
 * @module
 */
import type { Fetch } from "../_http.ts";
import { crc32 } from "./_crc32.ts";
import {
  PAYPAL_AUTH_ALGO,
  PAYPAL_CERT_PATH as CERT_PATH,
  PAYPAL_SIGNATURE_HEADERS,
} from "./signature.ts";

/**
 * The origin of the certificate URLs the fake puts in its deliveries:
 * PayPal's sandbox API host, one the adapter accepts.
 */
export const FAKE_CERT_ORIGIN = "https://api.sandbox.paypal.com";
const RSA_KEY = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

/** The key pair and certificate PayPal signs webhooks with. */
export interface FakePayPalIdentity {
  keys: CryptoKeyPair;
  /** The self-signed certificate of `keys.publicKey`, PEM. */
  certificatePem: string;
}

/**
 * A new RSA key pair (or `keys`) and a self-signed certificate for it
 * (`CN=messageverificationcerts.paypal.com`, valid from a day ago for a
 * year unless `validFrom`/`validTo` say otherwise). Making a key pair
 * takes a few hundred milliseconds: tests make theirs once per file.
 */
export async function createPayPalIdentity(
  options: { keys?: CryptoKeyPair; validFrom?: Date; validTo?: Date } = {},
): Promise<FakePayPalIdentity> {
  // Loaded here, not at the top, so importing the fake through `mod.ts`
  // costs production nothing; x509 needs reflect-metadata first.
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(crypto);
  const keys = options.keys ??
    await crypto.subtle.generateKey(RSA_KEY, true, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
  const day = 86_400_000;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomHex(8),
    name: "CN=messageverificationcerts.paypal.com, O=PayPal\\, Inc., C=US",
    notBefore: options.validFrom ?? new Date(Date.now() - day),
    notAfter: options.validTo ?? new Date(Date.now() + 365 * day),
    signingAlgorithm: RSA_KEY,
    keys,
  });
  return { keys, certificatePem: certificate.toString("pem") };
}

/** Options of {@link FakePayPal.start}. */
export interface FakePayPalOptions {
  /** The REST app's client id the fake accepts (`fake-client-id`). */
  clientId?: string;
  /** The REST app's secret the fake accepts (`fake-client-secret`). */
  clientSecret?: string;
  /** The id of the webhook it signs deliveries for (`WH-FAKE-0001`). */
  webhookId?: string;
  /** Its signing key and certificate (a new one when absent). */
  identity?: FakePayPalIdentity;
  /** Access tokens' lifetime in seconds (32400, as PayPal's). */
  tokenTtlSeconds?: number;
  /** The fake's clock (timestamps, token expiry, transmission times). */
  now?: () => Date;
}

/** How the next capture ends. */
export type FakeCaptureOutcome =
  /** Captured (the default). */
  | "completed"
  /** The capture is declined: order `COMPLETED`, capture `DECLINED`. */
  | "declined"
  /** 422 `INSTRUMENT_DECLINED`: the buyer must pick another funding source. */
  | "instrument_declined"
  /** Captured but held for review: capture `PENDING`. */
  | "pending";

/** A call that reached the fake. */
export interface FakeCall {
  method: string;
  path: string;
  requestId?: string;
}

/** A webhook event the fake has produced (not yet delivered anywhere). */
export interface FakePayPalEvent {
  /** PayPal's event id (`WH-...`): redeliveries repeat it. */
  id: string;
  eventType: string;
  /** The exact JSON body every delivery of it carries. */
  body: string;
}

/** One signed delivery of an event, and how the receiver answered. */
export interface FakeDelivery {
  eventId: string;
  transmissionId: string;
  status: number;
  /** The receiver's answer body. */
  body: string;
}

/** Signs a delivery differently from PayPal, to test the receiving end. */
export interface FakeDeliveryOptions {
  /** The transmission time (now by the fake's clock). */
  transmissionTime?: Date;
  /** Sign with this key instead of the fake's own. */
  signingKey?: CryptoKey;
  /** Put this certificate URL in the headers. */
  certUrl?: string;
  /** Sign for this webhook id instead of the fake's. */
  webhookId?: string;
}

/** Where deliveries go: a URL, reached with `fetch` or with `deliver`. */
export interface FakeDeliveryTarget {
  url: string;
  deliver?: (request: Request) => Promise<Response>;
}

interface Failure {
  remaining: number;
  status: number;
  hang: boolean;
  path?: string;
}

interface Delay {
  remaining: number;
  ms: number;
  path?: string;
}

interface FakeCapture {
  id: string;
  orderId: string;
  status: string;
  reason?: string;
  currency: string;
  units: bigint;
  fee: bigint;
  refunded: bigint;
  createTime: string;
  updateTime: string;
}

interface FakeRefund {
  id: string;
  captureId: string;
  status: string;
  currency: string;
  units: bigint;
  customId?: string;
  noteToPayer?: string;
  createTime: string;
}

interface FakeOrder {
  id: string;
  status: string;
  referenceId: string;
  customId?: string;
  invoiceId?: string;
  currency: string;
  units: bigint;
  returnUrl: string;
  cancelUrl: string;
  payerId?: string;
  captures: FakeCapture[];
  createTime: string;
  updateTime: string;
}

interface Stored {
  status: number;
  body: unknown;
}

const ZERO_DECIMAL = new Set(["JPY", "HUF", "TWD"]);
const CURRENCIES = new Set([
  "AUD",
  "BRL",
  "CAD",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "HKD",
  "HUF",
  "ILS",
  "JPY",
  "MYR",
  "MXN",
  "TWD",
  "NZD",
  "NOK",
  "PHP",
  "PLN",
  "GBP",
  "SGD",
  "SEK",
  "CHF",
  "THB",
  "USD",
]);

const PROBLEM_MESSAGES: Record<string, string> = {
  INVALID_REQUEST:
    "Request is not well-formed, syntactically incorrect, or violates schema.",
  AUTHENTICATION_FAILURE:
    "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
  RESOURCE_NOT_FOUND: "The specified resource does not exist.",
  UNPROCESSABLE_ENTITY:
    "The requested action could not be performed, semantically incorrect, or failed business validation.",
  VALIDATION_ERROR: "Invalid request - see details",
  RATE_LIMIT_REACHED: "Too many requests. Blocked due to rate limiting.",
  INTERNAL_SERVER_ERROR: "An internal server error has occurred.",
  SERVICE_UNAVAILABLE: "Service Unavailable.",
};

/**
 * The fake PayPal server. Start it with {@link FakePayPal.start}, point
 * the adapter's `apiUrl` at `url` and its `fetch` at `fetch`, and
 * `close()` it at the end of the test.
 */
export class FakePayPal {
  /** Where the fake listens (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** The client id it accepts. */
  readonly clientId: string;
  /** The client secret it accepts. */
  readonly clientSecret: string;
  /** The webhook id its deliveries are signed for. */
  readonly webhookId: string;
  /** Its certificate's URL, as deliveries name it (on {@link FAKE_CERT_ORIGIN}). */
  readonly certUrl: string;
  /** Every call, in order (API, pages and certificates). */
  readonly calls: FakeCall[] = [];
  /** Every event produced, in order. */
  readonly events: FakePayPalEvent[] = [];
  /** Every delivery made, in order. */
  readonly deliveries: FakeDelivery[] = [];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #identity: FakePayPalIdentity;
  readonly #certificates = new Map<string, string>();
  // Certificate names answered with a redirect, and where to.
  readonly #redirects = new Map<string, string>();
  readonly #now: () => Date;
  readonly #tokenTtl: number;
  readonly #tokens = new Map<string, number>();
  readonly #orders = new Map<string, FakeOrder>();
  readonly #captures = new Map<string, FakeCapture>();
  readonly #refunds = new Map<string, FakeRefund>();
  readonly #stored = new Map<string, Stored>();
  readonly #failures: Failure[] = [];
  readonly #delays: Delay[] = [];
  readonly #captureOutcomes: FakeCaptureOutcome[] = [];
  readonly #refundOutcomes: ("completed" | "pending")[] = [];
  readonly #hanging = new Set<() => void>();
  #closed: Promise<void> | undefined;

  private constructor(
    options: FakePayPalOptions & { identity: FakePayPalIdentity },
  ) {
    this.clientId = options.clientId ?? "fake-client-id";
    this.clientSecret = options.clientSecret ?? "fake-client-secret";
    this.webhookId = options.webhookId ?? "WH-FAKE-0001";
    this.#identity = options.identity;
    this.#now = options.now ?? (() => new Date());
    this.#tokenTtl = options.tokenTtlSeconds ?? 32_400;
    this.certUrl = this.addCertificate(options.identity.certificatePem);
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (request) => this.#handle(request),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Start a fake PayPal on a free local port. */
  static async start(options: FakePayPalOptions = {}): Promise<FakePayPal> {
    const identity = options.identity ?? await createPayPalIdentity();
    return new FakePayPal({ ...options, identity });
  }

  /**
   * A `fetch` that sends certificate URLs on {@link FAKE_CERT_ORIGIN} to
   * the fake and everything else on: the adapter's `fetch` in tests.
   */
  readonly fetch: Fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(FAKE_CERT_ORIGIN + CERT_PATH)) {
      return fetch(input, init);
    }
    const local = this.url + url.slice(FAKE_CERT_ORIGIN.length);
    return fetch(
      input instanceof Request ? new Request(local, input) : local,
      init,
    );
  };

  /**
   * Serve another certificate (an expired one, another key's) and return
   * its URL on {@link FAKE_CERT_ORIGIN}.
   */
  addCertificate(certificatePem: string): string {
    const name = `CERT-360caa42-fca2a594-${randomHex(4)}`;
    this.#certificates.set(name, certificatePem);
    return `${FAKE_CERT_ORIGIN}${CERT_PATH}${name}`;
  }

  /**
   * A certificate URL on {@link FAKE_CERT_ORIGIN} answered with a 302 to
   * `location` (the fake's own certificate on its local address by
   * default, so a client following it would find a valid key).
   */
  addRedirect(location?: string): string {
    const name = `CERT-360caa42-fca2a594-${randomHex(4)}`;
    this.#redirects.set(
      name,
      location ?? this.url + new URL(this.certUrl).pathname,
    );
    return `${FAKE_CERT_ORIGIN}${CERT_PATH}${name}`;
  }

  /**
   * Make the next `times` (1) calls, or those whose path starts with
   * `path`, answer `status` (503), or hang without an answer until the
   * fake closes (`hang`: the caller's timeout or abort ends its wait).
   */
  failNext(
    options: {
      times?: number;
      status?: number;
      hang?: boolean;
      path?: string;
    } = {},
  ): void {
    this.#failures.push({
      remaining: options.times ?? 1,
      status: options.status ?? 503,
      hang: options.hang ?? false,
      path: options.path,
    });
  }

  /**
   * Make the next `times` (1) calls, or those whose path starts with
   * `path`, wait `ms` before they are answered as usual.
   */
  delayNext(
    options: { ms: number; times?: number; path?: string },
  ): void {
    this.#delays.push({
      remaining: options.times ?? 1,
      ms: options.ms,
      path: options.path,
    });
  }

  /** Decide how the next capture ends (each call queues one outcome). */
  nextCapture(outcome: FakeCaptureOutcome): void {
    this.#captureOutcomes.push(outcome);
  }

  /** Make the next refund stay `PENDING` (no webhook until settled). */
  nextRefundPending(): void {
    this.#refundOutcomes.push("pending");
  }

  /** Revoke every access token handed out: the next API call gets a 401. */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  /** How many orders exist. */
  get orderCount(): number {
    return this.#orders.size;
  }

  /** An order as `GET /v2/checkout/orders/{id}` shows it, or `undefined`. */
  order(id: string): Record<string, unknown> | undefined {
    const order = this.#orders.get(id);
    return order && this.#orderJson(order);
  }

  /**
   * Approve an order as the buyer's Approve button does (emits
   * `CHECKOUT.ORDER.APPROVED`); returns the URL the buyer is sent to.
   */
  approve(orderId: string): string {
    const order = this.#orders.get(orderId);
    if (!order || order.status !== "PAYER_ACTION_REQUIRED") {
      throw new Error(
        `Fake PayPal order '${orderId}' is not awaiting approval`,
      );
    }
    order.status = "APPROVED";
    order.payerId = randomId(13);
    order.updateTime = this.#time();
    this.#emit("CHECKOUT.ORDER.APPROVED", {
      resourceType: "checkout-order",
      resource: this.#orderJson(order),
      summary: "An order has been approved by buyer",
    });
    const back = new URL(order.returnUrl);
    back.searchParams.set("token", order.id);
    back.searchParams.set("PayerID", order.payerId);
    return back.href;
  }

  /** Finish a `PENDING` capture (emits the matching webhook). */
  settleCapture(captureId: string, status: "COMPLETED" | "DECLINED"): void {
    const capture = this.#captures.get(captureId);
    if (!capture || capture.status !== "PENDING") {
      throw new Error(`Fake PayPal capture '${captureId}' is not pending`);
    }
    capture.status = status;
    capture.reason = undefined;
    capture.updateTime = this.#time();
    this.#emitCapture(capture);
  }

  /**
   * Produce an event of any type with `resource` (a dispute, a type the
   * store ignores) as PayPal would send it.
   */
  emit(
    eventType: string,
    resource: Record<string, unknown>,
    options: { resourceType?: string; summary?: string } = {},
  ): FakePayPalEvent {
    return this.#emit(eventType, {
      resourceType: options.resourceType ??
        eventType.split(".")[0].toLowerCase(),
      resource,
      summary: options.summary ?? `A ${eventType} event`,
    });
  }

  /** The last event of `eventType` produced, or `undefined`. */
  lastEvent(eventType: string): FakePayPalEvent | undefined {
    return this.events.findLast((event) => event.eventType === eventType);
  }

  /**
   * One delivery of `event` to `url`, signed as PayPal signs it: a new
   * transmission id and time each time, the same body.
   */
  async webhookRequest(
    event: FakePayPalEvent,
    url: string,
    options: FakeDeliveryOptions = {},
  ): Promise<Request> {
    const transmissionId = crypto.randomUUID();
    const time = iso(options.transmissionTime ?? this.#now());
    const text = `${transmissionId}|${time}|${
      options.webhookId ?? this.webhookId
    }|${crc32(event.body)}`;
    const signature = await crypto.subtle.sign(
      RSA_KEY,
      options.signingKey ?? this.#identity.keys.privateKey,
      new TextEncoder().encode(text),
    );
    const H = PAYPAL_SIGNATURE_HEADERS;
    return new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "PayPal/AUHD-214.0-58391011",
        "correlation-id": randomHex(7),
        [H.transmissionId]: transmissionId,
        [H.transmissionTime]: time,
        [H.transmissionSig]: btoa(
          String.fromCharCode(...new Uint8Array(signature)),
        ),
        [H.certUrl]: options.certUrl ?? this.certUrl,
        [H.authAlgo]: PAYPAL_AUTH_ALGO,
      },
      body: event.body,
    });
  }

  /**
   * Deliver `event` to `target` (through `target.deliver` when given,
   * else over HTTP), record the delivery and the receiver's answer.
   */
  async deliver(
    event: FakePayPalEvent,
    target: FakeDeliveryTarget,
    options: FakeDeliveryOptions = {},
  ): Promise<FakeDelivery> {
    const request = await this.webhookRequest(event, target.url, options);
    const transmissionId = request.headers.get(
      PAYPAL_SIGNATURE_HEADERS.transmissionId,
    )!;
    const response = await (target.deliver ?? fetch)(request);
    const delivery = {
      eventId: event.id,
      transmissionId,
      status: response.status,
      body: await response.text(),
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Release hanging calls and stop the server (idempotent). */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const release of [...this.#hanging]) release();
      await this.#server.shutdown();
    })();
    return this.#closed;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    const requestId = request.headers.get("paypal-request-id") ?? undefined;
    this.calls.push({
      method: request.method,
      path,
      ...(requestId ? { requestId } : {}),
    });
    const failure = this.#failures.find((f) =>
      f.remaining > 0 && (!f.path || path.startsWith(f.path))
    );
    if (failure) {
      failure.remaining--;
      if (failure.remaining === 0) {
        this.#failures.splice(this.#failures.indexOf(failure), 1);
      }
      if (failure.hang) await this.#hang();
      return problem(failure.status);
    }
    const delay = this.#delays.find((d) =>
      d.remaining > 0 && (!d.path || path.startsWith(d.path))
    );
    if (delay) {
      delay.remaining--;
      if (delay.remaining === 0) {
        this.#delays.splice(this.#delays.indexOf(delay), 1);
      }
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const method = request.method;
    let match: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/oauth2/token") {
      return await this.#token(request);
    }
    if (method === "GET" && path.startsWith(CERT_PATH)) {
      const name = path.slice(CERT_PATH.length);
      const location = this.#redirects.get(name);
      if (location) {
        return new Response(null, { status: 302, headers: { location } });
      }
      const pem = this.#certificates.get(name);
      return pem
        ? new Response(pem, { headers: { "content-type": "text/plain" } })
        : problem(404);
    }
    if (method === "GET" && path === "/checkoutnow") {
      return this.#approvalPage(url.searchParams.get("token") ?? "");
    }
    if (
      method === "POST" &&
      (path === "/checkoutnow/approve" || path === "/checkoutnow/cancel")
    ) {
      const form = await request.formData();
      return this.#answerApproval(
        String(form.get("token") ?? ""),
        path.endsWith("approve"),
      );
    }
    if (!this.#authorized(request)) {
      await request.body?.cancel();
      return problem(401);
    }
    if (
      method === "POST" && path === "/v1/notifications/verify-webhook-signature"
    ) {
      return await this.#verifySignature(request);
    }
    if (method === "POST" && path === "/v2/checkout/orders") {
      return await this.#createOrder(request, requestId);
    }
    if (
      method === "GET" &&
      (match = path.match(/^\/v2\/checkout\/orders\/([A-Z0-9]+)$/))
    ) {
      const order = this.#orders.get(match[1]);
      return order ? json(200, this.#orderJson(order)) : notFound();
    }
    if (
      method === "POST" &&
      (match = path.match(/^\/v2\/checkout\/orders\/([A-Z0-9]+)\/capture$/))
    ) {
      await request.body?.cancel();
      return this.#capture(match[1], requestId);
    }
    if (
      method === "GET" &&
      (match = path.match(/^\/v2\/payments\/captures\/([A-Z0-9]+)$/))
    ) {
      const capture = this.#captures.get(match[1]);
      return capture ? json(200, this.#captureJson(capture)) : notFound();
    }
    if (
      method === "POST" &&
      (match = path.match(/^\/v2\/payments\/captures\/([A-Z0-9]+)\/refund$/))
    ) {
      return await this.#refund(request, match[1], requestId);
    }
    await request.body?.cancel();
    return notFound();
  }

  // Held until the fake closes: the caller's own timeout is what ends it
  // (Deno tells a handler of a client gone only through a legacy signal).
  #hang(): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        this.#hanging.delete(release);
        resolve();
      };
      this.#hanging.add(release);
    });
  }

  async #token(request: Request): Promise<Response> {
    const expected = `Basic ${btoa(`${this.clientId}:${this.clientSecret}`)}`;
    const form = new URLSearchParams(await request.text());
    if (request.headers.get("authorization") !== expected) {
      return json(401, {
        error: "invalid_client",
        error_description: "Client Authentication failed",
      });
    }
    if (form.get("grant_type") !== "client_credentials") {
      return json(400, {
        error: "unsupported_grant_type",
        error_description: "unsupported grant_type",
      });
    }
    const token = `A21AA${randomHex(32)}`;
    this.#tokens.set(token, this.#now().getTime() + this.#tokenTtl * 1000);
    return json(200, {
      scope:
        "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund",
      access_token: token,
      token_type: "Bearer",
      app_id: "APP-80W284485P519543T",
      expires_in: this.#tokenTtl,
      nonce: `${iso(this.#now())}${randomHex(8)}`,
    });
  }

  #authorized(request: Request): boolean {
    const header = request.headers.get("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const expiresAt = this.#tokens.get(token);
    return expiresAt !== undefined && this.#now().getTime() < expiresAt;
  }

  async #createOrder(
    request: Request,
    requestId: string | undefined,
  ): Promise<Response> {
    const body = await readBody(request);
    if (!body) {
      return invalid("MALFORMED_REQUEST_JSON", { field: "/", value: "body" });
    }
    const source = body.payment_source as Record<string, unknown> | undefined;
    if (source && !requestId) {
      return problem(400, {
        details: [{
          issue: "PAYPAL_REQUEST_ID_REQUIRED",
          description:
            "A PayPal-Request-Id is required if you are trying to process payment for an Order.",
        }],
      });
    }
    const key = `create|${requestId}`;
    const known = requestId && this.#stored.get(key);
    if (known) {
      const order = this.#orders.get(String(known.body))!;
      return json(200, this.#orderJson(order));
    }
    if (body.intent !== "CAPTURE") {
      return invalid("INVALID_PARAMETER_VALUE", {
        field: "/intent",
        value: body.intent,
      });
    }
    const units = body.purchase_units;
    if (!Array.isArray(units) || units.length !== 1) {
      return invalid("INVALID_ARRAY_LENGTH", {
        field: "/purchase_units",
        value: units,
      });
    }
    const unit = units[0] as Record<string, unknown>;
    const amount = unit.amount as Record<string, unknown> | undefined;
    const checked = checkAmount(
      amount,
      "/purchase_units/@reference_id=='default'/amount",
    );
    if (checked instanceof Response) return checked;
    for (
      const [field, max] of [["custom_id", 127], ["invoice_id", 127], [
        "reference_id",
        256,
      ]] as const
    ) {
      const value = unit[field];
      if (
        value !== undefined && (typeof value !== "string" || value.length > max)
      ) {
        return invalid("INVALID_STRING_LENGTH", {
          field: `/purchase_units/0/${field}`,
          value: value,
        });
      }
    }
    const context = (source?.paypal as Record<string, unknown> | undefined)
      ?.experience_context as Record<string, unknown> | undefined;
    const returnUrl = absolute(context?.return_url);
    const cancelUrl = absolute(context?.cancel_url);
    if (!returnUrl || !cancelUrl) {
      return invalid("INVALID_PARAMETER_SYNTAX", {
        field: "/payment_source/paypal/experience_context/return_url",
        value: context?.return_url,
      });
    }
    const now = this.#time();
    const order: FakeOrder = {
      id: randomId(17),
      status: "PAYER_ACTION_REQUIRED",
      referenceId: typeof unit.reference_id === "string"
        ? unit.reference_id
        : "default",
      customId: unit.custom_id as string | undefined,
      invoiceId: unit.invoice_id as string | undefined,
      currency: checked.currency,
      units: checked.units,
      returnUrl,
      cancelUrl,
      captures: [],
      createTime: now,
      updateTime: now,
    };
    this.#orders.set(order.id, order);
    if (requestId) this.#stored.set(key, { status: 200, body: order.id });
    return json(200, this.#orderJson(order));
  }

  #capture(orderId: string, requestId: string | undefined): Response {
    const order = this.#orders.get(orderId);
    if (!order) return notFound();
    const key = `capture:${orderId}|${requestId}`;
    const known = requestId && this.#stored.get(key);
    if (known) return json(known.status, known.body);
    if (order.status === "COMPLETED") {
      return problem(422, {
        details: [{
          issue: "ORDER_ALREADY_CAPTURED",
          description:
            "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
        }],
      });
    }
    if (order.status !== "APPROVED") {
      return problem(422, {
        details: [{
          issue: "ORDER_NOT_APPROVED",
          description:
            "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
        }],
      });
    }
    const outcome = this.#captureOutcomes.shift() ?? "completed";
    if (outcome === "instrument_declined") {
      order.status = "PAYER_ACTION_REQUIRED";
      return problem(422, {
        details: [{
          issue: "INSTRUMENT_DECLINED",
          description:
            "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.",
        }],
        links: [{
          href: `${this.url}/checkoutnow?token=${order.id}`,
          rel: "redirect",
          method: "GET",
        }],
      });
    }
    const now = this.#time();
    const capture: FakeCapture = {
      id: randomId(17),
      orderId: order.id,
      status: outcome === "completed"
        ? "COMPLETED"
        : outcome === "pending"
        ? "PENDING"
        : "DECLINED",
      ...(outcome === "pending" ? { reason: "PENDING_REVIEW" } : {}),
      currency: order.currency,
      units: order.units,
      fee: fee(order.units, order.currency),
      refunded: 0n,
      createTime: now,
      updateTime: now,
    };
    order.captures.push(capture);
    order.status = "COMPLETED";
    order.updateTime = now;
    this.#captures.set(capture.id, capture);
    this.#emitCapture(capture);
    const body = this.#orderJson(order);
    if (requestId) this.#stored.set(key, { status: 201, body });
    return json(201, body);
  }

  async #refund(
    request: Request,
    captureId: string,
    requestId: string | undefined,
  ): Promise<Response> {
    const capture = this.#captures.get(captureId);
    if (!capture) {
      await request.body?.cancel();
      return notFound();
    }
    const body = await readBody(request);
    if (!body) {
      return invalid("MALFORMED_REQUEST_JSON", { field: "/", value: "body" });
    }
    const key = `refund:${captureId}|${requestId}`;
    const known = requestId && this.#stored.get(key);
    if (known) return json(known.status, known.body);
    if (capture.status === "REFUNDED") {
      return unprocessable(
        "CAPTURE_FULLY_REFUNDED",
        "The capture has already been fully refunded",
      );
    }
    if (
      capture.status !== "COMPLETED" && capture.status !== "PARTIALLY_REFUNDED"
    ) {
      return unprocessable(
        "REFUND_NOT_ALLOWED",
        "Refund cannot be issued for this capture.",
      );
    }
    let units = capture.units - capture.refunded;
    if (body.amount !== undefined) {
      const amount = body.amount as Record<string, unknown>;
      const checked = checkAmount(amount, "/amount");
      if (checked instanceof Response) return checked;
      if (checked.currency !== capture.currency) {
        return unprocessable(
          "REFUND_CAPTURE_CURRENCY_MISMATCH",
          "Refund must be in the same currency as the capture.",
        );
      }
      units = checked.units;
    }
    if (units > capture.units - capture.refunded) {
      return unprocessable(
        "REFUND_AMOUNT_EXCEEDED",
        "The refund amount must be less than or equal to the capture amount that has not yet been refunded.",
      );
    }
    for (
      const [field, max] of [["custom_id", 127], [
        "note_to_payer",
        255,
      ]] as const
    ) {
      const value = body[field];
      if (
        value !== undefined && (typeof value !== "string" || value.length > max)
      ) {
        return invalid("INVALID_STRING_LENGTH", {
          field: `/${field}`,
          value: value,
        });
      }
    }
    const pending = this.#refundOutcomes.shift() === "pending";
    const refund: FakeRefund = {
      id: randomId(17),
      captureId,
      status: pending ? "PENDING" : "COMPLETED",
      currency: capture.currency,
      units,
      customId: body.custom_id as string | undefined,
      noteToPayer: body.note_to_payer as string | undefined,
      createTime: this.#time(),
    };
    this.#refunds.set(refund.id, refund);
    // A pending refund holds its amount too: nothing refunds it twice.
    capture.refunded += units;
    capture.status = capture.refunded === capture.units
      ? "REFUNDED"
      : "PARTIALLY_REFUNDED";
    capture.updateTime = refund.createTime;
    if (!pending) {
      this.#emit("PAYMENT.CAPTURE.REFUNDED", {
        resourceType: "refund",
        resource: this.#refundJson(refund),
        summary: `A ${
          value(units, refund.currency)
        } ${refund.currency} capture payment was refunded`,
      });
    }
    const answer = this.#refundJson(refund);
    if (requestId) this.#stored.set(key, { status: 201, body: answer });
    return json(201, answer);
  }

  async #verifySignature(request: Request): Promise<Response> {
    const body = await readBody(request);
    if (!body) {
      return invalid("MALFORMED_REQUEST_JSON", { field: "/", value: "body" });
    }
    const fields = [
      "auth_algo",
      "cert_url",
      "transmission_id",
      "transmission_sig",
      "transmission_time",
      "webhook_id",
    ];
    for (const field of fields) {
      if (typeof body[field] !== "string" || body[field] === "") {
        return problem(400, {
          name: "VALIDATION_ERROR",
          details: [{
            field,
            location: "body",
            issue: "Required field cannot be blank",
          }],
        });
      }
    }
    if (typeof body.webhook_event !== "object" || body.webhook_event === null) {
      return problem(400, {
        name: "VALIDATION_ERROR",
        details: [{
          field: "webhook_event",
          location: "body",
          issue: "Required field cannot be blank",
        }],
      });
    }
    const pem = this.#certificates.get(
      String(body.cert_url).slice((FAKE_CERT_ORIGIN + CERT_PATH).length),
    );
    let ok = false;
    if (
      pem === this.#identity.certificatePem &&
      String(body.cert_url).startsWith(FAKE_CERT_ORIGIN + CERT_PATH) &&
      body.webhook_id === this.webhookId &&
      body.auth_algo === PAYPAL_AUTH_ALGO
    ) {
      const text =
        `${body.transmission_id}|${body.transmission_time}|${body.webhook_id}|${
          crc32(JSON.stringify(body.webhook_event))
        }`;
      try {
        const signature = Uint8Array.from(
          atob(String(body.transmission_sig)),
          (c) => c.charCodeAt(0),
        );
        ok = await crypto.subtle.verify(
          RSA_KEY,
          this.#identity.keys.publicKey,
          signature,
          new TextEncoder().encode(text),
        );
      } catch {
        ok = false;
      }
    }
    return json(200, { verification_status: ok ? "SUCCESS" : "FAILURE" });
  }

  #approvalPage(token: string): Response {
    const order = this.#orders.get(token);
    if (!order || order.status !== "PAYER_ACTION_REQUIRED") {
      return html(
        409,
        `<p>This checkout session is not waiting for approval.</p>`,
      );
    }
    const id = escapeHtml(order.id);
    return html(
      200,
      `<h1>Fake PayPal</h1>
<p>Pay <strong>${escapeHtml(value(order.units, order.currency))} ${
        escapeHtml(order.currency)
      }</strong>${
        order.invoiceId ? ` for invoice ${escapeHtml(order.invoiceId)}` : ""
      }.</p>
<form method="post" action="/checkoutnow/approve">
<input type="hidden" name="token" value="${id}">
<button type="submit" id="approve">Pay Now</button>
</form>
<form method="post" action="/checkoutnow/cancel">
<input type="hidden" name="token" value="${id}">
<button type="submit" id="cancel">Cancel and return to merchant</button>
</form>`,
    );
  }

  #answerApproval(token: string, approve: boolean): Response {
    const order = this.#orders.get(token);
    if (!order || order.status !== "PAYER_ACTION_REQUIRED") {
      return html(
        409,
        `<p>This checkout session is not waiting for approval.</p>`,
      );
    }
    if (approve) {
      return new Response(null, {
        status: 303,
        headers: { location: this.approve(order.id) },
      });
    }
    const back = new URL(order.cancelUrl);
    back.searchParams.set("token", order.id);
    return new Response(null, {
      status: 303,
      headers: { location: back.href },
    });
  }

  #emitCapture(capture: FakeCapture): void {
    const type = {
      COMPLETED: "PAYMENT.CAPTURE.COMPLETED",
      PENDING: "PAYMENT.CAPTURE.PENDING",
      DECLINED: "PAYMENT.CAPTURE.DECLINED",
    }[capture.status];
    if (!type) return;
    this.#emit(
      type,
      {
        resourceType: "capture",
        resource: {
          ...this.#captureJson(capture),
          supplementary_data: { related_ids: { order_id: capture.orderId } },
        },
        summary: `Payment ${capture.status.toLowerCase()} for ${
          value(capture.units, capture.currency)
        } ${capture.currency}`,
      },
    );
  }

  #emit(
    eventType: string,
    options: {
      resourceType: string;
      resource: Record<string, unknown>;
      summary: string;
    },
  ): FakePayPalEvent {
    const { resourceType, resource, summary } = options;
    const id = `WH-${randomId(17)}-${randomId(17)}`;
    const body = JSON.stringify({
      id,
      event_version: "1.0",
      create_time: new Date(this.#now()).toISOString(),
      resource_type: resourceType,
      resource_version: "2.0",
      event_type: eventType,
      summary,
      resource,
      links: [
        {
          href: `${this.url}/v1/notifications/webhooks-events/${id}`,
          rel: "self",
          method: "GET",
        },
        {
          href: `${this.url}/v1/notifications/webhooks-events/${id}/resend`,
          rel: "resend",
          method: "POST",
        },
      ],
    });
    const event = { id, eventType, body };
    this.events.push(event);
    return event;
  }

  #orderJson(order: FakeOrder): Record<string, unknown> {
    const payer = order.payerId
      ? {
        name: { given_name: "John", surname: "Doe" },
        email_address: "buyer@example.com",
        payer_id: order.payerId,
        address: { country_code: "US" },
      }
      : undefined;
    const links: Record<string, unknown>[] = [{
      href: `${this.url}/v2/checkout/orders/${order.id}`,
      rel: "self",
      method: "GET",
    }];
    if (order.status === "PAYER_ACTION_REQUIRED") {
      links.push({
        href: `${this.url}/checkoutnow?token=${order.id}`,
        rel: "payer-action",
        method: "GET",
      });
    }
    if (order.status === "APPROVED") {
      links.push({
        href: `${this.url}/v2/checkout/orders/${order.id}/capture`,
        rel: "capture",
        method: "POST",
      });
    }
    return {
      id: order.id,
      intent: "CAPTURE",
      status: order.status,
      payment_source: {
        paypal: payer
          ? {
            email_address: payer.email_address,
            account_id: payer.payer_id,
            account_status: "VERIFIED",
            name: payer.name,
            address: payer.address,
          }
          : {},
      },
      purchase_units: [{
        reference_id: order.referenceId,
        amount: amountJson(order.units, order.currency),
        payee: {
          email_address: "merchant@example.com",
          merchant_id: "FAKEMERCHANT7Q",
        },
        ...(order.customId ? { custom_id: order.customId } : {}),
        ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
        ...(order.captures.length > 0
          ? {
            payments: {
              captures: order.captures.map((c) => this.#captureJson(c)),
            },
          }
          : {}),
      }],
      ...(payer ? { payer } : {}),
      create_time: order.createTime,
      update_time: order.updateTime,
      links,
    };
  }

  #captureJson(capture: FakeCapture): Record<string, unknown> {
    const order = this.#orders.get(capture.orderId)!;
    const taken = capture.status !== "PENDING" && capture.status !== "DECLINED";
    return {
      id: capture.id,
      status: capture.status,
      ...(capture.reason ? { status_details: { reason: capture.reason } } : {}),
      amount: amountJson(capture.units, capture.currency),
      final_capture: true,
      seller_protection: {
        status: "ELIGIBLE",
        dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"],
      },
      ...(taken
        ? {
          seller_receivable_breakdown: {
            gross_amount: amountJson(capture.units, capture.currency),
            paypal_fee: amountJson(capture.fee, capture.currency),
            net_amount: amountJson(
              capture.units - capture.fee,
              capture.currency,
            ),
          },
        }
        : {}),
      ...(order.customId ? { custom_id: order.customId } : {}),
      ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
      links: [
        {
          href: `${this.url}/v2/payments/captures/${capture.id}`,
          rel: "self",
          method: "GET",
        },
        {
          href: `${this.url}/v2/payments/captures/${capture.id}/refund`,
          rel: "refund",
          method: "POST",
        },
        {
          href: `${this.url}/v2/checkout/orders/${capture.orderId}`,
          rel: "up",
          method: "GET",
        },
      ],
      create_time: capture.createTime,
      update_time: capture.updateTime,
    };
  }

  #refundJson(refund: FakeRefund): Record<string, unknown> {
    const capture = this.#captures.get(refund.captureId)!;
    const order = this.#orders.get(capture.orderId)!;
    return {
      id: refund.id,
      amount: amountJson(refund.units, refund.currency),
      seller_payable_breakdown: {
        gross_amount: amountJson(refund.units, refund.currency),
        paypal_fee: amountJson(0n, refund.currency),
        net_amount: amountJson(refund.units, refund.currency),
        total_refunded_amount: amountJson(capture.refunded, refund.currency),
      },
      ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
      ...(refund.customId ? { custom_id: refund.customId } : {}),
      ...(refund.noteToPayer ? { note_to_payer: refund.noteToPayer } : {}),
      status: refund.status,
      create_time: refund.createTime,
      update_time: refund.createTime,
      links: [
        {
          href: `${this.url}/v2/payments/refunds/${refund.id}`,
          rel: "self",
          method: "GET",
        },
        {
          href: `${this.url}/v2/payments/captures/${refund.captureId}`,
          rel: "up",
          method: "GET",
        },
      ],
    };
  }

  #time(): string {
    return iso(this.#now());
  }
}

// PayPal's amounts: units of its own decimals (none for JPY, HUF, TWD).
function checkAmount(
  amount: Record<string, unknown> | undefined,
  field: string,
): { currency: string; units: bigint } | Response {
  const currency = amount?.currency_code;
  const text = amount?.value;
  if (typeof currency !== "string" || typeof text !== "string") {
    return invalid("MISSING_REQUIRED_PARAMETER", {
      field: field,
      value: amount,
    });
  }
  if (!CURRENCIES.has(currency)) {
    return unprocessable(
      "CURRENCY_NOT_SUPPORTED",
      "Currency code is not currently supported.",
    );
  }
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    return invalid("INVALID_PARAMETER_SYNTAX", {
      field: `${field}/value`,
      value: text,
    });
  }
  const decimals = ZERO_DECIMAL.has(currency) ? 0 : 2;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    return unprocessable(
      "DECIMAL_PRECISION",
      "If the currency supports decimals, only two decimal place precision is supported.",
    );
  }
  const units = BigInt(match[1] + fraction.padEnd(decimals, "0"));
  if (units <= 0n) {
    return unprocessable(
      "CANNOT_BE_ZERO_OR_NEGATIVE",
      "Must be greater than zero.",
    );
  }
  return { currency, units };
}

function value(units: bigint, currency: string): string {
  if (ZERO_DECIMAL.has(currency)) return units.toString();
  const digits = units.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function amountJson(units: bigint, currency: string) {
  return { currency_code: currency, value: value(units, currency) };
}

// 3.49% plus a fixed fee, as PayPal's standard domestic rate.
function fee(units: bigint, currency: string): bigint {
  return units * 349n / 10_000n + (ZERO_DECIMAL.has(currency) ? 40n : 49n);
}

function statusName(status: number): string {
  if (status === 429) return "RATE_LIMIT_REACHED";
  if (status === 503) return "SERVICE_UNAVAILABLE";
  if (status >= 500) return "INTERNAL_SERVER_ERROR";
  if (status === 401) return "AUTHENTICATION_FAILURE";
  if (status === 404) return "RESOURCE_NOT_FOUND";
  if (status === 422) return "UNPROCESSABLE_ENTITY";
  return "INVALID_REQUEST";
}

function problem(
  status: number,
  options: {
    name?: string;
    details?: Record<string, unknown>[];
    links?: Record<string, unknown>[];
  } = {},
): Response {
  const { name = statusName(status), details, links = [] } = options;
  return json(status, {
    name,
    message: PROBLEM_MESSAGES[name] ?? name,
    debug_id: randomHex(7).slice(0, 13),
    ...(details ? { details } : {}),
    links: [
      {
        href:
          `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${
            details?.[0]?.issue ?? name
          }`,
        rel: "information_link",
        method: "GET",
      },
      ...links,
    ],
  });
}

function unprocessable(issue: string, description: string): Response {
  return problem(422, {
    details: [{ issue, description }],
  });
}

function invalid(
  issue: string,
  where: { field: string; value: unknown },
): Response {
  const { field, value } = where;
  return problem(400, {
    details: [{
      field,
      value: typeof value === "string" ? value : JSON.stringify(value ?? null),
      location: "body",
      issue,
    }],
  });
}

function notFound(): Response {
  return problem(404, {
    details: [{
      issue: "INVALID_RESOURCE_ID",
      description:
        "Specified resource ID does not exist. Please check the resource ID and try again.",
    }],
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json",
      "paypal-debug-id": randomHex(7).slice(0, 13),
    },
  });
}

function html(status: number, body: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake PayPal</title></head><body>\n${body}\n</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

async function readBody(
  request: Request,
): Promise<Record<string, unknown> | undefined> {
  try {
    const body = JSON.parse(await request.text());
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? body
      : undefined;
  } catch {
    return undefined;
  }
}

function absolute(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:"
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}

// PayPal writes times to the second.
function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function randomId(length: number): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (byte) => alphabet[byte % alphabet.length],
  ).join("");
}

function randomHex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (byte) => byte.toString(16).padStart(2, "0"),
  ).join("");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
