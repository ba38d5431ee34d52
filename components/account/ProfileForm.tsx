import {
  currencyLabel,
  describeCurrencies,
  LANGUAGES,
  nativeLanguageName,
} from "../../commerce/localization/mod.ts";
import type { PageState } from "../../edge/define.ts";
import { CsrfField } from "./CsrfField.tsx";
import { Field } from "./Field.tsx";
import { errorMessages } from "./messages.ts";
import { SubmitButton } from "./SubmitButton.tsx";

/** What the profile form shows: the saved or the just-typed values. */
export interface ProfileFormValues {
  name: string;
  preferredLanguage: string;
  preferredCurrency: string;
}

const SELECT =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

/**
 * The account's profile form (name, preferred language and currency), a
 * plain POST to the account page with `intent=profile`.
 */
export function ProfileForm(
  { state, action, csrf, values, errors }: {
    state: PageState;
    action: string;
    csrf: string;
    values: ProfileFormValues;
    errors: Record<string, string[]>;
  },
) {
  const { t, locale } = state;
  const languageErrors = errorMessages(t, errors.preferredLanguage);
  const currencyErrors = errorMessages(t, errors.preferredCurrency);
  return (
    <form method="post" action={action} novalidate data-testid="profile-form">
      <CsrfField token={csrf} />
      <Field
        name="name"
        label={t("account.fields.name")}
        value={values.name}
        errors={errorMessages(t, errors.name)}
        autocomplete="name"
        required
        maxLength={200}
      />
      <div class="mb-4">
        <label
          for="preferredLanguage"
          class="block text-sm font-medium text-gray-800"
        >
          {t("account.fields.language")}
        </label>
        <select id="preferredLanguage" name="preferredLanguage" class={SELECT}>
          <option value="">{t("account.fields.noPreference")}</option>
          {LANGUAGES.map((code) => (
            <option
              key={code}
              value={code}
              lang={code}
              selected={code === values.preferredLanguage}
            >
              {nativeLanguageName(code)}
            </option>
          ))}
        </select>
        {languageErrors.map((message) => (
          <p key={message} class="mt-1 text-sm text-red-700">{message}</p>
        ))}
      </div>
      <div class="mb-4">
        <label
          for="preferredCurrency"
          class="block text-sm font-medium text-gray-800"
        >
          {t("account.fields.currency")}
        </label>
        <select id="preferredCurrency" name="preferredCurrency" class={SELECT}>
          <option value="">{t("account.fields.noPreference")}</option>
          {describeCurrencies(state.currencies, locale.language).map((
            currency,
          ) => (
            <option
              key={currency.code}
              value={currency.code}
              selected={currency.code === values.preferredCurrency}
            >
              {currencyLabel(currency)}
            </option>
          ))}
        </select>
        {currencyErrors.map((message) => (
          <p key={message} class="mt-1 text-sm text-red-700">{message}</p>
        ))}
      </div>
      <SubmitButton name="intent" value="profile">
        {t("account.home.save")}
      </SubmitButton>
    </form>
  );
}
