import { useSignal } from "@preact/signals";
import { savePreferences } from "./_preferences.ts";

/** Props of {@link CurrencyPicker}: translated labels and the options. */
export interface CurrencyPickerProps {
  current: string;
  options: { code: string; label: string }[];
  label: string;
  savingLabel: string;
  failedLabel: string;
}

/**
 * Switch the currency prices are shown in. Saves the choice, then reloads so
 * every price on the page is rendered by the server in the new currency.
 */
export default function CurrencyPicker(props: CurrencyPickerProps) {
  const value = useSignal(props.current);
  const state = useSignal<"idle" | "saving" | "failed">("idle");

  async function choose(code: string) {
    const previous = value.value;
    value.value = code;
    state.value = "saving";
    try {
      await savePreferences({ currency: code });
      location.reload();
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
          data-testid="currency-picker"
          aria-label={props.label}
          class="rounded-md border border-gray-300 bg-white py-1 px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          value={value.value}
          disabled={state.value === "saving"}
          onChange={(event) => choose(event.currentTarget.value)}
        >
          {props.options.map((option) => (
            <option key={option.code} value={option.code}>
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
