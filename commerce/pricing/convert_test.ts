import assert from "node:assert/strict";
import {
  convert,
  minorUnitExponent,
  type Money,
  RATE_SIGNIFICANT_DIGITS,
  rateBetween,
  type RateTable,
  RateUnavailableError,
  UnknownCurrencyError,
} from "./mod.ts";

const ECB_2022_07_08: RateTable = {
  base: "EUR",
  rates: new Map([
    ["USD", "1.0163"],
    ["JPY", "138.05"],
    ["GBP", "0.84585"],
    ["AED", "3.73236175"],
  ]),
  asOf: new Date("2022-07-08T00:00:00Z"),
  source: "ecb",
};

const usd = (amount: bigint): Money => ({ amount, currency: "USD" });

Deno.test("convert() crosses through the base and rounds to the minor unit", () => {
  const yen = convert(usd(10000n), "JPY", ECB_2022_07_08);
  // 100 × 138.05 / 1.0163 = 13583.5875…
  assert.deepEqual(yen.money, { amount: 13584n, currency: "JPY" });
  assert.equal(yen.rate, "135.835875234");
  assert.equal(yen.asOf.toISOString(), "2022-07-08T00:00:00.000Z");
  assert.equal(yen.source, "ecb");
  const pounds = convert(usd(10000n), "GBP", ECB_2022_07_08);
  assert.deepEqual(pounds.money, { amount: 8323n, currency: "GBP" });
  assert.equal(pounds.rate, "0.832283774476");
  // The AED snapshot rate is the peg, exactly.
  assert.equal(convert(usd(100n), "AED", ECB_2022_07_08).rate, "3.6725");
});

Deno.test("convert() to and from the base uses the rate as published", () => {
  const euros = { amount: 10000n, currency: "EUR" };
  const dollars = convert(euros, "USD", ECB_2022_07_08);
  assert.deepEqual(dollars.money, usd(10163n));
  assert.equal(dollars.rate, "1.0163");
  const back = convert(usd(10163n), "EUR", ECB_2022_07_08);
  assert.deepEqual(back.money, euros);
});

Deno.test("convert() to the same currency is the identity at rate 1", () => {
  const result = convert(usd(1234n), "USD", ECB_2022_07_08);
  assert.deepEqual(result.money, usd(1234n));
  assert.equal(result.rate, "1");
});

Deno.test("convert() rounds halves away from zero", () => {
  const table: RateTable = {
    base: "USD",
    rates: new Map([["JPY", "1"], ["EUR", "0.1"]]),
    asOf: new Date(0),
    source: "test",
  };
  // 1.50 USD → 1.5 yen → 2; 2.50 → 3 (not banker's 2).
  assert.equal(convert(usd(150n), "JPY", table).money.amount, 2n);
  assert.equal(convert(usd(250n), "JPY", table).money.amount, 3n);
  assert.equal(convert(usd(249n), "JPY", table).money.amount, 2n);
  assert.equal(convert(usd(-150n), "JPY", table).money.amount, -2n);
  assert.equal(convert(usd(-249n), "JPY", table).money.amount, -2n);
  // 0.05 USD → 0.005 EUR → 0.01; its refund → -0.01.
  assert.equal(convert(usd(5n), "EUR", table).money.amount, 1n);
  assert.equal(convert(usd(-5n), "EUR", table).money.amount, -1n);
  assert.equal(convert(usd(4n), "EUR", table).money.amount, 0n);
});

Deno.test("convert() answers typed errors for unknown codes and missing rates", () => {
  assert.throws(
    () => convert(usd(1n), "XYZ", ECB_2022_07_08),
    UnknownCurrencyError,
  );
  assert.throws(
    () => convert(usd(1n), "CHF", ECB_2022_07_08),
    (error: unknown) =>
      error instanceof RateUnavailableError && error.status === 503 &&
      error.currency === "CHF",
  );
  assert.throws(
    () => convert({ amount: 1n, currency: "SEK" }, "USD", ECB_2022_07_08),
    RateUnavailableError,
  );
});

Deno.test("convert() reports the older rate's date and source", () => {
  const table: RateTable = {
    ...ECB_2022_07_08,
    asOf: new Date("2022-07-09T00:00:00Z"),
    entries: new Map([
      ["USD", { asOf: new Date("2022-07-09T00:00:00Z"), source: "ecb" }],
      ["AED", { asOf: new Date("2022-07-01T00:00:00Z"), source: "snapshot" }],
    ]),
  };
  const result = convert(usd(100n), "AED", table);
  assert.equal(result.source, "snapshot");
  assert.equal(result.asOf.toISOString(), "2022-07-01T00:00:00.000Z");
  assert.deepEqual(rateBetween(table, { from: "EUR", to: "USD" }), {
    rate: "1.0163",
    asOf: new Date("2022-07-09T00:00:00Z"),
    source: "ecb",
  });
  assert.equal(rateBetween(table, { from: "USD", to: "CHF" }), null);
});

