import { getCart } from "../../commerce/cart/mod.ts";
import type { CartView } from "../../commerce/cart/mod.ts";
import { cartEditorProps } from "../../components/cart/cart_editor.ts";
import { privatePage } from "../../components/cart/private_page.ts";
import { cartOwner } from "../../edge/cart_session.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";
import CartEditor from "../../islands/CartEditor.tsx";

interface CartPageData {
  cart: CartView;
}

/**
 * `GET /{lang}/cart`: the shopper's cart, priced in their currency,
 * rendered on the server (readable without JavaScript) and edited by the
 * cart island. One shopper's page: never cached.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { currency, language } = c.var.locale;
    const cart = await getCart(c.var.db.sql, {
      owner: cartOwner(c),
      currency,
      language,
    });
    return privatePage(page.render({ cart } satisfies CartPageData));
  },
};

/** "Cart · <store>", never indexed. */
export function head({ state }: PageProps<CartPageData>): Head {
  return {
    title: state.t("cart.meta", {
      page: state.t("cart.title"),
      store: state.storeName,
    }),
    noindex: true,
  };
}

/** The cart page. */
export default function CartPage({ data, state }: PageProps<CartPageData>) {
  const { t, locale } = state;
  return (
    <section class="mx-auto max-w-6xl px-4 py-8">
      <h1 class="text-3xl font-extrabold tracking-tight text-gray-900">
        {t("cart.title")}
      </h1>
      <div class="mt-6">
        <CartEditor
          {...cartEditorProps(t, {
            cart: data.cart,
            language: locale.language,
            currencies: state.currencies,
          })}
        />
      </div>
    </section>
  );
}
