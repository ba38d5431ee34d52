import assert from "node:assert/strict";
import { parseMoney, toDecimalString } from "./money.ts";
import {
  multiplyMoney,
  subtractMoney,
  sumMoney,
  taxInGross,
  taxOnNet,
} from "./arithmetic.ts";

const m = (amount: string, currency: string) => parseMoney(amount, currency);
const s = toDecimalString;

Deno.test("`taxInGross()` extracts VAT contained in a shelf price, exactly", () => {
  // 119.00 € at 19 % holds exactly 19.00 € of VAT.
  assert.equal(s(taxInGross(m("119.00", "EUR"), "0.19")), "19.00");
  // 10 % Japanese consumption tax in 1,980 yen: 180 yen.
  assert.equal(s(taxInGross(m("1980", "JPY"), "0.1")), "180");
  // 24.95 × 0.2 / 1.2 = 4.158333… → 4.16
  assert.equal(s(taxInGross(m("24.95", "GBP"), "0.20")), "4.16");
});

Deno.test("`taxOnNet()` adds tax rounded half away from zero per currency", () => {
  // 19.99 × 0.0725 = 1.449275 → 1.45
  assert.equal(s(taxOnNet(m("19.99", "USD"), "0.0725")), "1.45");
  // 0.5 of a minor unit rounds up: 10.00 × 0.00005 = 0.0005 → 0.00 (USD)
  assert.equal(s(taxOnNet(m("10.00", "USD"), "0.00005")), "0.00");
  // 3-decimal KWD: 12.345 × 0.05 = 0.61725 → 0.617
  assert.equal(s(taxOnNet(m("12.345", "KWD"), "0.05")), "0.617");
  // halves go away from zero: 0.10 × 0.05 = 0.005 → 0.01
  assert.equal(s(taxOnNet(m("0.10", "USD"), "0.05")), "0.01");
});

Deno.test("`sumMoney()` and `multiplyMoney()` stay exact beyond float range", () => {
  const big = m("90071992547409.93", "USD");
  assert.equal(s(sumMoney("USD", [big, big])), "180143985094819.86");
  assert.equal(s(multiplyMoney(big, 3)), "270215977642229.79");
  assert.equal(s(subtractMoney(m("1.000", "KWD"), m("0.001", "KWD"))), "0.999");
});

Deno.test("`sumMoney()` refuses to mix currencies", () => {
  assert.throws(
    () => sumMoney("USD", [m("1.00", "USD"), m("1.00", "EUR")]),
    TypeError,
  );
});

Deno.test("`taxOnNet()` rejects a rate that is not a decimal fraction", () => {
  assert.throws(() => taxOnNet(m("1.00", "USD"), "-0.1"), RangeError);
  assert.throws(() => taxOnNet(m("1.00", "USD"), "1e-2"), RangeError);
});
