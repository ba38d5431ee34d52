/**
 * The built-in test gateway (`test`): a card processor in test mode,
 * simulated inside the store. It keeps its payments in memory (they are
 * gone when the process ends: it is a simulator, not a ledger), answers
 * like a real gateway, and sends signed webhooks back to the store
 * through {@link WebhookDelivery}.
 *
 * Cards (see `cards.ts`): `4242 4242 4242 4242` succeeds,
 * `4000 0000 0000 0002` is declined (`card_declined`),
 * `4000 0000 0000 3220` asks for a 3-D Secure–like confirmation on the
 * store's page `/test-gateway/challenge/{id}`, an expired card is declined
 * (`expired_card`), and a number failing the Luhn check is refused (400
 * `invalid_card`). Any currency, any country.
 *
 * @module
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { z } from "zod";
import { Invalid, NotFound } from "../../../edge/errors.ts";
import type { Logger } from "../../../edge/logger.ts";
import {
  type Money,
  parseMoney,
  subtractMoney,
  toDecimalString,
} from "../../pricing/mod.ts";
import { ChallengeNotPending, InvalidWebhookPayload } from "../errors.ts";
import {
  type CreatePaymentRequest,
  type CreatePaymentResult,
  GATEWAY_EVENT_TYPES,
  type GatewayEvent,
  type GatewayEventType,
  type GatewayPaymentStatus,
  type PaymentGateway,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from "../gateway.ts";
import { asCard, cardOutcome, parseCard, type ParsedCard } from "./cards.ts";
import {
  type ChaosOptions,
  type DeliveryTarget,
  type OutgoingEvent,
  WebhookDelivery,
} from "./delivery.ts";
import { SIGNATURE_HEADER, verifySignature } from "./signature.ts";

/** The test gateway's name. */
export const TEST_GATEWAY = "test";

/** Options of {@link TestGateway}. */
export interface TestGatewayOptions {
  /** The secret webhooks are signed with (at least 16 characters). */
  secret: string;
  /** Where webhooks go; also settable later with `connect()`. */
  target?: DeliveryTarget;
  /** Duplicates and reordering of webhooks (none by default). */
  chaos?: ChaosOptions;
  /** Delivery timing: first delay, attempts, first backoff (ms). */
  delivery?: { delayMs?: number; attempts?: number; backoffMs?: number };
  /** The randomness of the chaos (tests pin it). */
  random?: () => number;
  /** The clock of expiry checks and signature tolerance. */
  now?: () => Date;
  logger?: Pick<Logger, "warn">;
}

/** A payment as the test gateway holds it. */
export interface TestPayment {
  id: string;
  /** The store's transaction id. */
  reference: string;
  amount: Money;
  orderNumber: string;
  /** The store path the challenge page sends the shopper back to. */
  returnUrl: string;
  status: GatewayPaymentStatus;
  failureCode?: string;
  last4: string;
  /** How much has been refunded so far. */
  refunded: Money;
  createdAt: Date;
}

interface TestRefund {
  id: string;
  payment: string;
  reference: string;
  amount: Money;
}

const EventBody = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(GATEWAY_EVENT_TYPES),
  created: z.number().int().positive(),
  data: z.object({
    object: z.object({
      id: z.string().min(1).max(200),
      reference: z.string().max(200).optional(),
      amount: z.string().max(40),
      currency: z.string().regex(/^[A-Z]{3}$/),
      failure_code: z.string().max(100).nullable().optional(),
    }).loose(),
  }),
}).loose();

/** The test gateway. */
export class TestGateway implements PaymentGateway {
  /** Always `test`. */
  readonly name: string = TEST_GATEWAY;
  readonly #secret: string;
  readonly #now: () => Date;
  readonly #delivery: WebhookDelivery;
  readonly #payments = new Map<string, TestPayment>();
  readonly #byReference = new Map<string, string>();
  readonly #refunds = new Map<string, TestRefund>();

