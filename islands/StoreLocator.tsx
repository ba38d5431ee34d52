import { useSignal } from "@preact/signals";
import type { StoreView } from "../commerce/catalog/mod.ts";
import { formatDistance } from "./_distance.ts";
import {
  StoreCard,
  type StoreCardLabels,
  type StoreCardView,
} from "./_StoreCard.tsx";

/** Props of {@link StoreLocator}: the stores and labels, translated. */
export interface StoreLocatorProps {
  stores: StoreCardView[];
  language: string;
  labels: StoreCardLabels & {
    useLocation: string;
    locating: string;
    sorted: string;
    denied: string;
    failed: string;
    unsupported: string;
  };
}

type State =
  | "idle"
  | "locating"
  | "sorted"
  | "denied"
  | "failed"
  | "unsupported";

/**
 * The store list with a "Use my location" button: asks the browser for the
 * shopper's position, then re-sorts the stores nearest first with their
 * distances, from `/api/stores?near=`. Without JavaScript (or permission)
 * the list stays as the server sorted it.
 */
export default function StoreLocator(props: StoreLocatorProps) {
  const stores = useSignal(props.stores);
  const state = useSignal<State>("idle");

  function locate() {
    if (!("geolocation" in navigator)) {
      state.value = "unsupported";
      return;
    }
    state.value = "locating";
    navigator.geolocation.getCurrentPosition(
      async ({ coords }) => {
        try {
          const near = `${coords.latitude.toFixed(4)},${
            coords.longitude.toFixed(4)
          }`;
          const response = await fetch(
            `/api/stores?near=${near}&limit=100`,
            { headers: { accept: "application/json" } },
          );
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const nearest = await response.json() as StoreView[];
          const byId = new Map(props.stores.map((store) => [store.id, store]));
          stores.value = nearest.flatMap((store) => {
            const card = byId.get(store.id);
            return card && store.distanceKm !== null
              ? [{
                ...card,
                distance: formatDistance(store.distanceKm, props.language),
              }]
              : [];
          });
          state.value = "sorted";
        } catch {
          state.value = "failed";
        }
      },
      (error) => {
        state.value = error.code === error.PERMISSION_DENIED
          ? "denied"
          : "failed";
      },
      { timeout: 15_000, maximumAge: 600_000 },
    );
  }

  const { labels } = props;
  const message = state.value === "idle"
    ? ""
    : state.value === "locating"
    ? labels.locating
    : labels[state.value];
  return (
    <div>
      <div class="flex flex-wrap items-center gap-4">
        <button
          type="button"
          data-testid="use-location"
          onClick={locate}
          disabled={state.value === "locating"}
          class="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:opacity-60"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            class="h-5 w-5"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          >
            <circle cx="12" cy="12" r="3" />
            <path d="M12 2v3m0 14v3M2 12h3m14 0h3" />
          </svg>
          {labels.useLocation}
        </button>
        <p
          role="status"
          aria-live="polite"
          data-testid="locator-status"
          data-state={state.value}
          class="text-sm text-gray-600 data-[state=denied]:text-rose-700 data-[state=failed]:text-rose-700 data-[state=unsupported]:text-rose-700"
        >
          {message}
        </p>
      </div>
      <ul
        data-testid="store-list"
        class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
      >
        {stores.value.map((store) => (
          <StoreCard key={store.id} store={store} labels={labels} />
        ))}
      </ul>
    </div>
  );
}
