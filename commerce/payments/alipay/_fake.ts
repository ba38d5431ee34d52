/**
 * A fake Alipay for tests: a local HTTP server speaking Alipay's open API
 * gateway (`/gateway.do`) as the adapter meets it.
 *
 * - `GET` (or form `POST`) `alipay.trade.page.pay` checks the request's
 *   RSA2 signature with the merchant's public key and the parameters, then
 *   redirects the browser to a cashier page (`/cashier/{trade_no}`) with
 *   Pay and Close buttons. Paying sends a signed asynchronous notification
 *   (`TRADE_SUCCESS`) to the trade's `notify_url` and redirects the shopper
 *   to its `return_url` with the signed synchronous parameters; closing
 *   sends `TRADE_CLOSED`. Refused requests get Alipay's error page with
 *   the `sub_code` (`isv.invalid-signature`...). A `time_expire` in
 *   `biz_content` (`yyyy-MM-dd HH:mm:ss`, China time) is kept: from then
 *   on the URL is refused and a waiting trade is closed (`TRADE_CLOSED`,
 *   notified) the next time anything touches it, or at
 *   {@link FakeAlipay.expireTrades}.
 * - `POST` `alipay.trade.refund` answers signed JSON
 *   `{"alipay_trade_refund_response":{...},"sign":"..."}`, keeps what each
 *   trade has refunded (beyond the total: `40004`
 *   `ACQ.REFUND_AMT_NOT_EQUAL_TOTAL`), repeats the first answer for a
 *   known `out_request_no`, and sends the refund's notification.
 * - `POST` `alipay.trade.close` closes a `WAIT_BUYER_PAY` trade (`10000`,
 *   `TRADE_CLOSED` notified); a trade in any other state answers `40004`
 *   `ACQ.TRADE_STATUS_ERROR`, and one Alipay has not got, `40004`
 *   `ACQ.TRADE_NOT_EXIST`. Like Alipay, it keeps no trace of the latter:
 *   the page-pay URL still creates the trade later (until `time_expire`).
 * - `POST` `alipay.trade.query` answers a trade's status and amounts, or
 *   `ACQ.TRADE_NOT_EXIST`.
 *
 * Signing and checking here use `node:crypto`, not the adapter's
 * WebCrypto code, so the two sides do not share a mistake.
 *
 * Test controls: {@link FakeAlipay.failNext} (503 or a hang),
 * {@link FakeAlipay.pay} / {@link FakeAlipay.closeTrade} (the cashier
 * without a browser), {@link FakeAlipay.notification} (a signed
 * notification for a trade, not sent), {@link FakeAlipay.deliver} /
 * {@link FakeAlipay.redeliver}, and {@link FakeAlipay.deliveries}.
 *
 * @module
 */
