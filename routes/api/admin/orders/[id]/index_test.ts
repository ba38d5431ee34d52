import assert from "node:assert/strict";
import {
  CARDS,
  guestShopper,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../../db/_test_util.ts";

Deno.test({
  name:
    "`GET /api/admin/orders/{id}` shows the order, its timeline, parcels, payments and refunds",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const get = async (token: string | null, id: string) => {
      const response = await store.app.request(`/api/admin/orders/${id}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      // deno-lint-ignore no-explicit-any
      return { status: response.status, json: await response.json() as any };
    };
    try {
      const admin = await staffMember(store);
      const shopper = guestShopper(store.app);
      const order = await placeOrder(sql, { owner: shopper.owner });
      const paid = await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.success,
      });
      assert.equal(paid.json.status, "succeeded");
      await store.deps.payments.test!.flush();
      const refund = await requestRefund(store, {
        token: admin.token,
        orderId: order.id,
        body: { amount: "2.00", reason: "Scuffed" },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.json));
      const packed = await store.app.request(
        `/api/admin/orders/${order.id}/transitions`,
        {
          method: "POST",
          headers: {
            authorization: `Bearer ${admin.token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ to: "packed" }),
        },
      );
      assert.equal(packed.status, 200);

      await t.step("everything staff need about one order", async () => {
        const { status, json } = await get(admin.token, order.id);
        assert.equal(status, 200, JSON.stringify(json));
        assert.equal(json.id, order.id);
        assert.equal(json.number, order.number);
        assert.equal(json.status, "packed");
        assert.equal(json.stock, "committed");
        assert.equal(json.userId, null);
        assert.deepEqual(json.transitions, ["shipped"]);
        assert.equal(json.lines.length, 1);
        assert.ok(json.totals.total.formatted);
        assert.deepEqual(json.fulfillments, []);
        // The timeline: who made each step and what came with it.
        const steps = json.timeline.map((
          e: { from: string | null; to: string; actor: string },
        ) => [e.from, e.to, e.actor]);
        assert.deepEqual(steps, [
          [null, "pending_payment", "guest"],
          ["pending_payment", "paid", "gateway:test"],
          ["paid", "paid", `admin:${admin.id}`],
          ["paid", "packed", `admin:${admin.id}`],
        ]);
        assert.equal(json.timeline[2].data.refund.amount.amount, "2.00");
        assert.ok(json.timeline[1].data);
        assert.equal(json.payments.length, 1);
        const [payment] = json.payments;
        assert.equal(payment.status, "succeeded");
        assert.equal(payment.gateway, "test");
        assert.equal(payment.amount.amount, json.totals.total.amount);
        assert.ok(payment.gatewayTransactionId);
        assert.equal(payment.raw, undefined);
        assert.equal(json.refunds.length, 1);
        const [given] = json.refunds;
        assert.equal(given.status, "succeeded");
        assert.equal(given.amount.amount, "2.00");
        assert.equal(given.reason, "Scuffed");
        assert.equal(given.parentId, payment.id);
        assert.equal(given.createdBy, `admin:${admin.id}`);
      });

      await t.step("its parcels once shipped", async () => {
        const shipped = await store.app.request(
          `/api/admin/orders/${order.id}/transitions`,
          {
            method: "POST",
            headers: {
              authorization: `Bearer ${admin.token}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({
              to: "shipped",
              carrier: "UPS",
              trackingNumber: "1Z999AA10123456784",
            }),
          },
        );
        assert.equal(shipped.status, 200);
        const { json } = await get(admin.token, order.id);
        assert.equal(json.status, "shipped");
        assert.equal(json.fulfillments.length, 1);
        assert.equal(json.fulfillments[0].carrier, "UPS");
        assert.equal(json.fulfillments[0].trackingNumber, "1Z999AA10123456784");
        assert.equal(json.fulfillments[0].trackingUrl, null);
        assert.deepEqual(json.timeline.at(-1).data, {
          shipment: { carrier: "UPS", trackingNumber: "1Z999AA10123456784" },
        });
      });

      await t.step("unknown orders 404", async () => {
        const missing = await get(admin.token, crypto.randomUUID());
        assert.equal(missing.status, 404);
        assert.equal(missing.json.error.code, "not_found");
        assert.equal((await get(admin.token, "not-an-id")).status, 404);
      });

      await t.step("customers 403; anonymous 401", async () => {
        const customer = await staffMember(store, ["customer"]);
        const forbidden = await get(customer.token, order.id);
        assert.equal(forbidden.status, 403);
        assert.equal(forbidden.json.error.code, "forbidden");
        assert.equal((await get(null, order.id)).status, 401);
      });
    } finally {
      await store.close();
    }
  },
});
