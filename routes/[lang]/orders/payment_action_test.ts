import assert from "node:assert/strict";
import { hashToken, newOpaqueToken } from "../../../commerce/identity/mod.ts";
import {
  CARDS,
  placeOrder,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import type { NextAction } from "../../../commerce/payments/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import type { Sql } from "../../../db/client.ts";
import type { Store } from "../../../edge/server.ts";
import en from "../../../locales/en.json" with { type: "json" };
import zh from "../../../locales/zh.json" with { type: "json" };

/** The island props of the page's `name` island, or `undefined`. */
function islandProps(
  html: string,
  name: string,
): Record<string, unknown> | undefined {
  const marker = new RegExp(`<x-island data-island="${name}" data-id="(\\d+)"`)
    .exec(html);
  if (!marker) return undefined;
  const json =
    /<script type="application\/json" id="__islands">(.*?)<\/script>/s
      .exec(html);
  assert.ok(json, "the page has no island props");
  return JSON.parse(json[1])[Number(marker[1])];
}

/** A guest browser with an unpaid order whose 3-D Secure step waits. */
async function guestWithChallenge(store: Store) {
  const token = newOpaqueToken();
  const sql = store.deps.db.sql;
  const order = await placeOrder(sql, {
    owner: { guestTokenHash: hashToken(token) },
  });
  const cookie = `cart=${token}`;
  const paid = await store.app.request("/api/payments/process", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: "http://localhost",
      cookie,
    },
    body: JSON.stringify({
      orderId: order.id,
      gateway: "test",
      method: CARDS.challenge,
      returnUrl: `/en/orders/${order.id}?payment=processing`,
    }),
  });
  const result = await paid.json();
  assert.equal(paid.status, 201, JSON.stringify(result));
  assert.equal(result.status, "requires_action");
  assert.equal(result.nextAction.type, "redirect");
  return {
    order,
    challenge: result.nextAction.url as string,
    async page(path: string) {
      const response = await store.app.request(path, { headers: { cookie } });
      return {
        status: response.status,
        csp: response.headers.get("content-security-policy") ?? "",
        body: await response.text(),
      };
    },
  };
}

/**
 * Make the order's waiting attempt one of `gateway` that asks for
 * `nextAction`, as that gateway's adapter would have recorded it.
 */
async function waitFor(
  sql: Sql,
  orderId: string,
  gateway: string,
  nextAction: NextAction,
): Promise<void> {
  await sql`update orders.orders set gateway = ${gateway}
    where id = ${orderId}`;
  const updated = await sql`
    update payments.transactions
    set gateway = ${gateway}, next_action = ${sql.json(nextAction)}
    where order_id = ${orderId} and status = 'requires_action'
    returning id`;
  assert.equal(updated.length, 1);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? "");
}

const STRIPE = /stripe\.com/;

