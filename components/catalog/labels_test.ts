import assert from "node:assert/strict";
import { translator } from "../../edge/i18n.ts";
import {
  attributeValue,
  priceLabel,
  ratingLabel,
  stockLabel,
} from "./labels.ts";

Deno.test("stockLabel() says how many are left, in the language's plural", () => {
  const en = translator("en");
  assert.equal(
    stockLabel(en, { status: "low_stock", quantity: 3 }),
    "Only 3 left",
  );
  assert.equal(
    stockLabel(en, { status: "low_stock", quantity: 1 }),
    "Only 1 left",
  );
  const ar = translator("ar");
  assert.equal(
    stockLabel(ar, { status: "low_stock", quantity: 2 }),
    "تبقّت قطعتان فقط",
  );
  assert.equal(
    stockLabel(translator("de"), { status: "out_of_stock", quantity: null }),
    "Ausverkauft",
  );
});

Deno.test("priceLabel() adds 'from' for varying prices and names a missing one", () => {
  const de = translator("de");
  const price = { amount: "12.90", currency: "EUR", formatted: "12,90 €" };
  assert.equal(priceLabel(de, price), "12,90 €");
  assert.equal(priceLabel(de, price, { from: true }), "ab 12,90 €");
  assert.equal(priceLabel(de, null), "Preis noch nicht verfügbar");
});

Deno.test("ratingLabel() localizes the number", () => {
  assert.equal(ratingLabel(translator("fr"), 4.25, "fr"), "Noté 4,3 sur 5");
});

Deno.test("attributeValue() formats numbers and booleans, keeps unknown codes readable", () => {
  const de = translator("de");
  assert.equal(attributeValue(de, 1500, "de"), "1.500");
  assert.equal(attributeValue(de, true, "de"), "Ja");
  assert.equal(attributeValue(de, "no_such_code", "de"), "No such code");
  assert.equal(attributeValue(de, "a.b:c", "de"), "a.b:c");
});
