/**
 * WeChat Pay (`wechat`): API v3, Native payments. The store asks WeChat
 * Pay for a `code_url`, shows it as a QR code, and the shopper scans and
 * pays in the WeChat app; the outcome arrives as a signed callback whose
 * `resource` is sealed under the merchant's APIv3 key.
 *
 * No SDK: requests are signed and answers and callbacks verified with
 * WebCrypto (see `signature.ts`), resources opened with WebCrypto's
 * AES-GCM, which checks the tag (see `aead.ts`). Yuan only.
 *
 * Our transaction id is the merchant order number: `out_trade_no` is the
 * reference without its dashes (WeChat Pay allows 6 to 32 characters), so
 * a retried create finds the same order, and a callback's `out_trade_no`
 * gives the reference back. Refunds likewise use `out_refund_no`. An
 * order carries the attempt's deadline as `time_expire`, and a replaced
 * attempt is closed (`cancel`), so an old QR code cannot take money.
 *
 * An answer of 2xx that cannot be trusted or read (its signature does not
 * verify, its body is not what WeChat Pay sends) is transient, never a
 * refusal: WeChat Pay may well have done what was asked (placed the
 * order, accepted the refund), so the store keeps the attempt open and
 * asks again with the same merchant number.
 *
 * @module
 */
import { readMethod } from "../_method.ts";
import { z } from "zod";
import type { Logger } from "../../../edge/logger.ts";
import type { Money } from "../../pricing/mod.ts";
import { type Fetch, gatewayFetch, type GatewayResponse } from "../_http.ts";
import {
  GatewayRefused,
  GatewayTransientError,
  GatewayUnavailable,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
  type SignatureProblem,
} from "../errors.ts";
import type {
  CancelPaymentRequest,
  CancelPaymentResult,
  CreatePaymentRequest,
  CreatePaymentResult,
  GatewayEvent,
  GatewayEventType,
  PaymentGateway,
  RefundRequest,
  RefundResult,
  WebhookRequest,
} from "../gateway.ts";
import { allowsMarket, MARKET_RULES } from "../markets.ts";
import { chinaTime, randomNonce } from "./_util.ts";
import { decryptResource } from "./aead.ts";
import {
  authorizationHeader,
  checkWechatSignature,
  importPrivateKey,
  importPublicKey,
  privateKeyDer,
  publicKeyDer,
  requestMessage,
  signMessage,
} from "./signature.ts";

/** The WeChat Pay gateway's name. */
export const WECHAT_GATEWAY = "wechat";

/** WeChat Pay's production API. */
export const WECHAT_API_URL = "https://api.mch.weixin.qq.com";

/** How far a signature's timestamp may be from now by default, in seconds. */
export const WECHAT_TOLERANCE_SECONDS = 300;

/**
 * A key WeChat Pay signs with: a platform certificate's serial and its
 * public key (or the certificate itself, in PEM), or, in WeChat Pay's
 * public-key mode, the `PUB_KEY_ID_...` id and that public key.
 */
export interface WechatPlatformKey {
  /** As in the `Wechatpay-Serial` header. */
  serial: string;
  /** A PEM public key (`BEGIN PUBLIC KEY`) or certificate (`BEGIN CERTIFICATE`). */
  publicKeyPem: string;
}

/** Options of {@link WechatGateway}. */
export interface WechatGatewayOptions {
  /** The merchant id (`mchid`). */
  mchId: string;
  /** The app the payments are made in (`appid`, `wx...`). */
  appId: string;
  /** The serial of the merchant API certificate (`serial_no`). */
  merchantSerial: string;
  /** The merchant API private key, RSA, PKCS#8 PEM. */
  privateKey: string;
  /** The APIv3 key callbacks are sealed with: 32 bytes. */
  apiV3Key: string;
  /** The keys WeChat Pay signs answers and callbacks with (at least one). */
  platformKeys: readonly WechatPlatformKey[];
  /** Where WeChat Pay sends callbacks: absolute, no query. */
  notifyUrl: string;
  /** The API's base URL (`https://api.mch.weixin.qq.com`). */
  apiUrl?: string;
  /** How far a signature's timestamp may be from now, in seconds (300). */
  toleranceSeconds?: number;
  fetch?: Fetch;
  now?: () => Date;
  /** Hears of signatures by unknown platform keys (a key rotation). */
  logger?: Pick<Logger, "warn">;
}

/** The method a WeChat Pay payment takes: Native (a QR code). */
export interface WechatMethod {
  type: "wechat_native";
}

