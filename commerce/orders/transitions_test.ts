import assert from "node:assert/strict";
import { FIXTURE } from "../catalog/_test_util.ts";
import { stockLevels } from "../catalog/mod.ts";
import { ADDRESSES, Shopper, variantId } from "../checkout/_test_util.ts";
import { deliverNotifications } from "../../edge/notifications.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import { devMailboxProvider, listMailbox } from "../notifications/mod.ts";
import { IllegalTransition } from "./errors.ts";
import { canTransition, TRANSITIONS } from "./state.ts";
import { transitionOrder } from "./transitions.ts";
import { ORDER_STATUSES } from "./types.ts";

Deno.test("the state machine only moves orders forward", () => {
  assert.ok(canTransition("pending_payment", "paid"));
  assert.ok(canTransition("paid", "packed"));
  assert.ok(canTransition("packed", "shipped"));
  assert.ok(canTransition("shipped", "delivered"));
  assert.ok(canTransition("pending_payment", "cancelled"));
  assert.ok(canTransition("delivered", "partially_refunded"));
  // A partial refund never stops a parcel on its way.
  assert.ok(!canTransition("paid", "partially_refunded"));
  assert.ok(!canTransition("partially_refunded", "packed"));
  assert.ok(canTransition("partially_refunded", "refunded"));
  assert.ok(!canTransition("paid", "pending_payment"));
  assert.ok(!canTransition("paid", "cancelled"));
  assert.ok(!canTransition("shipped", "packed"));
  assert.ok(!canTransition("cancelled", "paid"));
  assert.ok(!canTransition("pending_payment", "shipped"));
  // Terminal states go nowhere, and every status is in the table.
  assert.deepEqual(TRANSITIONS.cancelled, []);
  assert.deepEqual(TRANSITIONS.refunded, []);
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...ORDER_STATUSES].sort());
});

Deno.test("`transitionOrder()` commits stock on payment, records the parcel and emails each step", async () => {
  const store = await startCatalogTestStore({ catalog: FIXTURE });
  try {
    const { sql } = store.deps.db;
    const bag = await variantId(store, "BAG-1");
    const shopper = new Shopper(store);
    shopper.cookies.set("lang", "de");
    await shopper.call("POST", "/api/cart/items", {
      variantId: bag,
      quantity: 2,
    });
    const quote = await shopper.call("POST", "/api/checkout/quote", {
      country: "DE",
    });
    const placed = await shopper.call("POST", "/api/orders", {
      quoteId: quote.body.id,
      email: "erika@example.com",
      shipping: { address: ADDRESSES.DE },
      shippingMethod: quote.body.shippingMethod,
      gateway: "test",
    });
    assert.equal(placed.status, 201);
    const id = placed.body.id;
    const before = (await stockLevels(sql, [bag])).get(bag)!;

    const paid = await sql.begin((tx) =>
      transitionOrder(tx, { orderId: id, to: "paid", actor: "gateway:test" })
    );
    assert.equal(paid.changed, true);
    assert.equal(paid.order.stock, "committed");
    assert.deepEqual((await stockLevels(sql, [bag])).get(bag), {
      quantity: before.quantity - 2,
      reserved: before.reserved - 2,
    });

    // A late duplicate "paid" changes nothing when told to ignore it...
    const again = await sql.begin((tx) =>
      transitionOrder(tx, {
        orderId: id,
        to: "paid",
        actor: "gateway:test",
        otherwise: "ignore",
      })
    );
    assert.equal(again.changed, false);
    // ...and is a 409 otherwise.
    await assert.rejects(
      sql.begin((tx) =>
        transitionOrder(tx, { orderId: id, to: "cancelled", actor: "admin:x" })
      ),
      (error) => error instanceof IllegalTransition && error.status === 409,
    );

    await sql.begin((tx) =>
      transitionOrder(tx, { orderId: id, to: "packed", actor: "admin:x" })
    );
    const shipped = await sql.begin((tx) =>
      transitionOrder(tx, {
        orderId: id,
        to: "shipped",
        actor: "admin:x",
        shipment: {
          carrier: "DHL",
          trackingNumber: "JD0123",
          trackingUrl: "https://www.dhl.de/track?id=JD0123",
        },
      })
    );
    assert.equal(shipped.order.fulfillments[0].trackingNumber, "JD0123");
    assert.deepEqual(
      shipped.order.events.map((e) => e.to),
      ["pending_payment", "paid", "packed", "shipped"],
    );
    const emails = await sql`
      select kind from notifications.outbox
      where event_id like ${`%:${id}%`} order by created_at`;
    assert.deepEqual(emails.map((e) => e.kind), [
      "order_placed",
      "order_paid",
      "order_shipped",
    ]);
    // The customer sees the parcel.
    const view = await shopper.call("GET", `/api/orders/${id}`);
    assert.equal(view.body.status, "shipped");
    assert.equal(view.body.fulfillments[0].carrier, "DHL");
    assert.equal(view.body.canCancel, false);

    // Every email the order queued renders and is delivered, in German
    // for a German shopper (a payload a template refused would fail here).
    const delivered = await deliverNotifications(store.deps, {
      provider: devMailboxProvider(sql),
    });
    assert.equal(delivered.failed, 0);
    const subjects =
      (await listMailbox(sql, { recipient: "erika@example.com" }))
        .map((m) => m.subject);
    assert.ok(
      subjects.some((s) => /Bestellung GS-\d+/.test(s)),
      subjects.join(" | "),
    );
    assert.equal(subjects.length, 3);
  } finally {
    await store.close();
  }
});
