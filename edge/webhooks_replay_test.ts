import assert from "node:assert/strict";
import { orderById } from "../commerce/orders/mod.ts";
import {
  CARDS,
  eventBody,
  guestShopper,
  paidEmails,
  placeOrder,
  startPaymentsTestStore,
  webhookRequest,
} from "../commerce/payments/_test_util.ts";
import { transactionsOf } from "../commerce/payments/mod.ts";
import { toDecimalString } from "../commerce/pricing/mod.ts";
import { ignorePostgresTests } from "../db/_test_util.ts";
import { StartupError } from "./startup_error.ts";
import { parseReplayArgs, replayWebhooks } from "./webhooks_replay.ts";

Deno.test("parseReplayArgs() reads the operator's filters and refuses bad ones", () => {
  assert.deepEqual(parseReplayArgs([]), {
    gateway: undefined,
    outcome: undefined,
    eventId: undefined,
    since: undefined,
    limit: undefined,
  });
  const all = parseReplayArgs([
    "--gateway",
    "stripe",
    "--all",
    "--since",
    "2026-12-01",
    "--limit",
    "5",
  ]);
  assert.equal(all.gateway, "stripe");
  assert.equal(all.outcome, null);
  assert.equal(all.since?.toISOString(), "2026-12-01T00:00:00.000Z");
  assert.equal(all.limit, 5);
  assert.equal(parseReplayArgs(["--event", "evt_1"]).outcome, null);
  assert.throws(() => parseReplayArgs(["--since", "yesterday"]), StartupError);
  assert.throws(() => parseReplayArgs(["--limit", "0"]), StartupError);
  assert.throws(() => parseReplayArgs(["--bogus"]));
});

Deno.test({
  name:
    "replayWebhooks() applies an event kept unmatched once its payment is known, and only once",
  ignore: ignorePostgresTests,
  async fn() {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    try {
      const shopper = guestShopper(store.app);
      const order = await placeOrder(sql, { owner: shopper.owner });
      // The challenge card leaves the payment waiting: nothing settles it
      // but the event below.
      const { json } = await shopper.pay({
        orderId: order.id,
        gateway: "test",
        method: CARDS.challenge,
      });
      assert.equal(json.status, "requires_action");
      // Its own webhook (requires_action) is in before the story starts.
      await store.deps.payments.test!.flush();
      // The gateway's success names a payment id the store has not
      // recorded (its answer was lost): kept unmatched.
      const lateId = "tgpay_recorded_later";
      const body = eventBody({
        type: "payment.succeeded",
        paymentId: lateId,
        amount: toDecimalString(order.totals.total),
        currency: order.currency,
      });
      const stored = await store.app.request(
        "/api/payments/webhook/test",
        webhookRequest(body),
      );
      assert.equal((await stored.json()).outcome, "unmatched");
      assert.equal((await orderById(sql, order.id))!.status, "pending_payment");

      // An operator records the gateway's id (from the gateway's
      // dashboard) and replays.
      await sql`
        update payments.transactions set gateway_transaction_id = ${lateId}
        where order_id = ${order.id}`;
      const lines: string[] = [];
      const first = await replayWebhooks(
        { db: store.deps.db },
        {},
        (e, i, n) =>
          lines.push(`${i + 1}/${n} ${e.eventId} ${e.before}→${e.after}`),
      );
      assert.equal(first.length, 1);
      assert.equal(first[0].before, "unmatched");
      assert.equal(first[0].after, "applied", JSON.stringify(first));
      assert.equal(lines.length, 1);
      assert.equal((await orderById(sql, order.id))!.status, "paid");
      const [payment] = await transactionsOf(sql, order.id);
      assert.equal(payment.status, "succeeded");

      // Nothing is unmatched any more; replaying everything changes nothing.
      assert.deepEqual(await replayWebhooks({ db: store.deps.db }), []);
      const again = await replayWebhooks({ db: store.deps.db }, {
        outcome: null,
      });
      assert.ok(again.every((e) => e.after !== "applied"));
      assert.equal(await paidEmails(sql, order.id), 1);
      const paid = (await orderById(sql, order.id))!;
      assert.equal(paid.events.filter((e) => e.to === "paid").length, 1);
    } finally {
      await store.close();
    }
  },
});
