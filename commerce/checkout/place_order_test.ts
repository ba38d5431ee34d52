import assert from "node:assert/strict";
import { FIXTURE } from "../catalog/_test_util.ts";
import { stockLevels } from "../catalog/mod.ts";
import { expireReservations } from "../orders/mod.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import type { Store } from "../../edge/server.ts";
import {
  ADDRESSES,
  Shopper,
  signedInShopper,
  variantId,
} from "./_test_util.ts";

async function quoteFor(shopper: Shopper, items: [string, number][]) {
  for (const [variant, quantity] of items) {
    const added = await shopper.call("POST", "/api/cart/items", {
      variantId: variant,
      quantity,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
  }
  const quote = await shopper.call("POST", "/api/checkout/quote", {
    country: "DE",
  });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  return quote.body;
}

function orderBody(quote: { id: string; shippingMethod: string }) {
  return {
    quoteId: quote.id,
    email: "guest@example.com",
    shipping: { address: ADDRESSES.DE },
    shippingMethod: quote.shippingMethod,
    gateway: "test",
  };
}

async function stockOf(store: Store, variant: string) {
  return (await stockLevels(store.deps.db.sql, [variant])).get(variant)!;
}

Deno.test("placing orders", async (t) => {
  const store = await startCatalogTestStore({
    catalog: FIXTURE,
    env: { CURRENCIES: "USD,EUR,JPY" },
  });
  const { sql } = store.deps.db;
  const knife = await variantId(store, "KNF-S");
  const large = await variantId(store, "KNF-L");
  const bag = await variantId(store, "BAG-1");
  try {
    await t.step(
      "an order reserves stock, empties the cart and queues its email",
      async () => {
        const shopper = new Shopper(store);
        shopper.cookies.set("currency", "EUR");
        const before = await stockOf(store, bag);
        const quote = await quoteFor(shopper, [[bag, 2]]);
        const placed = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(placed.status, 201, JSON.stringify(placed.body));
        assert.equal(
          placed.headers.get("location"),
          `/api/orders/${placed.body.id}`,
        );
        assert.deepEqual(await stockOf(store, bag), {
          quantity: before.quantity,
          reserved: before.reserved + 2,
        });
        const cart = await shopper.call("GET", "/api/cart");
        assert.equal(cart.body.items.length, 0);
        const [email] = await sql`
        select kind, recipient, payload from notifications.outbox
        where event_id = ${`order-placed:${placed.body.id}`}`;
        assert.equal(email.kind, "order_placed");
        assert.equal(email.recipient, "guest@example.com");
        assert.equal(
          email.payload.total.amount,
          placed.body.totals.total.amount,
        );
        // The guest browser sees its order; another browser does not.
        const own = await shopper.call("GET", `/api/orders/${placed.body.id}`);
        assert.equal(own.status, 200);
        assert.equal(own.body.number, placed.body.number);
        const stranger = await new Shopper(store).call(
          "GET",
          `/api/orders/${placed.body.id}`,
        );
        assert.equal(stranger.status, 404);
        // A quote orders once.
        const again = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(again.status, 409);
        assert.equal(again.body.error.code, "quote_used");
      },
    );

    await t.step(
      "a retried order with the same Idempotency-Key returns the first answer",
      async () => {
        const shopper = new Shopper(store);
        const quote = await quoteFor(shopper, [[bag, 1]]);
        const key = crypto.randomUUID();
        const first = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
          {
            "idempotency-key": key,
          },
        );
        assert.equal(first.status, 201);
        const retry = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
          {
            "idempotency-key": key,
          },
        );
        assert.equal(retry.status, 201);
        assert.equal(retry.headers.get("idempotency-replayed"), "true");
        assert.deepEqual(retry.body, first.body);
        const [{ count }] = await sql`
        select count(*)::int from orders.orders where quote_id = ${quote.id}`;
        assert.equal(count, 1);
        const other = await shopper.call(
          "POST",
          "/api/orders",
          { ...orderBody(quote), email: "someone-else@example.com" },
          { "idempotency-key": key },
        );
        assert.equal(other.status, 422);
        assert.equal(other.body.error.code, "idempotency_key_reused");
      },
    );

    await t.step("a free-text region is quoted and ordered alike", async () => {
      const shopper = new Shopper(store);
      await shopper.call("POST", "/api/cart/items", {
        variantId: bag,
        quantity: 1,
      });
      const quote = await shopper.call("POST", "/api/checkout/quote", {
        country: "DE",
        region: "Niedersachsen",
      });
      assert.equal(quote.status, 201, JSON.stringify(quote.body));
      const placed = await shopper.call("POST", "/api/orders", {
        ...orderBody(quote.body),
        shipping: { address: { ...ADDRESSES.DE, region: "Niedersachsen" } },
      });
      assert.equal(placed.status, 201, JSON.stringify(placed.body));
    });

    await t.step(
      "two tabs ordering one cart with two quotes place one order",
      async () => {
        const shopper = new Shopper(store);
        const first = await quoteFor(shopper, [[bag, 1]]);
        const second = await shopper.call("POST", "/api/checkout/quote", {
          country: "DE",
        });
        const before = await stockOf(store, bag);
        const [a, b] = await Promise.all([
          shopper.call("POST", "/api/orders", orderBody(first)),
          shopper.call("POST", "/api/orders", orderBody(second.body)),
        ]);
        assert.deepEqual([a.status, b.status].sort(), [201, 409]);
        assert.equal(
          [a, b].find((r) => r.status === 409)!.body.error.code,
          "cart_empty",
        );
        assert.equal((await stockOf(store, bag)).reserved, before.reserved + 1);
      },
    );

    await t.step(
      "an expired quote answers 409 with a new quote, and nothing is reserved",
      async () => {
        const shopper = new Shopper(store);
        const quote = await quoteFor(shopper, [[bag, 1]]);
        await sql`
        update checkout.quotes set expires_at = now() - interval '1 minute'
        where id = ${quote.id}`;
        const before = await stockOf(store, bag);
        const placed = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(placed.status, 409);
        assert.equal(placed.body.error.code, "quote_changed");
        assert.equal(placed.body.error.details.reason, "expired");
        const fresh = placed.body.error.details.quote;
        assert.notEqual(fresh.id, quote.id);
        assert.deepEqual(await stockOf(store, bag), before);
        const retried = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(fresh),
        );
        assert.equal(retried.status, 201);
        assert.equal(
          retried.body.totals.total.amount,
          fresh.totals.total.amount,
        );
      },
    );

    await t.step(
      "a price change after the quote answers 409 with the new price",
      async () => {
        const shopper = new Shopper(store);
        shopper.cookies.set("currency", "EUR");
        const quote = await quoteFor(shopper, [[knife, 1]]);
        await sql`
        update catalog.variant_prices set amount = amount + 1
        where variant_id = ${knife} and currency = 'EUR'`;
        try {
          const placed = await shopper.call(
            "POST",
            "/api/orders",
            orderBody(quote),
          );
          assert.equal(placed.status, 409);
          assert.equal(placed.body.error.details.reason, "prices_changed");
          const fresh = placed.body.error.details.quote;
          assert.equal(
            Number(fresh.totals.total.amount) -
              Number(quote.totals.total.amount),
            1,
          );
        } finally {
          await sql`
          update catalog.variant_prices set amount = amount - 1
          where variant_id = ${knife} and currency = 'EUR'`;
        }
      },
    );

    await t.step(
      "a changed destination re-quotes instead of ordering",
      async () => {
        const shopper = new Shopper(store);
        const quote = await quoteFor(shopper, [[bag, 1]]);
        const placed = await shopper.call("POST", "/api/orders", {
          ...orderBody(quote),
          shipping: { address: ADDRESSES.US },
        });
        assert.equal(placed.status, 409);
        assert.equal(placed.body.error.details.reason, "destination_changed");
        assert.equal(placed.body.error.details.quote.country, "US");
      },
    );

    await t.step(
      "a bad address answers 400 with translated field messages",
      async () => {
        const shopper = new Shopper(store, { "accept-language": "de" });
        const quote = await quoteFor(shopper, [[bag, 1]]);
        const placed = await shopper.call("POST", "/api/orders", {
          ...orderBody(quote),
          shipping: { address: { ...ADDRESSES.DE, postalCode: "ABC" } },
        });
        assert.equal(placed.status, 400);
        assert.equal(placed.body.error.code, "invalid_address");
        const problem = placed.body.error.details.find((d: { field: string }) =>
          d.field === "postalCode"
        );
        assert.equal(problem.code, "invalid_postal_code");
        assert.match(problem.message, /Postleitzahl/);
        const noEmail = await shopper.call("POST", "/api/orders", {
          ...orderBody(quote),
          email: undefined,
        });
        assert.equal(noEmail.status, 400);
        assert.equal(noEmail.body.error.code, "email_required");
        const badBilling = await shopper.call("POST", "/api/orders", {
          ...orderBody(quote),
          billing: { address: { ...ADDRESSES.DE, city: "" } },
        });
        assert.equal(badBilling.status, 400);
        assert.deepEqual(
          badBilling.body.error.details.map((
            d: { field: string; address: string },
          ) => [d.address, d.field]),
          [["billing", "city"]],
        );
        const nowhere = await shopper.call("POST", "/api/checkout/quote", {
          country: "ZZ",
        });
        assert.equal(nowhere.status, 400);
        assert.equal(nowhere.body.error.details[0].path, "country");
      },
    );

    await t.step(
      "a variant sold out after the quote answers 409 and reserves nothing",
      async () => {
        const first = new Shopper(store);
        const second = new Shopper(store);
        const q1 = await quoteFor(first, [[large, 2]]);
        const q2 = await quoteFor(second, [[large, 2]]);
        const won = await first.call("POST", "/api/orders", orderBody(q1));
        assert.equal(won.status, 201);
        const lost = await second.call("POST", "/api/orders", orderBody(q2));
        assert.equal(lost.status, 409);
        assert.equal(lost.body.error.code, "cart_not_ready");
        assert.deepEqual(await stockOf(store, large), {
          quantity: 2,
          reserved: 2,
        });
        // KNF-L was already below its threshold of 3: no new alert.
        const none = await sql`
        select 1 from notifications.outbox
        where event_id = ${`low-stock:${large}:${won.body.id}`}`;
        assert.equal(none.length, 0);
        // Cancelling gives the units back and is final.
        const cancelled = await first.call(
          "POST",
          `/api/orders/${won.body.id}/cancel`,
        );
        assert.equal(cancelled.status, 200);
        assert.equal(cancelled.body.status, "cancelled");
        assert.deepEqual(await stockOf(store, large), {
          quantity: 2,
          reserved: 0,
        });
        const twice = await first.call(
          "POST",
          `/api/orders/${won.body.id}/cancel`,
        );
        assert.equal(twice.status, 409);
        assert.equal(twice.body.error.code, "illegal_transition");
        const [mail] = await sql`
        select payload from notifications.outbox
        where event_id = ${`order-cancelled:${won.body.id}`}`;
        assert.equal(mail.payload.reason, "customer");
      },
    );

    await t.step(
      "crossing the low-stock threshold alerts operations once",
      async () => {
        const shopper = new Shopper(store);
        const quote = await quoteFor(shopper, [[knife, 7]]);
        const placed = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(placed.status, 201);
        const alerts = await sql`
        select recipient, payload from notifications.outbox where kind = 'low_stock'
          and event_id = ${`low-stock:${knife}:${placed.body.id}`}`;
        assert.equal(alerts.length, 1);
        assert.equal(alerts[0].recipient, "operations@localhost");
        assert.deepEqual(
          [
            alerts[0].payload.sku,
            alerts[0].payload.available,
            alerts[0].payload.threshold,
          ],
          ["KNF-S", 3, 3],
        );
        await shopper.call("POST", `/api/orders/${placed.body.id}/cancel`);
      },
    );

    await t.step(
      "unpaid orders past their reservation are cancelled and release stock",
      async () => {
        const shopper = new Shopper(store);
        const quote = await quoteFor(shopper, [[bag, 3]]);
        const before = await stockOf(store, bag);
        const placed = await shopper.call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(placed.status, 201);
        assert.equal((await stockOf(store, bag)).reserved, before.reserved + 3);
        await sql`
        update orders.orders set reservation_expires_at = now() - interval '1 second'
        where id = ${placed.body.id}`;
        const expired = await expireReservations(sql);
        assert.ok(expired.includes(placed.body.number));
        assert.deepEqual(await stockOf(store, bag), before);
        const order = await shopper.call(
          "GET",
          `/api/orders/${placed.body.id}`,
        );
        assert.equal(order.body.status, "cancelled");
        assert.equal(order.body.timeline.at(-1).actor, "system:expiry");
      },
    );

    await t.step(
      "order numbers have no gaps from failed attempts",
      async () => {
        const numbers =
          (await sql`select number from orders.orders order by number`)
            .map((r) => Number(r.number.slice(3)));
        for (let i = 1; i < numbers.length; i++) {
          assert.equal(numbers[i], numbers[i - 1] + 1);
        }
      },
    );

    await t.step(
      "a signed-in shopper orders to a saved address with their account's email",
      async () => {
        const { shopper, email } = await signedInShopper(store);
        const saved = await shopper.call("POST", "/api/users/me/addresses", {
          type: "shipping",
          ...ADDRESSES.DE,
        });
        assert.equal(saved.status, 201, JSON.stringify(saved.body));
        const quote = await quoteFor(shopper, [[bag, 1]]);
        const placed = await shopper.call("POST", "/api/orders", {
          quoteId: quote.id,
          shipping: { addressId: saved.body.id },
          shippingMethod: quote.shippingMethod,
          gateway: "test",
        });
        assert.equal(placed.status, 201, JSON.stringify(placed.body));
        assert.equal(placed.body.email, email);
        assert.equal(placed.body.shippingAddress.city, "Köln");
        assert.equal(placed.body.billingAddress.postalCode, "51147");
        const list = await shopper.call("GET", "/api/orders");
        assert.equal(list.body.items[0].id, placed.body.id);
        // Someone else's saved address is not found.
        const other = await signedInShopper(store);
        const otherQuote = await quoteFor(other.shopper, [[bag, 1]]);
        const refused = await other.shopper.call("POST", "/api/orders", {
          quoteId: otherQuote.id,
          shipping: { addressId: saved.body.id },
          shippingMethod: otherQuote.shippingMethod,
          gateway: "test",
        });
        assert.equal(refused.status, 404);
      },
    );

    await t.step(
      "a guest who signs in mid-checkout gets a new quote for the account's cart",
      async () => {
        const guest = new Shopper(store);
        const quote = await quoteFor(guest, [[bag, 1]]);
        const { shopper: member, userId } = await signedInShopper(store);
        const { mergeGuestCart } = await import("../cart/mod.ts");
        const { hashToken } = await import("../identity/mod.ts");
        await mergeGuestCart(sql, {
          tokenHash: hashToken(guest.cookies.get("cart")!),
          userId,
        });
        const stale = await member.call("POST", "/api/orders", {
          ...orderBody(quote),
          email: undefined,
        });
        assert.equal(stale.status, 409, JSON.stringify(stale.body));
        assert.equal(stale.body.error.details.reason, "cart_changed");
        const fresh = stale.body.error.details.quote;
        const placed = await member.call("POST", "/api/orders", {
          ...orderBody(fresh),
          email: undefined,
        });
        assert.equal(placed.status, 201, JSON.stringify(placed.body));
        // A stranger guessing the id of that orphaned quote learns nothing.
        const stranger = await new Shopper(store).call(
          "POST",
          "/api/orders",
          orderBody(quote),
        );
        assert.equal(stranger.status, 409);
        assert.equal(stranger.body.error.code, "cart_empty");
      },
    );

    await t.step(
      "signing in merges the guest cart, capped by stock",
      async () => {
        const { shopper: member, userId } = await signedInShopper(store);
        await member.call("POST", "/api/cart/items", {
          variantId: knife,
          quantity: 6,
        });
        const guest = new Shopper(store);
        await guest.call("POST", "/api/cart/items", {
          variantId: knife,
          quantity: 5,
        });
        await guest.call("POST", "/api/cart/items", {
          variantId: bag,
          quantity: 1,
        });
        // What the sign-in route does with the browser's cookie.
        const { mergeGuestCart } = await import("../cart/mod.ts");
        const { hashToken } = await import("../identity/mod.ts");
        await mergeGuestCart(sql, {
          tokenHash: hashToken(guest.cookies.get("cart")!),
          userId,
        });
        const cart = await member.call("GET", "/api/cart");
        const byVariant = new Map(
          cart.body.items.map((
            i: { variantId: string; quantity: number },
          ) => [i.variantId, i.quantity]),
        );
        assert.equal(byVariant.get(knife), 10); // 6 + 5, capped at the 10 in stock
        assert.equal(byVariant.get(bag), 1);
        const guestCart = await guest.call("GET", "/api/cart");
        assert.equal(guestCart.body.items.length, 0);
      },
    );
  } finally {
    await store.close();
  }
});
