import { Invalid } from "../../edge/errors.ts";

/** Encode the sort keys of a page's last row as an opaque cursor. */
export function encodeCursor(keys: unknown[]): string {
  const json = JSON.stringify(keys);
  const bytes = new TextEncoder().encode(json);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-")
    .replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The `width` string keys inside a cursor from {@link encodeCursor}; a
 * cursor that was tampered with or belongs to another sort is a 400.
 */
export function decodeCursor(cursor: string, width: number): string[] {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const keys = JSON.parse(new TextDecoder().decode(bytes));
    if (
      Array.isArray(keys) && keys.length === width &&
      keys.every((key) => typeof key === "string" && key.length < 200)
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
