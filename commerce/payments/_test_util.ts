/**
 * Test set-up for payments: a store on the fixture catalog with a known
 * test-gateway secret, orders placed directly (as checkout would, with
 * the stock reserved), and webhooks signed like the test gateway's.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { FIXTURE } from "../catalog/_test_util.ts";
import { getProduct, reserveStock, sellableVariants } from "../catalog/mod.ts";
import { createOrder, type OrderRecord } from "../orders/mod.ts";
import {
  multiplyMoney,
  parseMoney,
  sumMoney,
  zeroMoney,
} from "../pricing/mod.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import type { Store } from "../../edge/server.ts";
import { SIGNATURE_HEADER, signatureHeader } from "./test_gateway/mod.ts";
import type { PaymentOwner } from "./types.ts";
import { insertUser } from "../identity/_test_util.ts";
import { hashToken, newOpaqueToken } from "../identity/mod.ts";
import type { Role } from "../identity/mod.ts";
import { signAccessToken } from "../../edge/auth/jwt.ts";

/** The test gateway's webhook secret in test stores. */
export const TEST_SECRET = "test-gateway-secret-for-tests-only";

/** Valid test cards, ready to post as `method`. */
export const CARDS = {
  success: card("4242 4242 4242 4242"),
  declined: card("4000 0000 0000 0002"),
  challenge: card("4000 0000 0000 3220"),
};

function card(number: string) {
  const year = new Date().getUTCFullYear() + 3;
  return { type: "card", number, expMonth: 12, expYear: year, cvc: "123" };
}

/**
 * A store on the fixture catalog whose test gateway signs with
 * {@link TEST_SECRET}; webhooks are delivered without chaos unless a test
 * asks for it (`store.deps.payments.test!.setChaos(...)`). `env` turns
 * on real gateways (pointed at their fakes); `paymentsFetch` routes their
 * calls.
 */
export async function startPaymentsTestStore(
  env: Record<string, string> = {},
  options: { paymentsFetch?: typeof fetch } = {},
): Promise<Store> {
  const store = await startCatalogTestStore({
    catalog: FIXTURE,
    env: { TEST_GATEWAY_SECRET: TEST_SECRET, ...env },
    paymentsFetch: options.paymentsFetch,
  });
  store.deps.payments.test?.setChaos({ duplicateRate: 0, reorder: false });
  return store;
}

/** What {@link placeOrder} places. */
export interface PlaceOrderOptions {
  owner: PaymentOwner;
  currency?: string;
  quantity?: number;
  country?: string;
  /** Minutes the stock stays reserved (negative: already expired). */
  reservationMinutes?: number;
  /** The gateway the shopper chose (`test`). */
  gateway?: string;
}

/**
 * Place an order for the fixture's backpack the way checkout does: stock
 * reserved and the order created in one transaction, priced from the
 * catalog in `currency` (USD), shipping 5.00 to `country` (DE).
 */
export async function placeOrder(
  sql: Sql,
  options: PlaceOrderOptions,
): Promise<OrderRecord> {
  const currency = options.currency ?? "USD";
  const quantity = options.quantity ?? 1;
  const product = await getProduct(sql, {
    idOrSlug: "kyoto-backpack",
    language: "en",
    currency,
  });
  if (!product) throw new Error("The fixture's backpack is missing");
  const variantId = product.variants[0].id;
  return await sql.begin(async (tx) => {
    const variant = (await sellableVariants(tx, {
      variantIds: [variantId],
      currency,
      language: "en",
    })).get(variantId)!;
    await reserveStock(tx, [{ variantId, quantity }]);
    const unitPrice = parseMoney(variant.price!.amount, currency);
    const lineTotal = multiplyMoney(unitPrice, quantity);
    const shipping = parseMoney("5", currency);
    const zero = zeroMoney(currency);
    const baseUnitPrice = parseMoney(variant.basePrice, "USD");
    const address = {
      name: "Ada Lovelace",
      line1: "Unter den Linden 1",
      city: "Berlin",
      postalCode: "10117",
      country: options.country ?? "DE",
    };
    return await createOrder(tx, {
      userId: options.owner.userId ?? null,
      guestTokenHash: options.owner.userId
        ? null
        : options.owner.guestTokenHash ?? null,
      email: "ada@example.com",
      language: "en",
      siteUrl: "http://localhost",
      quoteId: crypto.randomUUID(),
      currency,
      shippingAddress: address,
      billingAddress: address,
      shipping: {
        key: "standard",
        name: "Standard",
        minDays: 2,
        maxDays: 5,
        amount: shipping,
      },
      gateway: options.gateway ?? "test",
      taxInclusive: true,
      totals: {
        subtotal: lineTotal,
        discount: zero,
        shipping,
        tax: zero,
        total: sumMoney(currency, [lineTotal, shipping]),
      },
      baseTotal: multiplyMoney(baseUnitPrice, quantity),
      rates: {},
      reservationMinutes: options.reservationMinutes ?? 30,
      lines: [{
        productId: variant.productId,
        variantId,
        sku: variant.sku,
        name: variant.name,
        options: variant.options,
        quantity,
        unitPrice,
        lineTotal,
        tax: zero,
        taxRate: "0",
        fxRate: variant.price!.rate,
        baseUnitPrice,
      }],
    });
  });
}

