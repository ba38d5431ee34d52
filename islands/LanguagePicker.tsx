import { useSignal } from "@preact/signals";
import { savePreferences } from "./_preferences.ts";

/** Props of {@link LanguagePicker}: translated labels and the options. */
export interface LanguagePickerProps {
  current: string;
  /** Languages named in their own language ("Deutsch", "日本語"). */
  options: { code: string; label: string }[];
  label: string;
  savingLabel: string;
  failedLabel: string;
}

/**
 * Switch the store language: saves the choice, then opens the same page
 * under the new language prefix (`/de/about` to `/ja/about`).
 */
export default function LanguagePicker(props: LanguagePickerProps) {
  const value = useSignal(props.current);
  const state = useSignal<"idle" | "saving" | "failed">("idle");

  async function choose(code: string) {
    const previous = value.value;
    value.value = code;
    state.value = "saving";
    try {
      await savePreferences({ language: code });
      const rest = location.pathname.split("/").slice(2).join("/");
      location.assign(`/${code}/${rest}${location.search}`);
    } catch {
      value.value = previous;
      state.value = "failed";
    }
  }

  return (
    <div class="flex flex-col">
      <label class="flex items-center gap-1 text-sm text-gray-700">
        <span class="sr-only">{props.label}</span>
        <select
          data-testid="language-picker"
          aria-label={props.label}
          class="rounded-md border border-gray-300 bg-white py-1 px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          value={value.value}
          disabled={state.value === "saving"}
          onChange={(event) => choose(event.currentTarget.value)}
        >
          {props.options.map((option) => (
            <option key={option.code} value={option.code} lang={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <span role="status" aria-live="polite" class="text-xs text-gray-500">
        {state.value === "saving"
          ? props.savingLabel
          : state.value === "failed"
          ? props.failedLabel
          : ""}
      </span>
    </div>
  );
}
