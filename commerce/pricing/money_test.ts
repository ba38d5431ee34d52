import assert from "node:assert/strict";
import { Invalid } from "../../edge/errors.ts";
import {
  formatMoney,
  InvalidAmountError,
  moneyView,
  parseMoney,
  toDecimalString,
  UnknownCurrencyError,
} from "./mod.ts";

Deno.test("parseMoney() reads decimal strings exactly in minor units", () => {
  assert.deepEqual(parseMoney("12.30", "USD"), {
    amount: 1230n,
    currency: "USD",
  });
  assert.equal(parseMoney("12.3", "USD").amount, 1230n);
  assert.equal(parseMoney("12", "USD").amount, 1200n);
  assert.equal(parseMoney("0.01", "USD").amount, 1n);
  assert.equal(parseMoney("1200", "JPY").amount, 1200n);
  assert.equal(parseMoney("1.234", "KWD").amount, 1234n);
  assert.equal(parseMoney("007.50", "EUR").amount, 750n);
  // Beyond 2^53 stays exact.
  assert.equal(
    parseMoney("123456789012345678.99", "USD").amount,
    12345678901234567899n,
  );
});

Deno.test("parseMoney() accepts extra fraction digits only when they are zeros", () => {
  assert.equal(parseMoney("1200.00", "JPY").amount, 1200n);
  assert.equal(parseMoney("12.3000", "USD").amount, 1230n);
  assert.throws(() => parseMoney("12.345", "USD"), /USD has 2 decimal places/);
  assert.throws(() => parseMoney("1200.5", "JPY"), /JPY has no minor unit/);
  assert.throws(() => parseMoney("1.2345", "KWD"), InvalidAmountError);
});

Deno.test("parseMoney() rejects signs and garbage with a typed 400 error", () => {
  for (
    const input of [
      "",
      "-1",
      "+1",
      "1e3",
      "1,00",
      " 1",
      "1 ",
      ".5",
      "5.",
      "0x10",
      "NaN",
      "Infinity",
      "1_000",
      "١٢",
      "9".repeat(41),
    ]
  ) {
    assert.throws(
      () => parseMoney(input, "USD"),
      (error: unknown) =>
        error instanceof InvalidAmountError && error instanceof Invalid &&
        error.status === 400 && error.code === "invalid_amount" &&
        error.input === input && error.currency === "USD",
      JSON.stringify(input),
    );
  }
});

Deno.test("parseMoney() reads a leading minus only when signed", () => {
  assert.equal(parseMoney("-12.30", "USD", { signed: true }).amount, -1230n);
  assert.equal(parseMoney("-0", "USD", { signed: true }).amount, 0n);
  assert.throws(() => parseMoney("+1", "USD", { signed: true }));
  assert.throws(() => parseMoney("--1", "USD", { signed: true }));
});

Deno.test("parseMoney() rejects a code that is not a currency", () => {
  assert.throws(
    () => parseMoney("1", "XYZ"),
    (error: unknown) =>
      error instanceof UnknownCurrencyError && error.status === 400 &&
      error.code === "unknown_currency" && error.currency === "XYZ",
  );
  assert.throws(() => parseMoney("1", "usd"), UnknownCurrencyError);
});

Deno.test("toDecimalString() writes the currency's minor digits", () => {
  assert.equal(toDecimalString({ amount: 1230n, currency: "USD" }), "12.30");
  assert.equal(toDecimalString({ amount: 1200n, currency: "JPY" }), "1200");
  assert.equal(toDecimalString({ amount: 1234n, currency: "KWD" }), "1.234");
  assert.equal(toDecimalString({ amount: 5n, currency: "USD" }), "0.05");
  assert.equal(toDecimalString({ amount: -50n, currency: "USD" }), "-0.50");
  assert.equal(toDecimalString({ amount: 0n, currency: "KWD" }), "0.000");
});

Deno.test("toDecimalString() and parseMoney() round-trip", () => {
  for (
    const [text, currency] of [["12.30", "USD"], ["0", "JPY"], ["9.999", "KWD"]]
  ) {
    assert.equal(toDecimalString(parseMoney(text, currency)), text);
  }
});

Deno.test("formatMoney() formats for the locale from the exact decimal", () => {
  assert.equal(formatMoney({ amount: 1230n, currency: "USD" }, "en"), "$12.30");
  assert.equal(
    formatMoney({ amount: 123450n, currency: "EUR" }, "de"),
    "1.234,50\u00a0€",
  );
  assert.equal(
    formatMoney({ amount: 1200n, currency: "JPY" }, "ja"),
    "￥1,200",
  );
  assert.equal(
    formatMoney({ amount: 1234n, currency: "KWD" }, "en"),
    "KWD\u00a01.234",
  );
  // A float would print ...896 here.
  assert.equal(
    formatMoney({ amount: 9007199254740993n, currency: "USD" }, "en"),
    "$90,071,992,547,409.93",
  );
  assert.equal(formatMoney({ amount: -50n, currency: "USD" }, "en"), "-$0.50");
});

Deno.test("moneyView() is the API's JSON shape of a price", () => {
  assert.deepEqual(moneyView({ amount: 1230n, currency: "USD" }, "en"), {
    amount: "12.30",
    currency: "USD",
    formatted: "$12.30",
  });
  assert.deepEqual(moneyView({ amount: 1200n, currency: "JPY" }, "en"), {
    amount: "1200",
    currency: "JPY",
    formatted: "¥1,200",
  });
});
