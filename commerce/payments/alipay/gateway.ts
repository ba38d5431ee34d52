/**
 * Alipay (`alipay`), web page pay (`alipay.trade.page.pay`), spoken over
 * plain HTTP with WebCrypto RSA2 signatures (no SDK).
 *
 * A payment is a signed redirect to Alipay's cashier: `createPayment`
 * calls nothing, it answers `requires_action` with the URL, and the
 * outcome arrives as Alipay's asynchronous notification (form-encoded,
 * RSA2-signed with Alipay's key), which is answered with the text
 * `success`. The cashier stops taking money at the attempt's `expiresAt`
 * (`time_expire`). Refunds (`alipay.trade.refund`) and closing a replaced
 * attempt (`alipay.trade.close`, then `alipay.trade.query` when Alipay
 * says it is no longer waiting) are server calls whose JSON answers are
 * signed too.
 *
 * Alipay's merchant order number (`out_trade_no`) takes letters, digits
 * and underscores only, so ours is the transaction's UUID without its
 * dashes; it is the payment's `gatewayTransactionId` and, since Alipay
 * keeps one trade per `out_trade_no`, what makes a retried payment charge
 * once. A refund's `out_request_no` is the refund transaction's UUID the
 * same way.
 *
 * @module
 */
import { z } from "zod";
import { Invalid } from "../../../edge/errors.ts";
import { type Money, parseMoney, toDecimalString } from "../../pricing/mod.ts";
import {
  GatewayRefused,
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
import { type Fetch, gatewayFetch } from "../_http.ts";
import { readMethod } from "../_method.ts";
import { allowsMarket, MARKET_RULES } from "../markets.ts";
import {
  decodeBase64,
  formatChinaTime,
  importPrivateKey,
  importPublicKey,
  notifyContent,
  parseChinaTime,
  responseContent,
  rsaKeyDer,
  sign,
  signContent,
  verify,
} from "./signature.ts";

/** The Alipay gateway's name. */
export const ALIPAY_GATEWAY = "alipay";

/** Alipay's production gateway (the sandbox is `https://openapi-sandbox.dl.alipaydev.com/gateway.do`). */
export const ALIPAY_GATEWAY_URL = "https://openapi.alipay.com/gateway.do";

/** How far a notification's `notify_time` may be from now, by default (s). */
export const ALIPAY_NOTIFY_TOLERANCE_SECONDS = 900;

/** The one currency Alipay page pay takes here. */
const CURRENCY = "CNY";

/** Alipay's bounds on `total_amount` (yuan): 0.01 to 100 000 000. */
const MAX_AMOUNT = 10_000_000_000n;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

// The trade states that mean the shopper has paid.
const SUCCEEDED = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);

// A business failure Alipay says to retry with the same parameters.
const RETRYABLE_SUB_CODES = new Set([
  "ACQ.SYSTEM_ERROR",
  "aop.ACQ.SYSTEM_ERROR",
]);

/** Options of {@link AlipayGateway}. */
export interface AlipayGatewayOptions {
  /** The merchant app's id (`app_id`), 16 digits. */
  appId: string;
  /**
   * The app's RSA private key (PKCS#8, PEM or the bare base64 Alipay's
   * key tool prints): signs every request.
   */
  privateKey: string;
  /**
   * Alipay's public key for this app (SPKI, PEM or bare base64; not the
   * app's own public key): verifies notifications and answers.
   */
  alipayPublicKey: string;
  /** The gateway endpoint; default {@link ALIPAY_GATEWAY_URL}. */
  gatewayUrl?: string;
  /** The store's absolute webhook URL for Alipay (`notify_url`). */
  notifyUrl: string;
  /** The store's public origin; `returnUrl` paths are resolved against it. */
  publicUrl: string;
  /** `notify_time` tolerance in seconds; default 900. */
  toleranceSeconds?: number;
  /** The `fetch` refunds go through (default: the global one). */
  fetch?: Fetch;
  /** The clock of `timestamp` and the `notify_time` check. */
  now?: () => Date;
}

/** The only method input Alipay takes: nothing, or `{ type: "alipay" }`. */
const AlipayMethodInput = z.object({ type: z.literal("alipay") }).strict();

