/**
 * PayPal through the whole store, on real Postgres and the fake PayPal
 * over HTTP: approval at PayPal, the store's return route capturing the
 * order, webhooks verified offline with PayPal's certificate, fees in the
 * reconciliation report, and refunds by the admin API.
 */
import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import { orderById } from "../../orders/mod.ts";
import {
  guestShopper,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../_test_util.ts";
import { transactionsOf } from "../mod.ts";
import { FakePayPal } from "./_fake.ts";

Deno.test({
  name:
    "PayPal through the store: approve, capture on return, webhooks, refunds",
  ignore: ignorePostgresTests,
  async fn(t) {
    const fake = await FakePayPal.start();
    const store = await startPaymentsTestStore({
      PAYPAL_CLIENT_ID: fake.clientId,
      PAYPAL_CLIENT_SECRET: fake.clientSecret,
      PAYPAL_WEBHOOK_ID: fake.webhookId,
      PAYPAL_API_URL: fake.url,
    }, { paymentsFetch: fake.fetch });
    const sql = store.deps.db.sql;
    const shopper = guestShopper(store.app);
    const admin = await staffMember(store);
    const webhookUrl = "http://localhost/api/payments/webhook/paypal";
    const deliver = async (eventType: string) => {
      const event = fake.lastEvent(eventType);
      assert.ok(event, `PayPal sent ${eventType}`);
      return await fake.deliver(event, {
        url: webhookUrl,
        deliver: async (request) => await store.app.fetch(request),
      });
    };

    try {
      const order = await placeOrder(sql, {
        owner: shopper.owner,
        currency: "EUR",
        country: "DE",
        gateway: "paypal",
      });
      let approvalUrl = "";

      await t.step(
        "paying sends the shopper to PayPal's approval page",
        async () => {
          const { response, json } = await shopper.pay({
            orderId: order.id,
            gateway: "paypal",
          });
          assert.equal(response.status, 201, JSON.stringify(json));
          assert.equal(json.status, "requires_action");
          assert.equal(json.nextAction.type, "redirect");
          approvalUrl = json.nextAction.url;
          assert.ok(approvalUrl.startsWith(`${fake.url}/checkoutnow?token=`));
          const page = await fetch(approvalUrl);
          assert.equal(page.status, 200);
          await page.body?.cancel();
        },
      );

      await t.step(
        "back from PayPal, the store captures; the webhook pays the order",
        async () => {
          const paypalOrder = new URL(approvalUrl).searchParams.get("token")!;
          const back = new URL(fake.approve(paypalOrder));
          assert.match(back.pathname, /^\/payments\/return\//);
          const returned = await store.app.request(back.pathname + back.search);
          assert.equal(returned.status, 303);
          assert.equal(
            new URL(returned.headers.get("location")!, "http://x").pathname,
            `/en/orders/${order.id}`,
          );
          // Reloading the return page captures nothing twice.
          const reloaded = await store.app.request(back.pathname + back.search);
          assert.equal(reloaded.status, 303);
          assert.equal(
            fake.calls.filter((c) => c.path.endsWith("/capture")).length,
            1,
          );
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
          const delivery = await deliver("PAYMENT.CAPTURE.COMPLETED");
          assert.equal(delivery.status, 200, delivery.body);
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          const [payment] = await transactionsOf(sql, order.id);
          assert.equal(payment.status, "succeeded");
          assert.ok(
            payment.fee && payment.fee.amount > 0n,
            "PayPal's fee is kept",
          );
        },
      );

      await t.step(
        "a webhook signed by another key, or long ago, is refused",
        async () => {
          const event = fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!;
          const stale = await fake.deliver(event, {
            url: webhookUrl,
            deliver: async (request) => await store.app.fetch(request),
          }, { transmissionTime: new Date(Date.now() - 3600_000) });
          assert.equal(stale.status, 400);
          const other = await crypto.subtle.generateKey(
            {
              name: "RSASSA-PKCS1-v1_5",
              modulusLength: 2048,
              publicExponent: new Uint8Array([1, 0, 1]),
              hash: "SHA-256",
            },
            false,
            ["sign", "verify"],
          );
          const forged = await fake.deliver(event, {
            url: webhookUrl,
            deliver: async (request) => await store.app.fetch(request),
          }, { signingKey: other.privateKey });
          assert.equal(forged.status, 400);
          const foreignCert = await fake.deliver(event, {
            url: webhookUrl,
            deliver: async (request) => await store.app.fetch(request),
          }, { certUrl: "https://evil.example/cert.pem" });
          assert.equal(foreignCert.status, 400);
        },
      );

      await t.step("a partial refund, then the rest", async () => {
        const partial = await requestRefund(store, {
          token: admin.token,
          orderId: order.id,
          body: { amount: "10.00", reason: "Price match" },
        });
        assert.equal(partial.status, 201, JSON.stringify(partial.json));
        assert.equal(partial.json.orderStatus, "paid");
        const rest = await requestRefund(store, {
          token: admin.token,
          orderId: order.id,
          body: { reason: "Returned" },
        });
        assert.equal(rest.status, 201, JSON.stringify(rest.json));
        assert.equal(rest.json.orderStatus, "refunded");
        const delivery = await deliver("PAYMENT.CAPTURE.REFUNDED");
        assert.equal(delivery.status, 200);
        assert.equal((await orderById(sql, order.id))!.status, "refunded");
      });

      await t.step(
        "the day's reconciliation shows capture, refunds and PayPal's fee",
        async () => {
          const date = new Date().toISOString().slice(0, 10);
          const response = await store.app.request(
            `/api/admin/payments/reconciliation?date=${date}&gateway=paypal`,
            { headers: { authorization: `Bearer ${admin.token}` } },
          );
          assert.equal(response.status, 200);
          const report = await response.json();
          const [paypal] = report.gateways;
          assert.equal(paypal.gateway, "paypal");
          const [eur] = paypal.currencies;
          const total = (await orderById(sql, order.id))!.totals.total;
          assert.equal(eur.currency, "EUR");
          assert.equal(eur.captured.count, 1);
          assert.equal(eur.refunded.count, 2);
          assert.deepEqual(eur.captured.amount, eur.refunded.amount);
          assert.equal(
            eur.captured.amount.amount,
            (Number(total.amount) / 100).toFixed(2),
          );
          assert.ok(eur.fees, "PayPal reports its fee");
          assert.equal(eur.net.amount, `-${eur.fees.amount}`);
          assert.equal(report.baseCurrency, "USD");
          assert.equal(paypal.base.captured.currency, "USD");
        },
      );

      await t.step(
        "cancelling at PayPal brings the shopper back to an order still to pay",
        async () => {
          const unpaid = await placeOrder(sql, {
            owner: shopper.owner,
            currency: "EUR",
            country: "DE",
            gateway: "paypal",
          });
          const { response, json } = await shopper.pay({
            orderId: unpaid.id,
            gateway: "paypal",
          });
          assert.equal(response.status, 201, JSON.stringify(json));
          const approval = new URL(json.nextAction.url);
          const cancelled = await fetch(`${fake.url}/checkoutnow/cancel`, {
            method: "POST",
            body: new URLSearchParams({
              token: approval.searchParams.get("token")!,
            }),
            redirect: "manual",
          });
          await cancelled.body?.cancel();
          assert.equal(cancelled.status, 303);
          const back = new URL(cancelled.headers.get("location")!);
          assert.equal(back.searchParams.has("PayerID"), false);
          const captures = fake.calls.filter((c) => c.path.endsWith("/capture"))
            .length;
          const returned = await store.app.request(back.pathname + back.search);
          assert.equal(returned.status, 303);
          assert.equal(
            new URL(returned.headers.get("location")!, "http://x").pathname,
            `/en/orders/${unpaid.id}`,
          );
          assert.equal(
            fake.calls.filter((c) => c.path.endsWith("/capture")).length,
            captures + 1,
            "the store tried to capture, and PayPal said not approved",
          );
          const [attempt] = await transactionsOf(sql, unpaid.id);
          assert.equal(attempt.status, "requires_action");
          assert.equal(
            (await orderById(sql, unpaid.id))!.status,
            "pending_payment",
          );
        },
      );
    } finally {
      await store.close();
      await fake.close();
    }
  },
});