  constructor(options: TestGatewayOptions) {
    if (options.secret.length < 16) {
      throw new TypeError(
        "The test gateway's secret needs 16 characters or more",
      );
    }
    this.#secret = options.secret;
    this.#now = options.now ?? (() => new Date());
    this.#delivery = new WebhookDelivery({
      secret: options.secret,
      ...options.delivery,
      chaos: options.chaos,
      random: options.random,
      logger: options.logger,
    });
    if (options.target) this.#delivery.connect(options.target);
  }

  /** Every currency, every country. */
  supports(_where: { currency: string; country: string }): boolean {
    return true;
  }

  /** Check a test card (400 `invalid_card` / `invalid_payment_method`). */
  parseMethod(input: unknown): ParsedCard {
    return parseCard(input);
  }

  /**
   * Charge a test card. The same `reference` again answers what the first
   * call did and charges nothing (the idempotency key). Webhooks follow
   * asynchronously: `payment.processing` and `payment.succeeded`,
   * `payment.failed`, or `payment.requires_action` (then the outcome once
   * the challenge is answered).
   */
  createPayment(request: CreatePaymentRequest): Promise<CreatePaymentResult> {
    return settle(() => this.#create(request));
  }

  #create(request: CreatePaymentRequest): CreatePaymentResult {
    const known = this.#byReference.get(request.reference);
    if (known) return this.#answer(this.#payments.get(known)!);
    const card = asCard(request.method);
    const outcome = cardOutcome(card, this.#now());
    const payment: TestPayment = {
      id: newId("tgpay"),
      reference: request.reference,
      amount: request.amount,
      orderNumber: request.orderNumber,
      returnUrl: request.returnUrl,
      status: outcome.kind === "succeed"
        ? "succeeded"
        : outcome.kind === "challenge"
        ? "requires_action"
        : "failed",
      failureCode: outcome.kind === "decline" ? outcome.failureCode : undefined,
      last4: card.last4,
      refunded: { amount: 0n, currency: request.amount.currency },
      createdAt: this.#now(),
    };
    this.#payments.set(payment.id, payment);
    this.#byReference.set(payment.reference, payment.id);
    this.#emit(
      payment,
      {
        succeed: ["payment.processing", "payment.succeeded"] as const,
        challenge: ["payment.requires_action"] as const,
        decline: ["payment.failed"] as const,
      }[outcome.kind],
    );
    return this.#answer(payment);
  }

  /** A payment the gateway holds (the challenge page reads it), or `undefined`. */
  payment(id: string): Readonly<TestPayment> | undefined {
    return this.#payments.get(id);
  }

  /**
   * The shopper's answer on the challenge page: `approve` takes the
   * payment (webhooks `payment.processing`, `payment.succeeded`), `fail`
   * refuses it (`payment.failed`, `authentication_failed`). Throws
   * `NotFound` for an unknown payment and `ChallengeNotPending` (409) for
   * one not waiting for an answer.
   */
  completeChallenge(
    id: string,
    answer: "approve" | "fail",
  ): Readonly<TestPayment> {
    const payment = this.#payments.get(id);
    if (!payment) throw new NotFound(`No test payment '${id}'`);
    if (payment.status !== "requires_action") {
      throw new ChallengeNotPending(id, payment.status);
    }
    if (answer === "approve") {
      payment.status = "succeeded";
      this.#emit(payment, ["payment.processing", "payment.succeeded"]);
    } else {
      payment.status = "failed";
      payment.failureCode = "authentication_failed";
      this.#emit(payment, ["payment.failed"]);
    }
    return payment;
  }

  /**
   * Verify a webhook's `Test-Gateway-Signature` (300 s tolerance) and
   * read the event; throws `InvalidWebhookSignature` or
   * `InvalidWebhookPayload` (both 400).
   */
  parseWebhook(request: WebhookRequest): Promise<GatewayEvent> {
    return settle(() => this.#parseWebhook(request));
  }

  #parseWebhook(request: WebhookRequest): GatewayEvent {
    const { rawBody, headers } = request;
    verifySignature(rawBody, {
      secret: this.#secret,
      header: headers.get(SIGNATURE_HEADER),
      now: this.#now(),
    });
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch (cause) {
      throw new InvalidWebhookPayload("The webhook body is not JSON", {
        cause,
      });
    }
    const parsed = EventBody.safeParse(json);
    if (!parsed.success) {
      throw new InvalidWebhookPayload(
        "The webhook body is not a test gateway event",
        {
          cause: parsed.error,
        },
      );
    }
    const { id, type, created, data } = parsed.data;
    const object = data.object;
    return {
      eventId: id,
      type,
      gatewayTransactionId: object.id,
      reference: object.reference,
      amount: parseMoney(object.amount, object.currency),
      failureCode: object.failure_code ?? undefined,
      occurredAt: new Date(created * 1000),
      raw: json as Record<string, unknown>,
    };
  }

  /**
   * Refund part or all of a succeeded payment (at most what is left);
   * idempotent per `reference`. A `refund.succeeded` webhook follows.
   */
  refund(request: RefundRequest): Promise<RefundResult> {
    return settle(() => this.#refund(request));
  }

  #refund(request: RefundRequest): RefundResult {
    const known = [...this.#refunds.values()].find((refund) =>
      refund.reference === request.reference
    );
    if (known) return refundAnswer(known);
    const payment = this.#payments.get(request.gatewayTransactionId);
    if (!payment) {
      throw new NotFound(`No test payment '${request.gatewayTransactionId}'`);
    }
    const left = subtractMoney(payment.amount, payment.refunded);
    if (
      payment.status !== "succeeded" ||
      request.amount.currency !== payment.amount.currency ||
      request.amount.amount <= 0n || request.amount.amount > left.amount
    ) {
      throw new Invalid(
        `Cannot refund ${
          toDecimalString(request.amount)
        } ${request.amount.currency} of payment '${payment.id}'`,
        { code: "invalid_refund" },
      );
    }
    payment.refunded = {
      amount: payment.refunded.amount + request.amount.amount,
      currency: payment.amount.currency,
    };
    const refund: TestRefund = {
      id: newId("tgref"),
      payment: payment.id,
      reference: request.reference,
      amount: request.amount,
    };
    this.#refunds.set(refund.id, refund);
    this.#delivery.send([
      this.#event("refund.succeeded", refundObject(refund)),
    ]);
    return refundAnswer(refund);
  }

  /** Send webhooks to `target` from now on (the running store's own `fetch`). */
  connect(target: DeliveryTarget): void {
    this.#delivery.connect(target);
  }

  /** Change how chaotically webhooks arrive (tests). */
  setChaos(chaos: ChaosOptions): void {
    this.#delivery.setChaos(chaos);
  }

  /** Resolve once no webhook is scheduled or in flight. */
  idle(): Promise<void> {
    return this.#delivery.idle();
  }

  /** Deliver every scheduled webhook now, skipping delays, and wait (tests). */
  flush(): Promise<void> {
    return this.#delivery.flush();
  }

  /** Drop scheduled webhooks and cancel timers; waits for requests in flight. */
  close(): Promise<void> {
    return this.#delivery.close();
  }

  #answer(payment: TestPayment): CreatePaymentResult {
    return {
      gatewayTransactionId: payment.id,
      status: payment.status,
      ...(payment.status === "requires_action"
        ? {
          nextAction: { type: "redirect" as const, url: challengeUrl(payment) },
        }
        : {}),
      ...(payment.failureCode ? { failureCode: payment.failureCode } : {}),
      raw: paymentObject(payment),
    };
  }

  #emit(payment: TestPayment, types: readonly GatewayEventType[]): void {
    this.#delivery.send(
      types.map((type) =>
        this.#event(type, {
          ...paymentObject(payment),
          status: type.slice("payment.".length),
        })
      ),
    );
  }

  #event(
    type: GatewayEventType,
    object: Record<string, unknown>,
  ): OutgoingEvent {
    const id = newId("evt");
    return {
      id,
      type,
      body: JSON.stringify({
        id,
        type,
        created: Math.floor(this.#now().getTime() / 1000),
        livemode: false,
        data: { object },
      }),
    };
  }
}

