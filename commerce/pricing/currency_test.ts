import assert from "node:assert/strict";
import { isCurrencyCode, minorUnitExponent } from "./mod.ts";

Deno.test("minorUnitExponent() follows ISO 4217 minor units", () => {
  assert.equal(minorUnitExponent("USD"), 2);
  assert.equal(minorUnitExponent("JPY"), 0);
  assert.equal(minorUnitExponent("KWD"), 3);
  assert.equal(minorUnitExponent("EUR"), 2);
});

Deno.test("minorUnitExponent() rejects a code that is not a currency", () => {
  assert.throws(() => minorUnitExponent("XYZ"), RangeError);
  assert.throws(() => minorUnitExponent("usd"), RangeError);
  assert.equal(isCurrencyCode("ABC"), false);
});
