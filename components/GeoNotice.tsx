import {
  countryName,
  languageName,
  nativeLanguageName,
} from "../commerce/localization/mod.ts";
import type { PageState } from "../edge/define.ts";
import { GEO_DISMISSED_COOKIE } from "../edge/locale.ts";
import GeoSuggestion from "../islands/GeoSuggestion.tsx";
import { GeoBanner } from "../islands/_GeoBanner.tsx";

/**
 * The suggestion to switch to the geo country's language, when there is one:
 * an island on interactive pages, plain markup (whose dismiss form still
 * works) on static pages that ship no JavaScript.
 */
export function GeoNotice({ state, url }: { state: PageState; url: URL }) {
  const { t, locale } = state;
  const suggested = locale.suggestedLanguage;
  if (!suggested || !locale.country) return null;
  const rest = url.pathname.split("/").slice(2).join("/");
  const banner = {
    message: t("geo.suggestion", {
      country: countryName(locale.country, locale.language),
      language: languageName(suggested, locale.language),
    }),
    switchLabel: t("geo.switch", {
      language: nativeLanguageName(suggested),
    }),
    dismissLabel: t("geo.dismiss"),
    href: `/${suggested}/${rest}`,
    returnTo: url.pathname,
  };
  return state.staticPage
    ? <GeoBanner {...banner} />
    : <GeoSuggestion {...banner} dismissCookie={GEO_DISMISSED_COOKIE} />;
}