// ---------------------------------------------------------------------------
// Property tests against an independent oracle: schoolbook decimal
// arithmetic on arrays of digits (plain numbers, no BigInt, no shared
// helper), so a bug in the BigInt path cannot hide in the oracle too.

/** Mulberry32: a tiny seeded PRNG so a failure reproduces from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Digits = number[]; // most significant first, no leading zeros ([0] is 0)

function digitsOf(text: string): Digits {
  const digits = [...text].map(Number);
  while (digits.length > 1 && digits[0] === 0) digits.shift();
  return digits;
}

function compareDigits(a: Digits, b: Digits): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

function subtractDigits(a: Digits, b: Digits): Digits {
  const result = [...a];
  let borrow = 0;
  for (let i = 0; i < result.length; i++) {
    const ai = result.length - 1 - i;
    const bi = b.length - 1 - i;
    let d = result[ai] - borrow - (bi >= 0 ? b[bi] : 0);
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    result[ai] = d;
  }
  return digitsOf(result.join(""));
}

function multiplyDigits(a: Digits, b: Digits): Digits {
  const out = new Array(a.length + b.length).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const sum = out[i + j + 1] + a[i] * b[j];
      out[i + j + 1] = sum % 10;
      out[i + j] += Math.floor(sum / 10);
    }
  }
  return digitsOf(out.join(""));
}

/** floor(a / b) by long division, digit by digit. */
function divideDigits(a: Digits, b: Digits): Digits {
  const quotient: number[] = [];
  let remainder: Digits = [0];
  for (const digit of a) {
    remainder = digitsOf(remainder.join("") + digit);
    let q = 0;
    while (compareDigits(remainder, b) >= 0) {
      remainder = subtractDigits(remainder, b);
      q++;
    }
    quotient.push(q);
  }
  return digitsOf(quotient.join(""));
}

function incrementDigits(a: Digits): Digits {
  const result = [...a];
  let i = result.length - 1;
  while (i >= 0 && result[i] === 9) result[i--] = 0;
  if (i < 0) result.unshift(1);
  else result[i]++;
  return result;
}

/** A decimal numeral's digits (point removed) and its count of decimals. */
function splitDecimal(text: string): { digits: string; scale: number } {
  const [whole, fraction = ""] = text.split(".");
  return { digits: whole + fraction, scale: fraction.length };
}

/**
 * The oracle: amount (minor units of `from`) × toRate / fromRate in minor
 * units of `to`, halves away from zero, as a decimal string of an integer.
 */
function oracleConvert(
  amount: string,
  { fromExp, toExp, fromRate, toRate }: {
    fromExp: number;
    toExp: number;
    fromRate: string;
    toRate: string;
  },
): string {
  const negative = amount.startsWith("-");
  const magnitude = negative ? amount.slice(1) : amount;
  const f = splitDecimal(fromRate);
  const t = splitDecimal(toRate);
  // value = mag × t / f × 10^(f.scale − t.scale − fromExp + toExp); keep one
  // more digit to decide the rounding.
  const shift = f.scale - t.scale - fromExp + toExp + 1;
  let numerator = multiplyDigits(digitsOf(magnitude), digitsOf(t.digits));
  let denominator = digitsOf(f.digits);
  if (shift >= 0) numerator = digitsOf(numerator.join("") + "0".repeat(shift));
  else denominator = digitsOf(denominator.join("") + "0".repeat(-shift));
  const tenfold = divideDigits(numerator, denominator);
  const last = tenfold[tenfold.length - 1];
  let rounded = tenfold.length > 1 ? tenfold.slice(0, -1) : [0];
  if (last >= 5) rounded = incrementDigits(rounded);
  const text = rounded.join("");
  return negative && text !== "0" ? `-${text}` : text;
}

/** The oracle of the reported rate: toRate / fromRate to N significant digits. */
function oracleRate(fromRate: string, toRate: string, digits: number): string {
  const f = splitDecimal(fromRate);
  const t = splitDecimal(toRate);
  // Scale the quotient up by 10^k until it has digits + 1 digits.
  for (let k = -40; k < 80; k++) {
    let numerator = digitsOf(t.digits + "0".repeat(Math.max(0, k + f.scale)));
    let denominator = digitsOf(f.digits + "0".repeat(Math.max(0, t.scale)));
    if (k + f.scale < 0) {
      denominator = digitsOf(denominator.join("") + "0".repeat(-(k + f.scale)));
    }
    numerator = digitsOf(numerator.join(""));
    const q = divideDigits(numerator, denominator);
    if (q.length < digits + 1 || (q.length === 1 && q[0] === 0)) continue;
    // q = floor(rate × 10^k) with digits + 1 digits: round away the last.
    let kept = q.slice(0, -1);
    if (q[q.length - 1] >= 5) kept = incrementDigits(kept);
    let exponent = k; // the kept digits stand for rate × 10^(k − 1)
    if (kept.length > digits) {
      kept = kept.slice(0, -1);
      exponent--;
    }
    // rate ≈ kept × 10^−(exponent − 1)
    const scale = exponent - 1;
    const text = kept.join("");
    if (scale <= 0) return text + "0".repeat(-scale);
    const padded = text.padStart(scale + 1, "0");
    const whole = padded.slice(0, padded.length - scale);
    const fraction = padded.slice(padded.length - scale).replace(/0+$/, "");
    return fraction ? `${whole}.${fraction}` : whole;
  }
  throw new Error("oracleRate: out of range");
}

