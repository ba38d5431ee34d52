/** What the geo suggestion banner shows, already translated. */
export interface GeoBannerProps {
  message: string;
  switchLabel: string;
  dismissLabel: string;
  /** The same page in the suggested language. */
  href: string;
  /** The current path, where dismissing without JavaScript comes back to. */
  returnTo: string;
}

/**
 * The geo suggestion banner's markup. Dismissing is a form post to
 * `/preferences` (which sets the cookie and comes back), so it works with no
 * JavaScript; the island intercepts the submit to do it in place.
 */
export function GeoBanner(
  props: GeoBannerProps & { onDismiss?: (event: Event) => void },
) {
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
        <form method="post" action="/preferences" onSubmit={props.onDismiss}>
          <input type="hidden" name="dismiss_geo" value="1" />
          <input type="hidden" name="return" value={props.returnTo} />
          <button
            type="submit"
            class="rounded-md px-3 py-1 text-indigo-700 hover:bg-indigo-100"
          >
            {props.dismissLabel}
          </button>
        </form>
      </div>
    </div>
  );
}