import {
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from "node:crypto";
import { type Money, parseMoney, toDecimalString } from "../../pricing/mod.ts";

/** An Alipay trade's state, as its notifications name it. */
export type FakeTradeStatus =
  | "WAIT_BUYER_PAY"
  | "TRADE_SUCCESS"
  | "TRADE_CLOSED"
  | "TRADE_FINISHED";

/** A trade as the fake holds it. */
export interface FakeTrade {
  /** The merchant's order number. */
  outTradeNo: string;
  /** Alipay's own trade number (28 digits). */
  tradeNo: string;
  totalAmount: Money;
  subject: string;
  notifyUrl: string;
  returnUrl: string;
  status: FakeTradeStatus;
  /** How much has been refunded so far. */
  refunded: Money;
  /** Refunds by `out_request_no`. */
  refunds: Map<string, Money>;
  createdAt: Date;
  /** The page-pay request's `time_expire`: no payment from then on. */
  timeExpire?: Date;
  paidAt?: Date;
  closedAt?: Date;
}

/** A signed asynchronous notification, ready to send. */
export interface FakeNotification {
  /** The trade's `notify_url`. */
  url: string;
  /** The form-encoded body, exactly as sent. */
  body: string;
  params: Record<string, string>;
}

/** A notification the fake sent, with the store's answer. */
export interface FakeDelivery extends FakeNotification {
  /** The store's HTTP status; absent when it could not be reached. */
  status?: number;
  /** The store's answer body. */
  answer?: string;
  /** Whether the answer was exactly `success` (Alipay stops retrying). */
  acknowledged: boolean;
  /** Why the store could not be reached. */
  error?: unknown;
}

/** Options of {@link startFakeAlipay}. */
export interface FakeAlipayOptions {
  /** The merchant app the fake serves. */
  appId: string;
  /** The app's public key (SPKI PEM): checks the store's requests. */
  merchantPublicKey: string;
  /** Alipay's private key (PKCS#8 PEM): signs answers and notifications. */
  alipayPrivateKey: string;
  /** The merchant's Alipay user id (`seller_id`). */
  sellerId?: string;
  /**
   * Where notifications go instead of a `POST` to `notify_url` (the
   * store's in-process handler).
   */
  deliver?: (request: Request) => Promise<Response>;
  /** The fake's clock (`notify_time`, `gmt_*`). */
  now?: () => Date;
}

/**
 * How {@link FakeAlipay.failNext} fails a call: `unavailable` answers 503,
 * `hang` answers nothing until the fake closes (the client gives up first),
 * `system_error` answers an API call with Alipay's signed `20000`
 * (`isp.unknow-error`, "try again").
 */
export type FakeFailure = "unavailable" | "hang" | "system_error";

/** A key pair as PEM text (PKCS#8 private, SPKI public). */
export interface PemKeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh 2048-bit RSA key pair as PEM, made with WebCrypto. */
export async function generateRsaKeyPair(): Promise<PemKeyPair> {
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
  const [pkcs8, spki] = await Promise.all([
    crypto.subtle.exportKey("pkcs8", pair.privateKey),
    crypto.subtle.exportKey("spki", pair.publicKey),
  ]);
  return {
    privateKey: pem("PRIVATE KEY", new Uint8Array(pkcs8)),
    publicKey: pem("PUBLIC KEY", new Uint8Array(spki)),
  };
}

function pem(label: string, der: Uint8Array): string {
  let binary = "";
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g)!.join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

/**
 * The form body of a notification carrying `params`, signed with
 * `privateKey` (PKCS#8 PEM) the way Alipay signs one: `sign_type=RSA2`,
 * the signature over every other non-empty field but `sign` and
 * `sign_type`, sorted. Tests sign with a wrong key through it.
 */
export function signNotification(
  params: Record<string, string>,
  privateKey: string,
): { body: string; params: Record<string, string> } {
  const signed = { ...params, sign_type: "RSA2" };
  delete (signed as Record<string, string>).sign;
  const sign = rsaSign(
    createPrivateKey(privateKey),
    content(signed, ["sign_type"]),
  );
  const all = { ...signed, sign };
  return { body: new URLSearchParams(all).toString(), params: all };
}

/** Start a fake Alipay on a free local port. */
export function startFakeAlipay(options: FakeAlipayOptions): FakeAlipay {
  return new FakeAlipay(options);
}

// The server-to-server methods: signed JSON answers under
// `<method>_response`.
const API_METHODS = new Set([
  "alipay.trade.refund",
  "alipay.trade.close",
  "alipay.trade.query",
]);

const SELLER_ID = "2088102177846880";
const BUYER_ID = "2088102169481075";

/** The fake Alipay server; see the module doc. */
export class FakeAlipay {
  /** The server's origin (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** The gateway endpoint to give the adapter as `gatewayUrl`. */
  readonly gatewayUrl: string;
  readonly #appId: string;
  readonly #merchantKey: KeyObject;
  readonly #alipayKey: KeyObject;
  readonly #alipayKeyPem: string;
  readonly #sellerId: string;
  readonly #deliver?: (request: Request) => Promise<Response>;
  readonly #now: () => Date;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #closing = new AbortController();
  readonly #trades = new Map<string, FakeTrade>();
  readonly #byTradeNo = new Map<string, FakeTrade>();
  readonly #failures: FakeFailure[] = [];
  readonly #pending = new Set<Promise<unknown>>();
  readonly #deliveries: FakeDelivery[] = [];
  #apiCalls = 0;

  constructor(options: FakeAlipayOptions) {
    this.#appId = options.appId;
    this.#merchantKey = createPublicKey(options.merchantPublicKey);
    this.#alipayKey = createPrivateKey(options.alipayPrivateKey);
    this.#alipayKeyPem = options.alipayPrivateKey;
    this.#sellerId = options.sellerId ?? SELLER_ID;
    this.#deliver = options.deliver;
    this.#now = options.now ?? (() => new Date());
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (request) => this.#handle(request),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
    this.gatewayUrl = `${this.url}/gateway.do`;
  }

  /** Fail the next `count` requests to `/gateway.do` (see {@link FakeFailure}). */
  failNext(count: number, failure: FakeFailure = "unavailable"): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  /** The trade with merchant order number `outTradeNo`, if any. */
  trade(outTradeNo: string): Readonly<FakeTrade> | undefined {
    return this.#trades.get(outTradeNo);
  }

  /**
   * Close every waiting trade whose `time_expire` has passed, as Alipay
   * does on its own, and send their `TRADE_CLOSED` notifications (not
   * awaited; see {@link FakeAlipay.idle}). Resolves how many it closed.
   */
  expireTrades(): number {
    let closed = 0;
    for (const trade of this.#trades.values()) {
      if (this.#expireIfDue(trade)) closed++;
    }
    return closed;
  }

  /** How many trades the fake holds. */
  get tradeCount(): number {
    return this.#trades.size;
  }

  /** How many API (`POST`) calls reached the gateway, failed ones included. */
  get apiCalls(): number {
    return this.#apiCalls;
  }

  /** Every notification sent so far, oldest first. */
  get deliveries(): readonly FakeDelivery[] {
    return this.#deliveries;
  }

  /**
   * The shopper pays on the cashier: the trade becomes `TRADE_SUCCESS`
   * and its notification is sent (and awaited). Throws for a trade that
   * is not waiting for payment (closed, or past its `time_expire`).
   */
  pay(outTradeNo: string): Promise<FakeDelivery> {
    const trade = this.#waiting(outTradeNo);
    trade.status = "TRADE_SUCCESS";
    trade.paidAt = this.#now();
    return this.deliver(this.notification(outTradeNo));
  }

  /**
   * The trade is closed unpaid (the shopper gave up, or it timed out):
   * `TRADE_CLOSED`, notification sent and awaited.
   */
  closeTrade(outTradeNo: string): Promise<FakeDelivery> {
    const trade = this.#waiting(outTradeNo);
    trade.status = "TRADE_CLOSED";
    trade.closedAt = this.#now();
    return this.deliver(this.notification(outTradeNo));
  }

  /**
   * A signed notification of the trade's current state (a fresh
   * `notify_id`), not sent: `params` adds or replaces fields before
   * signing (`trade_status`, `notify_type`...; an empty value drops one),
   * `notifyTime` dates it.
   */
  notification(
    outTradeNo: string,
    options: { params?: Record<string, string>; notifyTime?: Date } = {},
  ): FakeNotification {
    const trade = this.#trades.get(outTradeNo);
    if (!trade) throw new Error(`The fake has no trade '${outTradeNo}'`);
    const params: Record<string, string> = {
      notify_time: chinaTime(options.notifyTime ?? this.#now()),
      notify_type: "trade_status_sync",
      notify_id: notifyId(this.#now()),
      charset: "utf-8",
      version: "1.0",
      app_id: this.#appId,
      auth_app_id: this.#appId,
      seller_id: this.#sellerId,
      buyer_id: BUYER_ID,
      ...tradeFields(trade),
      ...options.params,
    };
    for (const key of Object.keys(params)) {
      if (params[key] === "") delete params[key];
    }
    return {
      url: trade.notifyUrl,
      ...signNotification(params, this.#alipayKeyPem),
    };
  }

  /** Send `notification` to its URL (or `deliver`) and record the answer. */
  deliver(notification: FakeNotification): Promise<FakeDelivery> {
    return this.#track(this.#send(notification));
  }

  /**
   * Send a notification again as Alipay's retry does: the same
   * `notify_id` and fields, a new `notify_time`, signed again.
   */
  redeliver(delivery: FakeNotification): Promise<FakeDelivery> {
    const { sign: _sign, sign_type: _type, ...params } = delivery.params;
    params.notify_time = chinaTime(this.#now());
    return this.deliver({
      url: delivery.url,
      ...signNotification(params, this.#alipayKeyPem),
    });
  }

  /** Resolve once no notification is in flight. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled(this.#pending);
  }

  /** Release hanging requests, wait for notifications, stop the server. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.idle();
    await this.#server.shutdown();
  }

  #waiting(outTradeNo: string): FakeTrade {
    const trade = this.#trades.get(outTradeNo);
    if (!trade) throw new Error(`The fake has no trade '${outTradeNo}'`);
    this.#expireIfDue(trade);
    if (trade.status !== "WAIT_BUYER_PAY") {
      throw new Error(`Trade '${outTradeNo}' is '${trade.status}'`);
    }
    return trade;
  }

  // Alipay closes a trade at its `time_expire`; the fake does when the
  // trade is next touched. True when it closed it now.
  #expireIfDue(trade: FakeTrade): boolean {
    if (
      trade.status !== "WAIT_BUYER_PAY" || !trade.timeExpire ||
      this.#now() < trade.timeExpire
    ) {
      return false;
    }
    trade.status = "TRADE_CLOSED";
    trade.closedAt = trade.timeExpire;
    this.deliver(this.notification(trade.outTradeNo)).catch(() => {});
    return true;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    work.finally(() => this.#pending.delete(work)).catch(() => {});
    return work;
  }

  async #send(notification: FakeNotification): Promise<FakeDelivery> {
    const request = new Request(notification.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      },
      body: notification.body,
    });
    const delivery: FakeDelivery = { ...notification, acknowledged: false };
    this.#deliveries.push(delivery);
    try {
      const response = await (this.#deliver ?? fetch)(request);
      delivery.status = response.status;
      delivery.answer = await response.text();
      delivery.acknowledged = delivery.answer === "success";
    } catch (error) {
      delivery.error = error;
    }
    return delivery;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/gateway.do") {
      if (request.method === "POST") this.#apiCalls++;
      const failure = this.#failures.shift();
      if (failure === "hang") {
        await this.#hang();
        return new Response(null, { status: 504 });
      }
      if (failure === "unavailable") {
        return new Response(
          "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
          { status: 503, headers: { "content-type": "text/html" } },
        );
      }
      const params = Object.fromEntries(url.searchParams);
      if (request.method === "POST") {
        const form = new URLSearchParams(await request.text());
        for (const [key, value] of form) params[key] = value;
      } else if (request.method !== "GET") {
        return new Response(null, { status: 405 });
      }
      if (failure === "system_error") {
        return this.#signed(params.method ?? "", {
          code: "20000",
          msg: "Service Currently Unavailable",
          sub_code: "isp.unknow-error",
          sub_msg: "系统繁忙",
        });
      }
      return this.#gateway(params);
    }
    const cashier = /^\/cashier\/(\d+)(?:\/(pay|close))?$/.exec(url.pathname);
    const trade = cashier && this.#byTradeNo.get(cashier[1]);
    if (!cashier || !trade) return new Response("Not found", { status: 404 });
    this.#expireIfDue(trade);
    if (!cashier[2] && request.method === "GET") {
      return trade.status === "WAIT_BUYER_PAY"
        ? cashierPage(trade)
        : closedPage(trade);
    }
    if (cashier[2] && request.method === "POST") {
      return this.#answerCashier(trade, cashier[2] as "pay" | "close");
    }
    return new Response(null, { status: 405 });
  }

  // A hung call is released only by close(): the client gives up on its
  // own, as it would with the real gateway.
  #hang(): Promise<void> {
    const closing = this.#closing.signal;
    return new Promise((resolve) => {
      if (closing.aborted) return resolve();
      closing.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  #gateway(params: Record<string, string>): Response {
    const method = params.method ?? "";
    const api = API_METHODS.has(method);
    const refuse = (subCode: string, subMsg: string) =>
      api || method !== "alipay.trade.page.pay"
        ? unsignedError(method, { subCode, subMsg })
        : errorPage(subCode, subMsg);
    if (!params.sign) return refuse("isv.missing-signature", "缺少签名参数");
    if (params.app_id !== this.#appId) {
      return refuse("isv.invalid-app-id", "无效的AppID参数");
    }
    if (params.sign_type !== "RSA2") {
      return refuse("isv.invalid-signature-type", "无效的签名类型");
    }
    if (!rsaVerify(this.#merchantKey, content(params, []), params.sign)) {
      return refuse(
        "isv.invalid-signature",
        "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配",
      );
    }
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp ?? "")) {
      return refuse("isv.invalid-timestamp", "非法的时间戳参数");
    }
    if (params.charset !== "utf-8" || params.version !== "1.0") {
      return refuse("isv.invalid-charset", "字符集或版本错误");
    }
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(params.biz_content ?? "");
    } catch {
      return refuse("isv.invalid-parameter", "biz_content 不是 JSON");
    }
    const text = (key: string) =>
      typeof biz[key] === "string" ? biz[key] as string : "";
    if (method === "alipay.trade.page.pay") {
      return this.#pagePay(params, text);
    }
    if (method === "alipay.trade.refund") return this.#refund(text);
    if (method === "alipay.trade.close") return this.#close(text);
    if (method === "alipay.trade.query") return this.#query(text);
    return unsignedError(method, {
      subCode: "isv.invalid-method",
      subMsg: "不存在的方法名",
    });
  }

  #pagePay(
    params: Record<string, string>,
    text: (key: string) => string,
  ): Response {
    const outTradeNo = text("out_trade_no");
    const total = yuan(text("total_amount"));
    if (!/^[A-Za-z0-9_]{1,64}$/.test(outTradeNo)) {
      return errorPage("ACQ.INVALID_PARAMETER", "out_trade_no 不合法");
    }
    if (text("product_code") !== "FAST_INSTANT_TRADE_PAY") {
      return errorPage("ACQ.INVALID_PARAMETER", "product_code 不合法");
    }
    if (!total || !text("subject")) {
      return errorPage(
        "ACQ.INVALID_PARAMETER",
        "total_amount 或 subject 不合法",
      );
    }
    if (!isUrl(params.notify_url) || !isUrl(params.return_url)) {
      return errorPage(
        "ACQ.INVALID_PARAMETER",
        "notify_url 或 return_url 不合法",
      );
    }
    let timeExpire: Date | undefined;
    if (text("time_expire")) {
      timeExpire = parseChinaTime(text("time_expire")) ?? undefined;
      if (!timeExpire) {
        return errorPage("ACQ.INVALID_PARAMETER", "time_expire 格式不正确");
      }
    }
    let trade = this.#trades.get(outTradeNo);
    if (trade) this.#expireIfDue(trade);
    if (!trade && timeExpire && this.#now() >= timeExpire) {
      return errorPage(
        "ACQ.INVALID_PARAMETER",
        "订单参数异常（已过 time_expire），请重新下单后再发起付款",
      );
    }
    if (trade) {
      if (
        trade.totalAmount.amount !== total.amount ||
        trade.subject !== text("subject")
      ) {
        return errorPage("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
      }
      if (
        trade.status === "TRADE_SUCCESS" || trade.status === "TRADE_FINISHED"
      ) {
        return errorPage("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
      }
      if (trade.status === "TRADE_CLOSED") {
        return errorPage("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
      }
    } else {
      trade = {
        outTradeNo,
        tradeNo: tradeNo(this.#now()),
        totalAmount: total,
        subject: text("subject"),
        notifyUrl: params.notify_url,
        returnUrl: params.return_url,
        status: "WAIT_BUYER_PAY",
        refunded: { amount: 0n, currency: "CNY" },
        refunds: new Map(),
        createdAt: this.#now(),
        timeExpire,
      };
      this.#trades.set(outTradeNo, trade);
      this.#byTradeNo.set(trade.tradeNo, trade);
    }
    return new Response(null, {
      status: 302,
      headers: { location: `${this.url}/cashier/${trade.tradeNo}` },
    });
  }

  #answerCashier(trade: FakeTrade, action: "pay" | "close"): Response {
    if (trade.status !== "WAIT_BUYER_PAY") return closedPage(trade);
    if (action === "close") {
      this.closeTrade(trade.outTradeNo).catch(() => {});
      return new Response(null, {
        status: 302,
        headers: { location: trade.returnUrl },
      });
    }
    this.pay(trade.outTradeNo).catch(() => {});
    const back = new URL(trade.returnUrl);
    const sync: Record<string, string> = {
      charset: "utf-8",
      out_trade_no: trade.outTradeNo,
      method: "alipay.trade.page.pay.return",
      total_amount: toDecimalString(trade.totalAmount),
      trade_no: trade.tradeNo,
      auth_app_id: this.#appId,
      version: "1.0",
      app_id: this.#appId,
      seller_id: this.#sellerId,
      timestamp: chinaTime(this.#now()),
    };
    const signed = signNotification(sync, this.#alipayKeyPem).params;
    for (const [key, value] of Object.entries(signed)) {
      back.searchParams.set(key, value);
    }
    return new Response(null, {
      status: 302,
      headers: { location: back.href },
    });
  }

  // The trade a server call names: by `trade_no` first, as Alipay reads
  // it, else by `out_trade_no`; brought up to date with its expiry.
  #tradeOf(text: (key: string) => string): FakeTrade | undefined {
    const trade = text("trade_no")
      ? this.#byTradeNo.get(text("trade_no"))
      : this.#trades.get(text("out_trade_no"));
    if (trade) this.#expireIfDue(trade);
    return trade;
  }

  #close(text: (key: string) => string): Response {
    const method = "alipay.trade.close";
    if (!text("trade_no") && !text("out_trade_no")) {
      return this.#signed(
        method,
        businessError("ACQ.INVALID_PARAMETER", "参数无效"),
      );
    }
    const trade = this.#tradeOf(text);
    if (!trade) {
      return this.#signed(
        method,
        businessError("ACQ.TRADE_NOT_EXIST", "交易不存在"),
      );
    }
    if (trade.status !== "WAIT_BUYER_PAY") {
      return this.#signed(
        method,
        businessError("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
      );
    }
    trade.status = "TRADE_CLOSED";
    trade.closedAt = this.#now();
    this.deliver(this.notification(trade.outTradeNo)).catch(() => {});
    return this.#signed(method, {
      code: "10000",
      msg: "Success",
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
    });
  }

  #query(text: (key: string) => string): Response {
    const method = "alipay.trade.query";
    if (!text("trade_no") && !text("out_trade_no")) {
      return this.#signed(
        method,
        businessError("ACQ.INVALID_PARAMETER", "参数无效"),
      );
    }
    const trade = this.#tradeOf(text);
    if (!trade) {
      return this.#signed(
        method,
        businessError("ACQ.TRADE_NOT_EXIST", "交易不存在"),
      );
    }
    const total = toDecimalString(trade.totalAmount);
    const paid = trade.paidAt !== undefined;
    const node: Record<string, string> = {
      code: "10000",
      msg: "Success",
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_logon_id: paid ? "ali***@example.com" : "",
      trade_status: trade.status,
      total_amount: total,
      buyer_pay_amount: paid ? total : "0.00",
      point_amount: "0.00",
      invoice_amount: paid ? total : "0.00",
      receipt_amount: paid ? total : "0.00",
      send_pay_date: paid ? chinaTime(trade.paidAt!) : "",
      buyer_user_id: paid ? BUYER_ID : "",
    };
    for (const key of Object.keys(node)) {
      if (node[key] === "") delete node[key];
    }
    return this.#signed(method, node);
  }

  #refund(text: (key: string) => string): Response {
    const method = "alipay.trade.refund";
    const trade = this.#tradeOf(text);
    const amount = yuan(text("refund_amount"));
    const outRequestNo = text("out_request_no");
    if (!amount || !/^[A-Za-z0-9_]{1,64}$/.test(outRequestNo)) {
      return this.#signed(
        method,
        businessError("ACQ.INVALID_PARAMETER", "参数无效"),
      );
    }
    if (!trade) {
      return this.#signed(
        method,
        businessError("ACQ.TRADE_NOT_EXIST", "交易不存在"),
      );
    }
    const known = trade.refunds.get(outRequestNo);
    if (known) {
      return this.#signed(
        method,
        this.#refundAnswer(trade, { amount: known, fundChange: "N" }),
      );
    }
    if (trade.status !== "TRADE_SUCCESS" && trade.refunded.amount === 0n) {
      return this.#signed(
        method,
        businessError("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
      );
    }
    if (trade.refunded.amount + amount.amount > trade.totalAmount.amount) {
      return this.#signed(
        method,
        businessError("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
      );
    }
    trade.refunds.set(outRequestNo, amount);
    trade.refunded = {
      amount: trade.refunded.amount + amount.amount,
      currency: "CNY",
    };
    const refundedAt = this.#now();
    if (trade.refunded.amount === trade.totalAmount.amount) {
      trade.status = "TRADE_CLOSED";
      trade.closedAt = refundedAt;
    }
    this.deliver(this.notification(trade.outTradeNo, {
      params: {
        out_biz_no: outRequestNo,
        refund_fee: toDecimalString(trade.refunded),
        send_back_fee: toDecimalString(amount),
        gmt_refund: `${chinaTime(refundedAt)}.${
          String(refundedAt.getUTCMilliseconds()).padStart(3, "0")
        }`,
      },
    })).catch(() => {});
    return this.#signed(
      method,
      this.#refundAnswer(trade, { amount, fundChange: "Y" }),
    );
  }

  #refundAnswer(
    trade: FakeTrade,
    { amount, fundChange }: { amount: Money; fundChange: "Y" | "N" },
  ): Record<string, string> {
    return {
      code: "10000",
      msg: "Success",
      buyer_logon_id: "ali***@example.com",
      buyer_user_id: BUYER_ID,
      fund_change: fundChange,
      gmt_refund_pay: chinaTime(this.#now()),
      out_trade_no: trade.outTradeNo,
      refund_fee: toDecimalString(trade.refunded),
      send_back_fee: toDecimalString(amount),
      trade_no: trade.tradeNo,
    };
  }

  // Alipay's answer: the node serialized once, signed over exactly that
  // text, placed verbatim in the body.
  #signed(method: string, node: Record<string, string>): Response {
    const text = JSON.stringify(node);
    const sign = rsaSign(this.#alipayKey, text);
    return new Response(
      `{"${method.replaceAll(".", "_")}_response":${text},"sign":"${sign}"}`,
      { headers: { "content-type": "application/json;charset=utf-8" } },
    );
  }
}

function tradeFields(trade: FakeTrade): Record<string, string> {
  const total = toDecimalString(trade.totalAmount);
  return {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: trade.status,
    total_amount: total,
    receipt_amount: trade.paidAt ? total : "",
    buyer_pay_amount: trade.paidAt ? total : "",
    invoice_amount: trade.paidAt ? total : "",
    point_amount: trade.paidAt ? "0.00" : "",
    subject: trade.subject,
    gmt_create: chinaTime(trade.createdAt),
    gmt_payment: trade.paidAt ? chinaTime(trade.paidAt) : "",
    gmt_close: trade.closedAt ? chinaTime(trade.closedAt) : "",
    fund_bill_list: trade.paidAt
      ? JSON.stringify([{ amount: total, fundChannel: "ALIPAYACCOUNT" }])
      : "",
  };
}

function businessError(
  subCode: string,
  subMsg: string,
): Record<string, string> {
  return {
    code: "40004",
    msg: "Business Failed",
    sub_code: subCode,
    sub_msg: subMsg,
  };
}

// The gateway's own refusals (bad signature, unknown app or method) come
// without a signature; an unknown method answers under `error_response`.
function unsignedError(
  method: string,
  { subCode, subMsg }: { subCode: string; subMsg: string },
): Response {
  const root = API_METHODS.has(method)
    ? `${method.replaceAll(".", "_")}_response`
    : "error_response";
  return Response.json({
    [root]: {
      code: "40002",
      msg: "Invalid Arguments",
      sub_code: subCode,
      sub_msg: subMsg,
    },
  });
}

function errorPage(subCode: string, subMsg: string): Response {
  return html(
    `<h1>支付宝 - 错误</h1><p>错误代码 <code id="sub-code">${
      escape(subCode)
    }</code></p><p>${escape(subMsg)}</p>`,
  );
}

function cashierPage(trade: FakeTrade): Response {
  return html(
    `<h1>支付宝收银台</h1>
<p>订单: <span id="subject">${escape(trade.subject)}</span></p>
<p>应付金额: <strong id="total-amount">${
      toDecimalString(trade.totalAmount)
    }</strong> 元</p>
<form method="post" action="/cashier/${trade.tradeNo}/pay"><button type="submit">Pay</button></form>
<form method="post" action="/cashier/${trade.tradeNo}/close"><button type="submit">Close</button></form>`,
  );
}

// What the cashier shows for a trade no longer waiting for payment.
function closedPage(trade: FakeTrade): Response {
  return trade.status === "TRADE_CLOSED"
    ? errorPage("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")
    : errorPage("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
}

function html(body: string): Response {
  return new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>支付宝</title></head><body>${body}</body></html>`,
    { headers: { "content-type": "text/html;charset=utf-8" } },
  );
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isUrl(value: string | undefined): value is string {
  try {
    return /^https?:$/.test(new URL(value ?? "").protocol);
  } catch {
    return false;
  }
}

// A yuan amount as Alipay takes it: up to two decimals, 0.01 to 1e8.
function yuan(text: string): Money | null {
  if (!/^\d{1,9}(?:\.\d{1,2})?$/.test(text)) return null;
  const money = parseMoney(text, "CNY");
  return money.amount >= 1n && money.amount <= 10_000_000_000n ? money : null;
}

function content(
  params: Record<string, string>,
  alsoDropped: string[],
): string {
  return Object.entries(params)
    .filter(([key, value]) =>
      key !== "sign" && !alsoDropped.includes(key) && value !== ""
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

function rsaSign(key: KeyObject, text: string): string {
  return createSign("RSA-SHA256").update(text, "utf8").sign(key, "base64");
}

function rsaVerify(key: KeyObject, text: string, signature: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(text, "utf8").verify(
      key,
      signature,
      "base64",
    );
  } catch {
    return false;
  }
}

function chinaTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)
    .replace("T", " ");
}

// `yyyy-MM-dd HH:mm:ss` in China time as an instant; null for anything
// else, a real date only.
function parseChinaTime(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const date = new Date(`${text.replace(" ", "T")}+08:00`);
  return !Number.isNaN(date.getTime()) && chinaTime(date) === text
    ? date
    : null;
}

function digits(count: number): string {
  let out = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(count))) {
    out += String(byte % 10);
  }
  return out;
}

function tradeNo(now: Date): string {
  return `${chinaTime(now).slice(0, 10).replaceAll("-", "")}22001${digits(15)}`;
}

function notifyId(now: Date): string {
  return `${chinaTime(now).slice(0, 10).replaceAll("-", "")}00222${digits(21)}`;
}
