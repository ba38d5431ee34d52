import { type CartView, getCart } from "../../commerce/cart/mod.ts";
import {
  createQuote,
  type QuoteView,
  quoteView,
} from "../../commerce/checkout/mod.ts";
import {
  type AddressRecord,
  getProfile,
  listAddresses,
} from "../../commerce/identity/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import { ADDRESS_COUNTRIES } from "../../components/account/countries.ts";
import { optionsText } from "../../components/cart/options.ts";
import { privatePage } from "../../components/cart/private_page.ts";
import { addressText } from "../../components/orders/address.ts";
import {
  checkoutLabels,
  countryChoices,
} from "../../components/checkout/labels.ts";
import { cartOwner } from "../../edge/cart_session.ts";
import { checkoutDeps } from "../../edge/checkout.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";
import type { AppContext } from "../../edge/env.ts";
import { AppError } from "../../edge/errors.ts";
import { emptyAddress } from "../../islands/_AddressFields.tsx";
import Checkout, { type CheckoutProps } from "../../islands/Checkout.tsx";

/** Where a checkout starts when nothing says where the shopper lives. */
const HOME_COUNTRY: Record<Language, string> = {
  en: "US",
  de: "DE",
  fr: "FR",
  es: "ES",
  ja: "JP",
  zh: "CN",
  ar: "AE",
};

/** What the checkout page renders. */
type CheckoutData =
  | { kind: "empty" }
  | { kind: "not_ready" }
  | {
    kind: "ready";
    cart: CartView;
    email?: string;
    saved: AddressRecord[];
    savedId: string;
    country: string;
    quote: QuoteView | null;
    quoteError?: string;
  };

/**
 * `GET /{lang}/checkout`: the checkout of the shopper's cart. The first
 * quote is priced here, for the account's default shipping address, else
 * the country the request comes from, else the language's usual one, so
 * the page arrives complete; the island takes it from there. An empty cart
 * or one with lines that cannot be bought says so instead. One shopper's
 * page: never cached.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    return privatePage(page.render(await checkoutData(c)));
  },
};

async function checkoutData(c: AppContext): Promise<CheckoutData> {
  const sql = c.var.db.sql;
  const { currency, language, country: geo } = c.var.locale;
  const owner = cartOwner(c);
  const cart = await getCart(sql, { owner, currency, language });
  if (!owner || cart.items.length === 0) return { kind: "empty" };
  if (!cart.ready) return { kind: "not_ready" };

  const user = c.var.user;
  const [profile, saved] = user
    ? await Promise.all([
      getProfile(sql, user.id),
      listAddresses(sql, user.id),
    ])
    : [undefined, []];
  const first = saved.find((a) => a.type === "shipping" && a.isDefault) ??
    saved.find((a) => a.type === "shipping");
  const country = first?.country ??
    (geo && ADDRESS_COUNTRIES.includes(geo) ? geo : HOME_COUNTRY[language]);
  const data = {
    kind: "ready" as const,
    cart,
    email: profile?.email,
    saved,
    savedId: first?.id ?? "",
    country,
  };
  try {
    const quote = await createQuote(sql, checkoutDeps(c), {
      owner,
      currency,
      language,
      country,
      region: first?.region ?? undefined,
    });
    return { ...data, quote: quoteView(quote) };
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 500) throw error;
    if (error.code === "cart_empty") return { kind: "empty" };
    if (error.code === "cart_not_ready") return { kind: "not_ready" };
    // No shipping there, no rate today: the shopper can still pick another
    // destination, and the island says why.
    return { ...data, quote: null, quoteError: error.code };
  }
}

/** "Checkout · <store>", never indexed. */
export function head({ state }: PageProps<CheckoutData>): Head {
  return {
    title: state.t("cart.meta", {
      page: state.t("checkout.title"),
      store: state.storeName,
    }),
    noindex: true,
  };
}

/** The checkout page. */
export default function CheckoutPage(
  { data, state }: PageProps<CheckoutData>,
) {
  const { t, locale } = state;
  const { language } = locale;
  return (
    <section class="mx-auto max-w-6xl px-4 py-8">
      <h1 class="text-3xl font-extrabold tracking-tight text-gray-900">
        {t("checkout.title")}
      </h1>
      {data.kind === "ready"
        ? (
          <div class="mt-6">
            <Checkout {...checkoutProps(data, state.t, language)} />
          </div>
        )
        : (
          <div
            data-testid={data.kind === "empty"
              ? "checkout-empty"
              : "checkout-not-ready"}
            class="mt-6 rounded-xl border border-gray-200 bg-gray-50 p-8 text-center"
          >
            <p class="text-gray-700">
              {data.kind === "empty"
                ? t("checkout.emptyBody")
                : t("checkout.notReadyBody")}
            </p>
            <a
              href={data.kind === "empty"
                ? `/${language}/`
                : `/${language}/cart`}
              class="mt-5 inline-block rounded-md bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500"
            >
              {data.kind === "empty"
                ? t("cart.continueShopping")
                : t("checkout.backToCart")}
            </a>
          </div>
        )}
    </section>
  );
}

function checkoutProps(
  data: Extract<CheckoutData, { kind: "ready" }>,
  t: PageProps["state"]["t"],
  language: Language,
): CheckoutProps {
  const labels = checkoutLabels(t);
  return {
    language,
    signedIn: data.email !== undefined,
    email: data.email,
    signinHref: `/${language}/account/signin?next=${
      encodeURIComponent(`/${language}/checkout`)
    }`,
    cartHref: `/${language}/cart`,
    ordersBase: `/${language}/orders`,
    countries: countryChoices(t, language),
    saved: data.saved.map((address) => ({
      id: address.id,
      lines: addressText(address, language),
      country: address.country,
      region: address.region ?? "",
    })),
    address: emptyAddress(data.country),
    savedId: data.savedId,
    quote: data.quote,
    quoteError: data.quoteError
      ? labels.errors[data.quoteError] ?? labels.errors.failed
      : "",
    optionTexts: Object.fromEntries(
      data.cart.items.map((line) => [
        line.variantId,
        optionsText(t, line.options, language),
      ]),
    ),
    labels,
  };
}
