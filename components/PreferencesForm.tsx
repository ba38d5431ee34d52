import {
  currencyLabel,
  describeCurrencies,
  nativeLanguageName,
} from "../commerce/localization/mod.ts";
import type { PageState } from "../edge/define.ts";

/**
 * The language and currency pickers without JavaScript: one form posting to
 * `/preferences`, which saves the choice and redirects back. Used on static
 * pages, where the picker islands are not shipped.
 */
export function PreferencesForm(
  { state, returnTo }: { state: PageState; returnTo: string },
) {
  const { t, locale } = state;
  const select =
    "rounded-md border border-gray-300 bg-white py-1 px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";
  return (
    <form
      method="post"
      action="/preferences"
      class="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="return" value={returnTo} />
      <select name="language" aria-label={t("picker.language")} class={select}>
        {state.languages.map((code) => (
          <option
            key={code}
            value={code}
            lang={code}
            selected={code === locale.language}
          >
            {nativeLanguageName(code)}
          </option>
        ))}
      </select>
      <select name="currency" aria-label={t("picker.currency")} class={select}>
        {describeCurrencies(state.currencies, locale.language).map((
          currency,
        ) => (
          <option
            key={currency.code}
            value={currency.code}
            selected={currency.code === locale.currency}
          >
            {currencyLabel(currency)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        class="rounded-md bg-gray-900 px-3 py-1 text-sm font-medium text-white hover:bg-gray-700"
      >
        {t("picker.apply")}
      </button>
    </form>
  );
}
