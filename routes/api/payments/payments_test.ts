import assert from "node:assert/strict";
import { newOpaqueToken } from "../../../commerce/identity/mod.ts";
import { cancelOrder, orderById } from "../../../commerce/orders/mod.ts";
import {
  CARDS,
  eventBody,
  guestShopper,
  paidEmails,
  placeOrder,
  startPaymentsTestStore,
  webhookRequest,
} from "../../../commerce/payments/_test_util.ts";
import { transactionsOf } from "../../../commerce/payments/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";

/** A guest browser: its cart cookie, posting JSON from the store's pages. */
const guest = guestShopper;

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

async function count(
  sql: import("../../../db/client.ts").Sql,
): Promise<number> {
  const [{ n }] =
    await sql`select count(*)::int as n from payments.webhook_events`;
  return n;
}

Deno.test({
  name: "the payments API takes payments and applies signed webhooks",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const { app } = store;
    const sql = store.deps.db.sql;
    const gateway = store.deps.payments.test!;
    // Every webhook the gateway delivered, as it was sent.
    const delivered: { body: string; headers: Headers }[] = [];
    gateway.connect({
      url: "http://localhost/api/payments/webhook/test",
      deliver: async (request) => {
        delivered.push({
          body: await request.clone().text(),
          headers: new Headers(request.headers),
        });
        return await app.fetch(request);
      },
    });
    const ada = guest(app);
    try {
      await t.step(
        "a guest pays an order by card: 201, then paid by the webhook",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const { response, json } = await ada.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.success,
          });
          assert.equal(response.status, 201);
          assert.equal(
            response.headers.get("cache-control"),
            "private, no-store",
          );
          assert.deepEqual(Object.keys(json).sort(), [
            "status",
            "transactionId",
          ]);
          assert.equal(json.status, "succeeded");
          await gateway.flush();
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          assert.equal(await paidEmails(sql, order.id), 1);
        },
      );

      await t.step(
        "a declined card answers 201 with its failure code",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const { response, json } = await ada.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.declined,
          });
          assert.equal(response.status, 201);
          assert.equal(json.status, "failed");
          assert.equal(json.failureCode, "card_declined");
          await gateway.flush();
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
        },
      );

      await t.step(
        "replaying every delivered webhook 3× in shuffled order pays each order once",
        async () => {
          gateway.setChaos({ duplicateRate: 0.3, reorder: true });
          const paid = [];
          for (let i = 0; i < 4; i++) {
            const order = await placeOrder(sql, { owner: ada.owner });
            const { json } = await ada.pay({
              orderId: order.id,
              gateway: "test",
              method: CARDS.success,
            });
            assert.equal(json.status, "succeeded");
            paid.push(order);
          }
          const challenged = await placeOrder(sql, { owner: ada.owner });
          await ada.pay({
            orderId: challenged.id,
            gateway: "test",
            method: CARDS.challenge,
          });
          const [pending] = await transactionsOf(sql, challenged.id);
          gateway.completeChallenge(pending.gatewayTransactionId!, "approve");
          paid.push(challenged);
          const declined = await placeOrder(sql, { owner: ada.owner });
          await ada.pay({
            orderId: declined.id,
            gateway: "test",
            method: CARDS.declined,
          });
          await gateway.flush();
          gateway.setChaos({ duplicateRate: 0, reorder: false });

          const stored = await count(sql);
          const replays = shuffle([...delivered, ...delivered, ...delivered]);
          for (const { body, headers } of replays) {
            const response = await app.request("/api/payments/webhook/test", {
              method: "POST",
              headers,
              body,
            });
            assert.equal(response.status, 200);
            const json = await response.json();
            assert.equal(json.received, true);
            assert.equal(json.duplicate, true);
          }
          assert.equal(await count(sql), stored, "replays stored nothing");
          for (const order of paid) {
            const after = (await orderById(sql, order.id))!;
            assert.equal(after.status, "paid");
            assert.equal(after.events.filter((e) => e.to === "paid").length, 1);
            const transactions = await transactionsOf(sql, order.id);
            assert.deepEqual(transactions.map((tx) => tx.status), [
              "succeeded",
            ]);
            assert.equal(await paidEmails(sql, order.id), 1);
          }
          assert.equal(
            (await orderById(sql, declined.id))!.status,
            "pending_payment",
          );
          assert.equal(await paidEmails(sql, declined.id), 0);
        },
      );

      await t.step(
        "a tampered body is refused 400 and stores nothing",
        async () => {
          const failure = delivered.find(({ body }) =>
            body.includes('"payment.failed"')
          )!;
          const forged = failure.body.replace(
            '"payment.failed"',
            '"payment.succeeded"',
          )
            .replace('"status":"failed"', '"status":"succeeded"');
          const before = await count(sql);
          const response = await app.request("/api/payments/webhook/test", {
            method: "POST",
            headers: failure.headers,
            body: forged,
          });
          assert.equal(response.status, 400);
          assert.equal((await response.json()).error.code, "invalid_signature");
          assert.equal(await count(sql), before);
        },
      );

      await t.step(
        "a webhook signed with another secret or too long ago is refused 400",
        async () => {
          const body = eventBody({
            type: "payment.succeeded",
            paymentId: "tgpay_whatever",
            amount: "10.00",
            currency: "USD",
          });
          const before = await count(sql);
          for (
            const init of [
              webhookRequest(body, { secret: "not-the-store-secret-at-all" }),
              webhookRequest(body, {
                timestamp: Math.floor(Date.now() / 1000) - 301,
              }),
              { method: "POST", body },
            ]
          ) {
            const response = await app.request(
              "/api/payments/webhook/test",
              init,
            );
            assert.equal(response.status, 400);
            assert.equal(
              (await response.json()).error.code,
              "invalid_signature",
            );
          }
          assert.equal(await count(sql), before);
        },
      );

      await t.step(
        "an event for an unknown payment is stored as unmatched with a 200",
        async () => {
          const body = eventBody({
            type: "payment.succeeded",
            paymentId: "tgpay_unknown_here",
            amount: "10.00",
            currency: "USD",
          });
          const response = await app.request(
            "/api/payments/webhook/test",
            webhookRequest(body),
          );
          assert.equal(response.status, 200);
          assert.deepEqual(await response.json(), {
            received: true,
            duplicate: false,
            eventId: JSON.parse(body).id,
            outcome: "unmatched",
          });
          const [row] = await sql`
          select outcome from payments.webhook_events
          where gateway = 'test' and event_id = ${JSON.parse(body).id}`;
          assert.equal(row.outcome, "unmatched");
        },
      );

      await t.step(
        "webhooks skip CSRF checks: gateways post cross-site",
        async () => {
          const body = eventBody({
            type: "payment.processing",
            paymentId: "tgpay_cross_site",
            amount: "10.00",
            currency: "USD",
          });
          const init = webhookRequest(body);
          const response = await app.request("/api/payments/webhook/test", {
            ...init,
            headers: {
              ...init.headers as Record<string, string>,
              origin: "https://gateway.example",
              "sec-fetch-site": "cross-site",
              cookie: `cart=${newOpaqueToken()}`,
            },
          });
          assert.equal(response.status, 200);
        },
      );

      await t.step(
        "a webhook for a gateway that is not enabled is 404",
        async () => {
          const response = await app.request(
            "/api/payments/webhook/stripe",
            webhookRequest("{}"),
          );
          assert.equal(response.status, 404);
          assert.equal((await response.json()).error.code, "not_found");
        },
      );

      await t.step(
        "someone else's order is 404 and gets no transaction",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const body = {
            orderId: order.id,
            gateway: "test",
            method: CARDS.success,
          };
          const { response, json } = await guest(app).pay(body);
          assert.equal(response.status, 404);
          assert.equal(json.error.code, "not_found");
          const anonymous = await app.request("/api/payments/process", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          assert.equal(anonymous.status, 404);
          assert.deepEqual(await transactionsOf(sql, order.id), []);
        },
      );

      await t.step(
        "paying a cancelled order is 409 order_not_payable",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          await cancelOrder(sql, { orderId: order.id, owner: ada.owner });
          const { response, json } = await ada.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.success,
          });
          assert.equal(response.status, 409);
          assert.equal(json.error.code, "order_not_payable");
          assert.equal(json.error.details.reason, "status");
        },
      );

      await t.step(
        "bad input is a 400: unknown fields, foreign return URLs, bad cards",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const base = {
            orderId: order.id,
            gateway: "test",
            method: CARDS.success,
          };
          for (
            const [body, code] of [
              [{ ...base, amount: "0.01" }, "validation_failed"],
              [
                { ...base, returnUrl: "https://evil.example/" },
                "validation_failed",
              ],
              [{ ...base, returnUrl: "//evil.example/" }, "validation_failed"],
              [{ ...base, orderId: "42" }, "validation_failed"],
              [
                { ...base, method: { ...CARDS.success, number: "1234 5678" } },
                "invalid_card",
              ],
              [{ ...base, gateway: "paypal" }, "gateway_unavailable"],
            ] as const
          ) {
            const { response, json } = await ada.pay(body);
            assert.equal(response.status, 400, JSON.stringify(body));
            assert.equal(json.error.code, code);
          }
          assert.deepEqual(await transactionsOf(sql, order.id), []);
        },
      );

      await t.step(
        "a cross-site request with the cart cookie is refused 403",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const { response, json } = await ada.pay(
            { orderId: order.id, gateway: "test", method: CARDS.success },
            { origin: "https://evil.example" },
          );
          assert.equal(response.status, 403);
          assert.equal(json.error.code, "csrf_failed");
        },
      );

      await t.step(
        "a retry with the same Idempotency-Key charges once",
        async () => {
          const order = await placeOrder(sql, { owner: ada.owner });
          const body = {
            orderId: order.id,
            gateway: "test",
            method: CARDS.success,
          };
          const key = { "idempotency-key": crypto.randomUUID() };
          const first = await ada.pay(body, key);
          const again = await ada.pay(body, key);
          assert.equal(first.response.status, 201);
          assert.equal(again.response.status, 201);
          assert.equal(
            again.response.headers.get("idempotency-replayed"),
            "true",
          );
          assert.deepEqual(again.json, first.json);
          assert.equal((await transactionsOf(sql, order.id)).length, 1);
          await gateway.flush();
        },
      );
    } finally {
      await store.close();
    }
  },
});
