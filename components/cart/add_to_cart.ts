/**
 * What the product page's "Add to cart" needs from the server: its texts
 * in the shopper's language and where the cart is.
 *
 * @module
 */
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import type { AddToCartSettings } from "../../islands/AddToCart.tsx";
import { pluralForms } from "./plural.ts";

/** The settings of the add-to-cart form of a product page in `language`. */
export function addToCartSettings(
  t: Translate,
  language: Language,
): AddToCartSettings {
  return {
    language,
    cartHref: `/${language}/cart`,
    labels: {
      quantity: t("product.addToCart.quantity"),
      add: t("product.addToCart.add"),
      adding: t("product.addToCart.adding"),
      added: t("product.addToCart.added"),
      viewCart: t("product.addToCart.viewCart"),
      soldOut: t("product.addToCart.soldOut"),
      onlyLeft: pluralForms(t, "catalog.stock.lowStock"),
      errors: {
        out_of_stock: t("product.addToCart.soldOutNow"),
        variant_not_found: t("product.addToCart.notOnSale"),
        network: t("product.addToCart.offline"),
        failed: t("product.addToCart.failed"),
      },
    },
  };
}
