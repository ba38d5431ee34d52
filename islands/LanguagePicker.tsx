import { type PickerProps, PreferenceSelect } from "./_PreferenceSelect.tsx";
import { savePreferences } from "./_preferences.ts";

/**
 * Switch the store language: saves the choice, then opens the same page
 * under the new language prefix (`/de/about` to `/ja/about`).
 */
export default function LanguagePicker(props: PickerProps) {
  return (
    <PreferenceSelect
      {...props}
      testId="language-picker"
      choose={async (code) => {
        await savePreferences({ language: code });
        const rest = location.pathname.split("/").slice(2).join("/");
        location.assign(`/${code}/${rest}${location.search}`);
      }}
    />
  );
}