Deno.test({
  name: "the order page shows the step a payment waits for",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    try {
      await t.step(
        "a gateway page left unfinished gets a link back to it",
        async () => {
          const guest = await guestWithChallenge(store);
          const page = await guest.page(`/en/orders/${guest.order.id}`);
          assert.equal(page.status, 200);
          assert.ok(page.body.includes('data-testid="payment-continue"'));
          assert.ok(page.body.includes(`href="${guest.challenge}"`));
          assert.ok(
            page.body.includes(
              fill(en.orders.payment.continue, {
                gateway: en.checkout.gateways.test,
              }),
            ),
          );
          assert.equal(
            islandProps(page.body, "OrderPayment")?.state,
            "action",
          );
          assert.doesNotMatch(page.csp, STRIPE);

          // Back from the gateway: watch for its word, no link.
          const back = await guest.page(
            `/en/orders/${guest.order.id}?payment=processing`,
          );
          assert.ok(!back.body.includes('data-testid="payment-continue"'));
          assert.equal(
            islandProps(back.body, "OrderPayment")?.state,
            "processing",
          );
        },
      );

      await t.step(
        "a WeChat Pay QR code is drawn on the server, with what to do",
        async () => {
          const guest = await guestWithChallenge(store);
          await waitFor(sql, guest.order.id, "wechat", {
            type: "qr_code",
            data: "weixin://wxpay/bizpayurl?pr=Abc123xyz",
          });
          const page = await guest.page(
            `/en/orders/${guest.order.id}?payment=action`,
          );
          assert.equal(page.status, 200);
          const props = islandProps(page.body, "OrderPayment")!;
          assert.equal(props.state, "action");
          assert.equal(props.gateway, "wechat");
          const qr = /<section[^>]*data-testid="payment-qr".*?<\/section>/s
            .exec(page.body)?.[0];
          assert.ok(qr, "the QR code's section");
          assert.match(qr, /<svg [^>]*viewBox="0 0 \d+ \d+"/);
          assert.match(qr, /<path fill="black" d="M\d/);
          assert.ok(
            qr.includes(
              fill(en.orders.payment.qr.wechat, {
                total: props.total as string,
              }),
            ),
          );
          assert.ok(qr.includes(en.orders.payment.qr.note));
          assert.ok(page.body.includes(en.checkout.gateways.wechat));
          assert.equal(islandProps(page.body, "StripeConfirm"), undefined);
          assert.doesNotMatch(page.csp, STRIPE);

          const chinese = await guest.page(
            `/zh/orders/${guest.order.id}?payment=action`,
          );
          assert.ok(chinese.body.includes("请打开微信扫描此二维码"));
          assert.ok(chinese.body.includes(zh.checkout.gateways.wechat));
        },
      );

      await t.step(
        "Stripe's form is an island, and only its page lets Stripe in",
        async () => {
          const guest = await guestWithChallenge(store);
          await waitFor(sql, guest.order.id, "stripe", {
            type: "confirm_in_browser",
            clientSecret: "pi_123_secret_456",
            publishableKey: "pk_test_789",
          });
          const path = `/en/orders/${guest.order.id}`;
          const page = await guest.page(`${path}?payment=action`);
          assert.equal(page.status, 200);
          const props = islandProps(page.body, "StripeConfirm");
          assert.ok(props, "the StripeConfirm island");
          assert.equal(props.clientSecret, "pi_123_secret_456");
          assert.equal(props.publishableKey, "pk_test_789");
          assert.equal(props.returnUrl, `${path}?payment=processing`);
          assert.equal(props.language, "en");
          const labels = props.labels as Record<string, string>;
          assert.equal(labels.loading, en.checkout.stripe.loading);
          assert.equal(labels.unavailable, en.checkout.stripe.unavailable);
          // Without JavaScript the page still says what to do.
          assert.match(
            page.body,
            new RegExp(`<noscript>.*${en.checkout.stripe.noScript}`, "s"),
          );
          assert.ok(!page.body.includes('data-testid="payment-qr"'));
          assert.match(
            page.csp,
            /script-src 'nonce-[^']+' 'self' https:\/\/js\.stripe\.com https:\/\/\*\.js\.stripe\.com;/,
          );
          assert.match(
            page.csp,
            /frame-src 'self' https:\/\/js\.stripe\.com https:\/\/\*\.js\.stripe\.com https:\/\/hooks\.stripe\.com;/,
          );
          assert.match(
            page.csp,
            /connect-src 'self' https:\/\/api\.stripe\.com;/,
          );

          // Back from Stripe: no form, and the strict policy again.
          const back = await guest.page(`${path}?payment=processing`);
          assert.equal(islandProps(back.body, "StripeConfirm"), undefined);
          assert.doesNotMatch(back.csp, STRIPE);
          const home = await guest.page("/en/");
          assert.doesNotMatch(home.csp, STRIPE);
        },
      );
    } finally {
      await store.close();
    }
  },
});
