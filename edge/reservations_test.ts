import assert from "node:assert/strict";
import { FIXTURE } from "../commerce/catalog/_test_util.ts";
import {
  ADDRESSES,
  Shopper,
  variantId,
} from "../commerce/checkout/_test_util.ts";
import { releaseExpiredReservations } from "./reservations.ts";
import { startCatalogTestStore } from "./testing.ts";

Deno.test("`releaseExpiredReservations()` cancels expired unpaid orders and forgets old idempotency keys", async () => {
  const store = await startCatalogTestStore({ catalog: FIXTURE });
  try {
    const { sql } = store.deps.db;
    const shopper = new Shopper(store);
    await shopper.call("POST", "/api/cart/items", {
      variantId: await variantId(store, "BAG-1"),
      quantity: 1,
    });
    const quote = await shopper.call("POST", "/api/checkout/quote", {
      country: "DE",
    });
    const placed = await shopper.call("POST", "/api/orders", {
      quoteId: quote.body.id,
      email: "late@example.com",
      shipping: { address: ADDRESSES.DE },
      shippingMethod: quote.body.shippingMethod,
      gateway: "test",
    }, { "idempotency-key": "order-1" });
    assert.equal(placed.status, 201);

    const early = await releaseExpiredReservations(store.deps);
    assert.deepEqual(early.cancelled, []);

    await sql`update orders.orders set reservation_expires_at = now()
      where id = ${placed.body.id}`;
    await sql`update api.idempotency_keys set created_at = now() - interval '25 hours'`;
    const bumped: string[] = [];
    const late = await releaseExpiredReservations({
      ...store.deps,
      reads: {
        bumpVersion: (namespace) => Promise.resolve(bumped.push(namespace)),
      },
    });
    // The units are on sale again: cached catalog pages are retired.
    assert.deepEqual(bumped, ["catalog"]);
    assert.deepEqual(late.cancelled, [placed.body.number]);
    assert.ok(late.purgedKeys >= 1);
    const [mail] = await sql`
      select payload from notifications.outbox
      where event_id = ${`order-cancelled:${placed.body.id}`}`;
    assert.equal(mail.payload.reason, "expired");
  } finally {
    await store.close();
  }
});
