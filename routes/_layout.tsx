import { countryName, languageName } from "../commerce/localization/mod.ts";
import { Footer } from "../components/Footer.tsx";
import { Header } from "../components/Header.tsx";
import type { LayoutProps } from "../edge/define.ts";
import { GEO_DISMISSED_COOKIE } from "../edge/locale.ts";
import GeoSuggestion from "../islands/GeoSuggestion.tsx";

/** The shell of every page: geo suggestion, header, content, footer. */
export default function Layout({ children, state, url }: LayoutProps) {
  const { t, locale } = state;
  const suggested = locale.suggestedLanguage;
  const rest = url.pathname.split("/").slice(2).join("/");
  return (
    <div class="min-h-screen flex flex-col bg-white font-sans text-gray-900 antialiased">
      <a href="#main" class="sr-only focus:not-sr-only focus:p-2">
        {t("nav.skipToContent")}
      </a>
      {suggested && locale.country && !state.staticPage && (
        <GeoSuggestion
          message={t("geo.suggestion", {
            country: countryName(locale.country, locale.language),
            language: languageName(suggested, locale.language),
          })}
          switchLabel={t("geo.switch", {
            language: languageName(suggested, suggested),
          })}
          dismissLabel={t("geo.dismiss")}
          href={`/${suggested}/${rest}`}
          dismissCookie={GEO_DISMISSED_COOKIE}
        />
      )}
      <Header state={state} url={url} />
      <main id="main" class="flex-1">{children}</main>
      <Footer state={state} />
    </div>
  );
}
