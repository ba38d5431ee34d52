/**
 * A local WeChat Pay (API v3) for tests: a real HTTP server speaking
 * WeChat Pay's paths, headers, status codes and error bodies.
 *
 * - It checks each request's `Authorization` signature against the
 *   merchant's public key (else 401 `SIGN_ERROR`) and signs every answer
 *   with its platform key (`Wechatpay-*` headers).
 * - `POST /v3/pay/transactions/native` places an order and answers its
 *   `code_url` (`weixin://wxpay/bizpayurl?pr=...`); the same
 *   `out_trade_no` again answers the same code, with no second order. An
 *   order past its `time_expire` is closed.
 * - `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close` closes
 *   an unpaid order (204): it can no longer be paid. A paid one answers
 *   400 `ORDERPAID`, a closed one 400 `ORDER_CLOSED`, an unknown one 404
 *   `ORDER_NOT_EXIST`.
 * - `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=...`
 *   answers the order with its `trade_state` (404 `ORDER_NOT_EXIST`).
 * - `POST /v3/refund/domestic/refunds` refunds a paid order, keeping track
 *   of what is left (beyond it: 400 `INVALID_REQUEST`); a repeated
 *   `out_refund_no` answers the same refund.
 * - `GET /scan/<pr>` is the page a phone "scanning" the code would show,
 *   with a button that pays (or, for a closed order, a notice that it is
 *   closed).
 *
 * Callbacks are sealed under the APIv3 key and signed exactly as WeChat
 * Pay does; they are recorded in {@link WechatFake.deliveries} and sent
 * with {@link WechatFake.send} (or at once, with `autoDeliver`).
 *
 * @module
 */
import { z } from "zod";
import { toDecimalString } from "../../pricing/mod.ts";
import { chinaTime, decodeBase64, encodeBase64, randomNonce } from "./_util.ts";
import { encryptResource } from "./aead.ts";
import type { WechatGatewayOptions } from "./gateway.ts";
import {
  parseAuthorization,
  requestMessage,
  responseMessage,
  signMessage,
  verifyMessage,
  WECHATPAY_HEADERS,
} from "./signature.ts";

/** Sends one callback request and resolves the receiver's answer. */
export type Deliver = (request: Request) => Promise<Response>;

/** Options of {@link WechatFake}. */
export interface WechatFakeOptions {
  mchId: string;
  appId: string;
  /** The serial requests must be signed under (`serial_no`). */
  merchantSerial: string;
  /** Verifies the merchant's request signatures. */
  merchantPublicKey: CryptoKey;
  /** Sent as `Wechatpay-Serial`. */
  platformSerial: string;
  /** Signs answers and callbacks. */
  platformPrivateKey: CryptoKey;
  /** Seals callback resources (32 bytes). */
  apiV3Key: string;
  /** The fake's clock (signature timestamps, times in bodies). */
  now?: () => Date;
  /** How old a request's timestamp may be, in seconds (300). */
  toleranceSeconds?: number;
  /** How callbacks are sent (default: `fetch` to their URL). */
  deliver?: Deliver;
  /** Send each callback as soon as it is made (default: only record it). */
  autoDeliver?: boolean;
}

/** A trade state of WeChat Pay. */
export type FakeTradeState =
  | "NOTPAY"
  | "SUCCESS"
  | "CLOSED"
  | "PAYERROR"
  | "REVOKED";

/** A Native order as the fake holds it. */
export interface FakeTrade {
  outTradeNo: string;
  appId: string;
  description: string;
  notifyUrl: string;
  /** Fen. */
  total: number;
  codeUrl: string;
  state: FakeTradeState;
  /** From `time_expire`: past it, the order closes. */
  expiresAt?: Date;
  transactionId?: string;
  /** Fen refunded or being refunded. */
  refunded: number;
  createdAt: Date;
}

/** A refund status of WeChat Pay. */
export type FakeRefundStatus = "PROCESSING" | "SUCCESS" | "ABNORMAL" | "CLOSED";

/** A refund as the fake holds it. */
export interface FakeRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  /** Fen. */
  refund: number;
  /** Fen: the order's total. */
  total: number;
  status: FakeRefundStatus;
  notifyUrl: string;
  reason?: string;
  createdAt: Date;
}

