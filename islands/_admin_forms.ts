/**
 * What the dashboard's islands share: reading an exact decimal in a
 * currency's minor units (no floats), the field errors of an API answer,
 * and the error line an editor shows. Not an island itself.
 *
 * @module
 */
import { ApiFailure } from "./_api.ts";

/**
 * `text` as integer minor units of a currency with `digits` decimals, or
 * `null` when it is not a plain decimal with at most that many decimals.
 */
export function minorUnits(text: string, digits: number): bigint | null {
  const match = /^(\d{1,15})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  return BigInt(match[1]) * 10n ** BigInt(digits) +
    BigInt((fraction + "0".repeat(digits)).slice(0, digits) || "0");
}

/** How many decimals `currency` has (JPY 0, EUR 2, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency })
    .resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The per-field messages of a `validation_failed` answer, by the path the
 * server names (`carrier`, `copy.de.name`), as the server wrote them.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiFailure) || !Array.isArray(error.details)) {
    return fields;
  }
  for (
    const detail of error.details as { path?: unknown; message?: unknown }[]
  ) {
    if (
      typeof detail?.path === "string" && typeof detail.message === "string"
    ) {
      fields[detail.path] ??= detail.message;
    }
  }
  return fields;
}

/** A failure as the dashboard shows it (see {@link failureText}). */
export interface Failure {
  /** The translated sentence for the error's code. */
  summary: string;
  /** The server's own message; "" when there is none to show. */
  detail: string;
}

/**
 * A failure as the dashboard shows it: the translated sentence for its
 * code (else `failed`), and the server's own message beneath.
 */
export function failureText(
  error: unknown,
  messages: Record<string, string>,
): Failure {
  const code = error instanceof ApiFailure ? error.code : "";
  return {
    summary: messages[code] ?? messages.failed ?? "",
    detail: error instanceof ApiFailure && error.code !== "network"
      ? error.message
      : "",
  };
}
