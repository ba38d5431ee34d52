import assert from "node:assert/strict";
import { InvalidPaymentMethod } from "../errors.ts";
import { cardOutcome, luhn, parseCard, TEST_CARDS } from "./cards.ts";

const card = (number: string, expYear = 2099, expMonth = 12) => ({
  type: "card",
  number,
  expMonth,
  expYear,
  cvc: "123",
});

Deno.test("luhn() accepts the test cards and rejects a changed digit", () => {
  for (const number of Object.values(TEST_CARDS)) assert.ok(luhn(number));
  assert.equal(luhn("4242424242424241"), false);
});

Deno.test("parseCard() strips spaces and dashes and keeps the last four digits", () => {
  const parsed = parseCard(card("4242 4242-4242 4242", 31));
  assert.equal(parsed.number, TEST_CARDS.success);
  assert.equal(parsed.last4, "4242");
  assert.equal(parsed.expYear, 2031);
});

Deno.test("parseCard() refuses a number failing the Luhn check as invalid_card", () => {
  assert.throws(
    () => parseCard(card("4242 4242 4242 4241")),
    (error) =>
      error instanceof InvalidPaymentMethod && error.code === "invalid_card" &&
      error.status === 400,
  );
  assert.throws(
    () => parseCard(card("4242")),
    (error) =>
      error instanceof InvalidPaymentMethod && error.code === "invalid_card",
  );
});

Deno.test("parseCard() refuses anything but a card with invalid_payment_method", () => {
  for (
    const input of [
      undefined,
      { type: "iban", number: "DE89" },
      { ...card(TEST_CARDS.success), extra: 1 },
      { ...card(TEST_CARDS.success), expMonth: 13 },
      { ...card(TEST_CARDS.success), cvc: "12a" },
    ]
  ) {
    assert.throws(
      () => parseCard(input),
      (error) =>
        error instanceof InvalidPaymentMethod &&
        error.code === "invalid_payment_method",
    );
  }
});

Deno.test("cardOutcome() scripts success, decline and challenge by number", () => {
  const now = new Date("2030-01-15T00:00:00Z");
  const outcome = (number: string) => cardOutcome(parseCard(card(number)), now);
  assert.deepEqual(outcome(TEST_CARDS.success), { kind: "succeed" });
  assert.deepEqual(outcome(TEST_CARDS.declined), {
    kind: "decline",
    failureCode: "card_declined",
  });
  assert.deepEqual(outcome(TEST_CARDS.challenge), { kind: "challenge" });
  assert.deepEqual(outcome("5555555555554444"), { kind: "succeed" });
});

Deno.test("cardOutcome() declines a card after its expiry month as expired_card", () => {
  const parsed = parseCard(card(TEST_CARDS.success, 2030, 1));
  assert.deepEqual(cardOutcome(parsed, new Date("2030-01-31T23:59:59Z")), {
    kind: "succeed",
  });
  assert.deepEqual(cardOutcome(parsed, new Date("2030-02-01T00:00:00Z")), {
    kind: "decline",
    failureCode: "expired_card",
  });
});
