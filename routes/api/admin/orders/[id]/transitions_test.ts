import assert from "node:assert/strict";
import { auditLog } from "../../../../../commerce/admin/mod.ts";
import {
  CATALOG_NAMESPACE,
  stockLevels,
} from "../../../../../commerce/catalog/mod.ts";
import { transitionOrder } from "../../../../../commerce/orders/mod.ts";
import {
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../../../commerce/payments/_test_util.ts";
import { toDecimalString } from "../../../../../commerce/pricing/mod.ts";
import { ignorePostgresTests } from "../../../../../db/_test_util.ts";

Deno.test({
  name:
    "`POST /api/admin/orders/{id}/transitions` packs, ships, delivers and cancels, audited",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const call = async (
      token: string | null,
      path: string,
      init: { method?: string; body?: unknown } = {},
    ) => {
      const response = await store.app.request(path, {
        method: init.method ?? "GET",
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body === undefined
            ? {}
            : { "content-type": "application/json" }),
        },
        body: init.body === undefined
          ? undefined
          : typeof init.body === "string"
          ? init.body
          : JSON.stringify(init.body),
      });
      const text = await response.text();
      // deno-lint-ignore no-explicit-any
      const json: any = response.headers.get("content-type")?.includes("json")
        ? JSON.parse(text)
        : null;
      return { status: response.status, headers: response.headers, json, text };
    };
    const move = (token: string | null, id: string, body: unknown) =>
      call(token, `/api/admin/orders/${id}/transitions`, {
        method: "POST",
        body,
      });
    const audits = async (id: string) =>
      (await auditLog(sql, { entityType: "order", entityId: id }))!.items;
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const order = await placeOrder(sql, {
        owner: { userId: customer.id },
      });
      await sql.begin((tx) =>
        transitionOrder(tx, {
          orderId: order.id,
          to: "paid",
          actor: "gateway:test",
        })
      );

      await t.step("a paid order is packed, audited", async () => {
        const packed = await move(admin.token, order.id, {
          to: "packed",
          note: "Gift wrapped",
        });
        assert.equal(packed.status, 200, packed.text);
        assert.equal(packed.json.status, "packed");
        assert.deepEqual(packed.json.transitions, ["shipped"]);
        const step = packed.json.timeline.at(-1);
        assert.equal(step.actor, `admin:${admin.id}`);
        assert.deepEqual(step.data, { note: "Gift wrapped" });
        const [entry] = await audits(order.id);
        assert.equal(entry.action, "order.pack");
        assert.equal(entry.actorId, admin.id);
        assert.deepEqual(entry.before, { status: "paid", stock: "committed" });
        assert.deepEqual(entry.after, {
          status: "packed",
          stock: "committed",
          note: "Gift wrapped",
        });
        assert.equal(entry.requestId, packed.headers.get("x-request-id"));
      });

      await t.step(
        "a paid order is not cancelled: the 409 says to refund it",
        async () => {
          const refused = await move(admin.token, order.id, {
            to: "cancelled",
          });
          assert.equal(refused.status, 409);
          assert.equal(refused.json.error.code, "illegal_transition");
          assert.match(refused.json.error.message, /refund it instead/);
          assert.deepEqual(refused.json.error.details, {
            from: "packed",
            to: "cancelled",
          });
          const skipped = await move(admin.token, order.id, {
            to: "delivered",
          });
          assert.equal(skipped.status, 409);
          assert.equal(skipped.json.error.code, "illegal_transition");
          assert.equal((await audits(order.id)).length, 1);
        },
      );

      await t.step("shipping needs a carrier and tracking number", async () => {
        for (
          const body of [
            { to: "shipped" },
            { to: "shipped", carrier: "DHL" },
            { to: "shipped", trackingNumber: "JD0123" },
            { to: "shipped", carrier: " ", trackingNumber: "JD0123" },
            {
              to: "shipped",
              carrier: "DHL",
              trackingNumber: "JD0123",
              trackingUrl: "javascript:alert(1)",
            },
            { to: "packed", carrier: "DHL" },
            { to: "lost" },
            { to: "paid" },
            {},
          ]
        ) {
          const { status, json } = await move(admin.token, order.id, body);
          assert.equal(status, 400, JSON.stringify(body));
          assert.equal(json.error.code, "validation_failed");
          assert.ok(json.error.details.length > 0);
        }
        const notJson = await move(admin.token, order.id, "{");
        assert.equal(notJson.status, 400);
        assert.equal(notJson.json.error.code, "invalid_json");
      });

      await t.step(
        "shipped with tracking: the customer sees it on the API and the page",
        async () => {
          const shipped = await move(admin.token, order.id, {
            to: "shipped",
            carrier: "DHL",
            trackingNumber: "JD014600006281230704",
            trackingUrl: "https://www.dhl.de/track?id=JD014600006281230704",
          });
          assert.equal(shipped.status, 200, shipped.text);
          assert.equal(shipped.json.status, "shipped");
          const mine = await call(customer.token, `/api/orders/${order.id}`);
          assert.equal(mine.status, 200);
          assert.equal(mine.json.status, "shipped");
          assert.ok(mine.json.shippedAt);
          assert.deepEqual(
            mine.json.fulfillments.map((
              f: { carrier: string; trackingNumber: string },
            ) => [f.carrier, f.trackingNumber]),
            [["DHL", "JD014600006281230704"]],
          );
          const page = await call(customer.token, `/en/orders/${order.id}`);
          assert.equal(page.status, 200);
          assert.match(page.text, /JD014600006281230704/);
          const [entry] = await audits(order.id);
          assert.equal(entry.action, "order.ship");
          assert.deepEqual(entry.before, {
            status: "packed",
            stock: "committed",
          });
          assert.deepEqual(entry.after, {
            status: "shipped",
            stock: "committed",
            shipment: {
              carrier: "DHL",
              trackingNumber: "JD014600006281230704",
              trackingUrl: "https://www.dhl.de/track?id=JD014600006281230704",
            },
          });
          const [{ count }] = await sql`
            select count(*)::int as count from notifications.outbox
            where kind = 'order_shipped' and recipient = ${order.email}`;
          assert.equal(count, 1);
        },
      );

      await t.step("delivered", async () => {
        const delivered = await move(admin.token, order.id, {
          to: "delivered",
        });
        assert.equal(delivered.status, 200, delivered.text);
        assert.equal(delivered.json.status, "delivered");
        assert.deepEqual(delivered.json.transitions, []);
        const mine = await call(customer.token, `/api/orders/${order.id}`);
        assert.equal(mine.json.status, "delivered");
        const [entry] = await audits(order.id);
        assert.equal(entry.action, "order.deliver");
        assert.deepEqual(entry.before, {
          status: "shipped",
          stock: "committed",
        });
        assert.deepEqual(entry.after, {
          status: "delivered",
          stock: "committed",
        });
      });

      await t.step(
        "cancelling an unpaid order puts its stock back on sale at once",
        async () => {
          const product = () =>
            call(null, "/api/products/kyoto-backpack?currency=USD");
          const [variant] = (await product()).json.variants;
          assert.equal(variant.availability.status, "in_stock");
          const { quantity, reserved } = (await stockLevels(sql, [variant.id]))
            .get(variant.id)!;
          const all = await placeOrder(sql, {
            owner: { userId: customer.id },
            quantity: quantity - reserved,
          });
          // Placed behind the API's back: retire the cached product as
          // checkout does, so it shows sold out (and is cached so).
          await store.deps.reads.bumpVersion(CATALOG_NAMESPACE);
          const soldOut = (await product()).json.variants[0];
          assert.equal(soldOut.availability.status, "out_of_stock");

          const cancelled = await move(admin.token, all.id, {
            to: "cancelled",
            note: "Customer asked by phone",
          });
          assert.equal(cancelled.status, 200, cancelled.text);
          assert.equal(cancelled.json.status, "cancelled");
          assert.equal(cancelled.json.stock, "released");
          const back = (await product()).json.variants[0];
          assert.equal(back.availability.status, "in_stock");
          const mine = await call(customer.token, `/api/orders/${all.id}`);
          assert.equal(mine.json.status, "cancelled");
          const [entry] = await audits(all.id);
          assert.equal(entry.action, "order.cancel");
          assert.deepEqual(entry.before, {
            status: "pending_payment",
            stock: "reserved",
          });
          assert.deepEqual(entry.after, {
            status: "cancelled",
            stock: "released",
            note: "Customer asked by phone",
          });
          const again = await move(admin.token, all.id, { to: "cancelled" });
          assert.equal(again.status, 409);
          assert.equal(again.json.error.code, "illegal_transition");
        },
      );

      await t.step(
        "an unpaid order is not cancelled while a payment may be taking money",
        async () => {
          const unpaid = await placeOrder(sql, {
            owner: { userId: customer.id },
          });
          // A payment whose gateway call has not answered yet.
          await sql`
            insert into payments.transactions (
              order_id, gateway, gateway_transaction_id, kind, amount,
              currency, status
            ) values (
              ${unpaid.id}, 'test', ${`pending:${crypto.randomUUID()}`},
              'payment', ${toDecimalString(unpaid.totals.total)},
              ${unpaid.currency}, 'pending'
            )`;
          const refused = await move(admin.token, unpaid.id, {
            to: "cancelled",
          });
          assert.equal(refused.status, 409);
          assert.equal(refused.json.error.code, "order_not_payable");
          assert.equal(
            refused.json.error.details.reason,
            "payment_in_progress",
          );
          const mine = await call(customer.token, `/api/orders/${unpaid.id}`);
          assert.equal(mine.json.status, "pending_payment");
          assert.equal((await audits(unpaid.id)).length, 0);
        },
      );

      await t.step(
        "unknown orders 404; customers 403; anonymous 401",
        async () => {
          const missing = await move(admin.token, crypto.randomUUID(), {
            to: "packed",
          });
          assert.equal(missing.status, 404);
          assert.equal(missing.json.error.code, "not_found");
          assert.equal(
            (await move(admin.token, "not-an-id", { to: "packed" })).status,
            404,
          );
          const forbidden = await move(customer.token, order.id, {
            to: "packed",
          });
          assert.equal(forbidden.status, 403);
          assert.equal(forbidden.json.error.code, "forbidden");
          const anonymous = await move(null, order.id, { to: "packed" });
          assert.equal(anonymous.status, 401);
        },
      );
    } finally {
      await store.close();
    }
  },
});
