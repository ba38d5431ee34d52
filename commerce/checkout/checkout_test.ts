import assert from "node:assert/strict";
import { FIXTURE } from "../catalog/_test_util.ts";
import { repriceCatalog } from "../catalog/mod.ts";
import { forgetLatestRates, storeRates } from "../pricing/mod.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import type { Store } from "../../edge/server.ts";
import {
  ADDRESSES,
  type Reply,
  Shopper,
  signedInShopper,
  variantId,
} from "./_test_util.ts";

const CURRENCIES = "USD,EUR,GBP,JPY,KWD";

// Independent of the pricing module: decimal string ↔ minor units, and
// rounding halves away from zero, written out by hand.
function units(decimal: string): bigint {
  const [whole, fraction = ""] = decimal.split(".");
  return BigInt(whole + fraction);
}
function divRound(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}
function decimal(value: bigint, digits: number): string {
  const s = value.toString().padStart(digits + 1, "0");
  return digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
}

async function indexedPrice(store: Store, sku: string, currency: string) {
  const [row] = await store.deps.db.sql`
    select vp.amount::text from catalog.variant_prices vp
    join catalog.variants v on v.id = vp.variant_id
    where v.sku = ${sku} and vp.currency = ${currency}`;
  // numeric(19, 4): "49.9500" is 49.95 €, "6780.0000" is 6780 yen.
  const digits = { EUR: 2, JPY: 0, KWD: 3, USD: 2 }[currency] ?? 2;
  const [whole, fraction] = (row.amount as string).split(".");
  return digits ? `${whole}.${fraction.slice(0, digits)}` : whole;
}

