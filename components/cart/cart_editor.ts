/**
 * What the cart page's island renders from: the cart as the API shapes
 * it, its lines' options translated, the currencies and every text.
 *
 * @module
 */
import type { CartView } from "../../commerce/cart/mod.ts";
import {
  currencyLabel,
  describeCurrencies,
  type Language,
} from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import type { CartEditorProps } from "../../islands/CartEditor.tsx";
import { optionsText } from "./options.ts";
import { pluralForms } from "./plural.ts";

/** The props of the cart editor for `cart`, in `language`. */
export function cartEditorProps(
  t: Translate,
  options: {
    cart: CartView;
    language: Language;
    currencies: readonly string[];
  },
): CartEditorProps {
  const { cart, language } = options;
  return {
    language,
    cart,
    optionTexts: Object.fromEntries(
      cart.items.map((line) => [
        line.id,
        optionsText(t, line.options, language),
      ]),
    ),
    currencies: describeCurrencies(options.currencies, language).map((
      currency,
    ) => ({ code: currency.code, label: currencyLabel(currency) })),
    checkoutHref: `/${language}/checkout`,
    shopHref: `/${language}/`,
    labels: {
      quantity: t("cart.quantity"),
      decrease: t("cart.decrease"),
      increase: t("cart.increase"),
      remove: t("cart.remove"),
      unitPrice: t("cart.unitPrice"),
      lineTotal: t("cart.lineTotal"),
      priceChanged: t("cart.priceChanged"),
      noPrice: t("cart.noPrice"),
      unavailable: t("cart.unavailable"),
      soldOut: t("cart.soldOut"),
      onlyLeft: pluralForms(t, "catalog.stock.lowStock"),
      summary: t("cart.summary"),
      subtotal: t("cart.subtotal"),
      itemCount: pluralForms(t, "cart.itemCount"),
      taxNote: t("cart.taxNote"),
      currency: t("cart.currency"),
      checkout: t("cart.checkout"),
      notReady: t("cart.notReady"),
      updating: t("cart.updating"),
      emptyTitle: t("cart.emptyTitle"),
      emptyBody: t("cart.emptyBody"),
      continueShopping: t("cart.continueShopping"),
      errors: {
        out_of_stock: t("cart.errors.outOfStock"),
        cart_item_not_found: t("cart.errors.gone"),
        network: t("cart.errors.offline"),
        failed: t("cart.errors.failed"),
      },
    },
  };
}
