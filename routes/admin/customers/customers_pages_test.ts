import assert from "node:assert/strict";
import { insertUser } from "../../../commerce/identity/_test_util.ts";
import { transitionOrder } from "../../../commerce/orders/mod.ts";
import {
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import { formatMoney } from "../../../commerce/pricing/mod.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import de from "../../../locales/de.json" with { type: "json" };
import en from "../../../locales/en.json" with { type: "json" };

/** The ids of the list's rows, in order. */
function rowIds(html: string): string[] {
  return [
    ...html.matchAll(/data-testid="customer-row" data-user-id="([^"]+)"/g),
  ]
    .map((match) => match[1]);
}

/** The target of the link marked `testId`, unescaped; null without one. */
function linkOf(html: string, testId: string): string | null {
  const tag = new RegExp(`<a [^>]*data-testid="${testId}"[^>]*>`).exec(html)
    ?.[0];
  const href = tag && /href="([^"]*)"/.exec(tag)?.[1];
  return href ? href.replaceAll("&amp;", "&") : null;
}

Deno.test({
  name:
    "customer pages: staff only, search, filters, pages, orders, roles editor for super admins",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const page = async (
      path: string,
      init: { token: string; cookie?: string },
    ) => {
      const headers: Record<string, string> = {
        accept: "text/html",
        authorization: `Bearer ${init.token}`,
      };
      if (init.cookie) headers.cookie = init.cookie;
      const response = await store.app.request(path, { headers });
      return { response, html: await response.text() };
    };
    try {
      const admin = await staffMember(store);
      const root = await staffMember(store, ["customer", "super_admin"]);
      const customer = await staffMember(store, ["customer"]);
      const tag = crypto.randomUUID().slice(0, 8);
      const email = `ada.${tag}@example.com`;
      const [{ id: adaId }] = await sql<{ id: string }[]>`
        insert into identity.users (email, name, preferred_language,
          preferred_currency)
        values (${email}, ${`Ada Lovelace ${tag}`}, 'fr', 'EUR')
        returning id`;
      await sql`
        insert into identity.user_roles (user_id, role)
        values (${adaId}, 'customer')`;
      const order = await placeOrder(sql, {
        owner: { userId: adaId },
        currency: "EUR",
      });
      await sql.begin((tx) =>
        transitionOrder(tx, { orderId: order.id, to: "paid", actor: "test" })
      );
      const detailPath = `/admin/customers/${adaId}`;

      await t.step("a customer gets 403 on the list and a detail", async () => {
        for (const path of ["/admin/customers", detailPath]) {
          const { response, html } = await page(path, {
            token: customer.token,
          });
          assert.equal(response.status, 403, path);
          assert.ok(html.includes(en.admin.forbidden.title), path);
          assert.ok(!html.includes(email), path);
        }
      });

      await t.step("an admin searches by name and by email", async () => {
        const byName = await page(
          `/admin/customers?q=${encodeURIComponent(`LOVELACE ${tag}`)}`,
          { token: admin.token },
        );
        assert.equal(byName.response.status, 200);
        assert.deepEqual(rowIds(byName.html), [adaId]);
        assert.ok(byName.html.includes(email));
        assert.ok(byName.html.includes(`Ada Lovelace ${tag}`));
        assert.ok(byName.html.includes(`href="${detailPath}"`));
        // Role, status, and the language and currency the account chose.
        assert.match(
          byName.html,
          new RegExp(
            `data-role="customer"[^>]*>${en.admin.customers.roleNames.customer}<`,
          ),
        );
        assert.match(
          byName.html,
          new RegExp(
            `data-status="active"[^>]*>${en.admin.customers.statuses.active}<`,
          ),
        );
        assert.ok(byName.html.includes(">French<"));
        assert.ok(byName.html.includes(">EUR<"));
        // Her one order.
        assert.match(byName.html, /data-testid="customer-orders"[^>]*>1</);

        const byEmail = await page(`/admin/customers?q=ada.${tag}%40EXAMPLE`, {
          token: admin.token,
        });
        assert.deepEqual(rowIds(byEmail.html), [adaId]);

        const none = await page(`/admin/customers?q=nobody-${tag}`, {
          token: admin.token,
        });
        assert.equal(none.response.status, 200);
        assert.deepEqual(rowIds(none.html), []);
        assert.ok(none.html.includes(en.admin.customers.noMatch));
      });

      await t.step("the list filters by role and by status", async () => {
        const supers = await page("/admin/customers?role=super_admin", {
          token: admin.token,
        });
        assert.ok(rowIds(supers.html).includes(root.id));
        assert.ok(!rowIds(supers.html).includes(adaId));
        assert.ok(!rowIds(supers.html).includes(admin.id));
        const disabled = await page(`/admin/customers?status=disabled`, {
          token: admin.token,
        });
        assert.ok(!rowIds(disabled.html).includes(adaId));
        // Unreadable filters are dropped, not refused.
        const junk = await page("/admin/customers?role=owner&cursor=%%%", {
          token: admin.token,
        });
        assert.equal(junk.response.status, 200);
        assert.ok(rowIds(junk.html).includes(adaId));
      });

      await t.step("the detail shows the account and its orders", async () => {
        const { response, html } = await page(detailPath, {
          token: admin.token,
        });
        assert.equal(response.status, 200);
        assert.match(html, /data-testid="customer-name"[^>]*>Ada Lovelace/);
        assert.match(html, /data-testid="customer-language"[^>]*>French</);
        assert.match(html, /data-testid="customer-currency"[^>]*>EUR</);
        const row = new RegExp(
          `<tr data-testid="customer-order" data-order-id="${order.id}">[\\s\\S]*?</tr>`,
        ).exec(html)?.[0];
        assert.ok(row, "the order's row");
        assert.ok(row.includes(`href="/admin/orders/${order.id}"`));
        assert.ok(row.includes(`>${order.number}<`));
        assert.match(
          row,
          new RegExp(`data-status="paid"[^>]*>${en.orders.status.paid}<`),
        );
        assert.ok(
          row.includes(`>${formatMoney(order.totals.total, "en")}<`),
          row,
        );
        const missing = await page(`/admin/customers/${crypto.randomUUID()}`, {
          token: admin.token,
        });
        assert.equal(missing.response.status, 404);
      });

      await t.step("the pages are in the admin's language", async () => {
        const list = await page(`/admin/customers?q=${tag}`, {
          token: admin.token,
          cookie: "lang=de",
        });
        assert.match(list.html, /<html lang="de"/);
        assert.ok(list.html.includes(de.admin.customers.title));
        assert.ok(list.html.includes(de.admin.customers.preferences));
        assert.ok(
          list.html.includes(`>${de.admin.customers.roleNames.customer}<`),
        );
        assert.ok(
          list.html.includes(`>${de.admin.customers.statuses.active}<`),
        );
        assert.ok(list.html.includes(">Französisch<"));
        const detail = await page(detailPath, {
          token: admin.token,
          cookie: "lang=de",
        });
        assert.ok(detail.html.includes(de.admin.customers.profile));
        assert.ok(detail.html.includes(de.admin.customers.actions.disable));
        assert.ok(detail.html.includes(`>${de.orders.status.paid}<`));
        assert.ok(
          detail.html.includes(`>${formatMoney(order.totals.total, "de")}<`),
        );
        assert.ok(!detail.html.includes(en.admin.customers.actions.disable));
      });

      await t.step(
        "a super admin gets the roles editor, a plain admin does not",
        async () => {
          const asRoot = await page(detailPath, { token: root.token });
          assert.match(asRoot.html, /data-island="AdminCustomerActions"/);
          assert.match(asRoot.html, /data-testid="customer-roles-editor"/);
          assert.match(asRoot.html, /id="customer-role-super_admin"/);
          assert.ok(
            asRoot.html.includes(en.admin.customers.actions.saveRoles),
          );

          const asAdmin = await page(detailPath, { token: admin.token });
          assert.match(asAdmin.html, /data-island="AdminCustomerActions"/);
          assert.doesNotMatch(asAdmin.html, /customer-roles-editor/);
          assert.doesNotMatch(asAdmin.html, /id="customer-role-/);
          // Read-only roles, and the actions an admin may take.
          assert.match(asAdmin.html, /data-testid="customer-roles"/);
          assert.match(asAdmin.html, /data-testid="customer-disable"/);
          assert.match(asAdmin.html, /data-testid="customer-send-reset"/);

          // An admin cannot disable a super admin nor themselves.
          const rootPage = await page(`/admin/customers/${root.id}`, {
            token: admin.token,
          });
          assert.ok(
            rootPage.html.includes(en.admin.customers.actions.protectedNote),
          );
          assert.doesNotMatch(rootPage.html, /data-testid="customer-disable"/);
          const own = await page(`/admin/customers/${admin.id}`, {
            token: admin.token,
          });
          assert.ok(own.html.includes(en.admin.customers.actions.selfNote));
        },
      );

      await t.step(
        "disabling through the island's API call shows after a reload",
        async () => {
          const disabled = await store.app.request(
            `/api/admin/users/${adaId}/disable`,
            {
              method: "POST",
              headers: {
                authorization: `Bearer ${admin.token}`,
                "content-type": "application/json",
              },
              body: JSON.stringify({ reason: "Chargeback" }),
            },
          );
          assert.equal(disabled.status, 200, await disabled.text());
          const { html } = await page(detailPath, { token: admin.token });
          assert.match(
            html,
            new RegExp(
              `data-testid="customer-status" data-status="disabled"[^>]*>${en.admin.customers.statuses.disabled}<`,
            ),
          );
          assert.match(html, /data-testid="customer-enable"/);
          assert.ok(
            html.includes(en.admin.customers.actions.resetNeedsActive),
          );
          const list = await page(`/admin/customers?status=disabled&q=${tag}`, {
            token: admin.token,
          });
          assert.deepEqual(rowIds(list.html), [adaId]);
        },
      );

      await t.step(
        "more than 25 matches page on the server, with a next link",
        async () => {
          const prefix = `pager-${crypto.randomUUID().slice(0, 8)}`;
          const made = new Set<string>();
          for (let i = 0; i < 27; i++) {
            made.add(
              await insertUser(sql, {
                email: `${prefix}-${String(i).padStart(2, "0")}@example.com`,
              }),
            );
          }
          const first = await page(`/admin/customers?q=${prefix}`, {
            token: admin.token,
          });
          const firstIds = rowIds(first.html);
          assert.equal(firstIds.length, 25);
          assert.doesNotMatch(first.html, new RegExp(en.admin.customers.first));
          const next = linkOf(first.html, "customers-next");
          assert.ok(next, "a next-page link");
          const url = new URL(next, "http://localhost");
          assert.equal(url.pathname, "/admin/customers");
          assert.equal(url.searchParams.get("q"), prefix);

          const second = await page(next, { token: admin.token });
          assert.equal(second.response.status, 200);
          const secondIds = rowIds(second.html);
          assert.equal(secondIds.length, 2);
          assert.equal(linkOf(second.html, "customers-next"), null);
          assert.ok(second.html.includes(en.admin.customers.first));
          assert.deepEqual(
            new Set([...firstIds, ...secondIds]),
            made,
            "every account once, over both pages",
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
