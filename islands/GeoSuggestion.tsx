import { useSignal } from "@preact/signals";
import { GeoBanner, type GeoBannerProps } from "./_GeoBanner.tsx";

/** Props of {@link GeoSuggestion}. */
export interface GeoSuggestionProps extends GeoBannerProps {
  /** The cookie that remembers the dismissal (named by the server). */
  dismissCookie: string;
}

/**
 * The banner suggesting the geo country's language. Geo suggests, the URL
 * decides: this never redirects. Dismissing hides it for a year, in place.
 */
export default function GeoSuggestion(props: GeoSuggestionProps) {
  const open = useSignal(true);
  if (!open.value) return null;

  function dismiss(event: Event) {
    event.preventDefault();
    document.cookie =
      `${props.dismissCookie}=1; path=/; max-age=31536000; samesite=lax`;
    open.value = false;
  }

  return <GeoBanner {...props} onDismiss={dismiss} />;
}
