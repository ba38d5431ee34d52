import assert from "node:assert/strict";
import { FIXTURE } from "../../commerce/catalog/_test_util.ts";
import {
  ADDRESSES,
  Shopper,
  signedInShopper,
  variantId,
} from "../../commerce/checkout/_test_util.ts";
import type { Store } from "../../edge/server.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import de from "../../locales/de.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };

/** The island props of the page's `name` island. */
function islandProps(html: string, name: string): Record<string, unknown> {
  const marker = new RegExp(`<x-island data-island="${name}" data-id="(\\d+)"`)
    .exec(html);
  assert.ok(marker, `the page has no ${name} island`);
  const json =
    /<script type="application\/json" id="__islands">(.*?)<\/script>/s
      .exec(html);
  assert.ok(json, "the page has no island props");
  return JSON.parse(json[1])[Number(marker[1])];
}

/** A guest who put `quantity` of `sku` in the cart, in a currency. */
async function guestWith(
  store: Store,
  options: { sku: string; quantity: number; currency: string; lang: string },
): Promise<Shopper> {
  const shopper = new Shopper(store);
  shopper.cookies.set("currency", options.currency);
  shopper.cookies.set("lang", options.lang);
  const added = await shopper.call("POST", "/api/cart/items", {
    variantId: await variantId(store, options.sku),
    quantity: options.quantity,
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  return shopper;
}

/** Place `shopper`'s cart as an order to `country` (test gateway, unpaid). */
async function placeOrder(
  shopper: Shopper,
  country: keyof typeof ADDRESSES,
  email?: string,
): Promise<{ id: string; number: string }> {
  const address = ADDRESSES[country];
  const quote = await shopper.call("POST", "/api/checkout/quote", {
    country,
    ...("region" in address ? { region: address.region } : {}),
  });
  assert.equal(quote.status, 201, JSON.stringify(quote.body));
  const order = await shopper.call("POST", "/api/orders", {
    quoteId: quote.body.id,
    ...(email ? { email } : {}),
    shipping: { address },
    shippingMethod: quote.body.shippingMethod,
    gateway: "test",
  });
  assert.equal(order.status, 201, JSON.stringify(order.body));
  return order.body;
}

Deno.test({
  name: "cart, checkout and order pages over HTTP",
  async fn(t) {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    try {
      await t.step(
        "an empty cart says so, in German and Japanese",
        async () => {
          for (const [lang, messages] of [["de", de], ["ja", ja]] as const) {
            const page = await new Shopper(store).call("GET", `/${lang}/cart`);
            assert.equal(page.status, 200);
            assert.equal(
              page.headers.get("cache-control"),
              "private, no-store",
            );
            assert.ok(page.body.includes(messages.cart.emptyTitle), lang);
            assert.ok(page.body.includes(`lang="${lang}"`));
            const props = islandProps(page.body, "CartEditor");
            assert.deepEqual((props.cart as { items: unknown[] }).items, []);
          }
        },
      );

      await t.step(
        "a guest's cart renders on the server in their language and currency",
        async () => {
          const german = await guestWith(store, {
            sku: "KNF-S",
            quantity: 2,
            currency: "EUR",
            lang: "de",
          });
          const page = await german.call("GET", "/de/cart");
          assert.equal(page.status, 200);
          assert.equal(page.headers.get("cache-control"), "private, no-store");
          assert.ok(page.body.includes("Atlas Kochmesser"));
          assert.match(page.body, /\d+,\d{2}\s€/, "a German EUR price");
          assert.ok(page.body.includes(de.cart.taxNote));
          assert.ok(page.body.includes('href="/de/checkout"'));
          assert.match(page.body, /<div hidden(="")? data-testid="cart-empty"/);

          const japanese = await guestWith(store, {
            sku: "BAG-1",
            quantity: 1,
            currency: "JPY",
            lang: "ja",
          });
          const ja1 = await japanese.call("GET", "/ja/cart");
          assert.ok(ja1.body.includes("キョウト リュック"));
          assert.match(ja1.body, /[¥￥][\d,]+/, "a yen price");
          assert.ok(ja1.body.includes(ja.cart.checkout));
        },
      );

      await t.step(
        "checkout without a cart shows the empty state",
        async () => {
          const page = await new Shopper(store).call("GET", "/de/checkout");
          assert.equal(page.status, 200);
          assert.equal(page.headers.get("cache-control"), "private, no-store");
          assert.ok(page.body.includes('data-testid="checkout-empty"'));
          assert.ok(page.body.includes(de.checkout.emptyBody));
        },
      );

      await t.step(
        "checkout arrives with a quote for the shopper's country",
        async () => {
          const german = await guestWith(store, {
            sku: "KNF-S",
            quantity: 1,
            currency: "EUR",
            lang: "de",
          });
          german.headers["cf-ipcountry"] = "DE";
          const page = await german.call("GET", "/de/checkout");
          assert.equal(page.status, 200);
          assert.equal(page.headers.get("cache-control"), "private, no-store");
          const props = islandProps(page.body, "Checkout") as {
            signedIn: boolean;
            quote: {
              country: string;
              currency: string;
              taxInclusive: boolean;
              gateways: string[];
            };
            address: { country: string };
            signinHref: string;
          };
          assert.equal(props.signedIn, false);
          assert.equal(props.address.country, "DE");
          assert.equal(props.quote.country, "DE");
          assert.equal(props.quote.currency, "EUR");
          assert.equal(props.quote.taxInclusive, true);
          assert.deepEqual(props.quote.gateways, ["test"]);
          assert.equal(
            props.signinHref,
            "/de/account/signin?next=%2Fde%2Fcheckout",
          );
          // The review is on the page before any JavaScript runs.
          assert.ok(page.body.includes("Atlas Kochmesser"));
          assert.match(page.body, /Enthält MwSt. \(19\s%\)/);
          assert.ok(page.body.includes(de.checkout.place));

          const japanese = await guestWith(store, {
            sku: "BAG-1",
            quantity: 1,
            currency: "JPY",
            lang: "ja",
          });
          const ja1 = await japanese.call("GET", "/ja/checkout");
          const jaProps = islandProps(ja1.body, "Checkout") as {
            quote: { country: string; currency: string };
          };
          assert.equal(jaProps.quote.country, "JP");
          assert.equal(jaProps.quote.currency, "JPY");
          assert.ok(ja1.body.includes(ja.checkout.title));
        },
      );

      await t.step(
        "an order's page is its owner's, a 404 for anyone else",
        async () => {
          const guest = await guestWith(store, {
            sku: "KNF-S",
            quantity: 1,
            currency: "EUR",
            lang: "de",
          });
          const order = await placeOrder(guest, "DE", "erika@example.com");
          const page = await guest.call("GET", `/de/orders/${order.id}`);
          assert.equal(page.status, 200);
          assert.equal(page.headers.get("cache-control"), "private, no-store");
          assert.ok(page.body.includes(order.number));
          assert.ok(page.body.includes(de.orders.status.pending_payment));
          assert.ok(page.body.includes("Erika Mustermann"));
          assert.ok(page.body.includes(de.orders.cancel));
          assert.ok(page.body.includes('data-island="OrderPayment"'));
          assert.match(page.body, /Enthält MwSt. \(19\s%\)/);

          const japanese = await guest.call("GET", `/ja/orders/${order.id}`);
          assert.equal(japanese.status, 200);
          assert.ok(japanese.body.includes(ja.orders.status.pending_payment));

          const stranger = await new Shopper(store).call(
            "GET",
            `/de/orders/${order.id}`,
          );
          assert.equal(stranger.status, 404);
          assert.equal(
            stranger.headers.get("cache-control"),
            "private, no-store",
          );
          assert.ok(!stranger.body.includes(order.number));
          const { shopper: someone } = await signedInShopper(store);
          const other = await someone.call("GET", `/ja/orders/${order.id}`);
          assert.equal(other.status, 404);
          const nonsense = await guest.call("GET", "/de/orders/not-an-id");
          assert.equal(nonsense.status, 404);
        },
      );

      await t.step(
        "the order history lists the account's orders, or says there are none",
        async () => {
          const anonymous = await new Shopper(store).call(
            "GET",
            "/de/account/orders",
          );
          assert.equal(anonymous.status, 303);
          assert.equal(
            anonymous.headers.get("location"),
            "/de/account/signin?next=%2Fde%2Faccount%2Forders",
          );

          const { shopper: empty } = await signedInShopper(store);
          const none = await empty.call("GET", "/ja/account/orders");
          assert.equal(none.status, 200);
          assert.equal(none.headers.get("cache-control"), "private, no-store");
          assert.ok(none.body.includes(ja.orders.emptyTitle));

          const { shopper: buyer } = await signedInShopper(store);
          buyer.cookies.set("currency", "EUR");
          const numbers: string[] = [];
          for (let i = 0; i < 11; i++) {
            const added = await buyer.call("POST", "/api/cart/items", {
              variantId: await variantId(store, "BAG-1"),
              quantity: 1,
            });
            assert.equal(added.status, 201);
            numbers.push((await placeOrder(buyer, "DE")).number);
          }
          const first = await buyer.call("GET", "/de/account/orders");
          assert.equal(first.status, 200);
          const shown = [...first.body.matchAll(/data-testid="order-row"/g)];
          assert.equal(shown.length, 10);
          assert.ok(first.body.includes(numbers[10]), "newest first");
          assert.ok(!first.body.includes(`>${numbers[0]}<`));
          const next = /href="(\/de\/account\/orders\?cursor=[^"]+)"/
            .exec(first.body)?.[1];
          assert.ok(next, "a link to older orders");
          const second = await buyer.call("GET", next.replaceAll("&amp;", "&"));
          assert.ok(second.body.includes(`>${numbers[0]}<`));
          assert.ok(second.body.includes(de.orders.newest));
          assert.ok(!second.body.includes('data-testid="older-orders"'));
        },
      );

      await t.step("sign-in returns to a same-origin `next` only", async () => {
        const shopper = new Shopper(store);
        const form = await shopper.call(
          "GET",
          "/de/account/signin?next=%2Fde%2Fcheckout",
        );
        assert.match(form.body, /name="next" value="\/de\/checkout"/);
        for (
          const evil of [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
          ]
        ) {
          const page = await shopper.call(
            "GET",
            `/de/account/signin?next=${encodeURIComponent(evil)}`,
          );
          assert.ok(!page.body.includes('name="next"'), evil);
        }
        const { shopper: signedIn } = await signedInShopper(store);
        const away = await signedIn.call(
          "GET",
          "/de/account/signin?next=%2Fde%2Fcheckout",
        );
        assert.equal(away.status, 303);
        assert.equal(away.headers.get("location"), "/de/checkout");
        const evil = await signedIn.call(
          "GET",
          "/de/account/signin?next=%2F%2Fevil.example",
        );
        assert.equal(evil.headers.get("location"), "/de/account");
      });
    } finally {
      await store.close();
    }
  },
});
