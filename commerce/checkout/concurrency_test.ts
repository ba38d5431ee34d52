import assert from "node:assert/strict";
import { FIXTURE } from "../catalog/_test_util.ts";
import { stockLevels } from "../catalog/mod.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import { ADDRESSES, Shopper, variantId } from "./_test_util.ts";

const BUYERS = 200;
const STOCK = 10;

Deno.test(`${BUYERS} concurrent buyers of a variant with ${STOCK} in stock: exactly ${STOCK} orders reserve it`, async () => {
  const store = await startCatalogTestStore({ catalog: FIXTURE });
  try {
    const { sql } = store.deps.db;
    const bag = await variantId(store, "BAG-1");
    await sql`update catalog.inventory set quantity = ${STOCK}, reserved = 0
      where variant_id = ${bag}`;

    // Every buyer has the bag in their cart and a quote while it is in stock.
    const buyers = await Promise.all(
      Array.from({ length: BUYERS }, async () => {
        const shopper = new Shopper(store);
        const added = await shopper.call("POST", "/api/cart/items", {
          variantId: bag,
          quantity: 1,
        });
        assert.equal(added.status, 201);
        const quote = await shopper.call("POST", "/api/checkout/quote", {
          country: "US",
          region: "NY",
        });
        assert.equal(quote.status, 201, JSON.stringify(quote.body));
        return { shopper, quote: quote.body };
      }),
    );

    // Then they all press "Place order" at once, while a watcher samples
    // the row: available never goes below zero.
    let racing = true;
    const lowest = (async () => {
      let min = Infinity;
      while (racing) {
        const [row] = await sql`
          select quantity - reserved as available from catalog.inventory
          where variant_id = ${bag}`;
        min = Math.min(min, row.available);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return min;
    })();
    const answers = await Promise.all(
      buyers.map(({ shopper, quote }) =>
        shopper.call("POST", "/api/orders", {
          quoteId: quote.id,
          email: "buyer@example.com",
          shipping: {
            address: {
              ...ADDRESSES.US,
              region: "NY",
              postalCode: "10001",
              city: "New York",
            },
          },
          shippingMethod: quote.shippingMethod,
          gateway: "test",
        }).then((reply) => ({ shopper, reply }))
      ),
    );
    racing = false;
    assert.ok(await lowest >= 0);

    const won = answers.filter((a) => a.reply.status === 201);
    const lost = answers.filter((a) => a.reply.status !== 201);
    assert.equal(won.length, STOCK);
    assert.equal(lost.length, BUYERS - STOCK);
    for (const { reply } of lost) {
      assert.equal(reply.status, 409, JSON.stringify(reply.body));
      assert.match(reply.body.error.code, /^(out_of_stock|cart_not_ready)$/);
    }
    assert.deepEqual((await stockLevels(sql, [bag])).get(bag), {
      quantity: STOCK,
      reserved: STOCK,
    });
    const [{ orders }] = await sql`
      select count(*)::int as orders from orders.lines where variant_id = ${bag}`;
    assert.equal(orders, STOCK);

    // A few winners cancel: their units are available again, and the
    // books balance (on hand = reserved + available, nothing negative).
    for (const { shopper, reply } of won.slice(0, 3)) {
      const cancelled = await shopper.call(
        "POST",
        `/api/orders/${reply.body.id}/cancel`,
      );
      assert.equal(cancelled.status, 200);
    }
    const [row] = await sql`
      select quantity, reserved, quantity - reserved as available
      from catalog.inventory where variant_id = ${bag}`;
    assert.deepEqual(row, {
      quantity: STOCK,
      reserved: STOCK - 3,
      available: 3,
    });
    const [{ held }] = await sql`
      select coalesce(sum(l.quantity), 0)::int as held from orders.lines l
      join orders.orders o on o.id = l.order_id
      where l.variant_id = ${bag} and o.stock = 'reserved'`;
    assert.equal(held, row.reserved);
  } finally {
    await store.close();
  }
});
