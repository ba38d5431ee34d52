import assert from "node:assert/strict";
import { getProduct, submitReview } from "../../../../commerce/catalog/mod.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import { call } from "../_test_util.ts";
import type { Store } from "../../../../edge/server.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** `method path` as `options.token`, JSON in and out. */
function client(store: Store) {
  return (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string } = {},
  ) => call(store, { method, path, ...options });
}

Deno.test({
  name: "admin reviews: the moderation queue, approve and reject",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const call = client(store);
    try {
      const admin = await staffMember(store);
      const token = admin.token;
      const product = async (slug: string) =>
        (await call("GET", `/api/products/${slug}?lang=en&currency=USD`)).json;
      const reviews = async (slug: string) =>
        (await call("GET", `/api/products/${slug}/reviews?limit=50`)).json
          .items;
      const audit = async (entityId: string) =>
        (await call(
          "GET",
          `/api/admin/audit?entityType=review&entityId=${entityId}`,
          { token },
        )).json.items;

      const backpack = await product("kyoto-backpack");
      const knife = await product("atlas-chefs-knife");
      assert.equal(backpack.rating.count, 3);
      assert.equal(backpack.rating.average, 4.33);
      assert.equal((await reviews("kyoto-backpack")).length, 3);

      const pendingBackpack = await submitReview(sql, {
        productId: backpack.id,
        rating: 1,
        title: "Zerrissen",
        body: "Nach einer Woche kaputt",
        language: "de",
        authorName: "Mia",
      });
      const pendingKnife = await submitReview(sql, {
        productId: knife.id,
        rating: 2,
        title: "Dull",
        body: "Buy now at spam.example",
        language: "en",
        authorName: "Bot",
      });

      await t.step(
        "a pending review is neither shown nor counted",
        async () => {
          const fresh = await getProduct(sql, {
            idOrSlug: backpack.id,
            language: "en",
            currency: "USD",
          });
          assert.equal(fresh!.rating.count, 3);
          assert.equal(fresh!.rating.distribution["1"], 0);
          assert.equal((await reviews("kyoto-backpack")).length, 3);
        },
      );

      await t.step(
        "the queue lists pending reviews oldest first, with the product",
        async () => {
          const { status, json } = await call("GET", "/api/admin/reviews", {
            token,
          });
          assert.equal(status, 200);
          assert.deepEqual(json.items.map((r: Json) => r.id), [
            pendingBackpack,
            pendingKnife,
          ]);
          const [first] = json.items;
          assert.equal(first.status, "pending");
          assert.equal(first.rating, 1);
          assert.equal(first.body, "Nach einer Woche kaputt");
          assert.equal(first.language, "de");
          assert.deepEqual(first.product, {
            id: backpack.id,
            key: "backpack",
            name: "Kyoto Backpack",
            slug: "kyoto-backpack",
          });
          assert.equal(json.nextCursor, null);

          const german = await call("GET", "/api/admin/reviews?lang=de", {
            token,
          });
          assert.equal(german.json.items[0].product.name, "Kyoto Rucksack");

          const page1 = await call(
            "GET",
            "/api/admin/reviews?status=pending&limit=1",
            {
              token,
            },
          );
          assert.deepEqual(page1.json.items.map((r: Json) => r.id), [
            pendingBackpack,
          ]);
          assert.ok(page1.json.nextCursor);
          const page2 = await call(
            "GET",
            `/api/admin/reviews?limit=1&cursor=${page1.json.nextCursor}`,
            { token },
          );
          assert.deepEqual(page2.json.items.map((r: Json) => r.id), [
            pendingKnife,
          ]);
          assert.equal(page2.json.nextCursor, null);

          const byProduct = await call(
            "GET",
            `/api/admin/reviews?productId=${knife.id}`,
            {
              token,
            },
          );
          assert.deepEqual(byProduct.json.items.map((r: Json) => r.id), [
            pendingKnife,
          ]);
          const byLanguage = await call(
            "GET",
            "/api/admin/reviews?language=de",
            { token },
          );
          assert.deepEqual(byLanguage.json.items.map((r: Json) => r.id), [
            pendingBackpack,
          ]);
          const approved = await call(
            "GET",
            "/api/admin/reviews?status=approved",
            { token },
          );
          // Decided reviews newest first: the seeded ones, Bo's the latest.
          assert.deepEqual(approved.json.items.map((r: Json) => r.authorName), [
            "Bo",
            "Jonas",
            "Ann",
          ]);
        },
      );

      await t.step(
        "approving publishes it and the rating follows, at once",
        async () => {
          const { status, json } = await call(
            "POST",
            `/api/admin/reviews/${pendingBackpack}/approve`,
            { token },
          );
          assert.equal(status, 200, JSON.stringify(json));
          assert.equal(json.status, "approved");
          assert.equal(json.moderatedBy, admin.id);
          assert.ok(json.moderatedAt);

          const shown = await product("kyoto-backpack");
          assert.equal(shown.rating.count, 4);
          assert.equal(shown.rating.average, 3.5);
          assert.equal(shown.rating.distribution["1"], 1);
          assert.ok(
            (await reviews("kyoto-backpack")).some((r: Json) =>
              r.id === pendingBackpack
            ),
          );

          const [entry] = await audit(pendingBackpack);
          assert.equal(entry.action, "review.approve");
          assert.equal(entry.actorId, admin.id);
          assert.deepEqual(entry.before, { status: "pending", note: null });
          assert.deepEqual(entry.after, {
            status: "approved",
            note: null,
            productId: backpack.id,
          });

          // Approving it again changes nothing and records nothing.
          const again = await call(
            "POST",
            `/api/admin/reviews/${pendingBackpack}/approve`,
            {
              token,
            },
          );
          assert.equal(again.status, 200);
          assert.equal((await audit(pendingBackpack)).length, 1);
        },
      );

      await t.step(
        "rejecting keeps it off the storefront, with a note",
        async () => {
          const { status, json } = await call(
            "POST",
            `/api/admin/reviews/${pendingKnife}/reject`,
            { token, body: { note: "Spam link" } },
          );
          assert.equal(status, 200);
          assert.equal(json.status, "rejected");
          assert.equal(json.note, "Spam link");
          assert.equal((await reviews("atlas-chefs-knife")).length, 0);
          assert.equal((await product("atlas-chefs-knife")).rating.count, 0);
          const [entry] = await audit(pendingKnife);
          assert.equal(entry.action, "review.reject");
          assert.equal(entry.after.note, "Spam link");

          const queue = await call("GET", "/api/admin/reviews", { token });
          assert.deepEqual(queue.json.items, []);
          const rejected = await call(
            "GET",
            "/api/admin/reviews?status=rejected",
            { token },
          );
          assert.deepEqual(rejected.json.items.map((r: Json) => r.id), [
            pendingKnife,
          ]);
        },
      );

      await t.step(
        "an approved review can be taken down; the rating drops",
        async () => {
          const { status } = await call(
            "POST",
            `/api/admin/reviews/${pendingBackpack}/reject`,
            { token },
          );
          assert.equal(status, 200);
          const shown = await product("kyoto-backpack");
          assert.equal(shown.rating.count, 3);
          assert.equal(shown.rating.average, 4.33);
          assert.equal((await reviews("kyoto-backpack")).length, 3);
        },
      );

      await t.step("bad input is 400, unknown reviews 404", async () => {
        const queries = [
          "?status=bogus",
          "?limit=0",
          "?limit=101",
          "?cursor=garbage",
          "?productId=nope",
          "?language=xx",
          "?other=1",
        ];
        for (const query of queries) {
          const { status, json } = await call(
            "GET",
            `/api/admin/reviews${query}`,
            {
              token,
            },
          );
          assert.equal(status, 400, query);
          assert.ok(json.error.code, query);
        }
        // A cursor of the approved list does not continue the pending one.
        const approved = await call(
          "GET",
          "/api/admin/reviews?status=approved&limit=1",
          {
            token,
          },
        );
        const crossed = await call(
          "GET",
          `/api/admin/reviews?status=pending&cursor=${approved.json.nextCursor}`,
          { token },
        );
        assert.equal(crossed.status, 400);
        assert.equal(crossed.json.error.code, "invalid_cursor");

        const path = `/api/admin/reviews/${pendingKnife}/reject`;
        for (const body of [{ note: "" }, { note: 5 }, { reason: "x" }]) {
          const { status, json } = await call("POST", path, { token, body });
          assert.equal(status, 400, JSON.stringify(body));
          assert.equal(json.error.code, "validation_failed");
        }
        assert.equal(
          (await call("POST", path, { token, raw: "{" })).json.error.code,
          "invalid_json",
        );
        for (const id of [crypto.randomUUID(), "nope"]) {
          const { status } = await call(
            "POST",
            `/api/admin/reviews/${id}/approve`,
            {
              token,
            },
          );
          assert.equal(status, 404);
        }
      });

      await t.step("customers get 403, anonymous callers 401", async () => {
        const customer = await staffMember(store, ["customer"]);
        const paths: [string, string][] = [
          ["GET", "/api/admin/reviews"],
          ["POST", `/api/admin/reviews/${pendingKnife}/approve`],
          ["POST", `/api/admin/reviews/${pendingKnife}/reject`],
        ];
        for (const [method, path] of paths) {
          const forbidden = await call(method, path, { token: customer.token });
          assert.equal(forbidden.status, 403, path);
          assert.equal(forbidden.json.error.code, "forbidden");
          assert.equal((await call(method, path)).status, 401, path);
        }
        const [entry] = await audit(pendingKnife);
        assert.equal(entry.action, "review.reject", "nothing was written");
      });
    } finally {
      await store.close();
    }
  },
});
