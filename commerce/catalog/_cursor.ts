import { Invalid } from "../../edge/errors.ts";

/** The SQL types a cursor key is cast to; each is checked before it is. */
export type KeyType = "numeric" | "real" | "integer" | "uuid" | "timestamptz";

const KEY_PATTERNS: Record<KeyType, RegExp> = {
  numeric: /^-?\d{1,19}(\.\d{1,10})?$/,
  real: /^-?\d{1,10}(\.\d{1,12})?(e-?\d{1,2})?$/,
  integer: /^-?\d{1,9}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // Postgres's text form of a timestamptz: "2026-11-22 05:29:57.126989+00".
  timestamptz:
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};

/**
 * Encode the sort keys of a page's last row as an opaque cursor, tagged with
 * the list it belongs to (e.g. the sort) so it cannot continue another.
 */
export function encodeCursor(tag: string, keys: unknown[]): string {
  const json = JSON.stringify([tag, ...keys]);
  const bytes = new TextEncoder().encode(json);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The keys inside a cursor from {@link encodeCursor}, each checked against
 * its type in `types`. A cursor that was tampered with, is stale, or belongs
 * to another list (`tag`) is a 400 `invalid_cursor`, never a database error.
 */
export function decodeCursor(
  cursor: string,
  options: { tag: string; types: readonly KeyType[] },
): string[] {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const [tag, ...keys] = JSON.parse(new TextDecoder().decode(bytes));
    if (
      tag === options.tag && keys.length === options.types.length &&
      keys.every((key: unknown, i: number) =>
        typeof key === "string" && KEY_PATTERNS[options.types[i]].test(key) &&
        (options.types[i] !== "timestamptz" ||
          !Number.isNaN(
            Date.parse(key.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")),
          ))
      )
    ) {
      return keys;
    }
  } catch {
    // Answered below.
  }
  throw new Invalid("The cursor is not valid for this list", {
    code: "invalid_cursor",
  });
}
