import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import {
  Shopper,
  variantId,
} from "../../../../commerce/checkout/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import {
  assertBadRequest,
  assertStaffOnly,
  auditRows,
  call,
} from "./_test_util.ts";

const BASE = "/api/admin/localization/tax-rates";

Deno.test({
  name: "admins manage tax rates and the next quote charges them",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const shopper = new Shopper(store);
      await shopper.call("POST", "/api/cart/items", {
        variantId: await variantId(store, "KNF-S"),
        quantity: 1,
      });
      const taxTo = async (country: string, region?: string) => {
        const quote = await shopper.call("POST", "/api/checkout/quote", {
          country,
          ...(region ? { region } : {}),
        });
        assert.equal(quote.status, 201, JSON.stringify(quote.body));
        return { rate: quote.body.taxRate, code: quote.body.taxCode };
      };

      await t.step(
        "GET lists rates by country and region, filtered and paged",
        async () => {
          const us = await call(
            store,
            admin.token,
            "GET",
            `${BASE}?country=us`,
          );
          assert.equal(us.status, 200);
          assert.equal(us.json.total, 6);
          assert.deepEqual(us.json.items[0], {
            country: "US",
            region: "CA",
            rate: "0.0725",
            name: "sales_tax",
            inclusive: false,
            appliesToShipping: true,
          });
          const page = await call(
            store,
            admin.token,
            "GET",
            `${BASE}?limit=5&page=2`,
          );
          assert.equal(page.json.items.length, 5);
          assert.ok(page.json.total > 40);
          assertBadRequest(
            await call(store, admin.token, "GET", `${BASE}?country=ZZ`),
            "validation_failed",
          );
          await assertStaffOnly(store, customer.token, "GET", BASE);
        },
      );

      await t.step(
        "PUT creates (201) and replaces (200), audited; quotes follow",
        async () => {
          assert.deepEqual(await taxTo("US", "OR"), { rate: "0", code: "" });
          const created = await call(
            store,
            admin.token,
            "PUT",
            `${BASE}/US/OR`,
            {
              rate: "0.015",
              name: "sales_tax",
              inclusive: false,
            },
          );
          assert.equal(created.status, 201, JSON.stringify(created.json));
          assert.deepEqual(created.json, {
            country: "US",
            region: "OR",
            rate: "0.015",
            name: "sales_tax",
            inclusive: false,
            appliesToShipping: true,
          });
          assert.deepEqual(await taxTo("US", "OR"), {
            rate: "0.015",
            code: "sales_tax",
          });
          const replaced = await call(store, admin.token, "PUT", `${BASE}/DE`, {
            rate: "0.160",
            name: "vat",
            inclusive: true,
            appliesToShipping: false,
          });
          assert.equal(replaced.status, 200);
          assert.equal(replaced.json.rate, "0.16");
          assert.deepEqual(await taxTo("DE"), { rate: "0.16", code: "vat" });
          const [row] = await auditRows(store, "tax_rate.put", "DE");
          assert.equal(row.actor_id, admin.id);
          assert.equal(row.before.rate, "0.19");
          assert.equal(row.after.rate, "0.16");
          assert.equal(row.after.appliesToShipping, false);
          const [first] = await auditRows(store, "tax_rate.put", "US-OR");
          assert.equal(first.before, null);
        },
      );

      await t.step(
        "DELETE removes a rate, audited; 404 without one",
        async () => {
          const answer = await call(
            store,
            admin.token,
            "DELETE",
            `${BASE}/US/OR`,
          );
          assert.equal(answer.status, 204);
          assert.deepEqual(await taxTo("US", "OR"), { rate: "0", code: "" });
          const [row] = await auditRows(store, "tax_rate.delete", "US-OR");
          assert.equal(row.before.rate, "0.015");
          assert.equal(
            (await call(store, admin.token, "DELETE", `${BASE}/US/OR`)).status,
            404,
          );
          await assertStaffOnly(store, customer.token, "DELETE", `${BASE}/DE`);
        },
      );

      await t.step("bad rates, countries and regions are 400", async () => {
        const put = (path: string, body: unknown) =>
          call(store, admin.token, "PUT", `${BASE}/${path}`, body);
        const body = { rate: "0.2", name: "vat", inclusive: true };
        for (const rate of ["1", "0.1234567", "-0.1", "20%", 0.2]) {
          assertBadRequest(
            await put("FR", { ...body, rate }),
            "validation_failed",
          );
        }
        assertBadRequest(await put("ZZ", body), "validation_failed");
        assertBadRequest(await put("US/TOOLONG", body), "validation_failed");
        assertBadRequest(
          await put("FR", { ...body, inclusive: "yes" }),
          "validation_failed",
        );
        assertBadRequest(
          await put("FR", { ...body, name: "" }),
          "validation_failed",
        );
        await assertStaffOnly(store, customer.token, "PUT", `${BASE}/FR`, body);
        const fr = await call(store, admin.token, "GET", `${BASE}?country=FR`);
        assert.equal(fr.json.items[0].rate, "0.2");
      });
    } finally {
      await store.close();
    }
  },
});
