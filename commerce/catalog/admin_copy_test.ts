import assert from "node:assert/strict";
import { changes, completenessOf, shownAmount } from "./_admin_copy.ts";

Deno.test("changes() keeps only what differs, down to single fields", () => {
  assert.equal(changes({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 }), null);
  assert.deepEqual(
    changes(
      {
        brand: "Atlas",
        basePrice: "49.90",
        copy: {
          de: { name: "Messer", slug: "messer" },
          fr: { name: "Couteau" },
        },
        attributes: { material: "steel", size: 2 },
      },
      {
        brand: "Atlas",
        basePrice: "52.00",
        copy: { de: { name: "Kochmesser", slug: "messer" } },
        attributes: { material: "steel" },
      },
    ),
    {
      before: {
        basePrice: "49.90",
        copy: { de: { name: "Messer" }, fr: { name: "Couteau" } },
        attributes: { size: 2 },
      },
      after: {
        basePrice: "52.00",
        copy: { de: { name: "Kochmesser" }, fr: null },
        attributes: { size: null },
      },
    },
  );
  // Key order inside a value is not a change.
  assert.equal(changes({ o: { x: 1, y: 2 } }, { o: { y: 2, x: 1 } }), null);
});

Deno.test("completenessOf() needs a name and a description per language", () => {
  const complete = completenessOf({
    en: { name: "Knife", description: "Sharp." },
    de: { name: "Messer", description: "  " },
    fr: null,
  });
  assert.equal(complete.en, true);
  assert.equal(complete.de, false);
  assert.equal(complete.fr, false);
  assert.equal(complete.ja, false);
  assert.equal(Object.keys(complete).length, 7);
});

Deno.test("shownAmount() trims stored zeros to the currency's minor units", () => {
  assert.equal(shownAmount("49.9000", "USD"), "49.90");
  assert.equal(shownAmount("1980.0000", "JPY"), "1980");
  // More decimals than the currency has (its base changed): as stored.
  assert.equal(shownAmount("12.3450", "JPY"), "12.3450");
});