const CURRENCIES = ["EUR", "USD", "JPY", "KWD", "GBP", "BHD", "CLP", "ISK"];

function randomDecimal(random: () => number): string {
  const length = 1 + Math.floor(random() * 10);
  let digits = "";
  for (let i = 0; i < length; i++) {
    digits += Math.floor(random() * 10);
  }
  if (!/[1-9]/.test(digits)) digits = digits.slice(0, -1) + "7";
  const scale = Math.floor(random() * 11);
  const padded = digits.padStart(scale + 1, "0");
  const whole = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, "");
  return scale ? `${whole}.${padded.slice(padded.length - scale)}` : whole;
}

function randomAmount(random: () => number): bigint {
  const length = 1 + Math.floor(random() * 16);
  let digits = "";
  for (let i = 0; i < length; i++) digits += Math.floor(random() * 10);
  const amount = BigInt(digits);
  return random() < 0.2 ? -amount : amount;
}

const SEED = Number(Deno.env.get("PRICING_PROPERTY_SEED") ?? 20220708);
const RUNS = 4000;

Deno.test(`convert() matches an independent digit-by-digit oracle (seed ${SEED}, ${RUNS} runs)`, () => {
  const random = mulberry32(SEED);
  for (let run = 0; run < RUNS; run++) {
    const base = CURRENCIES[Math.floor(random() * CURRENCIES.length)];
    const rates = new Map<string, string>();
    for (const code of CURRENCIES) {
      if (code !== base) rates.set(code, randomDecimal(random));
    }
    const table: RateTable = { base, rates, asOf: new Date(0), source: "test" };
    const from = CURRENCIES[Math.floor(random() * CURRENCIES.length)];
    const to = CURRENCIES[Math.floor(random() * CURRENCIES.length)];
    const amount = randomAmount(random);
    const fromRate = from === base ? "1" : rates.get(from)!;
    const toRate = to === base ? "1" : rates.get(to)!;
    const context = () =>
      `seed ${SEED}, run ${run}: ${amount} ${from} → ${to} (${fromRate} → ${toRate} per ${base})`;

    const result = convert({ amount, currency: from }, to, table);
    const expected = from === to ? amount.toString() : oracleConvert(
      amount.toString(),
      {
        fromExp: minorUnitExponent(from),
        toExp: minorUnitExponent(to),
        fromRate,
        toRate,
      },
    );
    assert.equal(result.money.amount.toString(), expected, context());
    assert.equal(result.money.currency, to, context());
    assert.equal(
      result.rate,
      from === to ? "1" : oracleRate(fromRate, toRate, RATE_SIGNIFICANT_DIGITS),
      context(),
    );
    // Symmetric rounding: a refund converts to the negated charge.
    assert.equal(
      convert({ amount: -amount, currency: from }, to, table).money.amount,
      -result.money.amount,
      context(),
    );
  }
});

Deno.test(`convert() there and back stays within rounding of the start (seed ${SEED})`, () => {
  const random = mulberry32(SEED + 1);
  for (let run = 0; run < 1000; run++) {
    const rates = new Map([
      ["USD", randomDecimal(random)],
      ["GBP", randomDecimal(random)],
    ]);
    const table: RateTable = {
      base: "EUR",
      rates,
      asOf: new Date(0),
      source: "test",
    };
    const start = { amount: randomAmount(random), currency: "USD" };
    const there = convert(start, "GBP", table).money;
    const back = convert(there, "USD", table).money;
    // |back − start| ≤ half a cent + (half a penny in cents) + 1 for rounding.
    const usdPerGbp = Number(rates.get("USD")) / Number(rates.get("GBP"));
    const bound = 1 + Math.ceil(usdPerGbp / 2);
    const diff = Number(back.amount - start.amount);
    assert.ok(
      Math.abs(diff) <= bound,
      `seed ${SEED}, run ${run}: ${start.amount} → ${there.amount} → ${back.amount}`,
    );
  }
});