const MethodInput = z.object({ type: z.literal("wechat_native") }).strict();

// Codes WeChat Pay uses for "try again later", whatever the status.
const TRANSIENT_CODES = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED"]);
const OUT_TRADE_NO = /^[0-9A-Za-z_|*]{6,32}$/;
const IDENTIFIER = /^[0-9A-Za-z_-]{1,64}$/;
const HEX32 =
  /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i;
const USER_AGENT = "store-wechatpay/1.0";
const REFUND_REASON_LIMIT = 80;

const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const Notification = z.object({
  id: z.string().min(1).max(64),
  create_time: z.string().refine((text) => !Number.isNaN(Date.parse(text)), {
    message: "not a date-time",
  }),
  event_type: z.string().min(1).max(64),
}).loose();

const Resource = z.object({
  algorithm: z.string(),
  ciphertext: z.string(),
  nonce: z.string(),
  associated_data: z.string().optional(),
  original_type: z.string().optional(),
}).loose();

const Transaction = z.object({
  mchid: z.string().optional(),
  out_trade_no: z.string().min(1).max(32),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  amount: z.object({
    total: Fen,
    currency: z.string().optional(),
  }).loose(),
}).loose();

const Refund = z.object({
  mchid: z.string().optional(),
  out_trade_no: z.string().optional(),
  out_refund_no: z.string().min(1).max(64),
  refund_status: z.string(),
  amount: z.object({ refund: Fen, total: Fen.optional() }).loose(),
}).loose();

const RefundAnswer = z.object({
  out_refund_no: z.string().optional(),
  status: z.string(),
}).loose();

const TRADE_EVENTS: Readonly<Record<string, GatewayEventType>> = {
  SUCCESS: "payment.succeeded",
  CLOSED: "payment.failed",
  PAYERROR: "payment.failed",
  REVOKED: "payment.failed",
};

const REFUND_EVENTS: Readonly<Record<string, GatewayEventType>> = {
  SUCCESS: "refund.succeeded",
  ABNORMAL: "refund.failed",
  CLOSED: "refund.failed",
};

const REFUND_STATUSES: Readonly<Record<string, RefundResult["status"]>> = {
  SUCCESS: "succeeded",
  PROCESSING: "processing",
  ABNORMAL: "failed",
  CLOSED: "failed",
};

// What a refused close says of the order, whatever the HTTP status: paid
// (too late), closed already, or never placed (nothing can pay it). The
// v2 spellings are kept: WeChat Pay still answers some of them.
const CLOSE_REFUSALS: Readonly<Record<string, CancelPaymentResult>> = {
  ORDERPAID: "already_paid",
  ORDER_CLOSED: "cancelled",
  ORDERCLOSED: "cancelled",
  ORDER_NOT_EXIST: "cancelled",
  ORDERNOTEXIST: "cancelled",
};

// Codes of a query for an order WeChat Pay never placed.
const ORDER_NOT_FOUND = new Set(["ORDER_NOT_EXIST", "ORDERNOTEXIST"]);

// Where an order stands by its `trade_state`, when that settles a close:
// it took money (and may have been refunded since), or it can no longer.
// NOTPAY, USERPAYING and PAYERROR (the shopper may scan again) are open.
const TRADE_OUTCOMES: Readonly<Record<string, CancelPaymentResult>> = {
  SUCCESS: "already_paid",
  REFUND: "already_paid",
  CLOSED: "cancelled",
  REVOKED: "cancelled",
};

interface Keys {
  merchant: CryptoKey;
  platform: Map<string, CryptoKey>;
}

// A 2xx answer and what is wrong with its signature, if anything.
interface CheckedResponse extends GatewayResponse {
  problem: SignatureProblem | null;
}

/** The WeChat Pay adapter (API v3, Native QR payments, CNY). */
export class WechatGateway implements PaymentGateway {
  /** Always `wechat`. */
  readonly name: string = WECHAT_GATEWAY;
  readonly #mchId: string;
  readonly #appId: string;
  readonly #merchantSerial: string;
  readonly #apiV3Key: string;
  readonly #notifyUrl: string;
  readonly #apiUrl: string;
  readonly #toleranceSeconds: number;
  readonly #fetch?: Fetch;
  readonly #now: () => Date;
  readonly #logger?: Pick<Logger, "warn">;
  readonly #merchantDer: Uint8Array;
  readonly #platformDer: Map<string, Uint8Array>;
  #keys?: Promise<Keys>;