/** A callback the fake made: exactly what is (or would be) sent. */
export interface WechatDelivery {
  /** The notification's `id` (a redelivery repeats it). */
  id: string;
  eventType: string;
  /** The `notify_url` it goes to. */
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** A request the fake received. */
export interface FakeCall {
  method: string;
  /** Path and query. */
  path: string;
  body: string;
}

type Failure = { status: number; code: string; message: string } | "hang";

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const HttpUrl = z.url({ protocol: /^https?$/ });
// WeChat Pay's time format: RFC 3339 to the second, with an offset.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const TRADE_PATH = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/;
const TRADE_STATE_DESC: Readonly<Record<FakeTradeState, string>> = {
  NOTPAY: "订单未支付",
  SUCCESS: "支付成功",
  CLOSED: "订单已关闭",
  PAYERROR: "支付失败",
  REVOKED: "已撤销",
};

const NativeBody = z.object({
  appid: z.string().min(1).max(32),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(OUT_TRADE_NO),
  time_expire: z.string().regex(TIME)
    .refine((text) => !Number.isNaN(Date.parse(text)), {
      message: "not a date-time",
    }).optional(),
  notify_url: HttpUrl,
  amount: z.object({
    total: z.number().int().min(1),
    currency: z.literal("CNY").optional(),
  }).loose(),
}).loose();

const CloseBody = z.object({ mchid: z.string().min(1).max(32) }).strict();

const RefundBody = z.object({
  transaction_id: z.string().optional(),
  out_trade_no: z.string().optional(),
  out_refund_no: z.string().regex(OUT_REFUND_NO),
  reason: z.string().max(80).optional(),
  notify_url: HttpUrl.optional(),
  amount: z.object({
    refund: z.number().int().min(1),
    total: z.number().int().min(1),
    currency: z.literal("CNY"),
  }).loose(),
}).loose();

/** The local WeChat Pay. Start it with {@link WechatFake.start}. */
export class WechatFake {
  /** The fake's base URL (pass it as the adapter's `apiUrl`). */
  readonly url: string;
  /** Every callback made, in order. */
  readonly deliveries: WechatDelivery[] = [];
  /** Every API request received, in order (scan pages excluded). */
  readonly calls: FakeCall[] = [];
  /**
   * The status new refunds get (`PROCESSING`, as WeChat Pay usually
   * answers); any other makes its callback at once.
   */
  refundStatus: FakeRefundStatus = "PROCESSING";
  readonly #options: WechatFakeOptions;
  readonly #now: () => Date;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #trades = new Map<string, FakeTrade>();
  readonly #refunds = new Map<string, FakeRefund>();
  readonly #failures: Failure[] = [];
  readonly #hanging = new Set<() => void>();
  readonly #sending = new Set<Promise<unknown>>();
  #corrupt = 0;

  private constructor(options: WechatFakeOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (request) => this.#handle(request),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Start a fake listening on a free local port. */
  static start(options: WechatFakeOptions): Promise<WechatFake> {
    return Promise.resolve(new WechatFake(options));
  }

  /** The orders placed, by `out_trade_no` (those past `time_expire` closed). */
  get trades(): ReadonlyMap<string, Readonly<FakeTrade>> {
    for (const outTradeNo of this.#trades.keys()) this.#trade(outTradeNo);
    return this.#trades;
  }

  /** The refunds made, by `out_refund_no`. */
  get refunds(): ReadonlyMap<string, Readonly<FakeRefund>> {
    return this.#refunds;
  }

  /**
   * Answer the next `count` API requests with `status` (503) and the
   * error body `{ code, message }` (`SYSTEM_ERROR`), before checking them.
   */
  failNext(
    count: number,
    error: { status?: number; code?: string; message?: string } = {},
  ): void {
    for (let i = 0; i < count; i++) {
      this.#failures.push({
        status: error.status ?? 503,
        code: error.code ?? "SYSTEM_ERROR",
        message: error.message ?? "System error, please try again later",
      });
    }
  }

