/**
 * WeChat Pay through the whole store, on real Postgres: the QR code,
 * the encrypted and signed callbacks (duplicated, reordered, forged),
 * a refund settled by its callback, a replaced QR code closed at WeChat
 * Pay, and the circuit breaker taking the
 * gateway out of checkout while the others keep working.
 */
import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import { orderById } from "../../orders/mod.ts";
import {
  CARDS,
  guestShopper,
  paidEmails,
  placeOrder,
  requestRefund,
  staffMember,
  startPaymentsTestStore,
} from "../_test_util.ts";
import { transactionsOf } from "../mod.ts";
import {
  generateRsaKeys,
  WECHAT_TEST_ACCOUNT,
  type WechatDelivery,
  WechatFake,
} from "./_fake.ts";
import { merchantNumber } from "./mod.ts";

const CN = { currency: "CNY", country: "CN" };

Deno.test({
  name: "WeChat Pay through the store: QR, callbacks once, refunds, breaker",
  ignore: ignorePostgresTests,
  async fn(t) {
    const [merchant, platform] = await Promise.all([
      generateRsaKeys(),
      generateRsaKeys(),
    ]);
    const account = WECHAT_TEST_ACCOUNT;
    const fake = await WechatFake.start({
      mchId: account.mchId,
      appId: account.appId,
      merchantSerial: account.merchantSerial,
      merchantPublicKey: merchant.publicKey,
      platformSerial: account.platformSerial,
      platformPrivateKey: platform.privateKey,
      apiV3Key: account.apiV3Key,
    });
    const store = await startPaymentsTestStore({
      WECHATPAY_MCH_ID: account.mchId,
      WECHATPAY_APP_ID: account.appId,
      WECHATPAY_MCH_SERIAL: account.merchantSerial,
      WECHATPAY_PRIVATE_KEY: merchant.privateKeyPem,
      WECHATPAY_API_V3_KEY: account.apiV3Key,
      WECHATPAY_PLATFORM_SERIAL: account.platformSerial,
      WECHATPAY_PLATFORM_PUBLIC_KEY: platform.publicKeyPem,
      WECHATPAY_API_URL: fake.url,
      // Fail fast so the breaker test takes milliseconds, not minutes.
      GATEWAY_TIMEOUT_MS: "150",
      GATEWAY_RETRIES: "1",
      GATEWAY_BREAKER_THRESHOLD: "2",
      GATEWAY_BREAKER_COOLDOWN_MS: "400",
    });
    const sql = store.deps.db.sql;
    const shopper = guestShopper(store.app);
    const admin = await staffMember(store);
    // A callback as WeChat Pay posts it, answered by the store.
    const post = async (delivery: WechatDelivery, body = delivery.body) => {
      const response = await store.app.request(
        "/api/payments/webhook/wechat",
        { method: "POST", headers: delivery.headers, body },
      );
      return { status: response.status, json: await response.json() };
    };
    const inbox = async () =>
      (await sql`select count(*)::int as n from payments.webhook_events
        where gateway = 'wechat'`)[0].n as number;

    try {
      assert.deepEqual(store.deps.payments.gatewaysFor(CN), ["test", "wechat"]);
      assert.deepEqual(
        store.deps.payments.gatewaysFor({ currency: "EUR", country: "DE" }),
        ["test"],
        "WeChat Pay takes yuan only",
      );

      const order = await placeOrder(sql, {
        owner: shopper.owner,
        ...CN,
        gateway: "wechat",
      });
      let paid: WechatDelivery;

      await t.step(
        "paying shows a QR code; the signed callback pays the order",
        async () => {
          const { response, json } = await shopper.pay({
            orderId: order.id,
            gateway: "wechat",
          });
          assert.equal(response.status, 201, JSON.stringify(json));
          assert.equal(json.status, "requires_action");
          assert.equal(json.nextAction.type, "qr_code");
          assert.match(
            json.nextAction.data,
            /^weixin:\/\/wxpay\/bizpayurl\?pr=/,
          );
          paid = await fake.pay(merchantNumber(json.transactionId));
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
            "nothing is paid before the callback arrives",
          );
          const answer = await post(paid);
          assert.equal(answer.status, 200);
          assert.equal(answer.json.outcome, "applied");
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step("a duplicated callback changes nothing", async () => {
        const before = await inbox();
        const again = await post(await fake.redeliver(paid));
        assert.equal(again.status, 200);
        assert.equal(again.json.duplicate, true);
        assert.equal(await inbox(), before);
        assert.equal(await paidEmails(sql, order.id), 1);
      });

      await t.step(
        "a tampered or stale callback is refused 400 and stored nowhere",
        async () => {
          const before = await inbox();
          const tampered = paid.body.replace('"id":"', '"id":"x');
          assert.equal((await post(paid, tampered)).status, 400);
          const stale = {
            ...paid,
            headers: await fake.signedHeaders(paid.body, {
              timestamp: Math.floor(Date.now() / 1000) - 301,
            }),
          };
          const answer = await post(stale);
          assert.equal(answer.status, 400);
          assert.equal(answer.json.error.code, "invalid_signature");
          assert.equal(await inbox(), before);
        },
      );

      await t.step(
        "a refund is pending until WeChat Pay's callback settles it",
        async () => {
          const { status, json } = await requestRefund(store, {
            token: admin.token,
            orderId: order.id,
            body: { amount: "2.00", reason: "Late delivery" },
          });
          assert.equal(status, 201, JSON.stringify(json));
          assert.equal(json.status, "pending");
          assert.equal(json.orderStatus, "paid");
          const [refundRow] = (await transactionsOf(sql, order.id))
            .filter((tx) => tx.kind === "refund");
          const settled = await fake.settleRefund(
            refundRow.gatewayTransactionId!,
          );
          // Delivered twice: the order moves and emails once.
          for (let i = 0; i < 2; i++) {
            assert.equal(
              (await post(await fake.redeliver(settled))).status,
              200,
            );
          }
          const after = (await orderById(sql, order.id))!;
          // Still to be shipped; the refund is on the timeline, once.
          assert.equal(after.status, "paid");
          assert.equal(
            after.events.filter((e) => e.data?.refund).length,
            1,
          );
          const [emails] = await sql`
          select count(*)::int as n from notifications.outbox
          where kind = 'order_refunded' and event_id = ${`order-refunded:${refundRow.id}`}`;
          assert.equal(emails.n, 1);
        },
      );

      await t.step(
        "a refund answer whose signature fails is retried with the same out_refund_no, never failed",
        async () => {
          const before = fake.refunds.size;
          fake.corruptNextSignature();
          const { status, json } = await requestRefund(store, {
            token: admin.token,
            orderId: order.id,
            body: { amount: "1.00", reason: "Damaged box" },
          });
          assert.equal(status, 201, JSON.stringify(json));
          assert.equal(json.status, "pending");
          const sent = fake.calls.filter((call) =>
            call.path === "/v3/refund/domestic/refunds"
          ).slice(-2).map((call) => JSON.parse(call.body).out_refund_no);
          assert.equal(sent.length, 2);
          assert.equal(sent[0], sent[1]);
          assert.equal(fake.refunds.size, before + 1);
        },
      );

      await t.step(
        "paying again closes the first QR code at WeChat Pay; one paid meanwhile makes it 409",
        async () => {
          const again = await placeOrder(sql, {
            owner: shopper.owner,
            ...CN,
            gateway: "wechat",
          });
          const first = await shopper.pay({
            orderId: again.id,
            gateway: "wechat",
          });
          assert.equal(first.response.status, 201, JSON.stringify(first.json));
          const firstNo = merchantNumber(first.json.transactionId);
          const placed = fake.calls.findLast((call) =>
            call.path === "/v3/pay/transactions/native"
          )!;
          // The stock hold's end, in China time, to the second.
          const expires = JSON.parse(placed.body).time_expire;
          assert.match(
            expires,
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/,
          );
          const minutes = (Date.parse(expires) - Date.now()) / 60_000;
          assert.ok(minutes > 10 && minutes <= 31, `${minutes} minutes`);

          const second = await shopper.pay({
            orderId: again.id,
            gateway: "wechat",
          });
          assert.equal(
            second.response.status,
            201,
            JSON.stringify(second.json),
          );
          assert.notEqual(second.json.transactionId, first.json.transactionId);
          assert.equal(fake.trades.get(firstNo)?.state, "CLOSED");
          await assert.rejects(fake.pay(firstNo));

          // The shopper pays the second code; before its callback arrives,
          // a third attempt finds it paid and is refused.
          const paidSecond = await fake.pay(
            merchantNumber(second.json.transactionId),
          );
          const third = await shopper.pay({
            orderId: again.id,
            gateway: "wechat",
          });
          assert.equal(third.response.status, 409, JSON.stringify(third.json));
          assert.equal(third.json.error.details.reason, "already_paid");
          assert.equal((await post(paidSecond)).status, 200);
          assert.equal((await orderById(sql, again.id))!.status, "paid");
        },
      );

      await t.step(
        "timeouts open the breaker: WeChat Pay leaves checkout, the test gateway still takes payments",
        async () => {
          const next = await placeOrder(sql, {
            owner: shopper.owner,
            ...CN,
            gateway: "wechat",
          });
          fake.hangNext(4);
          for (let i = 0; i < 2; i++) {
            const { response, json } = await shopper.pay({
              orderId: next.id,
              gateway: "wechat",
            });
            assert.equal(
              response.status,
              i === 0 ? 503 : 409,
              JSON.stringify(json),
            );
          }
          // The first attempt timed out: it stays pending and blocks a second
          // charge. The breaker counted it; one more call trips it.
          const third = await placeOrder(sql, {
            owner: shopper.owner,
            ...CN,
            gateway: "wechat",
          });
          const tripped = await shopper.pay({
            orderId: third.id,
            gateway: "wechat",
          });
          assert.equal(tripped.response.status, 503);
          assert.deepEqual(store.deps.payments.gatewaysFor(CN), ["test"]);

          const fast = await placeOrder(sql, {
            owner: shopper.owner,
            ...CN,
            gateway: "wechat",
          });
          const refused = await shopper.pay({
            orderId: fast.id,
            gateway: "wechat",
          });
          assert.equal(refused.response.status, 503);
          assert.equal(refused.json.error.code, "gateway_circuit_open");
          assert.ok(Number(refused.response.headers.get("retry-after")) >= 1);
          assert.deepEqual(await transactionsOf(sql, fast.id), []);

          const byCard = await shopper.pay({
            orderId: fast.id,
            gateway: "test",
            method: CARDS.success,
          });
          assert.equal(byCard.response.status, 201);
          assert.equal(byCard.json.status, "succeeded");
          await store.deps.payments.test!.flush();

          // WeChat Pay recovers: after the cool-down it is offered again and
          // the next payment closes the breaker.
          await new Promise((resolve) => setTimeout(resolve, 450));
          assert.deepEqual(store.deps.payments.gatewaysFor(CN), [
            "test",
            "wechat",
          ]);
          const recovered = await placeOrder(sql, {
            owner: shopper.owner,
            ...CN,
            gateway: "wechat",
          });
          const ok = await shopper.pay({
            orderId: recovered.id,
            gateway: "wechat",
          });
          assert.equal(ok.response.status, 201, JSON.stringify(ok.json));
          assert.equal(store.deps.payments.gateway("wechat")!.available, true);
        },
      );
    } finally {
      await store.close();
      await fake.close();
    }
  },
});
