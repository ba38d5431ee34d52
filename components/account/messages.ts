/**
 * Field error codes of the account forms, as the shopper reads them.
 *
 * @module
 */
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../commerce/identity/mod.ts";
import type { Translate } from "../../edge/i18n.ts";

/**
 * Translate a field's error codes (`required`, `invalidEmail`, the password
 * policy's `too_short`...) into messages.
 */
export function errorMessages(
  t: Translate,
  codes: readonly string[] | undefined,
): string[] {
  return (codes ?? []).map((code) =>
    t(`account.errors.${code}`, {
      min: PASSWORD_MIN_LENGTH,
      max: PASSWORD_MAX_LENGTH,
    })
  );
}
