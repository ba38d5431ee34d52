const exponents = new Map<string, number>();

/**
 * The number of minor-unit digits of an ISO 4217 currency (JPY 0, USD 2,
 * KWD 3), as `Intl.NumberFormat` knows it. Throws `RangeError` for a code
 * that is not a currency.
 */
export function minorUnitExponent(code: string): number {
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    if (!isCurrencyCode(code)) {
      throw new RangeError(`Unknown currency code '${code}'`);
    }
    exponent =
      new Intl.NumberFormat("en", { style: "currency", currency: code })
        .resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(code, exponent);
  }
  return exponent;
}

/** Whether `code` is an ISO 4217 code this runtime's `Intl` knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) &&
    Intl.supportedValuesOf("currency").includes(code);
}
