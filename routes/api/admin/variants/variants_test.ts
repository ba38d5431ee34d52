import assert from "node:assert/strict";
import {
  guestShopper,
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { stockLevels } from "../../../../commerce/catalog/mod.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import {
  auditOf,
  call,
  client,
  storefrontProduct,
} from "../products/_test_util.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

Deno.test({
  name: "the variant admin API adds and edits variants and adjusts stock",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    try {
      const admin = await staffMember(store);
      const api = client(store, admin.token);
      const audit = (entityId: string) =>
        auditOf(store, { token: admin.token, entityType: "variant", entityId });
      const product = async (key: string) => {
        const { json } = await api.get(`/api/admin/products?q=${key}`);
        const row = json.items.find((p: { key: string }) => p.key === key);
        return (await api.get(`/api/admin/products/${row.id}`)).json;
      };
      const knife = await product("knife");
      const mug = await product("mug");
      const backpack = await product("backpack");
      const bag = backpack.variants[0];
      const small = knife.variants[0];
      let medium: { id: string };

      await t.step("anonymous callers get 401 and customers 403", async () => {
        const customer = await staffMember(store, ["customer"]);
        const routes: [string, string, unknown?][] = [
          ["PATCH", `/api/admin/variants/${small.id}`, { weightGrams: 1 }],
          ["POST", `/api/admin/variants/${small.id}/stock`, {
            delta: 1,
            reason: "x",
          }],
          ["GET", `/api/admin/variants/${small.id}/stock-movements`],
        ];
        for (const [method, path, body] of routes) {
          assert.equal(
            (await call(store, { method, path, body })).status,
            401,
            `${method} ${path}`,
          );
          const forbidden = await call(store, {
            method,
            path,
            body,
            token: customer.token,
          });
          assert.equal(forbidden.status, 403, `${method} ${path}`);
          assert.equal(forbidden.json.error.code, "forbidden");
        }
      });

      await t.step(
        "a new variant is sold at its price on the next storefront request",
        async () => {
          const before = await storefrontProduct(store, {
            slug: "atlas-chefs-knife",
          });
          assert.equal(before.variants.length, 2);
          const created = await api.post(
            `/api/admin/products/${knife.id}/variants`,
            {
              sku: "KNF-M",
              options: { size: "m" },
              weightGrams: 200,
              priceOverride: "54.9",
              stock: 4,
            },
          );
          assert.equal(created.status, 201, JSON.stringify(created.json));
          medium = created.json;
          assert.equal(created.json.priceOverride, "54.90");
          assert.equal(created.json.position, 2);
          assert.deepEqual(created.json.stock, {
            quantity: 4,
            reserved: 0,
            available: 4,
            lowStockThreshold: 5,
            low: true,
          });
          const after = await storefrontProduct(store, {
            slug: "atlas-chefs-knife",
          });
          const sold = after.variants.find((v: { sku: string }) =>
            v.sku === "KNF-M"
          );
          assert.equal(sold.price.amount, "54.90");
          assert.equal(sold.availability.status, "low_stock");

          const [entry] = await audit(medium.id);
          assert.equal(entry.action, "variant.create");
          assert.equal(entry.after.sku, "KNF-M");
          assert.equal(entry.after.quantity, 4);
          const movements = await api.get(
            `/api/admin/variants/${medium.id}/stock-movements`,
          );
          assert.equal(movements.status, 200);
          assert.equal(movements.json.total, 1);
          assert.equal(movements.json.items[0].reason, "Initial stock");
          assert.equal(movements.json.items[0].delta, 4);
          assert.equal(movements.json.items[0].actorId, admin.id);

          const cases: [string, unknown, number, string][] = [
            [knife.id, { sku: "KNF-S" }, 409, "sku_taken"],
            [knife.id, { sku: "" }, 400, "validation_failed"],
            [knife.id, { sku: "X-1", stock: -1 }, 400, "validation_failed"],
            [
              knife.id,
              { sku: "X-1", priceOverride: "1.999" },
              400,
              "invalid_amount",
            ],
            [
              knife.id,
              { sku: "X-1", options: { Size: "m" } },
              400,
              "validation_failed",
            ],
            [UNKNOWN, { sku: "X-1" }, 404, "not_found"],
          ];
          for (const [productId, body, status, code] of cases) {
            const answer = await api.post(
              `/api/admin/products/${productId}/variants`,
              body,
            );
            assert.equal(answer.status, status, JSON.stringify(body));
            assert.equal(answer.json.error.code, code, JSON.stringify(body));
          }
        },
      );

      await t.step(
        "a variant edit is audited with what changed and reprices",
        async () => {
          const patched = await api.patch(`/api/admin/variants/${medium.id}`, {
            priceOverride: "52",
            lowStockThreshold: 1,
            options: { size: "medium" },
          });
          assert.equal(patched.status, 200, JSON.stringify(patched.json));
          assert.equal(patched.json.priceOverride, "52.00");
          assert.equal(patched.json.stock.low, false);
          const after = await storefrontProduct(store, {
            slug: "atlas-chefs-knife",
          });
          const sold = after.variants.find((v: { sku: string }) =>
            v.sku === "KNF-M"
          );
          assert.equal(sold.price.amount, "52.00");
          assert.deepEqual(sold.options, { size: "medium" });
          assert.equal(sold.availability.status, "in_stock");
          const [entry] = await audit(medium.id);
          assert.equal(entry.action, "variant.update");
          assert.deepEqual(entry.before, {
            options: { size: "m" },
            priceOverride: "54.90",
            lowStockThreshold: 5,
          });
          assert.deepEqual(entry.after, {
            options: { size: "medium" },
            priceOverride: "52.00",
            lowStockThreshold: 1,
          });

          // Removing the override prices the variant at the base price.
          const cleared = await api.patch(`/api/admin/variants/${medium.id}`, {
            priceOverride: null,
          });
          assert.equal(cleared.json.priceOverride, null);
          assert.equal(
            (await storefrontProduct(store, { slug: "atlas-chefs-knife" }))
              .variants.find((v: { sku: string }) => v.sku === "KNF-M").price
              .amount,
            "49.90",
          );

          const cases: [string, unknown, number, string][] = [
            [medium.id, {}, 400, "validation_failed"],
            [medium.id, { sku: "KNF-S" }, 409, "sku_taken"],
            [medium.id, { quantity: 3 }, 400, "validation_failed"],
            [medium.id, { weightGrams: -1 }, 400, "validation_failed"],
            [UNKNOWN, { weightGrams: 1 }, 404, "not_found"],
            ["nope", { weightGrams: 1 }, 404, "not_found"],
          ];
          for (const [variantId, body, status, code] of cases) {
            const answer = await api.patch(
              `/api/admin/variants/${variantId}`,
              body,
            );
            assert.equal(answer.status, status, JSON.stringify(body));
            assert.equal(answer.json.error.code, code, JSON.stringify(body));
          }
        },
      );

      await t.step(
        "stock adjustments are movements with a reason, shown on the storefront",
        async () => {
          const soldOut = await storefrontProduct(store, {
            slug: "nordic-mug",
          });
          assert.equal(soldOut.availability.status, "out_of_stock");
          const black = mug.variants[0];
          const added = await api.post(
            `/api/admin/variants/${black.id}/stock`,
            {
              delta: 10,
              reason: "Delivery from Nordic",
            },
          );
          assert.equal(added.status, 201, JSON.stringify(added.json));
          assert.equal(added.json.variant.stock.quantity, 10);
          assert.equal(added.json.movement.delta, 10);
          assert.equal(added.json.movement.quantityAfter, 10);
          assert.equal(added.json.movement.reason, "Delivery from Nordic");
          const back = await storefrontProduct(store, { slug: "nordic-mug" });
          assert.equal(back.availability.status, "in_stock");

          const removed = await api.post(
            `/api/admin/variants/${black.id}/stock`,
            { delta: -3, reason: "Broken in transit" },
          );
          assert.equal(removed.json.variant.stock.quantity, 7);
          const [entry] = await audit(black.id);
          assert.equal(entry.action, "stock.adjust");
          assert.deepEqual(entry.before, { quantity: 10, reserved: 0 });
          assert.equal(entry.after.quantity, 7);
          assert.equal(entry.after.reason, "Broken in transit");
          assert.equal(entry.after.movementId, removed.json.movement.id);
          assert.equal(entry.requestId, removed.json.movement.requestId);

          // A retried adjustment with its Idempotency-Key moves stock once.
          const retry = () =>
            call(store, {
              method: "POST",
              path: `/api/admin/variants/${black.id}/stock`,
              token: admin.token,
              body: { delta: 2, reason: "Found in the back" },
              headers: { "idempotency-key": "count-2" },
            });
          const once = await retry();
          const twice = await retry();
          assert.equal(twice.status, 201);
          assert.equal(twice.headers.get("idempotency-replayed"), "true");
          assert.equal(twice.json.movement.id, once.json.movement.id);
          assert.equal(
            (await stockLevels(sql, [black.id])).get(black.id)!.quantity,
            9,
          );
          await api.post(`/api/admin/variants/${black.id}/stock`, {
            delta: -2,
            reason: "Miscounted",
          });

          const page = async (query: string) =>
            (await api.get(
              `/api/admin/variants/${black.id}/stock-movements${query}`,
            )).json;
          const first = await page("?limit=1");
          assert.equal(first.total, 4);
          assert.deepEqual(
            first.items.map((m: { delta: number }) => m.delta),
            [-2],
          );
          const second = await page("?limit=2&page=2");
          assert.deepEqual(
            second.items.map((m: { delta: number }) => m.delta),
            [-3, 10],
          );

          const cases: [string, unknown, number, string][] = [
            [black.id, { delta: 0, reason: "x" }, 400, "validation_failed"],
            [black.id, { delta: 1 }, 400, "validation_failed"],
            [black.id, { delta: 1, reason: "  " }, 400, "validation_failed"],
            [black.id, { delta: 1.5, reason: "x" }, 400, "validation_failed"],
            [black.id, { delta: -8, reason: "x" }, 409, "stock_below_reserved"],
            [UNKNOWN, { delta: 1, reason: "x" }, 404, "not_found"],
          ];
          for (const [variantId, body, status, code] of cases) {
            const answer = await api.post(
              `/api/admin/variants/${variantId}/stock`,
              body,
            );
            assert.equal(answer.status, status, JSON.stringify(body));
            assert.equal(answer.json.error.code, code, JSON.stringify(body));
          }
          assert.equal((await page("")).total, 4, "refusals leave no movement");
          assert.equal(
            (await page("?limit=0")).error.code,
            "validation_failed",
          );
          assert.equal(
            (await api.get(`/api/admin/variants/${UNKNOWN}/stock-movements`))
              .status,
            404,
          );
        },
      );

      await t.step(
        "stock never drops below what orders reserved, even under concurrency",
        async () => {
          const shopper = guestShopper(store.app);
          await placeOrder(sql, { owner: shopper.owner, quantity: 3 });
          const reserved = await api.post(
            `/api/admin/variants/${bag.id}/stock`,
            {
              delta: -48,
              reason: "Stock-take",
            },
          );
          assert.equal(reserved.status, 409);
          assert.equal(reserved.json.error.code, "stock_below_reserved");
          assert.match(
            reserved.json.error.message,
            /3 of the 50 on hand are reserved by orders, so at most 47 can be removed/,
          );
          assert.deepEqual(
            {
              quantity: reserved.json.error.details.quantity,
              reserved: reserved.json.error.details.reserved,
              removable: reserved.json.error.details.removable,
            },
            { quantity: 50, reserved: 3, removable: 47 },
          );

          // 12 removals of 4 race 3 checkouts of 1: whatever the order,
          // nothing is oversold and every success is one movement.
          const removals = Array.from(
            { length: 12 },
            () =>
              api.post(`/api/admin/variants/${bag.id}/stock`, {
                delta: -4,
                reason: "Shrinkage",
              }),
          );
          const checkouts = Array.from(
            { length: 3 },
            () =>
              placeOrder(sql, { owner: shopper.owner }).then(
                () => true,
                () => false,
              ),
          );
          const [answers, placed] = await Promise.all([
            Promise.all(removals),
            Promise.all(checkouts),
          ]);
          const ok = answers.filter((a) => a.status === 201).length;
          assert.ok(
            answers.every((a) =>
              a.status === 201 ||
              a.json.error.code === "stock_below_reserved"
            ),
          );
          const level = (await stockLevels(sql, [bag.id])).get(bag.id)!;
          const orders = placed.filter(Boolean).length;
          assert.equal(level.reserved, 3 + orders);
          assert.equal(level.quantity, 50 - 4 * ok);
          assert.ok(level.quantity >= level.reserved);
          const movements = (await api.get(
            `/api/admin/variants/${bag.id}/stock-movements?limit=200`,
          )).json;
          assert.equal(movements.total, ok);
        },
      );
    } finally {
      await store.close();
    }
  },
});
