/**
 * Alipay through the whole store, on real Postgres: the payments API
 * signs a page-pay request the fake Alipay accepts, the fake's signed
 * notification reaches the webhook route, the order is paid once, and
 * admins refund through the admin API.
 */
import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import { orderById } from "../../orders/mod.ts";
import {
  guestShopper,
  paidEmails,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../_test_util.ts";
import { transactionsOf } from "../mod.ts";
import { generateRsaKeyPair, startFakeAlipay } from "./_fake.ts";
import { alipayOrderNumber } from "./mod.ts";

const APP_ID = "2021004100000001";

Deno.test({
  name: "Alipay through the store: pay by notification, once; refund by admin",
  ignore: ignorePostgresTests,
  async fn(t) {
    const [merchant, alipay] = await Promise.all([
      generateRsaKeyPair(),
      generateRsaKeyPair(),
    ]);
    // The fake starts first (the store's config names its URL); its
    // notifications go to the store's app once that exists.
    const target: {
      app?: { fetch(request: Request): Response | Promise<Response> };
    } = {};
    const fake = startFakeAlipay({
      appId: APP_ID,
      merchantPublicKey: merchant.publicKey,
      alipayPrivateKey: alipay.privateKey,
      deliver: async (request) => await target.app!.fetch(request),
    });
    const store = await startPaymentsTestStore({
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_PRIVATE_KEY: merchant.privateKey,
      ALIPAY_PUBLIC_KEY: alipay.publicKey,
      ALIPAY_GATEWAY_URL: fake.gatewayUrl,
    });
    target.app = store.app;
    const sql = store.deps.db.sql;
    const shopper = guestShopper(store.app);
    const admin = await staffMember(store);
    try {
      const order = await placeOrder(sql, {
        owner: shopper.owner,
        currency: "CNY",
        country: "CN",
        gateway: "alipay",
      });
      let outTradeNo = "";

      await t.step(
        "paying sends the shopper to Alipay's signed cashier",
        async () => {
          const { response, json } = await shopper.pay({
            orderId: order.id,
            gateway: "alipay",
          });
          assert.equal(response.status, 201);
          assert.equal(json.status, "requires_action");
          assert.equal(json.nextAction.type, "redirect");
          assert.ok(json.nextAction.url.startsWith(fake.gatewayUrl));
          // The shopper's browser opens it: the fake checks our signature.
          const page = await fetch(json.nextAction.url);
          assert.equal(page.status, 200, await page.text());
          outTradeNo = alipayOrderNumber(json.transactionId);
          assert.equal(fake.trade(outTradeNo)?.status, "WAIT_BUYER_PAY");
        },
      );

      await t.step(
        "Alipay's notification pays the order; the answer is `success`",
        async () => {
          const delivery = await fake.pay(outTradeNo);
          assert.equal(delivery.status, 200);
          assert.equal(delivery.answer, "success");
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          const [payment] = await transactionsOf(sql, order.id);
          assert.equal(payment.status, "succeeded");
        },
      );

      await t.step("a redelivered notification changes nothing", async () => {
        const again = await fake.redeliver(fake.deliveries.at(-1)!);
        assert.equal(again.answer, "success");
        const after = (await orderById(sql, order.id))!;
        assert.equal(after.events.filter((e) => e.to === "paid").length, 1);
        assert.equal(await paidEmails(sql, order.id), 1);
      });

      await t.step(
        "a tampered notification is refused 400 and stored nowhere",
        async () => {
          const original = fake.deliveries.at(-1)!;
          const forged = original.body.replace(
            /total_amount=[^&]+/,
            "total_amount=0.01",
          );
          const response = await store.app.request(
            "/api/payments/webhook/alipay",
            {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: forged.replace(/notify_id=[^&]+/, "notify_id=forged"),
            },
          );
          assert.equal(response.status, 400);
          assert.equal((await response.json()).error.code, "invalid_signature");
          const [row] = await sql`
          select count(*)::int as n from payments.webhook_events
          where event_id = 'forged'`;
          assert.equal(row.n, 0);
        },
      );

      const total = (await orderById(sql, order.id))!.totals.total;
      await t.step(
        "a partial refund leaves the order to be shipped",
        async () => {
          const { status, json } = await requestRefund(store, {
            token: admin.token,
            orderId: order.id,
            body: { amount: "1.00", reason: "Damaged box" },
          });
          assert.equal(status, 201, JSON.stringify(json));
          assert.equal(json.status, "succeeded");
          assert.equal(
            json.orderStatus,
            "paid",
            "a partial refund leaves it to be shipped",
          );
          assert.equal(fake.trade(outTradeNo)!.refunded.amount, 100n);
        },
      );

      await t.step(
        "more than is left is refused 409 and reaches no gateway",
        async () => {
          const calls = fake.apiCalls;
          const { status, json } = await requestRefund(store, {
            token: admin.token,
            orderId: order.id,
            body: { amount: "100000.00", reason: "Too much" },
          });
          assert.equal(status, 409);
          assert.equal(json.error.code, "refund_exceeds_captured");
          assert.equal(fake.apiCalls, calls);
        },
      );

      await t.step("the rest refunds the order in full", async () => {
        const { status, json } = await requestRefund(store, {
          token: admin.token,
          orderId: order.id,
          body: { reason: "Customer returned it" },
        });
        assert.equal(status, 201, JSON.stringify(json));
        assert.equal(json.orderStatus, "refunded");
        assert.equal(json.refundable.amount, "0.00");
        assert.equal(
          fake.trade(outTradeNo)!.refunded.amount,
          total.amount,
        );
        await fake.idle();
      });
    } finally {
      await store.close();
      await fake.close();
    }
  },
});
