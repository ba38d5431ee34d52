import type { Head, PageProps } from "../edge/define.ts";

/** The not-found page's head: never indexed. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.notFoundTitle", { store: state.storeName }),
    noindex: true,
  };
}

/** The localized 404 page. */
export default function NotFound({ state }: PageProps) {
  const { t, locale } = state;
  return (
    <section class="mx-auto max-w-xl px-4 py-24 text-center">
      <p class="text-6xl font-extrabold text-indigo-600">404</p>
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] mt-4 text-3xl font-bold tracking-tight">
        {t("notFound.title")}
      </h1>
      <p class="mt-4 text-gray-600">{t("notFound.body")}</p>
      <a
        href={`/${locale.language}/`}
        class="mt-8 inline-block rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white hover:bg-indigo-700"
      >
        {t("notFound.back")}
      </a>
    </section>
  );
}
