import assert from "node:assert/strict";
import { transitionOrder } from "../../../../commerce/orders/mod.ts";
import {
  guestShopper,
  placeOrder,
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { toDecimalString } from "../../../../commerce/pricing/mod.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";

Deno.test({
  name: "`GET /api/admin/orders` filters, searches and pages every order",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const get = async (token: string, query = "") => {
      const response = await store.app.request(`/api/admin/orders${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // deno-lint-ignore no-explicit-any
      return { status: response.status, json: await response.json() as any };
    };
    const numbers = (json: { items: { number: string }[] }) =>
      json.items.map((o) => o.number);
    try {
      const admin = await staffMember(store);
      const owner = guestShopper(store.app).owner;
      const usd = await placeOrder(sql, { owner, country: "DE" });
      const eur = await placeOrder(sql, {
        owner,
        currency: "EUR",
        country: "FR",
        quantity: 2,
        gateway: "paypal",
      });
      const other = await placeOrder(sql, { owner, country: "US" });
      // Known days and emails (the helper places every order for Ada).
      await sql`update orders.orders set placed_at = '2026-03-01T10:00:00Z',
        email = 'Ada.Lovelace@Example.com' where id = ${usd.id}`;
      await sql`update orders.orders set placed_at = '2026-03-02T10:00:00Z',
        email = 'grace@example.org' where id = ${eur.id}`;
      await sql`update orders.orders set placed_at = '2026-03-03T10:00:00Z',
        email = 'ada_l@example.net' where id = ${other.id}`;
      await sql.begin((tx) =>
        transitionOrder(tx, { orderId: eur.id, to: "paid", actor: "test" })
      );

      await t.step("all orders, newest first, as summaries", async () => {
        const { status, json } = await get(admin.token);
        assert.equal(status, 200, JSON.stringify(json));
        assert.deepEqual(numbers(json), [other.number, eur.number, usd.number]);
        assert.equal(json.nextCursor, null);
        const summary = json.items[1];
        assert.equal(summary.id, eur.id);
        assert.equal(summary.status, "paid");
        assert.equal(summary.email, "grace@example.org");
        assert.equal(summary.country, "FR");
        assert.equal(summary.currency, "EUR");
        assert.equal(summary.total.currency, "EUR");
        assert.equal(summary.total.amount, toDecimalString(eur.totals.total));
        assert.ok(summary.total.formatted);
        assert.equal(summary.baseTotal.currency, "USD");
        assert.equal(summary.gateway, "paypal");
        assert.equal(summary.placedAt, "2026-03-02T10:00:00.000Z");
        assert.equal(summary.itemCount, 2);
      });

      await t.step(
        "filters: status, dates, currency, gateway, country",
        async () => {
          assert.deepEqual(
            numbers((await get(admin.token, "?status=paid")).json),
            [
              eur.number,
            ],
          );
          assert.deepEqual(
            numbers(
              (await get(admin.token, "?status=paid,pending_payment")).json,
            ),
            [other.number, eur.number, usd.number],
          );
          assert.deepEqual(
            numbers(
              (await get(admin.token, "?status=cancelled&status=paid")).json,
            ),
            [eur.number],
          );
          // A `to` day includes the whole day.
          assert.deepEqual(
            numbers(
              (await get(admin.token, "?from=2026-03-02&to=2026-03-02"))
                .json,
            ),
            [eur.number],
          );
          assert.deepEqual(
            numbers(
              (await get(
                admin.token,
                "?from=2026-03-01T10:00:00.001Z&to=2026-03-03T10:00:00Z",
              )).json,
            ),
            [eur.number],
          );
          assert.deepEqual(
            numbers((await get(admin.token, "?currency=eur")).json),
            [
              eur.number,
            ],
          );
          assert.deepEqual(
            numbers((await get(admin.token, "?gateway=test")).json),
            [
              other.number,
              usd.number,
            ],
          );
          assert.deepEqual(
            numbers((await get(admin.token, "?country=us")).json),
            [
              other.number,
            ],
          );
          assert.deepEqual(
            numbers((await get(admin.token, "?country=DE&status=paid")).json),
            [],
          );
        },
      );

      await t.step("search by number (exact or prefix) or email", async () => {
        const q = (text: string) =>
          get(admin.token, `?q=${encodeURIComponent(text)}`)
            .then(({ json }) => numbers(json));
        assert.deepEqual(await q(eur.number), [eur.number]);
        assert.deepEqual(await q(eur.number.toLowerCase()), [eur.number]);
        assert.deepEqual(await q(eur.number.replace("GS-", "")), [eur.number]);
        // All three numbers share their first digits.
        assert.deepEqual(await q(usd.number.slice(0, -1)), [
          other.number,
          eur.number,
          usd.number,
        ]);
        assert.deepEqual(await q("ada.lovelace@example.COM"), [usd.number]);
        assert.deepEqual(await q("ADA"), [other.number, usd.number]);
        // `_` and `%` are letters, not wildcards.
        assert.deepEqual(await q("ada_"), [other.number]);
        assert.deepEqual(await q("%"), []);
        assert.deepEqual(await q("nobody@example.com"), []);
      });

      await t.step("cursor pages", async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: {
            json: { items: { number: string }[]; nextCursor: string | null };
          } = await get(
            admin.token,
            `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          );
          seen.push(...numbers(page.json));
          cursor = page.json.nextCursor;
        } while (cursor && seen.length < 10);
        assert.deepEqual(seen, [other.number, eur.number, usd.number]);
        const bad = await get(admin.token, "?cursor=bm9wZQ");
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.code, "invalid_cursor");
      });

      await t.step("bad filters are 400 with the fields", async () => {
        for (
          const query of [
            "?status=lost",
            "?status=",
            "?from=yesterday",
            "?from=2026-03-02&to=2026-03-01",
            "?currency=EURO",
            "?country=DEU",
            "?gateway=Pay%20Pal",
            "?limit=0",
            "?limit=101",
            "?bogus=1",
          ]
        ) {
          const { status, json } = await get(admin.token, query);
          assert.equal(status, 400, query);
          assert.equal(json.error.code, "validation_failed", query);
          assert.ok(Array.isArray(json.error.details), query);
        }
      });

      await t.step("customers 403; anonymous 401", async () => {
        const customer = await staffMember(store, ["customer"]);
        const forbidden = await get(customer.token);
        assert.equal(forbidden.status, 403);
        assert.equal(forbidden.json.error.code, "forbidden");
        const anonymous = await store.app.request("/api/admin/orders");
        assert.equal(anonymous.status, 401);
      });
    } finally {
      await store.close();
    }
  },
});