/**
 * The payment method input of an Alipay payment, as `parseMethod` returns
 * it: always `{ type: "alipay" }`, since the shopper chooses how to pay
 * (balance, bank card, Huabei) on Alipay's cashier, not on our page.
 */
export interface AlipayMethod {
  type: "alipay";
}

/** The Alipay page-pay adapter. */
export class AlipayGateway implements PaymentGateway {
  /** Always `alipay`. */
  readonly name: string = ALIPAY_GATEWAY;
  /** Alipay retries a notification until it reads exactly `success`. */
  readonly webhookAck: { contentType: string; body: string } = {
    contentType: "text/plain; charset=utf-8",
    body: "success",
  };
  readonly #appId: string;
  readonly #gatewayUrl: string;
  readonly #notifyUrl: string;
  readonly #publicUrl: URL;
  readonly #tolerance: number;
  readonly #fetch?: Fetch;
  readonly #now: () => Date;
  readonly #privateKeyDer: Uint8Array<ArrayBuffer>;
  readonly #publicKeyDer: Uint8Array<ArrayBuffer>;
  #privateKey?: Promise<CryptoKey>;
  #publicKey?: Promise<CryptoKey>;

  constructor(options: AlipayGatewayOptions) {
    if (
      typeof options.appId !== "string" || !/^\d{1,32}$/.test(options.appId)
    ) {
      throw new TypeError(
        `The Alipay option 'appId' must be the app's numeric id, not '${options.appId}'`,
      );
    }
    const privateKey = rsaKeyDer(String(options.privateKey), "PRIVATE KEY");
    if (!privateKey) {
      throw new TypeError(
        "The Alipay option 'privateKey' must be an RSA private key in PKCS#8 (PEM 'PRIVATE KEY' or bare base64)",
      );
    }
    const publicKey = rsaKeyDer(String(options.alipayPublicKey), "PUBLIC KEY");
    if (!publicKey) {
      throw new TypeError(
        "The Alipay option 'alipayPublicKey' must be Alipay's RSA public key (PEM 'PUBLIC KEY' or bare base64)",
      );
    }
    const tolerance = options.toleranceSeconds ??
      ALIPAY_NOTIFY_TOLERANCE_SECONDS;
    if (!Number.isFinite(tolerance) || tolerance <= 0) {
      throw new TypeError(
        `The Alipay option 'toleranceSeconds' must be a positive number, not '${tolerance}'`,
      );
    }
    this.#appId = options.appId;
    this.#privateKeyDer = privateKey;
    this.#publicKeyDer = publicKey;
    const gatewayUrl = httpUrl(
      "gatewayUrl",
      options.gatewayUrl ?? ALIPAY_GATEWAY_URL,
    );
    this.#gatewayUrl = gatewayUrl.origin + gatewayUrl.pathname;
    this.#notifyUrl = httpUrl("notifyUrl", options.notifyUrl).href;
    this.#publicUrl = new URL(httpUrl("publicUrl", options.publicUrl).origin);
    this.#tolerance = tolerance;
    this.#fetch = options.fetch;
    this.#now = options.now ?? (() => new Date());
  }

  /** Yuan (CNY) only, from any country (see `markets.ts`). */
  supports(where: { currency: string; country: string }): boolean {
    return allowsMarket(MARKET_RULES[ALIPAY_GATEWAY], where);
  }

  /**
   * Alipay's cashier asks the shopper for everything, so the only input
   * is nothing or `{ type: "alipay" }`; anything else is 400
   * `invalid_payment_method`.
   */
  parseMethod(input: unknown): AlipayMethod {
    return readMethod(AlipayMethodInput, input, {
      fallback: { type: "alipay" },
      message:
        "Alipay takes no payment details: send nothing or { type: 'alipay' }",
    });
  }