/** A webhook body of the test gateway's shape. */
export function eventBody(event: {
  type: string;
  paymentId: string;
  amount: string;
  currency: string;
  reference?: string;
  id?: string;
}): string {
  return JSON.stringify({
    id: event.id ?? `evt_${crypto.randomUUID().replaceAll("-", "")}`,
    type: event.type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: event.paymentId,
        object: "payment",
        ...(event.reference ? { reference: event.reference } : {}),
        amount: event.amount,
        currency: event.currency,
        status: event.type.split(".")[1],
      },
    },
  });
}

/**
 * A webhook request to the store's test-gateway endpoint, signed with
 * `secret` ({@link TEST_SECRET}) at `timestamp` (now).
 */
export function webhookRequest(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signatureHeader(body, {
        secret: options.secret ?? TEST_SECRET,
        timestamp: options.timestamp,
      }),
    },
    body,
  };
}

/** How many rows `notifications.outbox` holds for the order's paid email. */
export async function paidEmails(sql: Sql, orderId: string): Promise<number> {
  const [{ count }] = await sql`
    select count(*)::int as count from notifications.outbox
    where event_id = ${`order-paid:${orderId}`}`;
  return count;
}

/**
 * A signed-in staff member of `store` holding `roles` (an admin by
 * default): their id and a Bearer access token.
 */
export async function staffMember(
  store: Store,
  roles: Role[] = ["customer", "admin"],
): Promise<{ id: string; token: string }> {
  const id = await insertUser(store.deps.db.sql, { roles });
  const token = await signAccessToken(store.deps.keys, { sub: id, roles });
  return { id, token };
}

/** `POST /api/admin/orders/{id}/refunds` as `token`; status and JSON body. */
export async function requestRefund(
  store: Store,
  options: {
    token: string;
    orderId: string;
    body: Record<string, unknown>;
    idempotencyKey?: string;
  },
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await store.app.request(
    `/api/admin/orders/${options.orderId}/refunds`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.token}`,
        "content-type": "application/json",
        ...(options.idempotencyKey
          ? { "idempotency-key": options.idempotencyKey }
          : {}),
      },
      body: JSON.stringify(options.body),
    },
  );
  return {
    status: response.status,
    json: await response.json(),
    headers: response.headers,
  };
}

/** Something that answers requests in-process (a store's app). */
export type RequestTarget = {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
};

/**
 * A guest browser of `app`: its cart cookie (the owner of the orders it
 * places), and `pay()`, which posts `POST /api/payments/process` from the
 * store's own pages.
 */
export function guestShopper(app: RequestTarget) {
  const token = newOpaqueToken();
  return {
    owner: { guestTokenHash: hashToken(token) },
    async pay(body: unknown, headers: Record<string, string> = {}) {
      const response = await app.request("/api/payments/process", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost",
          cookie: `cart=${token}`,
          ...headers,
        },
        body: JSON.stringify(body),
      });
      // deno-lint-ignore no-explicit-any
      return { response, json: await response.json() as any };
    },
  };
}