  /**
   * Leave the next `count` API requests unanswered (the client's abort
   * ends its wait; `close()` ends the fake's).
   */
  hangNext(count: number): void {
    for (let i = 0; i < count; i++) this.#failures.push("hang");
  }

  /** Sign the next `count` successful answers wrongly. */
  corruptNextSignature(count = 1): void {
    this.#corrupt += count;
  }

  /** The page a phone scanning `codeUrl` would show (it has a Pay button). */
  scanUrl(codeUrl: string): string {
    const pr = new URL(codeUrl).searchParams.get("pr");
    return `${this.url}/scan/${encodeURIComponent(pr ?? "")}`;
  }

  /**
   * The shopper scans and pays order `outTradeNo`: it becomes `SUCCESS`
   * and a `TRANSACTION.SUCCESS` callback is made.
   */
  async pay(outTradeNo: string): Promise<WechatDelivery> {
    const trade = this.#unpaid(outTradeNo);
    trade.state = "SUCCESS";
    trade.transactionId = `4200${digits(24)}`;
    return await this.notify("TRANSACTION.SUCCESS", {
      originalType: "transaction",
      summary: "支付成功",
      notifyUrl: trade.notifyUrl,
      plaintext: this.#transaction(trade),
    });
  }

  /**
   * Order `outTradeNo` ends unpaid with `state` (`PAYERROR`) and a
   * `TRANSACTION.<state>` callback is made. (WeChat Pay itself calls back
   * only on success; this lets the store's failure path be exercised.)
   */
  async fail(
    outTradeNo: string,
    state: Exclude<FakeTradeState, "NOTPAY" | "SUCCESS"> = "PAYERROR",
  ): Promise<WechatDelivery> {
    const trade = this.#unpaid(outTradeNo);
    trade.state = state;
    return await this.notify(`TRANSACTION.${state}`, {
      originalType: "transaction",
      summary: "支付失败",
      notifyUrl: trade.notifyUrl,
      plaintext: this.#transaction(trade),
    });
  }

  /**
   * Close order `outTradeNo` as the merchant's close call would (no
   * callback): it can no longer be paid.
   */
  closeOrder(outTradeNo: string): void {
    this.#unpaid(outTradeNo).state = "CLOSED";
  }

  /**
   * A `PROCESSING` refund ends with `status` (`SUCCESS`) and its
   * `REFUND.<status>` callback is made; a closed refund gives its amount
   * back to the order.
   */
  async settleRefund(
    outRefundNo: string,
    status: Exclude<FakeRefundStatus, "PROCESSING"> = "SUCCESS",
  ): Promise<WechatDelivery> {
    const refund = this.#refunds.get(outRefundNo);
    if (refund?.status !== "PROCESSING") {
      throw new Error(`Refund '${outRefundNo}' is not processing`);
    }
    refund.status = status;
    if (status === "CLOSED") {
      this.#trades.get(refund.outTradeNo)!.refunded -= refund.refund;
    }
    return await this.#notifyRefund(refund);
  }

  /**
   * Make (and record) a callback of any type: `plaintext` is sealed as
   * its `resource` of `originalType`, the body signed with the platform
   * key. Sent at once with `autoDeliver`.
   */
  async notify(
    eventType: string,
    options: {
      originalType: string;
      plaintext: Record<string, unknown>;
      notifyUrl: string;
      summary?: string;
    },
  ): Promise<WechatDelivery> {
    const resource = await encryptResource(JSON.stringify(options.plaintext), {
      apiV3Key: this.#options.apiV3Key,
      associatedData: options.originalType,
      originalType: options.originalType,
    });
    const id = crypto.randomUUID();
    const body = JSON.stringify({
      id,
      create_time: chinaTime(this.#now()),
      resource_type: "encrypt-resource",
      event_type: eventType,
      summary: options.summary ?? eventType,
      resource,
    });
    return this.#record({
      id,
      eventType,
      url: options.notifyUrl,
      body,
      headers: await this.signedHeaders(body),
    });
  }