  /**
   * The signed `alipay.trade.page.pay` URL of the payment, answered as
   * `requires_action` with a `redirect` to it; nothing is sent to Alipay
   * until the shopper opens it. The same `reference` always names the
   * same Alipay trade, so a second URL for it can never charge twice.
   * With `expiresAt`, the trade's `time_expire` (China time, to the
   * second, rounded down): Alipay refuses the URL and closes the trade
   * from then on. Throws `Invalid` (400 `amount_not_supported`) for an
   * amount that is not 0.01 to 100 000 000 CNY (`supports()` keeps other
   * currencies away), and `RangeError` for an `expiresAt` that is no
   * time.
   */
  async createPayment(
    request: CreatePaymentRequest,
  ): Promise<CreatePaymentResult> {
    yuan(request.amount, "payment");
    const outTradeNo = alipayOrderNumber(request.reference);
    const bizContent: Record<string, string> = {
      out_trade_no: outTradeNo,
      product_code: "FAST_INSTANT_TRADE_PAY",
      total_amount: toDecimalString(request.amount),
      subject: request.orderNumber,
    };
    if (request.expiresAt) {
      if (Number.isNaN(request.expiresAt.getTime())) {
        throw new RangeError("The payment's 'expiresAt' is not a valid date");
      }
      // Milliseconds are dropped: the cashier closes a little early, never late.
      bizContent.time_expire = formatChinaTime(request.expiresAt);
    }
    const params = this.#commonParams("alipay.trade.page.pay", bizContent);
    params.notify_url = this.#notifyUrl;
    params.return_url = this.#returnUrl(request.returnUrl);
    params.sign = await sign(await this.#signingKey(), signContent(params));
    const url = `${this.#gatewayUrl}?${new URLSearchParams(params)}`;
    return {
      gatewayTransactionId: outTradeNo,
      status: "requires_action",
      nextAction: { type: "redirect", url },
      raw: { ...bizContent, timestamp: params.timestamp, url },
    };
  }

  /**
   * Verify and read an asynchronous notification. The RSA2 signature is
   * checked before any field is read (`InvalidWebhookSignature`:
   * `missing_header` without `sign`, `malformed_header` for unreadable
   * base64, `signature_mismatch`); then the `app_id` must be ours
   * (`InvalidWebhookPayload`) and `notify_time` within the tolerance
   * (`stale_timestamp`). `TRADE_SUCCESS`/`TRADE_FINISHED` become
   * `payment.succeeded`, `TRADE_CLOSED` `payment.failed` (`trade_closed`),
   * `WAIT_BUYER_PAY` `payment.requires_action`, and a refund's notice
   * (`out_biz_no` with `refund_fee`) `refund.succeeded`; other
   * notifications resolve `null`.
   */
  async parseWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
    const params = await this.#verifiedNotify(request.rawBody);
    if (params.app_id !== this.#appId) {
      throw new InvalidWebhookPayload(
        `The Alipay notification is for app '${
          params.app_id ?? ""
        }', not this store's`,
      );
    }
    const notifyTime = parseChinaTime(params.notify_time ?? "");
    if (!notifyTime) {
      throw new InvalidWebhookPayload(
        `The Alipay notification's 'notify_time' '${
          params.notify_time ?? ""
        }' is not a time`,
      );
    }
    const skew = Math.abs(this.#now().getTime() - notifyTime.getTime());
    if (skew > this.#tolerance * 1000) {
      throw new InvalidWebhookSignature("stale_timestamp");
    }
    if (params.notify_type && params.notify_type !== "trade_status_sync") {
      return null;
    }
    const eventId = required(params, "notify_id");
    const outTradeNo = required(params, "out_trade_no");
    const common = {
      eventId,
      raw: params as Record<string, unknown>,
    };
    if (params.out_biz_no && params.refund_fee) {
      return {
        ...common,
        type: "refund.succeeded",
        gatewayTransactionId: params.out_biz_no,
        reference: referenceOf(params.out_biz_no),
        amount: money(
          params,
          params.send_back_fee ? "send_back_fee" : "refund_fee",
        ),
        occurredAt: timeOf(params, "gmt_refund", notifyTime),
      };
    }
    const payment = {
      ...common,
      gatewayTransactionId: outTradeNo,
      reference: referenceOf(outTradeNo),
    };
    const status = required(params, "trade_status");
    if (SUCCEEDED.has(status)) {
      return {
        ...payment,
        type: "payment.succeeded",
        amount: money(params, "total_amount"),
        occurredAt: timeOf(params, "gmt_payment", notifyTime),
      };
    }
    if (status === "TRADE_CLOSED") {
      return {
        ...payment,
        type: "payment.failed",
        failureCode: "trade_closed",
        occurredAt: timeOf(params, "gmt_close", notifyTime),
      };
    }
    if (status === "WAIT_BUYER_PAY") {
      return {
        ...payment,
        type: "payment.requires_action",
        occurredAt: timeOf(params, "gmt_create", notifyTime),
      };
    }
    return null;
  }

  /**
   * Refund `amount` of a payment with `alipay.trade.refund`; idempotent per
   * `reference` (Alipay's `out_request_no`). Alipay's `10000` is
   * `succeeded` with the refund's `out_request_no` as its id; a business
   * refusal (`40004`: more than is left, no such trade) throws
   * `GatewayRefused` with Alipay's `sub_code`; `20000`, Alipay's
   * `ACQ.SYSTEM_ERROR`, a 5xx, the network or an answer whose signature
   * does not verify throw `GatewayTransientError` (a retry is safe).
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    yuan(request.amount, "refund");
    const outRequestNo = alipayOrderNumber(request.reference);
    const bizContent: Record<string, string> = {
      out_trade_no: request.gatewayTransactionId,
      refund_amount: toDecimalString(request.amount),
      out_request_no: outRequestNo,
    };
    // Alipay keeps 256 characters of the reason.
    if (request.reason) bizContent.refund_reason = request.reason.slice(0, 256);
    const answer = await this.#call("alipay.trade.refund", bizContent, {
      signal: request.signal,
    });
    return {
      gatewayTransactionId: outRequestNo,
      status: "succeeded",
      raw: answer,
    };
  }

  /**
   * Close a replaced attempt with `alipay.trade.close`; idempotent.
   * Resolves `cancelled` when Alipay closed the trade (`10000`) or has
   * none yet (`ACQ.TRADE_NOT_EXIST`: the shopper has not logged in on
   * the cashier). When Alipay says the trade is no longer waiting
   * (`ACQ.TRADE_STATUS_ERROR`), `alipay.trade.query` decides:
   * `TRADE_SUCCESS`/`TRADE_FINISHED` resolve `already_paid`,
   * `TRADE_CLOSED` `cancelled`. Every answer acted on must carry a valid
   * signature. `20000`, `ACQ.SYSTEM_ERROR`, a 5xx, the network, an answer
   * that does not verify, or a trade still `WAIT_BUYER_PAY` after all
   * throw `GatewayTransientError`; other refusals `GatewayRefused`.
   *
   * Alipay keeps nothing of a trade the shopper never started, so closing
   * one cannot stop its URL: it stays payable until its `time_expire`.
   */
  async cancel(request: CancelPaymentRequest): Promise<CancelPaymentResult> {
    const outTradeNo = request.gatewayTransactionId;
    const closed = await this.#call("alipay.trade.close", {
      out_trade_no: outTradeNo,
    }, {
      signal: request.signal,
      accept: ["ACQ.TRADE_NOT_EXIST", "ACQ.TRADE_STATUS_ERROR"],
    });
    if (closed.sub_code !== "ACQ.TRADE_STATUS_ERROR") return "cancelled";
    const found = await this.#call("alipay.trade.query", {
      out_trade_no: outTradeNo,
    }, { signal: request.signal });
    const status = typeof found.trade_status === "string"
      ? found.trade_status
      : "";
    if (SUCCEEDED.has(status)) return "already_paid";
    if (status === "TRADE_CLOSED") return "cancelled";
    if (status === "WAIT_BUYER_PAY") {
      // Alipay would not close a trade it still shows as waiting: a
      // payment is under way at that moment; its outcome decides.
      throw new GatewayTransientError(
        ALIPAY_GATEWAY,
        `Alipay would not close trade '${outTradeNo}' although it is still waiting for payment`,
      );
    }
    throw new GatewayRefused(ALIPAY_GATEWAY, {
      gatewayCode: "ACQ.TRADE_STATUS_ERROR",
      message: `Trade '${outTradeNo}' cannot be closed: it is '${status}'`,
    });
  }

  #commonParams(
    method: string,
    bizContent: Record<string, string>,
  ): Record<string, string> {
    return {
      app_id: this.#appId,
      method,
      format: "JSON",
      charset: "utf-8",
      sign_type: "RSA2",
      timestamp: formatChinaTime(this.#now()),
      version: "1.0",
      biz_content: JSON.stringify(bizContent),
    };
  }

  // One signed API call: the system parameters in the query string and
  // `biz_content` in the form body, as Alipay's own SDKs send them. Resolves
  // the verified `<method>_response` object of a `10000` answer, or of a
  // business refusal (`40004`) whose `sub_code` the caller handles
  // (`accept`).
  async #call(
    method: string,
    bizContent: Record<string, string>,
    options: { signal?: AbortSignal; accept?: readonly string[] },
  ): Promise<Record<string, unknown>> {
    const params = this.#commonParams(method, bizContent);
    params.sign = await sign(await this.#signingKey(), signContent(params));
    const { biz_content, ...system } = params;
    const url = `${this.#gatewayUrl}?${new URLSearchParams(system)}`;
    const response = await gatewayFetch(ALIPAY_GATEWAY, url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=utf-8",
        accept: "application/json",
      },
      body: new URLSearchParams({ biz_content }).toString(),
      signal: options.signal,
      fetch: this.#fetch,
    });
    const root = `${method.replaceAll(".", "_")}_response`;
    const { node, content, signature } = readAnswer(response.text, root);
    const code = typeof node.code === "string" ? node.code : "";
    const subCode = typeof node.sub_code === "string" ? node.sub_code : "";
    const message = typeof node.sub_msg === "string"
      ? node.sub_msg
      : typeof node.msg === "string"
      ? node.msg
      : undefined;
    const accepted = code === "40004" &&
      (options.accept ?? []).includes(subCode);
    // Alipay signs every answer from the business layer; the gateway's
    // own refusals (a bad signature of ours, an unknown app) come
    // unsigned, and a refusal changes nothing on our side, so only an
    // answer we act on must carry a valid signature.
    if (signature !== undefined || code === "10000" || accepted) {
      const valid = signature !== undefined && content !== null &&
        await this.#verifyAnswer(signature, content);
      if (!valid) {
        throw new GatewayTransientError(
          ALIPAY_GATEWAY,
          `The answer of Alipay's '${method}' failed signature verification`,
          { status: response.status },
        );
      }
    }
    if (code === "10000" || accepted) return node;
    if (code === "20000" || RETRYABLE_SUB_CODES.has(subCode)) {
      throw new GatewayTransientError(
        ALIPAY_GATEWAY,
        `Payment gateway 'alipay' answered '${code}' '${subCode}' to '${method}'`,
        { status: response.status },
      );
    }
    throw new GatewayRefused(ALIPAY_GATEWAY, {
      gatewayCode: subCode || code || "unknown",
      message,
    });
  }

  async #verifyAnswer(signature: string, content: string): Promise<boolean> {
    const bytes = decodeBase64(signature);
    return bytes !== null &&
      await verify(await this.#verifyingKey(), { content, signature: bytes });
  }

  async #verifiedNotify(rawBody: string): Promise<Record<string, string>> {
    const form = new URLSearchParams(rawBody);
    const params: Record<string, string> = {};
    for (const [key, value] of form) {
      // A repeated field would let the signed text and the read value
      // differ.
      if (Object.hasOwn(params, key)) {
        throw new InvalidWebhookSignature("malformed_header");
      }
      params[key] = value;
    }
    if (!params.sign) throw new InvalidWebhookSignature("missing_header");
    const signature = decodeBase64(params.sign);
    if (!signature || (params.sign_type && params.sign_type !== "RSA2")) {
      throw new InvalidWebhookSignature("malformed_header");
    }
    const valid = await verify(await this.#verifyingKey(), {
      content: notifyContent(params),
      signature,
    });
    if (!valid) throw new InvalidWebhookSignature("signature_mismatch");
    return params;
  }

  #returnUrl(path: string): string {
    const url = new URL(path, this.#publicUrl);
    if (!path.startsWith("/") || url.origin !== this.#publicUrl.origin) {
      throw new RangeError(
        `The return URL '${path}' must be a path of this store`,
      );
    }
    return url.href;
  }

  // Keys are imported on first use (WebCrypto is asynchronous); the
  // constructor has already checked they are RSA keys.
  #signingKey(): Promise<CryptoKey> {
    this.#privateKey ??= importPrivateKey(this.#privateKeyDer).catch(
      (cause) => {
        throw new TypeError(
          "The Alipay option 'privateKey' could not be imported as an RSA PKCS#8 key",
          { cause },
        );
      },
    );
    return this.#privateKey;
  }

  #verifyingKey(): Promise<CryptoKey> {
    this.#publicKey ??= importPublicKey(this.#publicKeyDer).catch((cause) => {
      throw new TypeError(
        "The Alipay option 'alipayPublicKey' could not be imported as an RSA public key",
        { cause },
      );
    });
    return this.#publicKey;
  }
}

