/**
 * A line's options (`{ color: "black", size: "m" }`) as a shopper reads
 * them, for cart, checkout and order lines.
 *
 * @module
 */
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import { attributeName, attributeValue } from "../catalog/labels.ts";

/** "Colour: Black · Size: M", translated; "" without options. */
export function optionsText(
  t: Translate,
  options: Record<string, string>,
  language: Language,
): string {
  return Object.entries(options)
    .map(([code, value]) =>
      `${attributeName(t, code)}: ${attributeValue(t, value, language)}`
    )
    .join(" · ");
}