  /** `delivery` again, freshly signed (as a redelivery is): same id, same body. */
  async redeliver(delivery: WechatDelivery): Promise<WechatDelivery> {
    return this.#record({
      ...delivery,
      headers: await this.signedHeaders(delivery.body),
    });
  }

  /**
   * The headers of a callback carrying `body`, signed with the platform
   * key now; tests override the timestamp, nonce, key or serial.
   */
  async signedHeaders(
    body: string,
    options: {
      timestamp?: number;
      nonce?: string;
      privateKey?: CryptoKey;
      serial?: string;
    } = {},
  ): Promise<Record<string, string>> {
    const timestamp = String(
      options.timestamp ?? Math.floor(this.#now().getTime() / 1000),
    );
    const nonce = options.nonce ?? randomNonce();
    const signature = await signMessage(
      responseMessage({ timestamp, nonce, body }),
      options.privateKey ?? this.#options.platformPrivateKey,
    );
    return {
      "Content-Type": "application/json",
      "Request-ID": crypto.randomUUID(),
      [WECHATPAY_HEADERS.nonce]: nonce,
      [WECHATPAY_HEADERS.serial]: options.serial ??
        this.#options.platformSerial,
      [WECHATPAY_HEADERS.signature]: signature,
      [WECHATPAY_HEADERS.signatureType]: "WECHATPAY2-SHA256-RSA2048",
      [WECHATPAY_HEADERS.timestamp]: timestamp,
    };
  }

  /** `delivery` as the HTTP request WeChat Pay makes (to `url`, by default its own). */
  request(delivery: WechatDelivery, url: string = delivery.url): Request {
    return new Request(url, {
      method: "POST",
      headers: { "User-Agent": "Mozilla/4.0", ...delivery.headers },
      body: delivery.body,
    });
  }

  /**
   * Send `delivery`: to `target.url` (else its `notify_url`), through
   * `target.deliver` (else the fake's `deliver`, else `fetch`). The
   * caller reads (or cancels) the answer's body.
   */
  send(
    delivery: WechatDelivery,
    target: { url?: string; deliver?: Deliver } = {},
  ): Promise<Response> {
    const deliver = target.deliver ?? this.#options.deliver ?? fetch;
    return deliver(this.request(delivery, target.url));
  }

  /** Resolve once no automatic delivery is in flight. */
  async idle(): Promise<void> {
    while (this.#sending.size > 0) await Promise.allSettled([...this.#sending]);
  }

  /** Release hanging requests, wait for deliveries, stop the server. */
  async close(): Promise<void> {
    for (const release of [...this.#hanging]) release();
    await this.idle();
    await this.#server.shutdown();
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/scan/")) {
      return await this.#scan(request, url);
    }
    const body = await request.text();
    this.calls.push({
      method: request.method,
      path: url.pathname + url.search,
      body,
    });
    const failure = this.#failures.shift();
    if (failure === "hang") return await this.#hang();
    if (failure) {
      return await this.#answer(failure.status, {
        code: failure.code,
        message: failure.message,
      });
    }
    const refusal = await this.#authenticate(request, url, body);
    if (refusal) return await this.#answer(401, refusal);
    const route = `${request.method} ${url.pathname}`;
    if (route === "POST /v3/pay/transactions/native") {
      return await this.#native(body);
    }
    if (route === "POST /v3/refund/domestic/refunds") {
      return await this.#refund(body);
    }
    const trade = TRADE_PATH.exec(url.pathname);
    if (trade && request.method === (trade[2] ? "POST" : "GET")) {
      const outTradeNo = decodeURIComponent(trade[1]);
      return trade[2]
        ? await this.#close(outTradeNo, body)
        : await this.#query(outTradeNo, url.searchParams.get("mchid"));
    }
    return await this.#answer(404, {
      code: "NOT_FOUND",
      message: `No such API: ${route}`,
    });
  }

  async #authenticate(
    request: Request,
    url: URL,
    body: string,
  ): Promise<{ code: string; message: string } | null> {
    const refuse = (message: string) => ({ code: "SIGN_ERROR", message });
    const auth = parseAuthorization(request.headers.get("Authorization"));
    if (!auth) return refuse("Authorization header is missing or malformed");
    if (auth.mchId !== this.#options.mchId) {
      return refuse(`Unknown mchid '${auth.mchId}'`);
    }
    if (auth.serial !== this.#options.merchantSerial) {
      return refuse(`Unknown certificate serial '${auth.serial}'`);
    }
    const tolerance = this.#options.toleranceSeconds ?? 300;
    const now = this.#now().getTime() / 1000;
    if (
      !/^\d{1,12}$/.test(auth.timestamp) ||
      Math.abs(now - Number(auth.timestamp)) > tolerance
    ) {
      return refuse("The request timestamp is expired");
    }
    const signature = decodeBase64(auth.signature);
    const message = requestMessage({
      method: request.method,
      url: url.pathname + url.search,
      timestamp: auth.timestamp,
      nonce: auth.nonce,
      body,
    });
    if (
      !signature ||
      !await verifyMessage(message, signature, this.#options.merchantPublicKey)
    ) {
      return refuse("Signature verification failed");
    }
    return null;
  }

  async #native(text: string): Promise<Response> {
    const parsed = NativeBody.safeParse(parseJson(text));
    if (!parsed.success) return await this.#paramError(parsed.error);
    const body = parsed.data;
    if (
      body.appid !== this.#options.appId || body.mchid !== this.#options.mchId
    ) {
      return await this.#answer(400, {
        code: "APPID_MCHID_NOT_MATCH",
        message: "appid and mchid do not match",
      });
    }
    const expiresAt = body.time_expire ? new Date(body.time_expire) : undefined;
    if (expiresAt && expiresAt <= this.#now()) {
      return await this.#answer(400, {
        code: "PARAM_ERROR",
        message: "time_expire must be later than now",
        detail: { field: "time_expire", location: "body" },
      });
    }
    const known = this.#trade(body.out_trade_no);
    if (known) {
      if (
        known.total !== body.amount.total ||
        known.description !== body.description || known.appId !== body.appid
      ) {
        return await this.#answer(403, {
          code: "OUT_TRADE_NO_USED",
          message: "The out_trade_no is used by another order",
        });
      }
      if (known.state === "CLOSED") {
        return await this.#answer(400, {
          code: "ORDER_CLOSED",
          message: "The order is closed",
        });
      }
      if (known.state !== "NOTPAY") {
        return await this.#answer(400, {
          code: "INVALID_REQUEST",
          message: "The order has been paid",
        });
      }
      return await this.#answer(200, { code_url: known.codeUrl });
    }
    const trade: FakeTrade = {
      outTradeNo: body.out_trade_no,
      appId: body.appid,
      description: body.description,
      notifyUrl: body.notify_url,
      total: body.amount.total,
      codeUrl: `weixin://wxpay/bizpayurl?pr=${randomNonce(9)}`,
      state: "NOTPAY",
      ...(expiresAt ? { expiresAt } : {}),
      refunded: 0,
      createdAt: this.#now(),
    };
    this.#trades.set(trade.outTradeNo, trade);
    return await this.#answer(200, { code_url: trade.codeUrl });
  }

  async #close(outTradeNo: string, text: string): Promise<Response> {
    const parsed = CloseBody.safeParse(parseJson(text));
    if (!parsed.success) return await this.#paramError(parsed.error);
    if (parsed.data.mchid !== this.#options.mchId) {
      return await this.#answer(400, {
        code: "MCH_NOT_EXISTS",
        message: "The mchid does not exist",
      });
    }
    const trade = this.#trade(outTradeNo);
    if (!trade) return await this.#orderNotFound();
    if (trade.state === "SUCCESS") {
      return await this.#answer(400, {
        code: "ORDERPAID",
        message: "The order has been paid",
      });
    }
    if (trade.state === "CLOSED" || trade.state === "REVOKED") {
      return await this.#answer(400, {
        code: "ORDER_CLOSED",
        message: "The order is closed",
      });
    }
    trade.state = "CLOSED";
    return await this.#answer(204, null);
  }

  async #query(outTradeNo: string, mchId: string | null): Promise<Response> {
    if (mchId !== this.#options.mchId) {
      return await this.#answer(400, {
        code: "PARAM_ERROR",
        message: "The query needs this merchant's mchid",
        detail: { field: "mchid", location: "query" },
      });
    }
    const trade = this.#trade(outTradeNo);
    if (!trade) return await this.#orderNotFound();
    return await this.#answer(200, this.#transaction(trade));
  }

  #orderNotFound(): Promise<Response> {
    return this.#answer(404, {
      code: "ORDER_NOT_EXIST",
      message: "The order does not exist",
    });
  }

  async #refund(text: string): Promise<Response> {
    const parsed = RefundBody.safeParse(parseJson(text));
    if (!parsed.success) return await this.#paramError(parsed.error);
    const body = parsed.data;
    const trade = body.out_trade_no
      ? this.#trades.get(body.out_trade_no)
      : [...this.#trades.values()].find((t) =>
        body.transaction_id !== undefined &&
        t.transactionId === body.transaction_id
      );
    if (!trade) {
      return await this.#answer(404, {
        code: "RESOURCE_NOT_EXISTS",
        message: "The order does not exist",
      });
    }
    const known = this.#refunds.get(body.out_refund_no);
    if (known) {
      if (
        known.outTradeNo !== trade.outTradeNo ||
        known.refund !== body.amount.refund
      ) {
        return await this.#answer(400, {
          code: "INVALID_REQUEST",
          message: "The out_refund_no is used by another refund",
        });
      }
      return await this.#answer(200, this.#refundBody(known, trade));
    }
    if (trade.state !== "SUCCESS") {
      return await this.#answer(400, {
        code: "INVALID_REQUEST",
        message: "The order has not been paid",
      });
    }
    if (body.amount.total !== trade.total) {
      return await this.#answer(400, {
        code: "INVALID_REQUEST",
        message: "The order total does not match the order",
      });
    }
    if (body.amount.refund > trade.total - trade.refunded) {
      return await this.#answer(400, {
        code: "INVALID_REQUEST",
        message: "The refund exceeds what is left of the order",
      });
    }
    const refund: FakeRefund = {
      outRefundNo: body.out_refund_no,
      refundId: `50${digits(27)}`,
      outTradeNo: trade.outTradeNo,
      refund: body.amount.refund,
      total: trade.total,
      status: this.refundStatus,
      notifyUrl: body.notify_url ?? trade.notifyUrl,
      ...(body.reason ? { reason: body.reason } : {}),
      createdAt: this.#now(),
    };
    this.#refunds.set(refund.outRefundNo, refund);
    if (refund.status !== "CLOSED") trade.refunded += refund.refund;
    if (refund.status !== "PROCESSING") await this.#notifyRefund(refund);
    return await this.#answer(200, this.#refundBody(refund, trade));
  }

  async #scan(request: Request, url: URL): Promise<Response> {
    const pr = decodeURIComponent(url.pathname.slice("/scan/".length));
    const found = [...this.#trades.values()].find((t) =>
      new URL(t.codeUrl).searchParams.get("pr") === pr
    );
    const trade = found && this.#trade(found.outTradeNo);
    if (!trade) return page(404, "<p>This code is not valid.</p>");
    if (request.method === "POST") {
      if (trade.state === "NOTPAY") await this.pay(trade.outTradeNo);
      return new Response(null, {
        status: 303,
        headers: { Location: url.pathname },
      });
    }
    const amount = toDecimalString({
      amount: BigInt(trade.total),
      currency: "CNY",
    });
    return page(
      200,
      `<p>${escapeHtml(trade.description)}</p><p>¥${amount}</p>` +
        ({
          NOTPAY:
            `<form method="post"><button type="submit">Pay</button></form>`,
          SUCCESS: "<p>Paid</p>",
          CLOSED: "<p>This order is closed and can no longer be paid.</p>",
          PAYERROR: "<p>The payment failed.</p>",
          REVOKED: "<p>This order was revoked.</p>",
        }[trade.state]),
    );
  }

  // Held until close(): the client gives up on its own (its abort).
  #hang(): Promise<Response> {
    return new Promise((resolve) => {
      const release = () => {
        this.#hanging.delete(release);
        resolve(new Response(null, { status: 503 }));
      };
      this.#hanging.add(release);
    });
  }

  #paramError(error: z.ZodError): Promise<Response> {
    const issue = error.issues[0];
    const field = issue?.path.join(".") ?? "";
    return this.#answer(400, {
      code: "PARAM_ERROR",
      message: `Invalid parameter '${field}': ${issue?.message}`,
      detail: { field, location: "body" },
    });
  }

  // Signed as WeChat Pay signs, a 204 over its empty body.
  async #answer(status: number, json: unknown): Promise<Response> {
    const text = json === null ? "" : JSON.stringify(json);
    const corrupt = status < 300 && this.#corrupt > 0;
    if (corrupt) this.#corrupt--;
    const headers = await this.signedHeaders(corrupt ? `${text} ` : text);
    if (!text) delete headers["Content-Type"];
    return new Response(text || null, { status, headers });
  }

  // The order, closed first if its time_expire has passed.
  #trade(outTradeNo: string): FakeTrade | undefined {
    const trade = this.#trades.get(outTradeNo);
    if (
      trade?.state === "NOTPAY" && trade.expiresAt &&
      trade.expiresAt <= this.#now()
    ) {
      trade.state = "CLOSED";
    }
    return trade;
  }

  #unpaid(outTradeNo: string): FakeTrade {
    const trade = this.#trade(outTradeNo);
    if (trade?.state !== "NOTPAY") {
      throw new Error(
        `Order '${outTradeNo}' is not waiting for payment (it is ${
          trade?.state ?? "unknown"
        })`,
      );
    }
    return trade;
  }

  // The order as callbacks and queries give it.
  #transaction(trade: FakeTrade): Record<string, unknown> {
    const paid = trade.state === "SUCCESS";
    return {
      mchid: this.#options.mchId,
      appid: trade.appId,
      out_trade_no: trade.outTradeNo,
      ...(trade.transactionId ? { transaction_id: trade.transactionId } : {}),
      trade_type: "NATIVE",
      trade_state: trade.state,
      trade_state_desc: TRADE_STATE_DESC[trade.state],
      attach: "",
      ...(paid
        ? {
          bank_type: "OTHERS",
          success_time: chinaTime(this.#now()),
          payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        }
        : {}),
      amount: {
        total: trade.total,
        payer_total: paid ? trade.total : 0,
        currency: "CNY",
        payer_currency: "CNY",
      },
    };
  }

  #notifyRefund(refund: FakeRefund): Promise<WechatDelivery> {
    const trade = this.#trades.get(refund.outTradeNo)!;
    return this.notify(`REFUND.${refund.status}`, {
      originalType: "refund",
      summary: refund.status === "SUCCESS" ? "退款成功" : "退款异常",
      notifyUrl: refund.notifyUrl,
      plaintext: {
        mchid: this.#options.mchId,
        out_trade_no: trade.outTradeNo,
        transaction_id: trade.transactionId,
        out_refund_no: refund.outRefundNo,
        refund_id: refund.refundId,
        refund_status: refund.status,
        ...(refund.status === "SUCCESS"
          ? { success_time: chinaTime(this.#now()) }
          : {}),
        user_received_account: "支付用户零钱",
        amount: {
          total: refund.total,
          refund: refund.refund,
          payer_total: refund.total,
          payer_refund: refund.refund,
        },
      },
    });
  }

  #refundBody(refund: FakeRefund, trade: FakeTrade): Record<string, unknown> {
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: trade.transactionId,
      out_trade_no: trade.outTradeNo,
      channel: "ORIGINAL",
      user_received_account: "支付用户零钱",
      ...(refund.status === "SUCCESS"
        ? { success_time: chinaTime(this.#now()) }
        : {}),
      create_time: chinaTime(refund.createdAt),
      status: refund.status,
      funds_account: "AVAILABLE",
      amount: {
        total: refund.total,
        refund: refund.refund,
        payer_total: refund.total,
        payer_refund: refund.refund,
        settlement_refund: refund.refund,
        settlement_total: refund.total,
        discount_refund: 0,
        currency: "CNY",
        refund_fee: 0,
      },
      promotion_detail: [],
    };
  }

  #record(delivery: WechatDelivery): WechatDelivery {
    this.deliveries.push(delivery);
    if (this.#options.autoDeliver) {
      const sending = this.send(delivery)
        .then((response) => response.body?.cancel())
        .catch(() => undefined)
        .finally(() => this.#sending.delete(sending));
      this.#sending.add(sending);
    }
    return delivery;
  }
}