/**
 * Our transaction UUID as an Alipay order number (`out_trade_no`,
 * `out_request_no`): its 32 hex digits, no dashes.
 */
export function alipayOrderNumber(reference: string): string {
  if (!UUID.test(reference)) {
    throw new RangeError(`The reference '${reference}' is not a UUID`);
  }
  return reference.replaceAll("-", "").toLowerCase();
}

// The UUID an order number was made from, when it was one of ours.
function referenceOf(orderNumber: string): string | undefined {
  if (!HEX32.test(orderNumber)) return undefined;
  const hex = orderNumber.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${
    hex.slice(16, 20)
  }-${hex.slice(20)}`;
}

// Alipay's limits, as a 400 the admin or shopper can read (supports()
// already keeps other currencies from checkout).
function yuan(amount: Money, what: string): void {
  if (amount.currency !== CURRENCY) {
    throw new Invalid(
      `Alipay takes ${CURRENCY} only, not a ${what} in '${amount.currency}'`,
      { code: "amount_not_supported" },
    );
  }
  if (amount.amount < 1n || amount.amount > MAX_AMOUNT) {
    throw new Invalid(
      `Alipay takes a ${what} of 0.01 to 100000000 ${CURRENCY}, not '${
        toDecimalString(amount)
      }'`,
      { code: "amount_not_supported" },
    );
  }
}

