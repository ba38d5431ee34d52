import { useSignal } from "@preact/signals";

/** Props the picker islands pass through from the server. */
export interface PickerProps {
  current: string;
  options: { code: string; label: string; lang?: string }[];
  label: string;
  savingLabel: string;
  failedLabel: string;
}

/**
 * The select both picker islands render: shows a saving state while
 * `choose` runs, and restores the previous value with a message when it
 * fails. Not an island itself (the `_` keeps it out of the bundle entries).
 */
export function PreferenceSelect(
  props: PickerProps & { testId: string; choose(code: string): Promise<void> },
) {
  const value = useSignal(props.current);
  const state = useSignal<"idle" | "saving" | "failed">("idle");

  async function onChange(code: string) {
    const previous = value.value;
    value.value = code;
    state.value = "saving";
    try {
      await props.choose(code);
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
          data-testid={props.testId}
          aria-label={props.label}
          class="rounded-md border border-gray-300 bg-white py-1 px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          value={value.value}
          disabled={state.value === "saving"}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {props.options.map((option) => (
            <option key={option.code} value={option.code} lang={option.lang}>
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
