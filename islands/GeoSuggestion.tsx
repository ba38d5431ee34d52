import { useSignal } from "@preact/signals";

/** Props of {@link GeoSuggestion}: the translated message and target. */
export interface GeoSuggestionProps {
  message: string;
  switchLabel: string;
  dismissLabel: string;
  /** The same page in the suggested language. */
  href: string;
  /** The cookie that remembers the dismissal (named by the server). */
  dismissCookie: string;
}

/**
 * The banner suggesting the geo country's language. Geo suggests, the URL
 * decides: this never redirects. Dismissing hides it for a year.
 */
export default function GeoSuggestion(props: GeoSuggestionProps) {
  const open = useSignal(true);
  if (!open.value) return null;

  function dismiss() {
    document.cookie =
      `${props.dismissCookie}=1; path=/; max-age=31536000; samesite=lax`;
    open.value = false;
  }

  return (
    <div
      role="region"
      aria-label={props.message}
      data-testid="geo-suggestion"
      class="bg-indigo-50 border-b border-indigo-100 text-indigo-900 text-sm"
    >
      <div class="mx-auto max-w-6xl px-4 py-2 flex flex-wrap items-center gap-3">
        <p class="flex-1">{props.message}</p>
        <a
          href={props.href}
          class="rounded-md bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700"
        >
          {props.switchLabel}
        </a>
        <button
          type="button"
          onClick={dismiss}
          class="rounded-md px-3 py-1 text-indigo-700 hover:bg-indigo-100"
        >
          {props.dismissLabel}
        </button>
      </div>
    </div>
  );
}
