import assert from "node:assert/strict";
import {
  CARDS,
  guestShopper,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import { recordAudit } from "../../../commerce/admin/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";

Deno.test({
  name: "the audit log records an admin's refund and pages through entries",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const get = async (token: string, query = "") => {
      const response = await store.app.request(`/api/admin/audit${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, json: await response.json() };
    };
    try {
      const admin = await staffMember(store);
      const shopper = guestShopper(store.app);
      const order = await placeOrder(sql, { owner: shopper.owner });
      await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.success,
      });
      await store.deps.payments.test!.flush();

      await t.step(
        "a refund is audited with who, what, before, after and the request id",
        async () => {
          const refund = await requestRefund(store, {
            token: admin.token,
            orderId: order.id,
            body: { amount: "3.00", reason: "Dented" },
          });
          assert.equal(refund.status, 201, JSON.stringify(refund.json));
          const { status, json } = await get(
            admin.token,
            `?entityType=order&entityId=${order.id}`,
          );
          assert.equal(status, 200);
          assert.equal(json.items.length, 1);
          const [entry] = json.items;
          assert.equal(entry.action, "order.refund");
          assert.equal(entry.actorId, admin.id);
          assert.deepEqual(entry.actorRoles, ["customer", "admin"]);
          assert.equal(entry.before.status, "paid");
          assert.equal(entry.after.amount, "3.00");
          assert.equal(entry.after.reason, "Dented");
          assert.equal(entry.requestId, refund.headers.get("x-request-id"));
        },
      );

      await t.step("filters and cursor pages", async () => {
        // One transaction each: entries of one transaction share a time.
        for (let i = 0; i < 5; i++) {
          await sql.begin((tx) =>
            recordAudit(tx, { id: admin.id, roles: ["admin"] }, {
              action: "product.update",
              entityType: "product",
              entityId: `p-${i}`,
              after: { i },
            })
          );
        }
        const first = await get(admin.token, "?action=product&limit=3");
        assert.equal(first.json.items.length, 3);
        assert.ok(first.json.nextCursor);
        const second = await get(
          admin.token,
          `?action=product&limit=3&cursor=${first.json.nextCursor}`,
        );
        assert.equal(second.json.items.length, 2);
        assert.equal(second.json.nextCursor, null);
        const ids = [...first.json.items, ...second.json.items]
          .map((e: { entityId: string }) => e.entityId);
        assert.deepEqual(ids, ["p-4", "p-3", "p-2", "p-1", "p-0"]);
        const exact = await get(admin.token, "?action=order.refund");
        assert.equal(exact.json.items.length, 1);
      });

      await t.step(
        "bad filters are 400; customers 403; anonymous 401",
        async () => {
          assert.equal((await get(admin.token, "?cursor=nope")).status, 400);
          assert.equal((await get(admin.token, "?limit=9999")).status, 400);
          assert.equal((await get(admin.token, "?bogus=1")).status, 400);
          const customer = await staffMember(store, ["customer"]);
          assert.equal((await get(customer.token)).status, 403);
          const anonymous = await store.app.request("/api/admin/audit");
          assert.equal(anonymous.status, 401);
        },
      );
    } finally {
      await store.close();
    }
  },
});
