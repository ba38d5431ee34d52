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

const BASE = "/api/admin/localization/shipping-zones";

const OCEANIA = {
  key: "oceania",
  countries: ["AU", "NZ"],
  position: 5,
  methods: [{
    key: "standard",
    kind: "flat",
    name: { en: "Standard", de: "Standard" },
    minDays: 4,
    maxDays: 8,
    prices: [
      { currency: "USD", flatAmount: "12.50", freeOver: "100" },
      { currency: "JPY", flatAmount: "1800" },
    ],
  }],
};

Deno.test({
  name: "admins manage shipping zones and the next quote ships by them",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const shopper = new Shopper(store);
      const added = await shopper.call("POST", "/api/cart/items", {
        variantId: await variantId(store, "KNF-S"),
        quantity: 1,
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const optionsTo = async (country: string) => {
        const quote = await shopper.call("POST", "/api/checkout/quote", {
          country,
        });
        assert.equal(quote.status, 201, JSON.stringify(quote.body));
        return quote.body.shippingOptions;
      };
      let zoneId = "";

      await t.step(
        "GET lists the zones with methods and prices, paged",
        async () => {
          const answer = await call(store, admin.token, "GET", BASE);
          assert.equal(answer.status, 200);
          assert.equal(answer.json.total, 4);
          const europe = answer.json.items.find((z: { key: string }) =>
            z.key === "europe"
          );
          assert.ok(europe.countries.includes("DE"));
          const standard = europe.methods.find((m: { key: string }) =>
            m.key === "standard"
          );
          assert.deepEqual(
            standard.prices.find((p: { currency: string }) =>
              p.currency === "EUR"
            ),
            {
              currency: "EUR",
              flatAmount: "4.95",
              perKgAmount: "0.00",
              freeOver: "60.00",
            },
          );
          const page = await call(
            store,
            admin.token,
            "GET",
            `${BASE}?limit=1&page=2`,
          );
          assert.equal(page.json.items.length, 1);
          assert.equal(page.json.total, 4);
          await assertStaffOnly(store, customer.token, "GET", BASE);
        },
      );

      await t.step(
        "POST creates a zone, audited, and the next quote uses it",
        async () => {
          assert.deepEqual(
            (await optionsTo("AU")).map((o: { key: string }) => o.key),
            ["economy", "express"],
          );
          const answer = await call(store, admin.token, "POST", BASE, OCEANIA);
          assert.equal(answer.status, 201, JSON.stringify(answer.json));
          zoneId = answer.json.id;
          assert.deepEqual(answer.json.methods[0].prices, [
            {
              currency: "JPY",
              flatAmount: "1800",
              perKgAmount: "0",
              freeOver: null,
            },
            {
              currency: "USD",
              flatAmount: "12.50",
              perKgAmount: "0.00",
              freeOver: "100.00",
            },
          ]);
          const [option] = await optionsTo("AU");
          assert.equal(option.key, "standard");
          assert.equal(option.price.amount, "12.50");
          assert.equal(option.minDays, 4);
          const [row] = await auditRows(store, "shipping_zone.create", zoneId);
          assert.equal(row.actor_id, admin.id);
          assert.equal(row.after.key, "oceania");
          assert.equal(row.before, null);
        },
      );

      await t.step(
        "PATCH changes methods and prices, audited before and after",
        async () => {
          const answer = await call(
            store,
            admin.token,
            "PATCH",
            `${BASE}/${zoneId}`,
            {
              methods: [
                {
                  ...OCEANIA.methods[0],
                  prices: [{ currency: "USD", flatAmount: "9.00" }],
                },
                {
                  key: "express",
                  kind: "weight",
                  name: { en: "Express" },
                  minDays: 1,
                  maxDays: 3,
                  prices: [{
                    currency: "USD",
                    flatAmount: "20",
                    perKgAmount: "5",
                  }],
                },
              ],
            },
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.json));
          const options = await optionsTo("NZ");
          assert.deepEqual(
            options.map((o: { key: string; price: { amount: string } }) => [
              o.key,
              o.price.amount,
            ]),
            // The knife weighs 180 g: one started kilogram.
            [["standard", "9.00"], ["express", "25.00"]],
          );
          const [row] = await auditRows(store, "shipping_zone.update", zoneId);
          assert.equal(row.before.methods.length, 1);
          assert.equal(row.after.methods.length, 2);
          const one = await call(
            store,
            admin.token,
            "GET",
            `${BASE}/${zoneId}`,
          );
          assert.equal(one.json.methods[1].key, "express");
        },
      );

      await t.step(
        "clashing keys and countries are 409; bad input 400",
        async () => {
          const clash = await call(store, admin.token, "POST", BASE, {
            ...OCEANIA,
            key: "pacific",
            countries: ["FJ", "NZ"],
          });
          assert.equal(clash.status, 409);
          assert.deepEqual(clash.json.error.details.countries, ["NZ"]);
          const sameKey = await call(
            store,
            admin.token,
            "PATCH",
            `${BASE}/${zoneId}`,
            {
              key: "europe",
            },
          );
          assert.equal(sameKey.status, 409);
          assertBadRequest(
            await call(store, admin.token, "POST", BASE, {
              ...OCEANIA,
              key: "x",
              countries: ["ZZ"],
            }),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "POST", BASE, {
              ...OCEANIA,
              key: "x",
              countries: ["FJ"],
              methods: [{
                ...OCEANIA.methods[0],
                prices: [{ currency: "JPY", flatAmount: "1.5" }],
              }],
            }),
            "invalid_amount",
          );
          assertBadRequest(
            await call(store, admin.token, "POST", BASE, {
              ...OCEANIA,
              key: "x",
              countries: ["FJ"],
              methods: [{ ...OCEANIA.methods[0], minDays: 9 }],
            }),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/${zoneId}`, {}),
            "validation_failed",
          );
          assert.equal(
            (await call(store, admin.token, "GET", `${BASE}/nope`)).status,
            404,
          );
          await assertStaffOnly(store, customer.token, "POST", BASE, OCEANIA);
          await assertStaffOnly(
            store,
            customer.token,
            "PATCH",
            `${BASE}/${zoneId}`,
            {
              position: 1,
            },
          );
        },
      );

      await t.step(
        "DELETE removes the zone, audited; quotes fall back",
        async () => {
          await assertStaffOnly(
            store,
            customer.token,
            "DELETE",
            `${BASE}/${zoneId}`,
          );
          const answer = await call(
            store,
            admin.token,
            "DELETE",
            `${BASE}/${zoneId}`,
          );
          assert.equal(answer.status, 204);
          assert.equal(
            (await call(store, admin.token, "GET", `${BASE}/${zoneId}`)).status,
            404,
          );
          assert.equal(
            (await call(store, admin.token, "DELETE", `${BASE}/${zoneId}`))
              .status,
            404,
          );
          const [row] = await auditRows(store, "shipping_zone.delete", zoneId);
          assert.equal(row.before.key, "oceania");
          assert.deepEqual(
            (await optionsTo("AU")).map((o: { key: string }) => o.key),
            ["economy", "express"],
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