/** An RSA key pair for WeChat Pay signatures, as keys and as PEM. */
export interface RsaKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** PKCS#8. */
  privateKeyPem: string;
  /** SPKI. */
  publicKeyPem: string;
}

/** Generate an RSA-2048 key pair for SHA256withRSA (tests). */
export async function generateRsaKeys(): Promise<RsaKeys> {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    privateKeyPem: pem(
      "PRIVATE KEY",
      await crypto.subtle.exportKey("pkcs8", pair.privateKey),
    ),
    publicKeyPem: pem(
      "PUBLIC KEY",
      await crypto.subtle.exportKey("spki", pair.publicKey),
    ),
  };
}

/** The merchant's and WeChat Pay's key pairs of a test set-up. */
export interface WechatTestKeys {
  merchant: RsaKeys;
  platform: RsaKeys;
}

/** The made-up merchant account of test set-ups. */
export const WECHAT_TEST_ACCOUNT = {
  mchId: "1900000109",
  appId: "wxd678efh567hg6787",
  merchantSerial: "3775B6A45ACD588826D15E583A95F5DD5C17C1F7",
  platformSerial: "PUB_KEY_ID_0119000001092024010100000001",
  apiV3Key: "a3f9c2e1b7d84f60a1c5e9b2d7f3a8c4",
} as const;