async function buy(
  shopper: Shopper,
  options: {
    items: [string, number][];
    country: keyof typeof ADDRESSES;
    shippingMethod?: string;
    email?: string;
  },
): Promise<{ quote: Reply; order: Reply }> {
  for (const [variant, quantity] of options.items) {
    const added = await shopper.call("POST", "/api/cart/items", {
      variantId: variant,
      quantity,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
  }
  const address = ADDRESSES[options.country];
  const quote = await shopper.call("POST", "/api/checkout/quote", {
    country: address.country,
    ...("region" in address ? { region: address.region } : {}),
    ...(options.shippingMethod
      ? { shippingMethod: options.shippingMethod }
      : {}),
  });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  const order = await shopper.call("POST", "/api/orders", {
    quoteId: quote.body.id,
    ...(options.email ? { email: options.email } : {}),
    shipping: { address },
    shippingMethod: quote.body.shippingMethod,
    gateway: "test",
  });
  return { quote, order };
}

/**
 * Pay `order` with the test gateway's succeeding card and check that the
 * captured amount is exactly the quoted total.
 */
async function payAndCheck(
  store: Store,
  shopper: Shopper,
  quote: Reply,
  order: Reply,
): Promise<void> {
  const paid = await shopper.call("POST", "/api/payments/process", {
    orderId: order.body.id,
    gateway: "test",
    method: {
      type: "card",
      number: "4242 4242 4242 4242",
      expMonth: 12,
      expYear: 2040,
      cvc: "123",
    },
  });
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  await store.deps.payments.test!.flush();
  const after = await shopper.call("GET", `/api/orders/${order.body.id}`);
  assert.equal(after.body.status, "paid");
  const transactions = await store.deps.db.sql`
    select amount::text, currency, status from payments.transactions
    where order_id = ${order.body.id}`;
  assert.equal(transactions.length, 1);
  const [{ amount, currency, status }] = transactions;
  assert.equal(status, "succeeded");
  assert.equal(currency, quote.body.currency);
  assert.equal(
    normalize(amount, quote.body.totals.total.amount),
    quote.body.totals.total.amount,
  );
}

// "116.8900" as stored, with the digits of `like` ("116.89").
function normalize(stored: string, like: string): string {
  const digits = like.split(".")[1]?.length ?? 0;
  const [whole, fraction = ""] = stored.split(".");
  return digits
    ? `${whole}.${fraction.padEnd(digits, "0").slice(0, digits)}`
    : whole;
}

Deno.test("checkout: exact totals in JPY, EUR (VAT included), USD (tax added) and KWD", async (t) => {
  const store = await startCatalogTestStore({
    catalog: FIXTURE,
    env: { CURRENCIES },
  });
  try {
    const { sql } = store.deps.db;
    // The ECB publishes no KWD: a rate from another feed, newer than the snapshot.
    await storeRates(sql, {
      base: "EUR",
      source: "test",
      asOf: new Date(),
      rates: new Map([["KWD", "0.3125"], ["USD", "1.0163"]]),
    });
    await forgetLatestRates(store.deps.cache);
    await repriceCatalog(sql, {
      currencies: CURRENCIES.split(","),
      baseCurrency: "USD",
    });
    const knife = await variantId(store, "KNF-S");
    const bag = await variantId(store, "BAG-1");

    await t.step("EUR to Germany: VAT is inside the shelf price", async () => {
      const shopper = new Shopper(store);
      shopper.cookies.set("currency", "EUR");
      shopper.cookies.set("lang", "de");
      const unit = await indexedPrice(store, "KNF-S", "EUR");
      const { quote, order } = await buy(shopper, {
        items: [[knife, 2]],
        country: "DE",
        email: "erika@example.com",
      });
      assert.equal(order.status, 201, JSON.stringify(order.body));
      const subtotal = units(unit) * 2n;
      const q = quote.body;
      assert.equal(q.currency, "EUR");
      assert.equal(q.taxInclusive, true);
      assert.equal(q.taxRate, "0.19");
      assert.equal(q.taxCode, "vat");
      assert.equal(q.taxName, "MwSt.");
      assert.equal(units(q.totals.subtotal.amount), subtotal);
      // Over 60 € the standard shipping is free.
      assert.ok(subtotal > 6000n);
      assert.equal(q.totals.shipping.amount, "0.00");
      assert.equal(units(q.totals.tax.amount), divRound(subtotal * 19n, 119n));
      assert.equal(units(q.totals.total.amount), subtotal);
      assert.match(q.totals.total.formatted, /€/);
      assert.equal(order.body.totals.total.amount, q.totals.total.amount);
      assert.equal(order.body.totals.tax.amount, q.totals.tax.amount);
      assert.equal(order.body.status, "pending_payment");
      assert.match(order.body.number, /^GS-\d+$/);
      const [line] = order.body.lines;
      assert.equal(line.sku, "KNF-S");
      assert.equal(line.name, "Atlas Kochmesser");
      assert.equal(line.unitPrice.amount, decimal(units(unit), 2));
      assert.equal(line.baseUnitPrice.currency, "USD");
      assert.ok(line.fxRate);
      await payAndCheck(store, shopper, quote, order);
    });

    await t.step(
      "JPY to Japan: whole yen, consumption tax included",
      async () => {
        const shopper = new Shopper(store);
        shopper.cookies.set("currency", "JPY");
        shopper.cookies.set("lang", "ja");
        const unit = await indexedPrice(store, "KNF-S", "JPY");
        const { quote, order } = await buy(shopper, {
          items: [[knife, 1]],
          country: "JP",
          email: "taro@example.jp",
        });
        assert.equal(order.status, 201, JSON.stringify(order.body));
        const q = quote.body;
        const subtotal = units(unit);
        assert.doesNotMatch(q.totals.total.amount, /\./);
        assert.equal(BigInt(q.totals.subtotal.amount), subtotal);
        assert.ok(subtotal < 8000n);
        assert.equal(q.totals.shipping.amount, "600");
        assert.equal(
          BigInt(q.totals.tax.amount),
          divRound(subtotal * 10n, 110n) + divRound(600n * 10n, 110n),
        );
        assert.equal(BigInt(q.totals.total.amount), subtotal + 600n);
        assert.equal(order.body.totals.total.amount, q.totals.total.amount);
        assert.equal(order.body.lines[0].name, "アトラス 牛刀包丁");
        await payAndCheck(store, shopper, quote, order);
      },
    );

    await t.step(
      "USD to California: sales tax added on goods and express shipping",
      async () => {
        const { shopper } = await signedInShopper(store);
        shopper.cookies.set("currency", "USD");
        const { quote, order } = await buy(shopper, {
          items: [[bag, 1]],
          country: "US",
          shippingMethod: "express",
        });
        assert.equal(order.status, 201, JSON.stringify(order.body));
        const q = quote.body;
        assert.equal(q.taxInclusive, false);
        assert.equal(q.totals.subtotal.amount, "89.00");
        assert.equal(q.totals.shipping.amount, "19.99");
        // 89.00 × 7.25 % = 6.4525 → 6.45; 19.99 × 7.25 % = 1.449275 → 1.45
        assert.equal(q.totals.tax.amount, "7.90");
        assert.equal(q.totals.total.amount, "116.89");
        assert.equal(q.totals.total.formatted, "$116.89");
        assert.equal(order.body.totals.total.amount, "116.89");
        assert.equal(order.body.baseTotal.amount, "116.89");
        await payAndCheck(store, shopper, quote, order);
      },
    );

    await t.step(
      "KWD to Kuwait: three decimals, shipping by weight",
      async () => {
        const shopper = new Shopper(store);
        shopper.cookies.set("currency", "KWD");
        const unit = await indexedPrice(store, "BAG-1", "KWD");
        const { quote, order } = await buy(shopper, {
          items: [[bag, 1]],
          country: "KW",
          email: "fatima@example.com",
        });
        assert.equal(order.status, 201, JSON.stringify(order.body));
        const q = quote.body;
        assert.match(q.totals.total.amount, /^\d+\.\d{3}$/);
        assert.equal(q.shippingMethod, "economy");
        const subtotal = units(unit);
        assert.equal(units(q.totals.subtotal.amount), subtotal);
        assert.equal(q.totals.tax.amount, "0.000");
        // 0.9 kg: 9.00 + 1 × 4.00 USD, at 0.3125 / 1.0163 KWD per USD.
        const shipping = divRound(1300n * 3125n * 10n, 10163n);
        assert.equal(units(q.totals.shipping.amount), shipping);
        assert.equal(units(q.totals.total.amount), subtotal + shipping);
        assert.equal(order.body.totals.total.amount, q.totals.total.amount);
        assert.equal(q.rates.currency, "KWD");
        assert.equal(q.rates.base, "USD");
        await payAndCheck(store, shopper, quote, order);
      },
    );
  } finally {
    await store.close();
  }
});
