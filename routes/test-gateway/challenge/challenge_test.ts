import assert from "node:assert/strict";
import { hashToken, newOpaqueToken } from "../../../commerce/identity/mod.ts";
import { orderById } from "../../../commerce/orders/mod.ts";
import {
  CARDS,
  paidEmails,
  placeOrder,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import {
  latestPayment,
  transactionsOf,
} from "../../../commerce/payments/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import de from "../../../locales/de.json" with { type: "json" };

type App = {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
};

/** A guest browser in miniature: its cookies (cart included), JSON and forms. */
function browser(app: App) {
  const token = newOpaqueToken();
  const jar = new Map<string, string>([["cart", token]]);
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(";")[0].split("=");
      jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    owner: { guestTokenHash: hashToken(token) },
    async pay(body: unknown) {
      const response = await app.request("/api/payments/process", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost",
          cookie: cookie(),
        },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 201);
      return await response.json();
    },
    async get(path: string) {
      const response = await app.request(path, {
        headers: { cookie: cookie(), "accept-language": "de" },
      });
      remember(response);
      return { response, html: await response.text() };
    },
    async post(path: string, fields: Record<string, string>) {
      const response = await app.request(path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
          cookie: cookie(),
        },
        body: new URLSearchParams(fields).toString(),
      });
      remember(response);
      return response;
    },
  };
}

/** A field of the challenge form (the page has other forms: the pickers). */
function field(html: string, name: string): string {
  const form = /<form[^>]*action="\/test-gateway\/challenge\/[\s\S]*?<\/form>/
    .exec(html)?.[0] ?? "";
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1];
  assert.ok(value !== undefined, `no ${name} field`);
  return value.replaceAll("&amp;", "&");
}

Deno.test({
  name:
    "the test gateway's challenge page approves or fails a 3-D Secure payment",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const { app } = store;
    const sql = store.deps.db.sql;
    const gateway = store.deps.payments.test!;
    try {
      await t.step(
        "approving on the page pays the order, after the webhook",
        async () => {
          const shopper = browser(app);
          const order = await placeOrder(sql, { owner: shopper.owner });
          const result = await shopper.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.challenge,
            returnUrl: `/de/orders/${order.id}?paid=1`,
          });
          assert.equal(result.status, "requires_action");
          assert.equal(result.nextAction.type, "redirect");
          await gateway.flush();
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "requires_action",
          );
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );

          const page = await shopper.get(result.nextAction.url);
          assert.equal(page.response.status, 200);
          assert.equal(
            page.response.headers.get("cache-control"),
            "private, no-store",
          );
          assert.equal(
            page.response.headers.get("x-robots-tag"),
            "noindex, nofollow",
          );
          assert.ok(page.html.includes(de.testGateway.challenge.title));
          assert.ok(page.html.includes(de.testGateway.challenge.approve));
          assert.match(
            page.html,
            new RegExp(`data-testid="challenge-order">${order.number}<`),
          );
          assert.match(page.html, /data-testid="challenge-amount">[^<]*94,00/);
          const csrf = field(page.html, "_csrf");
          const back = field(page.html, "return");
          assert.equal(back, `/de/orders/${order.id}?paid=1`);

          const path =
            new URL(result.nextAction.url, "http://localhost").pathname;
          const missing = await shopper.post(path, {
            answer: "approve",
            return: back,
          });
          assert.equal(missing.status, 403, "the form needs its CSRF token");

          const approved = await shopper.post(path, {
            _csrf: csrf,
            answer: "approve",
            return: back,
          });
          assert.equal(approved.status, 303);
          assert.equal(approved.headers.get("location"), back);
          await gateway.flush();
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "succeeded",
          );
          assert.equal((await orderById(sql, order.id))!.status, "paid");
          assert.equal(await paidEmails(sql, order.id), 1);

          // Answered: the page says so, and a second click changes nothing.
          const done = await shopper.get(result.nextAction.url);
          assert.equal(done.response.status, 409);
          assert.match(done.html, /data-testid="challenge-done"/);
          const twice = await shopper.post(path, {
            _csrf: csrf,
            answer: "fail",
            return: back,
          });
          assert.equal(twice.status, 303);
          await gateway.flush();
          assert.equal((await orderById(sql, order.id))!.status, "paid");
        },
      );

      await t.step(
        "failing on the page fails the transaction and leaves the order unpaid",
        async () => {
          const shopper = browser(app);
          const order = await placeOrder(sql, { owner: shopper.owner });
          const result = await shopper.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.challenge,
          });
          const page = await shopper.get(result.nextAction.url);
          assert.equal(field(page.html, "return"), `/en/orders/${order.id}`);
          const path =
            new URL(result.nextAction.url, "http://localhost").pathname;
          const failed = await shopper.post(path, {
            _csrf: field(page.html, "_csrf"),
            answer: "fail",
            return: field(page.html, "return"),
          });
          assert.equal(failed.status, 303);
          await gateway.flush();
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "failed",
          );
          assert.equal(
            (await orderById(sql, order.id))!.status,
            "pending_payment",
          );
          // The order page learns why, to tell the shopper at once.
          assert.deepEqual(
            {
              ...(await latestPayment(sql, order.id))!,
              updatedAt: undefined,
            },
            {
              gateway: "test",
              status: "failed",
              failureCode: "authentication_failed",
              updatedAt: undefined,
            },
          );
        },
      );

      await t.step(
        "only paths of this store are accepted as return",
        async () => {
          const shopper = browser(app);
          const order = await placeOrder(sql, { owner: shopper.owner });
          const result = await shopper.pay({
            orderId: order.id,
            gateway: "test",
            method: CARDS.challenge,
          });
          const path =
            new URL(result.nextAction.url, "http://localhost").pathname;
          for (
            const target of [
              "https://evil.example/",
              "//evil.example/x",
              "/\\evil.example",
            ]
          ) {
            const page = await shopper.get(
              `${path}?return=${encodeURIComponent(target)}`,
            );
            assert.equal(page.response.status, 400, target);
            const posted = await shopper.post(path, {
              _csrf: field((await shopper.get(path)).html, "_csrf"),
              answer: "approve",
              return: target,
            });
            assert.equal(posted.status, 400, target);
          }
          assert.equal(
            (await transactionsOf(sql, order.id))[0].status,
            "requires_action",
          );
        },
      );

      await t.step("an unknown payment's page is not found", async () => {
        const page = await browser(app).get(
          "/test-gateway/challenge/tgpay_nope",
        );
        assert.equal(page.response.status, 404);
      });
    } finally {
      await store.close();
    }
  },
});

Deno.test({
  name: "the challenge page does not exist when the test gateway is off",
  ignore: ignorePostgresTests,
  async fn() {
    const store = await startPaymentsTestStore({ TEST_GATEWAY: "off" });
    try {
      assert.equal(store.deps.payments.test, undefined);
      const page = await store.app.request("/test-gateway/challenge/tgpay_x", {
        headers: { accept: "text/html" },
      });
      assert.equal(page.status, 404);
      const webhook = await store.app.request("/api/payments/webhook/test", {
        method: "POST",
        body: "{}",
      });
      assert.equal(webhook.status, 404);
    } finally {
      await store.close();
    }
  },
});