  /** Check `options` (throws `TypeError`); keys are imported on first use. */
  constructor(options: WechatGatewayOptions) {
    for (const field of ["mchId", "appId", "merchantSerial"] as const) {
      if (!IDENTIFIER.test(options[field] ?? "")) {
        throw new TypeError(
          `WeChat Pay's '${field}' must be 1 to 64 letters, digits, '_' or '-', not '${
            options[field]
          }'`,
        );
      }
    }
    if (new TextEncoder().encode(options.apiV3Key ?? "").length !== 32) {
      throw new TypeError("WeChat Pay's APIv3 key must be 32 bytes long");
    }
    this.#notifyUrl = absoluteUrl(options.notifyUrl, "notifyUrl");
    if (new URL(this.#notifyUrl).search) {
      throw new TypeError(
        `WeChat Pay's notifyUrl cannot carry a query, as in '${options.notifyUrl}'`,
      );
    }
    this.#apiUrl = absoluteUrl(options.apiUrl ?? WECHAT_API_URL, "apiUrl")
      .replace(/\/+$/, "");
    const tolerance = options.toleranceSeconds ?? WECHAT_TOLERANCE_SECONDS;
    if (!Number.isFinite(tolerance) || tolerance <= 0) {
      throw new TypeError(
        `WeChat Pay's toleranceSeconds must be positive, not '${tolerance}'`,
      );
    }
    if (!options.platformKeys?.length) {
      throw new TypeError("WeChat Pay needs at least one platform key");
    }
    this.#merchantDer = privateKeyDer(options.privateKey);
    this.#platformDer = new Map();
    for (const { serial, publicKeyPem } of options.platformKeys) {
      if (!IDENTIFIER.test(serial ?? "")) {
        throw new TypeError(`'${serial}' is not a WeChat Pay platform serial`);
      }
      const key = publicKeyDer(publicKeyPem);
      if (
        key.certificateSerial &&
        key.certificateSerial !== serial.toUpperCase()
      ) {
        throw new TypeError(
          `The platform certificate given for serial '${serial}' has serial '${key.certificateSerial}'`,
        );
      }
      this.#platformDer.set(serial.toUpperCase(), key.der);
    }
    this.#mchId = options.mchId;
    this.#appId = options.appId;
    this.#merchantSerial = options.merchantSerial;
    this.#apiV3Key = options.apiV3Key;
    this.#toleranceSeconds = tolerance;
    this.#fetch = options.fetch;
    this.#now = options.now ?? (() => new Date());
    this.#logger = options.logger;
  }

  /** Yuan (CNY), as `MARKET_RULES.wechat` says. */
  supports(where: { currency: string; country: string }): boolean {
    return allowsMarket(MARKET_RULES[WECHAT_GATEWAY], where);
  }

  /**
   * Nothing, or `{ type: "wechat_native" }`: the shopper pays by scanning
   * a QR code (400 `invalid_payment_method` otherwise).
   */
  parseMethod(input: unknown): WechatMethod {
    return readMethod(MethodInput, input, {
      fallback: { type: "wechat_native" },
      message: "WeChat Pay takes no method or { type: 'wechat_native' }",
    });
  }

  /**
   * Place a Native order (`POST /v3/pay/transactions/native`) and answer
   * `requires_action` with its `code_url` as a `qr_code` next action. The
   * outcome comes by callback. Placing the same reference again gives
   * the same order and code. `expiresAt` becomes the order's
   * `time_expire` (China time, to the second): past it, the code cannot
   * be paid.
   */
  async createPayment(
    request: CreatePaymentRequest,
  ): Promise<CreatePaymentResult> {
    this.parseMethod(request.method);
    const outTradeNo = merchantNumber(request.reference);
    const body = await this.#call("POST", "/v3/pay/transactions/native", {
      appid: this.#appId,
      mchid: this.#mchId,
      description: request.orderNumber,
      out_trade_no: outTradeNo,
      ...(request.expiresAt
        ? { time_expire: expiryTime(request.expiresAt) }
        : {}),
      notify_url: this.#notifyUrl,
      amount: { total: fen(request.amount), currency: "CNY" },
    }, request.signal);
    if (typeof body.code_url !== "string" || body.code_url === "") {
      // Placed, most likely: asking again with the number gives the code.
      throw new GatewayTransientError(
        this.name,
        `Payment gateway '${this.name}' placed the order without a code_url`,
      );
    }
    return {
      gatewayTransactionId: outTradeNo,
      status: "requires_action",
      nextAction: { type: "qr_code", data: body.code_url },
      raw: body,
    };
  }

  /**
   * Verify a callback's signature (the `Wechatpay-*` headers, against the
   * platform key of its serial, within the tolerance), then open its
   * resource under the APIv3 key. `TRANSACTION.*` events map by
   * `trade_state`, `REFUND.*` by `refund_status`; other events resolve
   * `null`. A resource that does not decrypt is a `signature_mismatch`.
   */
  async parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
    const problem = await this.#checkSignature(
      request.headers,
      request.rawBody,
    );
    if (problem) throw new InvalidWebhookSignature(problem);
    const notification = readJson(request.rawBody, Notification, "callback");
    const kind = notification.event_type.split(".")[0];
    if (kind !== "TRANSACTION" && kind !== "REFUND") return null;
    const resource = Resource.safeParse(notification.resource);
    if (!resource.success) {
      throw new InvalidWebhookPayload(
        `WeChat Pay's '${notification.event_type}' callback has no readable resource`,
        { cause: resource.error },
      );
    }
    const plaintext = await decryptResource(resource.data, this.#apiV3Key);
    if (plaintext === null) {
      throw new InvalidWebhookSignature("signature_mismatch");
    }
    const opened = readJson(
      plaintext,
      z.record(z.string(), z.unknown()),
      "callback resource",
    );
    const raw = { ...notification, resource: opened };
    const base = {
      eventId: notification.id,
      occurredAt: new Date(notification.create_time),
      raw,
    };
    if (kind === "TRANSACTION") {
      const trade = readJson(plaintext, Transaction, "transaction");
      this.#checkMerchant(trade.mchid);
      const type = TRADE_EVENTS[trade.trade_state];
      if (!type) return null;
      return {
        ...base,
        type,
        gatewayTransactionId: trade.out_trade_no,
        ...referenceOf(trade.out_trade_no),
        amount: {
          amount: BigInt(trade.amount.total),
          currency: trade.amount.currency ?? "CNY",
        },
        ...(type === "payment.failed"
          ? { failureCode: trade.trade_state }
          : {}),
      };
    }
    const refund = readJson(plaintext, Refund, "refund");
    this.#checkMerchant(refund.mchid);
    const type = REFUND_EVENTS[refund.refund_status];
    if (!type) return null;
    return {
      ...base,
      type,
      gatewayTransactionId: refund.out_refund_no,
      ...referenceOf(refund.out_refund_no),
      amount: { amount: BigInt(refund.amount.refund), currency: "CNY" },
      ...(type === "refund.failed"
        ? { failureCode: refund.refund_status }
        : {}),
    };
  }

  /**
   * Refund part or all of a paid order (`POST /v3/refund/domestic/refunds`,
   * `out_refund_no` from our refund reference, so a retry finds the same
   * refund). WeChat Pay usually answers `PROCESSING`; the outcome comes by
   * callback. A refund beyond what is left is refused (`GatewayRefused`).
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    const outRefundNo = merchantNumber(request.reference);
    const reason = request.reason
      ? [...request.reason].slice(0, REFUND_REASON_LIMIT).join("")
      : undefined;
    const body = await this.#call("POST", "/v3/refund/domestic/refunds", {
      out_trade_no: request.gatewayTransactionId,
      out_refund_no: outRefundNo,
      ...(reason ? { reason } : {}),
      notify_url: this.#notifyUrl,
      amount: {
        refund: fen(request.amount),
        total: fen(request.captured),
        currency: "CNY",
      },
    }, request.signal);
    const answer = RefundAnswer.safeParse(body);
    if (!answer.success) {
      // Accepted, perhaps: the refund stays pending and is asked again.
      throw new GatewayTransientError(
        this.name,
        `Payment gateway '${this.name}' answered the refund without a status`,
        { cause: answer.error },
      );
    }
    // An unheard-of status is waited out: the callback will tell.
    const status = REFUND_STATUSES[answer.data.status] ?? "processing";
    return {
      gatewayTransactionId: outRefundNo,
      status,
      ...(status === "failed" ? { failureCode: answer.data.status } : {}),
      raw: body,
    };
  }

  /**
   * Close the order of an attempt another replaced
   * (`POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close`, 204),
   * so its QR code can no longer be paid. `cancelled` also when it was
   * closed already (`ORDER_CLOSED`) or never placed (`ORDER_NOT_EXIST`);
   * `already_paid` when WeChat Pay says `ORDERPAID`. Any other answer
   * (a 202 `USERPAYING`, a 204 whose signature does not verify, another
   * refusal) is settled by querying the order: `SUCCESS` is
   * `already_paid`, `CLOSED` is `cancelled`; one still open is a
   * `GatewayTransientError` (closing again may work), or the close's
   * refusal when WeChat Pay refused it.
   */
  async cancel(request: CancelPaymentRequest): Promise<CancelPaymentResult> {
    const outTradeNo = tradeNumber(request.gatewayTransactionId);
    const path = `/v3/pay/transactions/out-trade-no/${outTradeNo}`;
    let answer: CheckedResponse;
    try {
      answer = await this.#send("POST", `${path}/close`, {
        mchid: this.#mchId,
      }, request.signal);
    } catch (error) {
      if (!(error instanceof GatewayRefused)) throw error;
      const known = CLOSE_REFUSALS[error.gatewayCode];
      if (known) return known;
      return await this.#settleClose(path, request.signal, error);
    }
    if (answer.status === 204 && !answer.problem) return "cancelled";
    return await this.#settleClose(path, request.signal);
  }

  // Where a close left the order, by querying it (`GET` on `path`).
  async #settleClose(
    path: string,
    signal: AbortSignal | undefined,
    refusal?: GatewayRefused,
  ): Promise<CancelPaymentResult> {
    let body;
    try {
      body = await this.#call(
        "GET",
        `${path}?mchid=${encodeURIComponent(this.#mchId)}`,
        undefined,
        signal,
      );
    } catch (error) {
      if (
        error instanceof GatewayRefused &&
        ORDER_NOT_FOUND.has(error.gatewayCode)
      ) {
        return "cancelled";
      }
      throw error;
    }
    const trade = Transaction.safeParse(body);
    if (!trade.success) {
      throw new GatewayTransientError(
        this.name,
        `Payment gateway '${this.name}' answered the order query without a trade_state`,
        { cause: trade.error },
      );
    }
    const outcome = TRADE_OUTCOMES[trade.data.trade_state];
    if (outcome) return outcome;
    // Still open. A refused close will not do better on a retry (unless
    // the shopper is paying right now); an accepted one we could not
    // trust may, and closing is idempotent.
    if (refusal && trade.data.trade_state !== "USERPAYING") throw refusal;
    throw new GatewayTransientError(
      this.name,
      `Payment gateway '${this.name}' still has the order open ('${trade.data.trade_state}') after closing it`,
      { cause: refusal },
    );
  }

  // A call whose answer must be a JSON object WeChat Pay signed.
  async #call(
    method: "GET" | "POST",
    path: string,
    payload: Record<string, unknown> | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const answer = await this.#send(method, path, payload, signal);
    if (answer.problem) {
      throw new GatewayTransientError(
        this.name,
        `Payment gateway '${this.name}' answered ${answer.status} with a signature that could not be verified (${answer.problem})`,
        { status: answer.status },
      );
    }
    try {
      const json = JSON.parse(answer.text);
      if (json && typeof json === "object" && !Array.isArray(json)) return json;
    } catch {
      // Transient below.
    }
    throw new GatewayTransientError(
      this.name,
      `Payment gateway '${this.name}' answered ${answer.status} with a body that is not a JSON object`,
      { status: answer.status },
    );
  }

  // Sign and send a call; a 2xx comes back with its signature checked
  // (`problem`), refusals and failures are thrown.
  async #send(
    method: "GET" | "POST",
    path: string,
    payload: Record<string, unknown> | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CheckedResponse> {
    const url = new URL(`${this.#apiUrl}${path}`);
    const body = payload === undefined ? "" : JSON.stringify(payload);
    const keys = await this.#loadKeys();
    const timestamp = String(Math.floor(this.#now().getTime() / 1000));
    const nonce = randomNonce();
    const signature = await signMessage(
      requestMessage({
        method,
        url: url.pathname + url.search,
        timestamp,
        nonce,
        body,
      }),
      keys.merchant,
    );
    let response;
    try {
      response = await gatewayFetch(this.name, url, {
        fetch: this.#fetch,
        method,
        headers: {
          "Authorization": authorizationHeader({
            mchId: this.#mchId,
            nonce,
            signature,
            timestamp,
            serial: this.#merchantSerial,
          }),
          "Accept": "application/json",
          ...(payload === undefined
            ? {}
            : { "Content-Type": "application/json" }),
          "User-Agent": USER_AGENT,
        },
        ...(payload === undefined ? {} : { body }),
        signal,
        refusalCode: refusalOf,
      });
    } catch (error) {
      if (
        error instanceof GatewayRefused &&
        TRANSIENT_CODES.has(error.gatewayCode)
      ) {
        throw new GatewayTransientError(
          this.name,
          `Payment gateway '${this.name}' answered '${error.gatewayCode}'`,
          { cause: error },
        );
      }
      throw error;
    }
    return {
      ...response,
      problem: await this.#checkSignature(response.headers, response.text),
    };
  }

  async #checkSignature(
    headers: Headers,
    body: string,
  ): Promise<SignatureProblem | null> {
    const keys = await this.#loadKeys();
    return checkWechatSignature(headers, body, {
      keys: keys.platform,
      now: this.#now(),
      toleranceSeconds: this.#toleranceSeconds,
      onUnknownSerial: (serial) =>
        this.#logger?.warn(
          "WeChat Pay signed with a platform key that is not configured",
          { serial },
        ),
    });
  }

  #checkMerchant(mchId: string | undefined): void {
    if (mchId !== undefined && mchId !== this.#mchId) {
      throw new InvalidWebhookPayload(
        `The WeChat Pay callback is for merchant '${mchId}', not '${this.#mchId}'`,
      );
    }
  }

  #loadKeys(): Promise<Keys> {
    this.#keys ??= (async () => ({
      merchant: await importPrivateKey(this.#merchantDer),
      platform: new Map(
        await Promise.all(
          [...this.#platformDer].map(async ([serial, der]) =>
            [serial, await importPublicKey(der)] as const
          ),
        ),
      ),
    }))();
    return this.#keys;
  }
}

