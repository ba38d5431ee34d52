/**
 * Placing an order: the one flow that writes across modules, in one
 * transaction. The quote is locked and priced again from the current
 * cart, prices, stock, destination and shipping; only if nothing changed
 * (and it has not expired) is stock reserved, the order stored at exactly
 * the quoted amounts, the quote marked used, the cart emptied and the
 * confirmation (and any low-stock alert) queued. Otherwise nothing is
 * written but a new quote, returned with a 409.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { NotFound, Unauthorized } from "../../edge/errors.ts";
import type { Translate } from "../../edge/i18n.ts";
import { type CartOwner, clearCart, lockCart } from "../cart/mod.ts";
import { CATALOG_NAMESPACE, reserveStock } from "../catalog/mod.ts";
import {
  addressesOf,
  getProfile,
  InvalidAddress,
  validateAddress,
} from "../identity/mod.ts";
import { enqueue } from "../notifications/mod.ts";
import { latestRates } from "../pricing/mod.ts";
import {
  createOrder,
  type OrderAddress,
  type OrderRecord,
} from "../orders/mod.ts";
import {
  GatewayUnavailable,
  QuoteChanged,
  QuoteNotFound,
  QuoteUsed,
} from "./errors.ts";
import {
  fingerprint,
  orphanedQuote,
  priceCart,
  type PricedCart,
  type QuoteDeps,
  quoteFor,
  quoteView,
  saveQuote,
} from "./quote.ts";

/** An address given in full, or the id of one in the account's book. */
export type AddressChoice = { addressId: string } | { address: unknown };

/** What an order is placed with. */
export interface PlaceOrderInput {
  quoteId: string;
  owner: CartOwner;
  /** Required of guests; accounts use their own address. */
  email?: string;
  shipping: AddressChoice;
  /** The shipping address when absent. */
  billing?: AddressChoice;
  shippingMethod: string;
  gateway: string;
  /** The storefront origin, for the links in emails. */
  siteUrl: string;
  /** Translates address problems for the shopper. */
  t: Translate;
}

/** What placing an order needs besides the database. */
export interface PlaceOrderDeps extends QuoteDeps {
  reservationTtlMinutes: number;
  /** Who receives low-stock alerts. */
  opsEmail: string;
  /** Where the catalog version is bumped when shown stock changed. */
  cache: { bumpVersion(namespace: string): Promise<unknown> };
}

/**
 * Place the order for quote `quoteId` of `owner`'s cart. Throws
 * `QuoteNotFound` (404), `QuoteUsed` (409), `QuoteChanged` (409, with the
 * new quote) when it expired or anything it priced changed,
 * `OutOfStockError` (409) when another order took the last units first,
 * `InvalidAddress` (400) and `GatewayUnavailable` (400).
 */
