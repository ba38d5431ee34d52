import assert from "node:assert/strict";
import { hashToken, newOpaqueToken } from "../identity/mod.ts";
import { cancelOrder, orderById } from "../orders/mod.ts";
import { toDecimalString } from "../pricing/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import {
  CARDS,
  paidEmails,
  placeOrder,
  startPaymentsTestStore,
} from "./_test_util.ts";
import {
  cancelUnpaidOrder,
  GatewayError,
  GatewayUnavailable,
  InvalidPaymentMethod,
  OrderNotPayable,
  type PaymentGateway,
  PaymentGateways,
  processPayment,
  transactionsOf,
} from "./mod.ts";
import { NotFound } from "../../edge/errors.ts";

Deno.test({
  name: "processPayment() takes payments through the test gateway",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const deps = { payments: store.deps.payments };
    const gateway = store.deps.payments.test!;
    const owner = { guestTokenHash: hashToken(newOpaqueToken()) };
    try {
      await t.step(
        "a success card pays the order once its webhook lands",
        async () => {
          const order = await placeOrder(sql, { owner });
          const result = await processPayment(sql, deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          assert.equal(result.status, "succeeded");
          assert.equal(result.nextAction, undefined);
          // The answer alone never pays the order: the webhook does.
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
          await gateway.flush();
          const paid = (await orderById(sql, order.id))!;
          assert.equal(paid.status, "paid");
          assert.equal(paid.stock, "committed");
          assert.deepEqual(
            paid.events.filter((e) => e.to === "paid").map((
              e,
            ) => [e.actor, e.data]),
            [["gateway:test", { transactionId: result.transactionId }]],
          );
          const [transaction] = await transactionsOf(sql, order.id);
          assert.equal(transaction.id, result.transactionId);
          assert.equal(transaction.status, "succeeded");
          assert.match(transaction.gatewayTransactionId!, /^tgpay_/);
          assert.deepEqual(transaction.amount, order.totals.total);
          assert.equal(await paidEmails(sql, order.id), 1);
        },
      );

      await t.step(
        "the amount charged is the order total, exactly, in its currency",
        async () => {
          const order = await placeOrder(sql, {
            owner,
            currency: "JPY",
            quantity: 3,
          });
          const result = await processPayment(sql, deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          const payment = gateway.payment(
            (await transactionsOf(sql, order.id))[0].gatewayTransactionId!,
          )!;
          assert.equal(payment.reference, result.transactionId);
          assert.deepEqual(payment.amount, order.totals.total);
          assert.equal(
            toDecimalString(payment.amount),
            toDecimalString(order.totals.total),
          );
          await gateway.flush();
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step(
        "a declined card fails the transaction and leaves the order payable",
        async () => {
          const order = await placeOrder(sql, { owner });
          const result = await processPayment(sql, deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.declined,
          });
          assert.deepEqual(
            { status: result.status, failureCode: result.failureCode },
            { status: "failed", failureCode: "card_declined" },
          );
          await gateway.flush();
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
          const [failed] = await transactionsOf(sql, order.id);
          assert.equal(failed.status, "failed");
          assert.equal(await paidEmails(sql, order.id), 0);

          // Another card then pays it.
          await processPayment(sql, deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          await gateway.flush();
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          assert.deepEqual(
            (await transactionsOf(sql, order.id)).map((tx) => tx.status),
            ["failed", "succeeded"],
          );
        },
      );

      await t.step(
        "a double click charges once, and a left challenge is replaced by a new attempt",
        async () => {
          const order = await placeOrder(sql, { owner });
          const pay = (method: unknown) =>
            processPayment(sql, deps, {
              orderId: order.id,
              owner,
              gateway: "test",
              method,
            }).catch((error) => error);
          // The shopper leaves the challenge page and tries another card.
          const challenged = await pay(CARDS.challenge);
          assert.equal(challenged.status, "requires_action");
          const [first, second] = await Promise.all([
            pay(CARDS.success),
            pay(CARDS.success),
          ]);
          const answers = [first, second];
          assert.equal(
            answers.filter((a) => a.status === "succeeded").length,
            1,
          );
          const refused = answers.find((a) => a instanceof OrderNotPayable);
          assert.ok(refused, "the second click is refused");
          await gateway.flush();
          const transactions = await transactionsOf(sql, order.id);
          assert.deepEqual(
            transactions.map((tr) => tr.status).sort(),
            ["cancelled", "succeeded"],
          );
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          assert.equal(await paidEmails(sql, order.id), 1);
        },
      );

      await t.step("an expired card is declined as expired_card", async () => {
        const order = await placeOrder(sql, { owner });
        const result = await processPayment(sql, deps, {
          orderId: order.id,
          owner,
          gateway: "test",
          method: { ...CARDS.success, expYear: 2020 },
        });
        assert.equal(result.failureCode, "expired_card");
      });

      await t.step(
        "a 3-D Secure card waits for the shopper with a redirect",
        async () => {
          const order = await placeOrder(sql, { owner });
          const result = await processPayment(sql, deps, {
            orderId: order.id,
            owner,
            gateway: "test",
            method: CARDS.challenge,
            returnUrl: "/en/checkout/done?x=1",
          });
          assert.equal(result.status, "requires_action");
          const [transaction] = await transactionsOf(sql, order.id);
          assert.deepEqual(result.nextAction, {
            type: "redirect",
            url:
              `/test-gateway/challenge/${transaction.gatewayTransactionId}?return=${
                encodeURIComponent("/en/checkout/done?x=1")
              }`,
          });
          await gateway.flush();
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "requires_action",
          );
          gateway.completeChallenge(
            transaction.gatewayTransactionId!,
            "approve",
          );
          await gateway.flush();
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "succeeded",
          );
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step(
        "an invalid card number is a 400 and stores nothing",
        async () => {
          const order = await placeOrder(sql, { owner });
          await assert.rejects(
            processPayment(sql, deps, {
              orderId: order.id,
              owner,
              gateway: "test",
              method: { ...CARDS.success, number: "4242 4242 4242 4241" },
            }),
            (error) =>
              error instanceof InvalidPaymentMethod &&
              error.code === "invalid_card",
          );
          assert.deepEqual(await transactionsOf(sql, order.id), []);
        },
      );

      await t.step("someone else's order is not found", async () => {
        const order = await placeOrder(sql, { owner });
        for (
          const stranger of [
            { guestTokenHash: hashToken(newOpaqueToken()) },
            { userId: crypto.randomUUID() },
            {},
          ]
        ) {
          await assert.rejects(
            processPayment(sql, deps, {
              orderId: order.id,
              owner: stranger,
              gateway: "test",
              method: CARDS.success,
            }),
            NotFound,
          );
        }
        assert.deepEqual(await transactionsOf(sql, order.id), []);
      });

      await t.step("a signed-in user pays their own order", async () => {
        const user = { userId: crypto.randomUUID() };
        const order = await placeOrder(sql, { owner: user });
        const result = await processPayment(sql, deps, {
          orderId: order.id,
          owner: user,
          gateway: "test",
          method: CARDS.success,
        });
        assert.equal(result.status, "succeeded");
        await gateway.flush();
      });

      await t.step(
        "a cancelled, paid or expired order is not payable (409)",
        async () => {
          const cancelled = await placeOrder(sql, { owner });
          await cancelOrder(sql, { orderId: cancelled.id, owner });
          const paid = await placeOrder(sql, { owner });
          await processPayment(sql, deps, {
            orderId: paid.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          });
          // Paid at the gateway, its webhook not yet in: still refused.
          const early = await processPayment(sql, deps, {
            orderId: paid.id,
            owner,
            gateway: "test",
            method: CARDS.success,
          }).catch((error) => error);
          assert.ok(early instanceof OrderNotPayable);
          assert.equal(early.reason, "already_paid");
          await gateway.flush();
          const expired = await placeOrder(sql, {
            owner,
            reservationMinutes: -1,
          });
          for (
            const [order, reason] of [
              [cancelled, "status"],
              [paid, "status"],
              [expired, "reservation_expired"],
            ] as const
          ) {
            const error = await processPayment(sql, deps, {
              orderId: order.id,
              owner,
              gateway: "test",
              method: CARDS.success,
            }).catch((error) => error);
            assert.ok(error instanceof OrderNotPayable, String(error));
            assert.equal(error.status, 409);
            assert.equal(error.code, "order_not_payable");
            assert.equal(error.reason, reason);
          }
          assert.deepEqual(await transactionsOf(sql, cancelled.id), []);
        },
      );

      await t.step(
        "a gateway that is not enabled or not offered is unavailable (400)",
        async () => {
          const order = await placeOrder(sql, { owner });
          await assert.rejects(
            processPayment(sql, deps, {
              orderId: order.id,
              owner,
              gateway: "stripe",
              method: CARDS.success,
            }),
            (error) =>
              error instanceof GatewayUnavailable && error.status === 400,
          );
          const picky = new PaymentGateways([
            stubGateway({ supports: () => false }),
          ]);
          await assert.rejects(
            processPayment(sql, { payments: picky }, {
              orderId: order.id,
              owner,
              gateway: "stub",
            }),
            (error) =>
              error instanceof GatewayUnavailable &&
              error.code === "gateway_unavailable",
          );
        },
      );

      await t.step(
        "a gateway that fails or hangs answers 503 and leaves the attempt pending, blocking a second charge",
        async () => {
          const errors: unknown[] = [];
          const logger = {
            warn() {},
            error: (...args: unknown[]) => errors.push(args),
          };
          for (
            const createPayment of [
              () => Promise.reject(new Error("connection reset")),
              () => new Promise<never>(() => {}),
            ]
          ) {
            const order = await placeOrder(sql, { owner });
            const payments = new PaymentGateways([
              stubGateway({ createPayment }),
            ]);
            const error = await processPayment(
              sql,
              { payments, logger, gatewayTimeoutMs: 20 },
              { orderId: order.id, owner, gateway: "stub" },
            ).catch((error) => error);
            assert.ok(error instanceof GatewayError, String(error));
            assert.equal(error.status, 503);
            assert.equal(error.code, "gateway_error");
            // Nobody knows whether money moved: the webhook settles it.
            const [transaction] = await transactionsOf(sql, order.id);
            assert.equal(transaction.status, "pending");
            assert.equal(transaction.gatewayTransactionId, null);
            assert.equal(
              typeof (transaction.raw.error as { message: string }).message,
              "string",
            );
            assert.equal(
              (await orderById(sql, order.id))!.status,
              "pending_payment",
            );
            // A retry must not charge again while the outcome is unknown.
            const retry = await processPayment(
              sql,
              { payments, logger, gatewayTimeoutMs: 20 },
              { orderId: order.id, owner, gateway: "stub" },
            ).catch((error) => error);
            assert.equal(retry.code, "order_not_payable");
            assert.equal(retry.details.reason, "payment_in_progress");
            // Nor may the order be cancelled under it.
            const cancel = await cancelUnpaidOrder(sql, {
              orderId: order.id,
              owner,
            })
              .catch((error) => error);
            assert.equal(cancel.details.reason, "payment_in_progress");
          }
          assert.equal(errors.length, 2);
        },
      );
    } finally {
      await store.close();
    }
  },
});

function stubGateway(overrides: Partial<PaymentGateway>): PaymentGateway {
  return {
    name: "stub",
    supports: () => true,
    parseMethod: (input) => input,
    createPayment: () => Promise.reject(new Error("not scripted")),
    parseWebhook: () => Promise.reject(new Error("not scripted")),
    refund: () => Promise.reject(new Error("not scripted")),
    ...overrides,
  };
}