/**
 * Start a fake on {@link WECHAT_TEST_ACCOUNT} and return it with the
 * options of a `WechatGateway` talking to it (`gateway` overrides them).
 * Keys are generated unless given (generate them once per test file).
 */
export async function startWechatTestPair(
  options: {
    notifyUrl: string;
    keys?: WechatTestKeys;
    now?: () => Date;
    deliver?: Deliver;
    autoDeliver?: boolean;
    /** The serial WeChat Pay signs as (the account's `PUB_KEY_ID_...`). */
    platformSerial?: string;
    gateway?: Partial<WechatGatewayOptions>;
  },
): Promise<
  { fake: WechatFake; options: WechatGatewayOptions; keys: WechatTestKeys }
> {
  const keys = options.keys ?? {
    merchant: await generateRsaKeys(),
    platform: await generateRsaKeys(),
  };
  const account = WECHAT_TEST_ACCOUNT;
  const platformSerial = options.platformSerial ?? account.platformSerial;
  const fake = await WechatFake.start({
    mchId: account.mchId,
    appId: account.appId,
    merchantSerial: account.merchantSerial,
    merchantPublicKey: keys.merchant.publicKey,
    platformSerial,
    platformPrivateKey: keys.platform.privateKey,
    apiV3Key: account.apiV3Key,
    now: options.now,
    deliver: options.deliver,
    autoDeliver: options.autoDeliver,
  });
  return {
    fake,
    keys,
    options: {
      mchId: account.mchId,
      appId: account.appId,
      merchantSerial: account.merchantSerial,
      privateKey: keys.merchant.privateKeyPem,
      apiV3Key: account.apiV3Key,
      platformKeys: [{
        serial: platformSerial,
        publicKeyPem: keys.platform.publicKeyPem,
      }],
      notifyUrl: options.notifyUrl,
      apiUrl: fake.url,
      now: options.now,
      ...options.gateway,
    },
  };
}

function pem(label: string, der: ArrayBuffer): string {
  const lines = encodeBase64(new Uint8Array(der)).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${
    lines.join("\n")
  }\n-----END ${label}-----\n`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function digits(count: number): string {
  return [...crypto.getRandomValues(new Uint8Array(count))]
    .map((byte) => String(byte % 10))
    .join("");
}

function page(status: number, content: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<title>WeChat Pay (fake)</title></head><body><h1>WeChat Pay</h1>` +
      `${content}</body></html>`,
    { status, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
}