export async function placeOrder(
  sql: Sql,
  deps: PlaceOrderDeps,
  input: PlaceOrderInput,
): Promise<OrderRecord> {
  const userId = "userId" in input.owner ? input.owner.userId : null;
  const shipping = await resolveAddress(sql, input.shipping, "shipping", input);
  const billing = input.billing
    ? await resolveAddress(sql, input.billing, "billing", input)
    : shipping;
  const email = userId ? (await getProfile(sql, userId)).email : input.email!;
  // Read before the transaction: no cache round trip while holding locks.
  const rates = await latestRates(sql, { cache: deps.ratesCache });
  const pricing = { ...deps, rates };

  type Outcome =
    | { used: string }
    | { changed: string; fresh: PricedCart }
    | { order: OrderRecord; stockShown: boolean };
  const outcome: Outcome = await sql.begin(async (tx): Promise<Outcome> => {
    // One checkout of a cart at a time: a second tab's order finds it empty.
    await lockCart(tx, input.owner);
    const quote = await quoteFor(tx, {
      id: input.quoteId,
      owner: input.owner,
      forUpdate: true,
    }).catch(async (error) => {
      // A guest who signed in mid-checkout: their cart moved into the
      // account's, so the quote priced a cart that is gone. Quote the
      // account's cart instead of answering "not found".
      const orphan = error instanceof QuoteNotFound &&
        await orphanedQuote(tx, input.quoteId);
      if (!orphan) throw error;
      return orphan;
    });
    if (!("id" in quote)) {
      const fresh = await priceCart(tx, pricing, {
        owner: input.owner,
        ...quote,
        country: shipping.country,
        region: shipping.region,
        shippingMethod: input.shippingMethod,
      });
      return { changed: "cart_changed", fresh };
    }
    if (quote.orderId) return { used: quote.orderId };
    const fresh = await priceCart(tx, pricing, {
      owner: input.owner,
      currency: quote.currency,
      language: quote.language,
      country: shipping.country,
      region: shipping.region,
      shippingMethod: input.shippingMethod,
    });
    if (quote.expiresAt.getTime() <= Date.now()) {
      return { changed: "expired", fresh };
    }
    if (fingerprint(fresh) !== fingerprint(quote)) {
      return { changed: reasonOf(quote, fresh), fresh };
    }
    if (!fresh.gateways.includes(input.gateway)) {
      throw new GatewayUnavailable(input.gateway, fresh.gateways);
    }
    const low = await reserveStock(
      tx,
      fresh.lines.map((l) => ({
        variantId: l.variantId,
        quantity: l.quantity,
      })),
    );
    const orderId = crypto.randomUUID();
    await tx`update checkout.quotes set order_id = ${orderId} where id = ${quote.id}`;
    await clearCart(tx, quote.cartId);
    for (const item of low.filter((l) => l.crossed)) {
      await enqueue(tx, {
        eventId: `low-stock:${item.variantId}:${orderId}`,
        kind: "low_stock",
        recipient: deps.opsEmail,
        language: "en",
        payload: {
          sku: item.sku,
          productName: fresh.lines.find((l) => l.variantId === item.variantId)
            ?.name ?? item.sku,
          available: item.available,
          threshold: item.threshold,
          adminUrl: `${input.siteUrl}/admin`,
        },
      });
    }
    // Last: the order number's counter row stays locked until the commit.
    const order = await createOrder(tx, {
      id: orderId,
      userId,
      guestTokenHash: "tokenHash" in input.owner ? input.owner.tokenHash : null,
      email,
      language: fresh.language,
      siteUrl: input.siteUrl,
      quoteId: quote.id,
      currency: fresh.currency,
      shippingAddress: shipping,
      billingAddress: billing,
      shipping: {
        key: fresh.shipping.key,
        name: fresh.shipping.name,
        minDays: fresh.shipping.minDays,
        maxDays: fresh.shipping.maxDays,
        amount: fresh.shipping.price,
      },
      gateway: input.gateway,
      taxInclusive: fresh.tax.inclusive,
      totals: fresh.totals,
      baseTotal: fresh.baseTotal,
      rates: { ...fresh.rates },
      reservationMinutes: deps.reservationTtlMinutes,
      lines: fresh.lines.map((l) => ({
        productId: l.productId,
        variantId: l.variantId,
        sku: l.sku,
        name: l.name,
        options: l.options,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        lineTotal: l.lineTotal,
        tax: l.tax,
        taxRate: fresh.tax.rate,
        fxRate: l.fxRate,
        baseUnitPrice: l.baseUnitPrice,
      })),
    });
    return { order, stockShown: low.length > 0 };
  });

  if ("used" in outcome) throw new QuoteUsed(outcome.used);
  if ("changed" in outcome) {
    const quote = await saveQuote(sql, deps, outcome.fresh);
    throw new QuoteChanged(outcome.changed, quoteView(quote));
  }
  if (outcome.stockShown) {
    // Pages show "only N left" below the threshold: retire cached copies.
    await deps.cache.bumpVersion(CATALOG_NAMESPACE).catch(() => {});
  }
  return outcome.order;
}

function reasonOf(quote: PricedCart, fresh: PricedCart): string {
  if (quote.country !== fresh.country || quote.region !== fresh.region) {
    return "destination_changed";
  }
  if (quote.shipping.key !== fresh.shipping.key) return "shipping_changed";
  const items = (p: PricedCart) =>
    JSON.stringify(p.lines.map((l) => [l.variantId, l.quantity]));
  if (items(quote) !== items(fresh)) return "cart_changed";
  return "prices_changed";
}

async function resolveAddress(
  sql: Sql,
  choice: AddressChoice,
  type: "shipping" | "billing",
  input: PlaceOrderInput,
): Promise<OrderAddress> {
  if ("addressId" in choice) {
    if (!("userId" in input.owner)) {
      throw new Unauthorized("Sign in to use saved addresses");
    }
    const saved = (await addressesOf(sql, input.owner.userId))
      .find((a) => a.id === choice.addressId);
    if (!saved) throw new NotFound(`No saved address '${choice.addressId}'`);
    const {
      id: _id,
      type: _type,
      isDefault: _d,
      createdAt: _c,
      updatedAt: _u,
      ...address
    } = saved;
    return address;
  }
  const raw = choice.address && typeof choice.address === "object"
    ? choice.address
    : {};
  const result = validateAddress({ ...raw, type });
  if (!result.ok) {
    // Each problem also says which of the order's addresses it is about.
    const error = new InvalidAddress(result.errors, input.t);
    for (const problem of error.details as Record<string, unknown>[]) {
      problem.address = type;
    }
    throw error;
  }
  const { type: _type, isDefault: _default, ...address } = result.address;
  return address;
}