/** The store page where a challenged payment is approved or failed. */
export function challengeUrl(
  payment: Pick<TestPayment, "id" | "returnUrl">,
): string {
  return `/test-gateway/challenge/${payment.id}?return=${
    encodeURIComponent(payment.returnUrl)
  }`;
}

function paymentObject(payment: TestPayment): Record<string, unknown> {
  return {
    id: payment.id,
    object: "payment",
    reference: payment.reference,
    amount: toDecimalString(payment.amount),
    currency: payment.amount.currency,
    status: payment.status,
    failure_code: payment.failureCode ?? null,
    description: payment.orderNumber,
    card: { last4: payment.last4 },
    ...(payment.status === "requires_action"
      ? { next_action: { type: "redirect", url: challengeUrl(payment) } }
      : {}),
  };
}

function refundObject(refund: TestRefund): Record<string, unknown> {
  return {
    id: refund.id,
    object: "refund",
    payment: refund.payment,
    reference: refund.reference,
    amount: toDecimalString(refund.amount),
    currency: refund.amount.currency,
    status: "succeeded",
  };
}

function refundAnswer(refund: TestRefund): RefundResult {
  return {
    gatewayTransactionId: refund.id,
    status: "succeeded",
    raw: refundObject(refund),
  };
}

// The adapter's work is synchronous; callers get a promise either way, and
// a throw becomes its rejection.
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function newId(prefix: string): string {
  return `${prefix}_${bytesToHex(crypto.getRandomValues(new Uint8Array(12)))}`;
}
