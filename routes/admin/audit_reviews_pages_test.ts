import assert from "node:assert/strict";
import { recordAudit } from "../../commerce/admin/mod.ts";
import { submitReview } from "../../commerce/catalog/mod.ts";
import { transitionOrder } from "../../commerce/orders/mod.ts";
import {
  guestShopper,
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../commerce/payments/_test_util.ts";
import { LANGUAGES } from "../../commerce/localization/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import de from "../../locales/de.json" with { type: "json" };
import en from "../../locales/en.json" with { type: "json" };
import { call } from "../api/admin/_test_util.ts";

/** The `<tbody>` of each audit entry in `html`, newest first. */
function auditRows(html: string): string[] {
  return [
    ...html.matchAll(/<tbody [^>]*data-testid="audit-row"[\s\S]*?<\/tbody>/g),
  ]
    .map((match) => match[0]);
}

/** The `<li>` of each review in `html`. */
function reviewRows(html: string): string[] {
  return [...html.matchAll(/<li [^>]*data-testid="review-row"[\s\S]*?<\/li>/g)]
    .map((match) => match[0]);
}

/** `YYYY-MM-DD` of today plus `days`, in UTC. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

Deno.test({
  name:
    "audit log and review pages: staff only, a write shows with who and what changed, filters, German",
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
      const otherAdmin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const adminEmail = `olivia.${admin.id.slice(0, 8)}@example.com`;
      await sql`update identity.users set name = 'Olivia Ops',
        email = ${adminEmail} where id = ${admin.id}`;
      const backpack = (await call(store, {
        path: "/api/products/kyoto-backpack?lang=en&currency=USD",
      })).json;
      const reviewId = await submitReview(sql, {
        productId: backpack.id,
        rating: 1,
        title: "Zerrissen",
        body: "Nach einer Woche kaputt",
        language: "de",
        authorName: "Mia Sommer",
      });
      const order = await placeOrder(sql, {
        owner: guestShopper(store.app).owner,
      });
      await sql.begin((tx) =>
        transitionOrder(tx, { orderId: order.id, to: "paid", actor: "test" })
      );

      await t.step("a customer gets 403 on both pages", async () => {
        for (const path of ["/admin/audit", "/admin/reviews"]) {
          const { response, html } = await page(path, {
            token: customer.token,
          });
          assert.equal(response.status, 403, path);
          assert.ok(html.includes(en.admin.forbidden.title), path);
          assert.ok(!html.includes("Zerrissen"));
        }
      });

      await t.step(
        "the queue lists the pending review with its product, stars, author and language",
        async () => {
          const { response, html } = await page("/admin/reviews", {
            token: admin.token,
          });
          assert.equal(response.status, 200);
          assert.equal(
            response.headers.get("cache-control"),
            "private, no-store",
          );
          const rows = reviewRows(html);
          assert.equal(rows.length, 1, html);
          const [row] = rows;
          assert.match(row, new RegExp(`data-review-id="${reviewId}"`));
          assert.match(
            row,
            new RegExp(
              `href="/admin/products/${backpack.id}"[^>]*>Kyoto Backpack<`,
            ),
          );
          assert.ok(row.includes("Zerrissen"));
          assert.ok(row.includes("Nach einer Woche kaputt"));
          assert.ok(row.includes("Mia Sommer"));
          assert.match(row, /data-language="de"[^>]*>German</);
          assert.match(row, /aria-label="Rated 1 out of 5"/);
          assert.match(row, /data-island="AdminReviewModeration"/);
          assert.match(row, /data-testid="review-status"[^>]*>Pending</);
          assert.ok(row.includes(en.admin.reviews.approve));
          // Nothing waits on the other tabs yet.
          const approved = await page("/admin/reviews?status=approved", {
            token: admin.token,
          });
          assert.ok(!approved.html.includes(reviewId));
        },
      );

      await t.step(
        "approved through the API, it leaves the pending queue",
        async () => {
          const approve = await call(store, {
            method: "POST",
            path: `/api/admin/reviews/${reviewId}/approve`,
            token: admin.token,
            body: {},
            headers: { "x-request-id": "req-approve-0001" },
          });
          assert.equal(approve.status, 200, JSON.stringify(approve.json));
          const pending = await page("/admin/reviews", { token: admin.token });
          assert.equal(reviewRows(pending.html).length, 0);
          assert.match(
            pending.html,
            new RegExp(
              `data-testid="reviews-empty"[^>]*>${en.admin.reviews.empty.pending}<`,
            ),
          );
          const approved = await page("/admin/reviews?status=approved", {
            token: admin.token,
          });
          const row = reviewRows(approved.html).find((r) =>
            r.includes(reviewId)
          );
          assert.ok(row, "the review on the approved tab");
          assert.match(row, /data-testid="review-status"[^>]*>Approved</);
        },
      );

      const pack = await call(store, {
        method: "POST",
        path: `/api/admin/orders/${order.id}/transitions`,
        token: admin.token,
        body: { to: "packed" },
      });
      assert.equal(pack.status, 200, JSON.stringify(pack.json));

      await t.step(
        "the audit log shows each write with who, the entity and before → after",
        async () => {
          const { response, html } = await page("/admin/audit", {
            token: admin.token,
          });
          assert.equal(response.status, 200);
          const rows = auditRows(html);
          assert.equal(rows.length, 2, html);
          const [packed, approved] = rows;
          assert.match(packed, /data-action="order.pack"/);
          assert.ok(packed.includes(en.admin.audit.actions.order.pack));
          assert.match(
            packed,
            new RegExp(`href="/admin/orders/${order.id}"`),
          );
          assert.match(
            packed,
            /data-field="status"[\s\S]*?<bdi>paid<\/bdi>[\s\S]*?<bdi>packed<\/bdi>/,
          );
          assert.match(approved, /data-action="review.approve"/);
          assert.ok(approved.includes(en.admin.audit.actions.review.approve));
          assert.match(approved, /data-testid="audit-actor"[\s\S]*Olivia Ops/);
          assert.ok(approved.includes(adminEmail));
          assert.match(
            approved,
            /data-field="status"[\s\S]*?<bdi>pending<\/bdi>[\s\S]*?<bdi>approved<\/bdi>/,
          );
          assert.ok(approved.includes("req-approve-0001"));
          // A review has no page of its own: no link, its id as text.
          assert.doesNotMatch(approved, /data-testid="audit-entity-link"/);
          assert.ok(approved.includes(reviewId));
          assert.match(approved, /<summary[^>]*>[\s\S]*?>2 changes</);
        },
      );

      await t.step("filters narrow the list", async () => {
        const actions = async (query: string) =>
          auditRows(
            (await page(`/admin/audit?${query}`, { token: admin.token })).html,
          ).map((row) => /data-action="([^"]+)"/.exec(row)![1]);
        assert.deepEqual(await actions("entity=order"), ["order.pack"]);
        assert.deepEqual(await actions("action=review.approve"), [
          "review.approve",
        ]);
        assert.deepEqual(await actions("action=review"), ["review.approve"]);
        assert.deepEqual(
          await actions(`entity=order&id=${order.id}`),
          ["order.pack"],
        );
        assert.deepEqual(await actions(`actor=${admin.id}`), [
          "order.pack",
          "review.approve",
        ]);
        assert.deepEqual(await actions(`from=${day(-1)}&to=${day(0)}`), [
          "order.pack",
          "review.approve",
        ]);
        assert.deepEqual(await actions(`from=${day(1)}`), []);
        const nobody = await page(`/admin/audit?actor=${otherAdmin.id}`, {
          token: admin.token,
        });
        assert.match(
          nobody.html,
          new RegExp(
            `data-testid="audit-empty"[^>]*>${en.admin.audit.noMatch}<`,
          ),
        );
        // The filter form keeps what was chosen.
        assert.match(
          nobody.html,
          new RegExp(`<option value="${otherAdmin.id}" selected`),
        );
        // A range ending before it starts is pointed out, not applied.
        const backwards = await page(
          `/admin/audit?from=${day(0)}&to=${day(-3)}`,
          { token: admin.token },
        );
        assert.ok(backwards.html.includes(en.admin.audit.invalid.range));
        assert.match(backwards.html, /name="to"[^>]*aria-invalid="true"/);
        assert.equal(auditRows(backwards.html).length, 2);
        const junk = await page(
          "/admin/audit?actor=nope&cursor=%%%&action=DROP&from=2026-02-31",
          { token: admin.token },
        );
        assert.equal(junk.response.status, 200);
        assert.ok(junk.html.includes(en.admin.audit.invalid.date));
        assert.equal(auditRows(junk.html).length, 2);
      });

      await t.step("both pages in German", async () => {
        const audit = await page("/admin/audit", {
          token: admin.token,
          cookie: "lang=de",
        });
        assert.match(audit.html, /<html lang="de"/);
        assert.ok(audit.html.includes(de.admin.audit.title));
        assert.ok(audit.html.includes(de.admin.audit.actions.review.approve));
        assert.ok(audit.html.includes(de.admin.audit.actions.order.pack));
        assert.match(audit.html, /<summary[^>]*>[\s\S]*?>2 Änderungen</);
        assert.ok(!audit.html.includes(en.admin.audit.history));
        const reviews = await page("/admin/reviews?status=approved", {
          token: admin.token,
          cookie: "lang=de",
        });
        assert.ok(reviews.html.includes(de.admin.reviews.title));
        const row = reviewRows(reviews.html).find((r) => r.includes(reviewId));
        assert.ok(row);
        assert.ok(row.includes("Kyoto Rucksack"));
        assert.match(row, /data-language="de"[^>]*>Deutsch</);
        assert.match(row, /data-testid="review-status"[^>]*>Freigegeben</);
        assert.ok(row.includes(de.admin.reviews.reject));
      });

      await t.step(
        "every language has every text of both pages",
        async () => {
          for (const language of LANGUAGES) {
            for (const path of ["/admin/audit", "/admin/reviews"]) {
              const { html } = await page(path, {
                token: admin.token,
                cookie: `lang=${language}`,
              });
              assert.match(html, new RegExp(`<html lang="${language}"`));
              // i18next answers a missing key with the key itself.
              assert.doesNotMatch(
                html,
                /admin\.(audit|reviews|invalid|errors)\.[a-z]/,
                `${path} in ${language}`,
              );
            }
          }
        },
      );

      await t.step("the log pages by 25, newest first", async () => {
        for (let i = 0; i < 30; i++) {
          await sql.begin((tx) =>
            recordAudit(tx, { id: otherAdmin.id, roles: ["admin"] }, {
              action: "category.update",
              entityType: "category",
              entityId: `cat-${i}`,
              before: { position: i },
              after: { position: i + 1 },
            })
          );
        }
        const first = await page("/admin/audit", { token: admin.token });
        const rows = auditRows(first.html);
        assert.equal(rows.length, 25);
        assert.ok(rows[0].includes("cat-29"));
        const next =
          /data-testid="audit-next"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*data-testid="audit-next"/
            .exec(first.html);
        assert.ok(next, "a link to older entries");
        const href = (next[1] ?? next[2]).replaceAll("&amp;", "&");
        const second = await page(href, { token: admin.token });
        const older = auditRows(second.html);
        assert.equal(older.length, 7);
        assert.ok(older[0].includes("cat-4"));
        assert.match(older.at(-1)!, /data-action="review.approve"/);
        assert.doesNotMatch(second.html, /data-testid="audit-next"/);
      });
    } finally {
      await store.close();
    }
  },
});
