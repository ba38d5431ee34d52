import assert from "node:assert/strict";
import { hashToken, newOpaqueToken } from "../identity/mod.ts";
import { orderById } from "../orders/mod.ts";
import { parseMoney, toDecimalString } from "../pricing/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { NotFound } from "../../edge/errors.ts";
import {
  CARDS,
  eventBody,
  paidEmails,
  placeOrder,
  startPaymentsTestStore,
  TEST_SECRET,
} from "./_test_util.ts";
import {
  handleWebhook,
  type PaymentGateway,
  PaymentGateways,
  processPayment,
  SIGNATURE_HEADER,
  signatureHeader,
  TestGateway,
  transactionsOf,
  webhookEvents,
} from "./mod.ts";

/** A small seeded PRNG (mulberry32): chaos that replays the same way. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function signed(body: string, secret = TEST_SECRET) {
  return {
    gateway: "test",
    rawBody: body,
    headers: new Headers({
      [SIGNATURE_HEADER]: signatureHeader(body, { secret }),
    }),
  };
}

Deno.test({
  name: "handleWebhook() applies each payment once, whatever the delivery",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const owner = { guestTokenHash: hashToken(newOpaqueToken()) };
    const logger = { info() {}, warn() {}, error() {} };
    const quiet = { payments: store.deps.payments, logger };
    try {
      await t.step(
        "duplicated and reordered webhooks leave each order paid once",
        async () => {
          const arrivals: string[] = [];
          const chaotic = new TestGateway({
            secret: TEST_SECRET,
            chaos: { duplicateRate: 0.5, reorder: true },
            delivery: { delayMs: 0 },
            random: seeded(7),
          });
          const payments = new PaymentGateways([chaotic]);
          chaotic.connect({
            url: "http://store.test/api/payments/webhook/test",
            deliver: async (request) => {
              const rawBody = await request.text();
              arrivals.push(JSON.parse(rawBody).id);
              await handleWebhook(sql, { payments, logger }, {
                gateway: "test",
                rawBody,
                headers: request.headers,
              });
              return new Response(null, { status: 200 });
            },
          });
          try {
            const orders = [];
            for (let i = 0; i < 8; i++) {
              const order = await placeOrder(sql, { owner });
              await processPayment(sql, { payments }, {
                orderId: order.id,
                owner,
                gateway: "test",
                method: CARDS.success,
              });
              orders.push(order);
            }
            await chaotic.flush();

            // The chaos happened: some events came twice.
            assert.ok(arrivals.length > orders.length * 2, "no duplicates");
            for (const order of orders) {
              const after = (await orderById(sql, order.id))!;
              assert.equal(after.status, "paid");
              assert.equal(
                after.events.filter((e) => e.to === "paid").length,
                1,
              );
              const transactions = await transactionsOf(sql, order.id);
              assert.deepEqual(transactions.map((tx) => tx.status), [
                "succeeded",
              ]);
              assert.equal(await paidEmails(sql, order.id), 1);
              const stored = await sql`
              select type, outcome from payments.webhook_events
              where gateway_transaction_id = ${
                transactions[0].gatewayTransactionId
              }
              order by type`;
              assert.deepEqual(stored.map((row) => row.type), [
                "payment.processing",
                "payment.succeeded",
              ]);
            }
            const [{ late }] = await sql`
            select count(*)::int as late from payments.webhook_events
            where type = 'payment.processing' and outcome = 'ignored'`;
            assert.ok(late > 0, "no processing event came after its success");
          } finally {
            await chaotic.close();
          }
        },
      );

      await t.step(
        "a redelivered event id changes nothing and says duplicate",
        async () => {
          const order = await placeOrder(sql, { owner });
          await processPayment(sql, store.deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          const [transaction] = await transactionsOf(sql, order.id);
          const body = eventBody({
            type: "payment.succeeded",
            paymentId: transaction.gatewayTransactionId!,
            amount: toDecimalString(order.totals.total),
            currency: order.currency,
          });
          const first = await handleWebhook(sql, quiet, signed(body));
          assert.deepEqual(
            {
              duplicate: first.duplicate,
              outcome: "outcome" in first && first.outcome,
            },
            { duplicate: false, outcome: "applied" },
          );
          const again = await handleWebhook(sql, quiet, signed(body));
          assert.equal(again.duplicate, true);
          await store.deps.payments.test!.flush();
          assert.equal(await paidEmails(sql, order.id), 1);
        },
      );

      await t.step(
        "a late processing or failure after success changes nothing",
        async () => {
          const order = await placeOrder(sql, { owner });
          await processPayment(sql, store.deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          await store.deps.payments.test!.flush();
          const [transaction] = await transactionsOf(sql, order.id);
          for (
            const type of [
              "payment.processing",
              "payment.failed",
              "payment.requires_action",
            ]
          ) {
            const result = await handleWebhook(
              sql,
              quiet,
              signed(eventBody({
                type,
                paymentId: transaction.gatewayTransactionId!,
                amount: toDecimalString(order.totals.total),
                currency: order.currency,
              })),
            );
            assert.equal(
              "outcome" in result && result.outcome,
              "ignored",
              type,
            );
          }
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "succeeded",
          );
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step(
        "a success reporting another amount leaves the order unpaid",
        async () => {
          const order = await placeOrder(sql, { owner });
          const payments = new PaymentGateways([
            new TestGateway({ secret: TEST_SECRET }),
          ]);
          await processPayment(sql, { payments }, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.challenge,
          });
          await payments.close();
          const [transaction] = await transactionsOf(sql, order.id);
          for (
            const [amount, currency] of [
              ["0.01", order.currency],
              [toDecimalString(order.totals.total), "EUR"],
            ]
          ) {
            const result = await handleWebhook(
              sql,
              quiet,
              signed(eventBody({
                type: "payment.succeeded",
                paymentId: transaction.gatewayTransactionId!,
                amount,
                currency,
              })),
            );
            assert.equal(
              "outcome" in result && result.outcome,
              "amount_mismatch",
            );
          }
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "requires_action",
          );
          assert.equal(await paidEmails(sql, order.id), 0);
        },
      );

      await t.step(
        "an event for an unknown payment is kept as unmatched",
        async () => {
          const body = eventBody({
            type: "payment.succeeded",
            paymentId: "tgpay_nobody_knows",
            amount: "10.00",
            currency: "USD",
          });
          const result = await handleWebhook(sql, quiet, signed(body));
          assert.equal("outcome" in result && result.outcome, "unmatched");
          const [stored] = await webhookEvents(sql, { outcome: "unmatched" });
          assert.equal(stored.gatewayTransactionId, "tgpay_nobody_knows");
          assert.equal(stored.eventId, JSON.parse(body).id);
        },
      );

      await t.step(
        "an event that overtakes the gateway's answer finds its transaction by reference",
        async () => {
          const order = await placeOrder(sql, { owner });
          const hasty: PaymentGateway = {
            name: "hasty",
            supports: () => true,
            parseMethod: () => undefined,
            async createPayment(request) {
              // The webhook lands before this call returns.
              const body = eventBody({
                type: "payment.succeeded",
                paymentId: "hasty_1",
                reference: request.reference,
                amount: toDecimalString(request.amount),
                currency: request.amount.currency,
              });
              await handleWebhook(sql, { payments }, {
                gateway: "hasty",
                rawBody: body,
                headers: new Headers(),
              });
              return {
                gatewayTransactionId: "hasty_1",
                status: "succeeded",
                raw: {},
              };
            },
            parseWebhook({ rawBody }) {
              const event = JSON.parse(rawBody);
              const object = event.data.object;
              return Promise.resolve({
                eventId: event.id,
                type: event.type,
                gatewayTransactionId: object.id,
                reference: object.reference,
                amount: parseMoney(object.amount, object.currency),
                occurredAt: new Date(),
                raw: event,
              });
            },
            refund: () => Promise.reject(new Error("not scripted")),
          };
          const payments = new PaymentGateways([hasty]);
          await processPayment(sql, { payments }, {
            orderId: order.id,
            owner,
            gateway: "hasty",
          });
          const [transaction] = await transactionsOf(sql, order.id);
          assert.equal(transaction.gatewayTransactionId, "hasty_1");
          assert.equal(transaction.status, "succeeded");
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step(
        "a webhook for a gateway that is not enabled is not found",
        async () => {
          await assert.rejects(
            handleWebhook(sql, quiet, { ...signed("{}"), gateway: "stripe" }),
            NotFound,
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