function httpUrl(option: string, value: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new TypeError(
      `The Alipay option '${option}' must be an absolute http(s) URL, not '${value}'`,
    );
  }
  return url;
}

function required(params: Record<string, string>, key: string): string {
  const value = params[key];
  if (!value) {
    throw new InvalidWebhookPayload(
      `The Alipay notification has no '${key}'`,
    );
  }
  return value;
}

function money(params: Record<string, string>, key: string): Money {
  const value = required(params, key);
  try {
    return parseMoney(value, CURRENCY);
  } catch (cause) {
    throw new InvalidWebhookPayload(
      `The Alipay notification's '${key}' '${value}' is not a ${CURRENCY} amount`,
      { cause },
    );
  }
}

function timeOf(
  params: Record<string, string>,
  key: string,
  fallback: Date,
): Date {
  return parseChinaTime(params[key] ?? "") ?? fallback;
}

// The `<method>_response` member of an API answer (or `error_response`,
// Alipay's shape for a call it could not route), its exact text, and the
// signature beside it.
function readAnswer(
  body: string,
  root: string,
): {
  node: Record<string, unknown>;
  content: string | null;
  signature?: string;
} {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new GatewayTransientError(
      ALIPAY_GATEWAY,
      "Payment gateway 'alipay' answered something other than JSON",
      { cause },
    );
  }
  const answer = (json ?? {}) as Record<string, unknown>;
  const key = isObject(answer[root]) ? root : "error_response";
  const node = answer[key];
  if (!isObject(node)) {
    throw new GatewayTransientError(
      ALIPAY_GATEWAY,
      `Payment gateway 'alipay' answered without '${root}'`,
    );
  }
  return {
    node,
    content: responseContent(body, key),
    ...(typeof answer.sign === "string" && answer.sign !== ""
      ? { signature: answer.sign }
      : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
