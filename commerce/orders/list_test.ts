import assert from "node:assert/strict";
import { FIXTURE } from "../catalog/_test_util.ts";
import {
  ADDRESSES,
  signedInShopper,
  variantId,
} from "../checkout/_test_util.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";

Deno.test("`GET /api/orders` pages through orders placed within one millisecond", async () => {
  const store = await startCatalogTestStore({ catalog: FIXTURE });
  try {
    const { sql } = store.deps.db;
    const { shopper, userId } = await signedInShopper(store);
    const bag = await variantId(store, "BAG-1");
    for (let i = 0; i < 3; i++) {
      await shopper.call("POST", "/api/cart/items", {
        variantId: bag,
        quantity: 1,
      });
      const quote = await shopper.call("POST", "/api/checkout/quote", {
        country: "DE",
      });
      const placed = await shopper.call("POST", "/api/orders", {
        quoteId: quote.body.id,
        shipping: { address: ADDRESSES.DE },
        shippingMethod: quote.body.shippingMethod,
        gateway: "test",
      });
      assert.equal(placed.status, 201);
    }
    // Three orders a few microseconds apart, in the same millisecond.
    await sql`
      update orders.orders set placed_at = '2026-03-05 10:00:00.000100+00'::timestamptz
        + (select count(*) from orders.orders o2
           where o2.user_id = orders.orders.user_id and o2.id < orders.orders.id)
          * interval '1 microsecond'
      where user_id = ${userId}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor
        ? `&cursor=${encodeURIComponent(cursor)}`
        : "";
      const page = await shopper.call("GET", `/api/orders?limit=1${query}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 10);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen).size, 3);
    const bad = await shopper.call("GET", "/api/orders?cursor=bm9wZQ");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "invalid_cursor");
  } finally {
    await store.close();
  }
});
