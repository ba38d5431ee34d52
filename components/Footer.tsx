import type { PageState } from "../edge/define.ts";

/** The store footer: tagline, links and the copyright line. */
export function Footer({ state }: { state: PageState }) {
  const { t, locale } = state;
  const base = `/${locale.language}`;
  return (
    <footer class="border-t border-gray-200 bg-gray-50">
      <div class="mx-auto max-w-6xl px-4 py-10 grid gap-8 sm:grid-cols-3 text-sm text-gray-600">
        <div>
          <p class="font-semibold text-gray-900">{state.storeName}</p>
          <p class="mt-2">{t("footer.tagline")}</p>
        </div>
        <div>
          <p class="font-semibold text-gray-900">{t("footer.shopping")}</p>
          <ul class="mt-2 space-y-1">
            <li>
              <a class="hover:text-indigo-600" href={`${base}/search`}>
                {t("footer.search")}
              </a>
            </li>
            <li>
              <a class="hover:text-indigo-600" href={`${base}/about`}>
                {t("footer.shippingInfo")}
              </a>
            </li>
            <li>
              <a class="hover:text-indigo-600" href={`${base}/about`}>
                {t("footer.returns")}
              </a>
            </li>
          </ul>
        </div>
        <div>
          <p class="font-semibold text-gray-900">{t("footer.company")}</p>
          <ul class="mt-2 space-y-1">
            <li>
              <a class="hover:text-indigo-600" href={`${base}/about`}>
                {t("nav.about")}
              </a>
            </li>
            <li>
              <a class="hover:text-indigo-600" href={`${base}/stores`}>
                {t("footer.stores")}
              </a>
            </li>
            <li>
              <a class="hover:text-indigo-600" href={`${base}/about`}>
                {t("footer.contact")}
              </a>
            </li>
          </ul>
        </div>
      </div>
      <p class="border-t border-gray-200 py-4 text-center text-xs text-gray-500">
        {t("footer.rights", {
          year: new Date().getFullYear(),
          store: state.storeName,
        })}
      </p>
    </footer>
  );
}
