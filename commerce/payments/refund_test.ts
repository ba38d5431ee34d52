import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { orderById, transitionOrder } from "../orders/mod.ts";
import { parseMoney, toDecimalString } from "../pricing/mod.ts";
import {
  CARDS,
  guestShopper,
  placeOrder,
  startPaymentsTestStore,
} from "./_test_util.ts";
import { GatewayTransientError } from "./errors.ts";
import type { PaymentGateway } from "./gateway.ts";
import { PaymentGateways } from "./registry.ts";
import { refundOrder, retryPendingRefunds } from "./refund.ts";
import { transactionsOf } from "./queries.ts";

Deno.test({
  name:
    "refunds: a partial refund keeps a parcel moving; one lost in an outage is retried once the gateway is back",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const real = store.deps.payments.test!;
    // The test gateway, whose refund calls fail while `down` is true.
    let down = false;
    const flaky: PaymentGateway = {
      name: "test",
      supports: (where) => real.supports(where),
      parseMethod: (input) => real.parseMethod(input),
      createPayment: (request) => real.createPayment(request),
      parseWebhook: (request) => real.parseWebhook(request),
      refund: (request) =>
        down
          ? Promise.reject(new GatewayTransientError("test", "answered 503"))
          : real.refund(request),
    };
    const payments = new PaymentGateways([flaky], {
      retries: 0,
      breakerThreshold: 100,
    });
    const deps = { payments };
    try {
      const shopper = guestShopper(store.app);
      const order = await placeOrder(sql, { owner: shopper.owner });
      const { json } = await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.success,
      });
      assert.equal(json.status, "succeeded");
      await real.flush();
      assert.equal((await orderById(sql, order.id))!.status, "paid");

      await t.step(
        "a partial refund of a paid order leaves it to be packed",
        async () => {
          const refund = await refundOrder(sql, deps, {
            orderId: order.id,
            amount: "4.00",
            reason: "Missing strap",
            actor: "admin:test",
          });
          assert.equal(refund.status, "succeeded");
          assert.equal(refund.orderStatus, "paid");
          await sql.begin((tx) =>
            transitionOrder(tx, {
              orderId: order.id,
              to: "packed",
              actor: "admin:test",
            })
          );
          const after = (await orderById(sql, order.id))!;
          assert.equal(after.status, "packed");
          assert.ok(after.events.some((e) => e.data?.refund));
        },
      );

      await t.step("a zero refund is a 400", async () => {
        await assert.rejects(
          refundOrder(sql, deps, {
            orderId: order.id,
            amount: "0",
            reason: "Nothing",
            actor: "admin:test",
          }),
          (error: { status?: number; code?: string }) =>
            error.status === 400 && error.code === "invalid_amount",
        );
      });

      await t.step(
        "a refund lost in an outage stays pending, then is retried",
        async () => {
          down = true;
          await assert.rejects(
            refundOrder(sql, deps, {
              orderId: order.id,
              reason: "Returned",
              actor: "admin:test",
            }),
            (error: { status?: number }) => error.status === 503,
          );
          const pending = (await transactionsOf(sql, order.id))
            .filter((tx) => tx.kind === "refund" && tx.status === "pending");
          assert.equal(pending.length, 1);
          // Its amount stays reserved: nothing more can be refunded meanwhile.
          await assert.rejects(
            refundOrder(sql, deps, {
              orderId: order.id,
              amount: "1.00",
              reason: "More",
              actor: "admin:test",
            }),
            (error: { code?: string }) => error.code === "order_not_refundable",
          );
          // Too soon to retry; then the gateway is back and time has passed.
          assert.deepEqual(await retryPendingRefunds(sql, deps), {
            retried: 0,
            succeeded: 0,
            stillPending: 0,
          });
          down = false;
          await sql`
          update payments.transactions
          set updated_at = now() - interval '6 minutes'
          where id = ${pending[0].id}`;
          assert.deepEqual(await retryPendingRefunds(sql, deps), {
            retried: 1,
            succeeded: 1,
            stillPending: 0,
          });
          const after = (await orderById(sql, order.id))!;
          assert.equal(after.status, "refunded");
          const refunds = (await transactionsOf(sql, order.id))
            .filter((tx) => tx.kind === "refund");
          assert.deepEqual(
            refunds.map((r) => r.status),
            ["succeeded", "succeeded"],
          );
          const total = refunds.reduce((sum, r) => sum + r.amount.amount, 0n);
          assert.equal(total, order.totals.total.amount);
          assert.deepEqual(
            refunds[0].amount,
            parseMoney("4.00", order.currency),
          );
          // Nothing left to retry.
          assert.equal((await retryPendingRefunds(sql, deps)).retried, 0);
        },
      );
    } finally {
      await payments.close();
      await store.close();
    }
  },
});

Deno.test({
  name:
    "an abandoned attempt paid after all is recorded and refunded by the store; the order keeps its payment",
  ignore: ignorePostgresTests,
  async fn() {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const gateway = store.deps.payments.test!;
    const { payments } = store.deps;
    try {
      const shopper = guestShopper(store.app);
      const order = await placeOrder(sql, { owner: shopper.owner });
      // The shopper leaves the 3-D Secure page open and pays another way.
      const first = await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.challenge,
      });
      assert.equal(first.json.status, "requires_action");
      const second = await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.success,
      });
      assert.equal(second.json.status, "succeeded");
      await gateway.flush();
      assert.equal((await orderById(sql, order.id))!.status, "paid");
      // Then approves the old page too: the gateway took the money twice.
      const old = (await transactionsOf(sql, order.id))
        .find((tx) => tx.id === first.json.transactionId)!;
      assert.equal(old.status, "cancelled");
      gateway.completeChallenge(old.gatewayTransactionId!, "approve");
      await gateway.flush();
      const recorded = await transactionsOf(sql, order.id);
      assert.equal(
        recorded.find((tx) => tx.id === old.id)!.status,
        "succeeded",
        "what the gateway did is on record",
      );
      const queued = recorded.filter((tx) => tx.kind === "refund");
      assert.equal(queued.length, 1);
      assert.equal(queued[0].parentId, old.id);
      assert.equal(queued[0].status, "pending");
      assert.deepEqual(queued[0].amount, order.totals.total);

      // The retry job sends it at its next run.
      const result = await retryPendingRefunds(sql, { payments });
      assert.deepEqual(result, { retried: 1, succeeded: 1, stillPending: 0 });
      await gateway.flush();
      const after = (await orderById(sql, order.id))!;
      assert.equal(after.status, "paid", "the order keeps its own payment");
      assert.equal(
        (await transactionsOf(sql, order.id))
          .find((tx) => tx.kind === "refund")!.status,
        "succeeded",
      );
      // An admin refund takes the payment that paid the order.
      const refund = await refundOrder(sql, { payments }, {
        orderId: order.id,
        reason: "Returned",
        actor: "admin:test",
      });
      assert.equal(refund.orderStatus, "refunded");
      assert.deepEqual(refund.amount, {
        amount: toDecimalString(order.totals.total),
        currency: order.currency,
      });
    } finally {
      await store.close();
    }
  },
});
