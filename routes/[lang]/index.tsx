import { describeCurrencies } from "../../commerce/localization/mod.ts";
import type { Head, PageProps } from "../../edge/define.ts";

const COLLECTIONS = [
  { key: "home", tint: "from-amber-200 to-rose-300" },
  { key: "travel", tint: "from-sky-200 to-indigo-300" },
  { key: "kitchen", tint: "from-lime-200 to-emerald-300" },
  { key: "stationery", tint: "from-fuchsia-200 to-violet-300" },
] as const;

const BENEFITS = ["shipping", "currency", "returns", "secure"] as const;

/** Title and description of the home page. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.homeTitle", { store: state.storeName }),
    description: state.t("meta.homeDescription"),
  };
}

/** The home page: hero, collections and what the store promises. */
export default function Home({ state }: PageProps) {
  const { t, locale } = state;
  const [currency] = describeCurrencies([locale.currency], locale.language);
  return (
    <>
      <section class="bg-gradient-to-br from-indigo-50 via-white to-pink-50">
        <div class="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p class="text-sm font-semibold uppercase tracking-wider text-indigo-600">
            {t("home.eyebrow")}
          </p>
          <h1 class="[text-wrap:balance] [word-break:auto-phrase] mt-3 max-w-2xl text-4xl font-extrabold tracking-tight text-gray-900 sm:text-5xl">
            {t("home.heroTitle")}
          </h1>
          <p class="mt-5 max-w-xl text-lg text-gray-600">
            {t("home.heroBody")}
          </p>
          <div class="mt-8 flex flex-wrap items-center gap-4">
            <a
              href="#collections"
              class="rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white shadow hover:bg-indigo-700"
            >
              {t("home.heroCta")}
            </a>
            <p data-testid="prices-in" class="text-sm text-gray-600">
              {t("home.pricesIn", {
                currency: currency.name,
                symbol: currency.symbol,
              })}
            </p>
          </div>
        </div>
      </section>

      <section id="collections" class="mx-auto max-w-6xl px-4 py-14">
        <h2 class="text-2xl font-bold tracking-tight">
          {t("home.collectionsTitle")}
        </h2>
        <ul class="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {COLLECTIONS.map(({ key, tint }) => (
            <li
              key={key}
              class="overflow-hidden rounded-xl border border-gray-200 shadow-sm"
            >
              <div
                class={`h-36 bg-gradient-to-br ${tint}`}
                aria-hidden="true"
              />
              <div class="p-4">
                <h3 class="font-semibold">
                  {t(`home.collections.${key}.title`)}
                </h3>
                <p class="mt-1 text-sm text-gray-600">
                  {t(`home.collections.${key}.body`)}
                </p>
                <p class="mt-3 inline-block rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600">
                  {t("home.comingSoon")}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section class="bg-gray-50">
        <div class="mx-auto max-w-6xl px-4 py-14">
          <h2 class="text-2xl font-bold tracking-tight">
            {t("home.benefitsTitle")}
          </h2>
          <dl class="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {BENEFITS.map((key) => (
              <div key={key} class="rounded-xl bg-white p-5 shadow-sm">
                <dt class="font-semibold">{t(`home.benefits.${key}.title`)}</dt>
                <dd class="mt-1 text-sm text-gray-600">
                  {t(`home.benefits.${key}.body`)}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
    </>
  );
}
