import { type PickerProps, PreferenceSelect } from "./_PreferenceSelect.tsx";
import { savePreferences } from "./_preferences.ts";

/**
 * Switch the currency prices are shown in. Saves the choice, then reloads so
 * every price on the page is rendered by the server in the new currency.
 */
export default function CurrencyPicker(props: PickerProps) {
  return (
    <PreferenceSelect
      {...props}
      testId="currency-picker"
      choose={async (code) => {
        await savePreferences({ currency: code });
        location.reload();
      }}
    />
  );
}
