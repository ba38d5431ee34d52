/**
 * Exact decimal arithmetic on BigInt: a decimal is `units / 10^scale`. Only
 * the pricing module uses these; nothing here ever touches a float.
 *
 * @module
 */

/** An exact decimal: `units / 10^scale`, `scale` ≥ 0. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** A plain decimal numeral: optional minus, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** `10^n` as a BigInt (n ≥ 0), memoized for the small powers money uses. */
export function pow10(n: number): bigint {
  if (n < POWERS.length) return POWERS[n];
  return 10n ** BigInt(n);
}
const POWERS = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/**
 * Read a plain decimal numeral ("12.30", "-0.5", "7") exactly. The caller
 * has checked it against {@link DECIMAL_PATTERN}.
 */
export function parseDecimal(text: string): Decimal {
  const negative = text.startsWith("-");
  const unsigned = negative ? text.slice(1) : text;
  const [whole, fraction = ""] = unsigned.split(".");
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

/** Write `units / 10^scale` as a decimal numeral with exactly `scale` decimals. */
export function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(
    scale + 1,
    "0",
  );
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Drop trailing fraction zeros (and a bare point): "1.2300" → "1.23". */
export function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * `num / den` rounded to an integer, halves away from zero (2.5 → 3,
 * -2.5 → -3). `den` must be positive.
 */
export function divideRoundHalfAway(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  const quotient = (2n * magnitude + den) / (2n * den);
  return negative ? -quotient : quotient;
}

/** The number of decimal digits of a positive BigInt. */
function digitCount(value: bigint): number {
  return value.toString().length;
}

/**
 * The positive rational `num / den` as a decimal numeral rounded (half up)
 * to `digits` significant digits, trailing zeros dropped: (1, 3) at 4
 * digits is "0.3333", (2, 3) is "0.6667", (1, 1) is "1".
 */
export function toSignificant(
  num: bigint,
  den: bigint,
  digits: number,
): string {
  if (num <= 0n || den <= 0n) {
    throw new RangeError("toSignificant() takes a positive ratio");
  }
  // Choose k so that floor(num * 10^k / den) has exactly `digits` digits.
  let k = digits - (digitCount(num) - digitCount(den));
  for (;;) {
    const length = digitCount(scaleDiv(num, den, k));
    if (length > digits) k--;
    else if (length < digits) k++;
    else break;
  }
  let q = k >= 0
    ? divideRoundHalfAway(num * pow10(k), den)
    : divideRoundHalfAway(num, den * pow10(-k));
  if (digitCount(q) > digits) {
    // Rounding carried into a new digit (9.9995 → 10.00): drop one place.
    q /= 10n;
    k--;
  }
  return k >= 0 ? trimZeros(formatDecimal(q, k)) : (q * pow10(-k)).toString();
}

function scaleDiv(num: bigint, den: bigint, k: number): bigint {
  return k >= 0 ? (num * pow10(k)) / den : num / (den * pow10(-k));
}

/** The exact product of two decimal numerals, trailing zeros dropped. */
export function multiplyDecimals(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return trimZeros(formatDecimal(x.units * y.units, x.scale + y.scale));
}

/**
 * Rewrite a JSON number's text ("3.672995", "1e-7", "2.5E+3") as a plain
 * decimal numeral without going through a float. Returns `null` for text
 * that is not a JSON number.
 */
export function plainDecimal(text: string): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  // A feed has no business sending 10^±40; refuse rather than build huge text.
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 40) return null;
  const digits = whole + fraction;
  const scale = fraction.length - exponent;
  const units = BigInt(digits);
  const text2 = scale >= 0
    ? formatDecimal(units, scale)
    : (units * pow10(-scale)).toString();
  return trimZeros(`${sign}${text2}`).replace(/^(-?)0+(?=\d)/, "$1");
}
