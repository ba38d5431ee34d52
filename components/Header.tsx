import {
  currencyLabel,
  describeCurrencies,
  nativeLanguageName,
} from "../commerce/localization/mod.ts";
import type { PageState } from "../edge/define.ts";
import CurrencyPicker from "../islands/CurrencyPicker.tsx";
import LanguagePicker from "../islands/LanguagePicker.tsx";
import { PreferencesForm } from "./PreferencesForm.tsx";
import { SearchBox } from "./SearchBox.tsx";

/**
 * The store header: name, navigation, the catalog search, pickers and the
 * cart link. On phones: name and cart, the search, then navigation and
 * pickers; on wide screens one row, the search between navigation and
 * pickers.
 */
export function Header({ state, url }: { state: PageState; url: URL }) {
  const { t, locale } = state;
  const home = `/${locale.language}/`;
  return (
    <header class="border-b border-gray-200 bg-white">
      <div class="mx-auto max-w-6xl px-4 py-3 flex flex-wrap items-center gap-x-4 gap-y-2 lg:flex-nowrap lg:gap-x-6">
        <a
          href={home}
          class="order-1 flex shrink-0 items-center gap-2 text-lg font-bold tracking-tight text-gray-900"
        >
          <span
            aria-hidden="true"
            class="inline-block h-7 w-7 rounded-lg bg-gradient-to-br from-indigo-500 to-pink-500"
          />
          {state.storeName}
        </a>
        <nav
          aria-label={t("nav.mainNavigation")}
          class="order-4 flex items-center gap-4 whitespace-nowrap text-sm font-medium text-gray-700 lg:order-2"
        >
          <a href={home} class="hover:text-indigo-600">{t("nav.home")}</a>
          <a
            href={`/${locale.language}/stores`}
            class="hover:text-indigo-600"
          >
            {t("nav.stores")}
          </a>
          <a href={`/${locale.language}/about`} class="hover:text-indigo-600">
            {t("nav.about")}
          </a>
          {state.signedIn
            ? (
              // The account's pages, no script needed: a disclosure menu.
              <details class="group relative" data-testid="account-menu">
                <summary
                  data-testid="account-link"
                  class="flex cursor-pointer list-none items-center gap-1 hover:text-indigo-600 [&::-webkit-details-marker]:hidden"
                >
                  {t("account.nav")}
                  <svg
                    aria-hidden="true"
                    viewBox="0 0 20 20"
                    fill="currentColor"
                    class="h-4 w-4 transition-transform group-open:rotate-180"
                  >
                    <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
                  </svg>
                </summary>
                <div class="absolute left-0 z-20 mt-2 w-48 rounded-md border border-gray-200 bg-white py-1 shadow-lg rtl:left-auto rtl:right-0">
                  <a
                    href={`/${locale.language}/account`}
                    class="block px-4 py-2 hover:bg-gray-50 hover:text-indigo-600"
                  >
                    {t("account.nav")}
                  </a>
                  <a
                    href={`/${locale.language}/account/orders`}
                    data-testid="orders-nav-link"
                    class="block px-4 py-2 hover:bg-gray-50 hover:text-indigo-600"
                  >
                    {t("nav.orders")}
                  </a>
                </div>
              </details>
            )
            : (
              <a
                href={`/${locale.language}/account/signin`}
                class="hover:text-indigo-600"
                data-testid="account-link"
              >
                {t("account.signin.link")}
              </a>
            )}
        </nav>
        <div class="order-3 w-full lg:order-3 lg:w-auto lg:flex-1">
          <SearchBox
            t={t}
            language={locale.language}
            query={url.pathname === `/${locale.language}/search`
              ? url.searchParams.get("q") ?? ""
              : ""}
          />
        </div>
        <div class="order-5 ml-auto flex flex-wrap items-start justify-end gap-2 rtl:ml-0 rtl:mr-auto lg:order-4">
          {state.staticPage
            ? <PreferencesForm state={state} returnTo={url.pathname} />
            : (
              <>
                <LanguagePicker
                  current={locale.language}
                  options={state.languages.map((code) => ({
                    code,
                    label: nativeLanguageName(code),
                  }))}
                  label={t("picker.language")}
                  savingLabel={t("picker.saving")}
                  failedLabel={t("picker.failed")}
                />
                <CurrencyPicker
                  current={locale.currency}
                  options={describeCurrencies(state.currencies, locale.language)
                    .map(
                      (currency) => ({
                        code: currency.code,
                        label: currencyLabel(currency),
                      }),
                    )}
                  label={t("picker.currency")}
                  savingLabel={t("picker.saving")}
                  failedLabel={t("picker.failed")}
                />
              </>
            )}
        </div>
        <a
          href={`/${locale.language}/cart`}
          data-testid="cart-link"
          class="order-2 ml-auto flex shrink-0 items-center gap-1 rounded-md border border-gray-300 py-1 px-3 text-sm font-medium text-gray-800 hover:border-indigo-400 hover:text-indigo-700 rtl:ml-0 rtl:mr-auto lg:order-5 lg:ml-0 lg:rtl:mr-0"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            class="h-4 w-4"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          >
            <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6" />
            <circle cx="10" cy="20" r="1.5" />
            <circle cx="17" cy="20" r="1.5" />
          </svg>
          {t("nav.cart")}
        </a>
      </div>
    </header>
  );
}
