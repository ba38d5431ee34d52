import assert from "node:assert/strict";
import { transitionOrder } from "../../commerce/orders/mod.ts";
import {
  guestShopper,
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../commerce/payments/_test_util.ts";
import { formatMoney } from "../../commerce/pricing/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import de from "../../locales/de.json" with { type: "json" };
import en from "../../locales/en.json" with { type: "json" };

Deno.test({
  name:
    "dashboard pages: staff only, in the admin's language, with the figures",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const page = async (
      path: string,
      init: { token?: string; cookie?: string } = {},
    ) => {
      const headers: Record<string, string> = { accept: "text/html" };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.cookie) headers.cookie = init.cookie;
      const response = await store.app.request(path, { headers });
      return { response, html: await response.text() };
    };
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const owner = guestShopper(store.app).owner;
      const paid = await placeOrder(sql, { owner, currency: "EUR" });
      await sql.begin((tx) =>
        transitionOrder(tx, { orderId: paid.id, to: "paid", actor: "test" })
      );
      const pending = await placeOrder(sql, { owner });

      await t.step(
        "anonymous visitors are sent to sign in, and back",
        async () => {
          const { response } = await page("/admin/orders?status=paid");
          assert.equal(response.status, 303);
          assert.equal(
            response.headers.get("location"),
            `/en/account/signin?next=${
              encodeURIComponent("/admin/orders?status=paid")
            }`,
          );
          assert.equal(
            response.headers.get("cache-control"),
            "private, no-store",
          );
          const german = await page("/admin", { cookie: "lang=de" });
          assert.equal(
            german.response.headers.get("location"),
            "/de/account/signin?next=%2Fadmin",
          );
        },
      );

      await t.step("a customer gets the translated 403 page", async () => {
        const { response, html } = await page("/admin", {
          token: customer.token,
          cookie: "lang=de",
        });
        assert.equal(response.status, 403);
        assert.match(response.headers.get("content-type") ?? "", /text\/html/);
        assert.equal(
          response.headers.get("cache-control"),
          "private, no-store",
        );
        assert.ok(html.includes(de.admin.forbidden.title), html.slice(0, 500));
        assert.match(html, /<meta name="robots" content="noindex">/);
        const orders = await page("/admin/orders", { token: customer.token });
        assert.equal(orders.response.status, 403);
      });

      await t.step(
        "the overview shows sales, statuses and health",
        async () => {
          const { response, html } = await page("/admin", {
            token: admin.token,
          });
          assert.equal(response.status, 200);
          assert.equal(
            response.headers.get("cache-control"),
            "private, no-store",
          );
          assert.equal(
            response.headers.get("x-robots-tag"),
            "noindex, nofollow",
          );
          // The dashboard's own shell, not the storefront's.
          assert.doesNotMatch(html, /data-testid="account-link"/);
          assert.match(html, /data-testid="admin-name"[^>]*>Test</);
          const total = formatMoney(paid.baseTotal, "en");
          const today = /data-testid="sales-today"[^>]*>([^<]*)</.exec(html)
            ?.[1];
          assert.equal(today, total);
          assert.match(html, /data-testid="status-count-paid"[^>]*>1</);
          assert.match(
            html,
            /data-testid="status-count-pending_payment"[^>]*>1</,
          );
          assert.match(html, /data-currency="EUR"/);
          // 30 bars, one per day.
          assert.equal(html.match(/<rect [^>]*data-day=/g)?.length, 30);
          assert.match(html, /data-testid="webhook-failure-count"[^>]*>0</);
          assert.ok(html.includes(en.admin.overview.rates));
          // Nothing to edit on the overview: no island but the session's.
          assert.deepEqual(
            [...html.matchAll(/data-island="(\w+)"/g)].map((m) => m[1]),
            ["SessionKeeper"],
          );
        },
      );

      await t.step(
        "the overview is in the admin's saved language",
        async () => {
          const { html } = await page("/admin", {
            token: admin.token,
            cookie: "lang=de",
          });
          assert.match(html, /<html lang="de"/);
          assert.ok(html.includes(de.admin.overview.byStatus));
          assert.ok(html.includes(de.admin.signOut));
        },
      );

      await t.step("the order list filters and searches", async () => {
        const all = await page("/admin/orders", { token: admin.token });
        assert.equal(all.response.status, 200);
        assert.ok(all.html.includes(paid.number));
        assert.ok(all.html.includes(pending.number));
        const onlyPaid = await page("/admin/orders?status=paid", {
          token: admin.token,
        });
        assert.ok(onlyPaid.html.includes(paid.number));
        assert.ok(!onlyPaid.html.includes(pending.number));
        const search = await page(
          `/admin/orders?q=${encodeURIComponent(pending.number)}`,
          { token: admin.token },
        );
        assert.ok(search.html.includes(pending.number));
        assert.ok(!search.html.includes(paid.number));
        const junk = await page("/admin/orders?status=nope&cursor=%%%", {
          token: admin.token,
        });
        assert.equal(junk.response.status, 200);
      });

      await t.step(
        "an order's page offers what its status allows",
        async () => {
          const { response, html } = await page(`/admin/orders/${paid.id}`, {
            token: admin.token,
          });
          assert.equal(response.status, 200);
          assert.ok(html.includes(paid.number));
          assert.match(html, /data-island="AdminOrderActions"/);
          // Paid: packed next (shipping comes after packing).
          assert.match(html, /"transitions":\[\s*"packed"\s*\]/);
          const missing = await page(`/admin/orders/${crypto.randomUUID()}`, {
            token: admin.token,
          });
          assert.equal(missing.response.status, 404);
        },
      );

      await t.step(
        "products: list with completeness, and the editor",
        async () => {
          const list = await page("/admin/products", { token: admin.token });
          assert.equal(list.response.status, 200);
          const id = /data-product-id="([0-9a-f-]{36})"/.exec(list.html)?.[1];
          assert.ok(id, "a product row");
          assert.match(
            list.html,
            /data-language="de" data-complete="(true|false)"/,
          );
          const editor = await page(`/admin/products/${id}`, {
            token: admin.token,
          });
          assert.equal(editor.response.status, 200);
          assert.match(editor.html, /data-island="AdminProductEditor"/);
          assert.match(editor.html, /"currency":"EUR"/);
        },
      );

      await t.step(
        "the session keeper gets the access token's expiry",
        async () => {
          const { html } = await page("/admin", { token: admin.token });
          const expiresAt = Number(/"expiresAt":(\d+)/.exec(html)?.[1]);
          // Tokens live 15 minutes: the keeper renews before that.
          assert.ok(Math.abs(expiresAt - (Date.now() + 15 * 60_000)) < 60_000);
          assert.match(html, /data-island="SessionKeeper"/);
        },
      );

      await t.step(
        "roles and status are read now, not trusted from the token",
        async () => {
          const demoted = await staffMember(store);
          const disabled = await staffMember(store);
          for (const who of [demoted, disabled]) {
            assert.equal(
              (await page("/admin", { token: who.token })).response.status,
              200,
            );
          }
          await sql`delete from identity.user_roles
            where user_id = ${demoted.id} and role = 'admin'`;
          await sql`update identity.users set status = 'disabled',
            disabled_at = now() where id = ${disabled.id}`;
          // Their access tokens still say admin, for 15 minutes.
          assert.equal(
            (await page("/admin", { token: demoted.token })).response.status,
            403,
          );
          const api = await store.app.request("/api/admin/orders", {
            headers: { authorization: `Bearer ${demoted.token}` },
          });
          assert.equal(api.status, 403);
          const out = await page("/admin/orders", { token: disabled.token });
          assert.equal(out.response.status, 303);
          assert.match(
            out.response.headers.get("location") ?? "",
            /\/account\/signin\?next=/,
          );
          assert.match(
            out.response.headers.get("set-cookie") ?? "",
            /access_token=;/,
          );
          const refused = await store.app.request("/api/admin/orders", {
            headers: { authorization: `Bearer ${disabled.token}` },
          });
          assert.equal(refused.status, 401);
          assert.equal((await refused.json()).error.code, "unauthorized");
        },
      );
    } finally {
      await store.close();
    }
  },
});
