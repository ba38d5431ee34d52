/**
 * Stripe through the whole store, on real Postgres and the fake Stripe
 * over HTTP (the SDK speaks to it as to Stripe): server-confirmed cards,
 * 3-D Secure, the Payment Element's browser confirmation, a new attempt
 * closing the one left open, every webhook replayed out of order,
 * disputes, and refunds by the admin API.
 */
import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import { orderById, transitionOrder } from "../../orders/mod.ts";
import {
  guestShopper,
  paidEmails,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../_test_util.ts";
import { transactionsOf } from "../mod.ts";
import { FakeStripe, type FakeWebhook } from "./_fake.ts";

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

Deno.test({
  name:
    "Stripe through the store: cards, 3-D Secure, Element, webhooks, refunds",
  ignore: ignorePostgresTests,
  async fn(t) {
    const fake = await FakeStripe.start();
    const store = await startPaymentsTestStore({
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_PUBLISHABLE_KEY: fake.publishableKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.url,
    });
    const sql = store.deps.db.sql;
    const shopper = guestShopper(store.app);
    const admin = await staffMember(store);
    const delivered = new Set<string>();
    // Deliver every webhook the fake has recorded and not yet delivered.
    const deliverNew = async () => {
      for (const webhook of fake.webhooks) {
        if (delivered.has(webhook.id)) continue;
        delivered.add(webhook.id);
        const response = await deliver(webhook);
        assert.equal(response.status, 200, webhook.type);
      }
    };
    const deliver = (webhook: FakeWebhook) =>
      fake.deliver(webhook, async (request) => await store.app.fetch(request));
    const order = (currency = "EUR", country = "DE") =>
      placeOrder(sql, {
        owner: shopper.owner,
        currency,
        country,
        gateway: "stripe",
      });

    try {
      const paidOrders: string[] = [];
      await t.step(
        "a card confirmed by the server pays the order by webhook",
        async () => {
          const placed = await order();
          const { response, json } = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
            method: { type: "payment_method", paymentMethod: "pm_card_visa" },
          });
          assert.equal(response.status, 201, JSON.stringify(json));
          assert.equal(json.status, "succeeded");
          assert.equal(
            (await orderById(sql, placed.id))!.status,
            "pending_payment",
          );
          await deliverNew();
          assert.equal((await orderById(sql, placed.id))!.status, "paid");
          const intent = fake.paymentIntent(
            (await transactionsOf(sql, placed.id))[0].gatewayTransactionId!,
          )!;
          assert.equal(BigInt(intent.amount), placed.totals.total.amount);
          paidOrders.push(placed.id);
        },
      );

      await t.step("yen are sent to Stripe as whole yen", async () => {
        const placed = await order("JPY", "JP");
        const { json } = await shopper.pay({
          orderId: placed.id,
          gateway: "stripe",
          method: { type: "payment_method", paymentMethod: "pm_card_visa" },
        });
        assert.equal(json.status, "succeeded");
        const intent = fake.paymentIntent(
          (await transactionsOf(sql, placed.id))[0].gatewayTransactionId!,
        )!;
        assert.equal(intent.currency, "jpy");
        assert.equal(BigInt(intent.amount), placed.totals.total.amount);
        await deliverNew();
        paidOrders.push(placed.id);
      });

      await t.step(
        "a declined card answers failed; the order stays payable",
        async () => {
          const placed = await order();
          const { json } = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
            method: {
              type: "payment_method",
              paymentMethod: "pm_card_chargeDeclined",
            },
          });
          assert.equal(json.status, "failed");
          assert.equal(json.failureCode, "generic_decline");
          await deliverNew();
          assert.equal(
            (await orderById(sql, placed.id))!.status,
            "pending_payment",
          );
        },
      );

      await t.step(
        "3-D Secure sends the shopper to the bank's page, then the webhook pays",
        async () => {
          const placed = await order();
          const { json } = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
            method: {
              type: "payment_method",
              paymentMethod: "pm_card_threeDSecure2Required",
            },
          });
          assert.equal(json.status, "requires_action");
          assert.equal(json.nextAction.type, "redirect");
          const answered = await fetch(json.nextAction.url, {
            method: "POST",
            body: new URLSearchParams({ outcome: "complete" }),
            redirect: "manual",
          });
          await answered.body?.cancel();
          assert.equal(answered.status, 303);
          assert.equal(
            new URL(answered.headers.get("location")!).pathname,
            `/en/orders/${placed.id}`,
          );
          await deliverNew();
          assert.equal((await orderById(sql, placed.id))!.status, "paid");
          paidOrders.push(placed.id);
        },
      );

      await t.step(
        "the Payment Element: the browser confirms with Stripe, the webhook pays",
        async () => {
          const placed = await order();
          const { json } = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
          });
          assert.equal(json.status, "requires_action");
          assert.equal(json.nextAction.type, "confirm_in_browser");
          assert.equal(json.nextAction.publishableKey, fake.publishableKey);
          const intentId = json.nextAction.clientSecret.split("_secret_")[0];
          // What Stripe.js does with the client secret and publishable key.
          const confirmed = await fetch(
            `${fake.url}/v1/payment_intents/${intentId}/confirm`,
            {
              method: "POST",
              headers: {
                authorization: `Bearer ${fake.publishableKey}`,
                "content-type": "application/x-www-form-urlencoded",
              },
              body: new URLSearchParams({
                payment_method: "pm_card_visa",
                client_secret: json.nextAction.clientSecret,
              }),
            },
          );
          assert.equal(confirmed.status, 200, await confirmed.text());
          await deliverNew();
          assert.equal((await orderById(sql, placed.id))!.status, "paid");
          paidOrders.push(placed.id);
        },
      );

      // What Stripe.js does when the shopper pays in the Payment Element.
      const confirmInBrowser = (clientSecret: string) =>
        fetch(
          `${fake.url}/v1/payment_intents/${
            clientSecret.split("_secret_")[0]
          }/confirm`,
          {
            method: "POST",
            headers: {
              authorization: `Bearer ${fake.publishableKey}`,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({
              payment_method: "pm_card_visa",
              client_secret: clientSecret,
            }),
          },
        );

      await t.step(
        "a new attempt cancels the Payment Element left open at Stripe",
        async () => {
          const placed = await order();
          const first = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
          });
          assert.equal(first.json.status, "requires_action");
          const second = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
            method: { type: "payment_method", paymentMethod: "pm_card_visa" },
          });
          assert.equal(
            second.response.status,
            201,
            JSON.stringify(second.json),
          );
          assert.equal(second.json.status, "succeeded");
          const [left, paying] = await transactionsOf(sql, placed.id);
          const intent = fake.paymentIntent(left.gatewayTransactionId!)!;
          assert.equal(intent.status, "canceled");
          assert.equal(intent.cancellation_reason, "abandoned");
          // The tab left open can no longer take the money.
          const late = await confirmInBrowser(
            first.json.nextAction.clientSecret,
          );
          assert.equal(late.status, 400);
          await late.body?.cancel();
          await deliverNew();
          assert.equal((await orderById(sql, placed.id))!.status, "paid");
          const [closed, paid] = await transactionsOf(sql, placed.id);
          assert.equal(closed.id, left.id);
          // Closed by the store; Stripe's canceled webhook changes nothing.
          assert.equal(closed.status, "cancelled");
          assert.equal(paid.id, paying.id);
          assert.equal(paid.status, "succeeded");
          paidOrders.push(placed.id);
        },
      );

      await t.step(
        "a new attempt after the shopper paid in the other tab is 409 already_paid",
        async () => {
          const placed = await order();
          const first = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
          });
          const confirmed = await confirmInBrowser(
            first.json.nextAction.clientSecret,
          );
          assert.equal(confirmed.status, 200);
          await confirmed.body?.cancel();
          const intents = fake.paymentIntentCount;
          // Before Stripe's webhook arrives.
          const again = await shopper.pay({
            orderId: placed.id,
            gateway: "stripe",
          });
          assert.equal(again.response.status, 409, JSON.stringify(again.json));
          assert.equal(again.json.error.code, "order_not_payable");
          assert.equal(again.json.error.details.reason, "already_paid");
          assert.equal(fake.paymentIntentCount, intents);
          await deliverNew();
          assert.equal((await orderById(sql, placed.id))!.status, "paid");
          paidOrders.push(placed.id);
        },
      );

      await t.step(
        "every webhook again, three times, shuffled: nothing changes",
        async () => {
          const before = await sql`
          select count(*)::int as n from payments.webhook_events`;
          for (
            const webhook of shuffle([
              ...fake.webhooks,
              ...fake.webhooks,
              ...fake.webhooks,
            ])
          ) {
            const response = await deliver(webhook);
            assert.equal(response.status, 200);
            const json = await response.json();
            // Stored once, or a type the store never keeps (`handled: false`).
            assert.ok(
              json.duplicate === true || json.handled === false,
              webhook.type,
            );
          }
          const after = await sql`
          select count(*)::int as n from payments.webhook_events`;
          assert.equal(after[0].n, before[0].n);
          for (const id of paidOrders) {
            const paid = (await orderById(sql, id))!;
            assert.equal(paid.status, "paid");
            assert.equal(paid.events.filter((e) => e.to === "paid").length, 1);
            assert.equal(await paidEmails(sql, id), 1);
          }
        },
      );

      await t.step(
        "forged, wrongly keyed and stale webhooks are refused 400",
        async () => {
          const [webhook] = fake.webhooksOf("payment_intent.succeeded");
          const forged = {
            ...webhook,
            body: webhook.body.replace('"succeeded"', '"canceled"'),
          };
          const wrongKey = {
            ...webhook,
            signature: await fake.sign(webhook.body, {
              secret: "whsec_not_ours",
            }),
          };
          const stale = {
            ...webhook,
            signature: await fake.sign(webhook.body, {
              timestamp: Math.floor(Date.now() / 1000) - 600,
            }),
          };
          for (const bad of [forged, wrongKey, stale]) {
            const response = await deliver(bad);
            assert.equal(response.status, 400);
            assert.equal(
              (await response.json()).error.code,
              "invalid_signature",
            );
          }
        },
      );

      const [refunded] = paidOrders;
      await t.step(
        "refunds: partial, beyond what is left (409), then the rest",
        async () => {
          const partial = await requestRefund(store, {
            token: admin.token,
            orderId: refunded,
            body: { amount: "5.00", reason: "Scratched" },
            idempotencyKey: "refund-1",
          });
          assert.equal(partial.status, 201, JSON.stringify(partial.json));
          assert.equal(partial.json.orderStatus, "paid");
          // The parcel still goes out: a partial refund blocks no move.
          await sql.begin((tx) =>
            transitionOrder(tx, {
              orderId: refunded,
              to: "packed",
              actor: "admin:test",
            })
          );
          // A retry of the same request refunds nothing more.
          const retry = await requestRefund(store, {
            token: admin.token,
            orderId: refunded,
            body: { amount: "5.00", reason: "Scratched" },
            idempotencyKey: "refund-1",
          });
          assert.deepEqual(retry.json, partial.json);
          assert.equal(retry.headers.get("idempotency-replayed"), "true");
          const total = (await orderById(sql, refunded))!.totals.total;
          const tooMuch = await requestRefund(store, {
            token: admin.token,
            orderId: refunded,
            body: { amount: "10000.00", reason: "Oops" },
          });
          assert.equal(tooMuch.status, 409);
          assert.equal(tooMuch.json.error.code, "refund_exceeds_captured");
          const rest = await requestRefund(store, {
            token: admin.token,
            orderId: refunded,
            body: { reason: "Returned" },
          });
          assert.equal(rest.status, 201, JSON.stringify(rest.json));
          assert.equal(rest.json.orderStatus, "refunded");
          await deliverNew();
          const refunds = (await transactionsOf(sql, refunded))
            .filter((tx) => tx.kind === "refund");
          assert.equal(refunds.length, 2);
          assert.equal(
            refunds.reduce((sum, r) => sum + r.amount.amount, 0n),
            total.amount,
          );
          const again = await requestRefund(store, {
            token: admin.token,
            orderId: refunded,
            body: { reason: "Again" },
          });
          assert.equal(again.status, 409);
          assert.equal(again.json.error.code, "order_not_refundable");
        },
      );

      await t.step(
        "customers may not refund (403); anonymous callers 401",
        async () => {
          const customer = await staffMember(store, ["customer"]);
          const forbidden = await requestRefund(store, {
            token: customer.token,
            orderId: paidOrders[1],
            body: { reason: "Mine" },
          });
          assert.equal(forbidden.status, 403);
          const anonymous = await store.app.request(
            `/api/admin/orders/${paidOrders[1]}/refunds`,
            {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ reason: "x" }),
            },
          );
          assert.equal(anonymous.status, 401);
        },
      );

      await t.step(
        "a dispute is kept for finance and leaves the order alone",
        async () => {
          const [payment] = await transactionsOf(sql, paidOrders[1]);
          const webhook = await fake.recordEvent("charge.dispute.created", {
            id: "dp_1",
            object: "dispute",
            amount: Number(payment.amount.amount),
            currency: payment.amount.currency.toLowerCase(),
            payment_intent: payment.gatewayTransactionId,
            charge: "ch_1",
            reason: "fraudulent",
            status: "needs_response",
          });
          const response = await deliver(webhook);
          assert.equal((await response.json()).outcome, "dispute_opened");
          assert.equal((await orderById(sql, paidOrders[1]))!.status, "paid");
        },
      );
    } finally {
      await store.close();
      await fake.close();
    }
  },
});