/** `out_trade_no` / `out_refund_no` of our reference: the UUID without dashes. */
export function merchantNumber(reference: string): string {
  const number = reference.replaceAll("-", "");
  if (!OUT_TRADE_NO.test(number)) {
    throw new TypeError(
      `Reference '${reference}' cannot be a WeChat Pay merchant number`,
    );
  }
  return number;
}

/** Our reference back from a merchant number: the dashes of a UUID put back. */
export function referenceFromMerchantNumber(
  number: string,
): string | undefined {
  const match = HEX32.exec(number);
  return match ? match.slice(1).join("-") : undefined;
}

// An order number to put in a path: one this adapter could have made.
function tradeNumber(gatewayTransactionId: string): string {
  if (!OUT_TRADE_NO.test(gatewayTransactionId)) {
    throw new TypeError(
      `'${gatewayTransactionId}' is not a WeChat Pay out_trade_no`,
    );
  }
  return gatewayTransactionId;
}

// `time_expire` of an attempt's deadline.
function expiryTime(expiresAt: Date): string {
  if (Number.isNaN(expiresAt.getTime())) {
    throw new TypeError("The payment's expiresAt is not a valid date");
  }
  return chinaTime(expiresAt);
}

function referenceOf(number: string): { reference?: string } {
  const reference = referenceFromMerchantNumber(number);
  return reference ? { reference } : {};
}

// Fen: CNY has two decimals, so minor units are fen already.
function fen(money: Money): number {
  if (money.currency !== "CNY") {
    throw new GatewayUnavailable({
      gateway: WECHAT_GATEWAY,
      currency: money.currency,
      country: "any country",
    });
  }
  if (money.amount < 0n || money.amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount '${money.amount}' fen is out of range`);
  }
  return Number(money.amount);
}

function refusalOf(text: string): { code: string; message?: string } {
  try {
    const json = JSON.parse(text);
    if (typeof json?.code === "string") {
      return {
        code: json.code,
        ...(typeof json.message === "string" ? { message: json.message } : {}),
      };
    }
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return { code: "refused" };
}

function absoluteUrl(value: string | undefined, option: string): string {
  let url: URL;
  try {
    url = new URL(value ?? "");
  } catch {
    throw new TypeError(
      `WeChat Pay's '${option}' must be an absolute URL, not '${value}'`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(
      `WeChat Pay's '${option}' must be an http(s) URL, not '${value}'`,
    );
  }
  return url.href;
}

function readJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidWebhookPayload(`The WeChat Pay ${what} is not JSON`, {
      cause,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidWebhookPayload(
      `The WeChat Pay ${what} is not one the store reads`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
