/** A store as the locator lists it, already formatted and translated. */
export interface StoreCardView {
  id: string;
  name: string;
  /** Address lines, street first, country last. */
  address: string[];
  phone: string;
  /** "Today: 09:00–18:00" or "Closed today" (in the store's local day). */
  today: string;
  /** Whether the store opens at all today (for the dot's colour). */
  openToday: boolean;
  /** Each weekday, Monday first, with its hours or "Closed". */
  week: { day: string; hours: string }[];
  /** Distance from the shopper, formatted ("3.2 km"), when known. */
  distance?: string;
  /** A map of the store's position. */
  mapHref: string;
  /** "Call Globex Paris" for the phone link. */
  callLabel: string;
}

/** The labels a store card needs besides its data. */
export interface StoreCardLabels {
  hours: string;
  map: string;
}

/**
 * One store of the locator: name, distance, address, phone, today's hours
 * and the whole week. Shared by the server and the locator island.
 */
export function StoreCard(
  { store, labels }: { store: StoreCardView; labels: StoreCardLabels },
) {
  return (
    <li
      data-testid="store"
      data-store-id={store.id}
      class="flex flex-col rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
    >
      <div class="flex items-start justify-between gap-3">
        <h2 class="text-lg font-semibold text-gray-900">{store.name}</h2>
        {
          /* Always there (hidden when empty): the island fills it in, with
            CSS the server extracted. */
        }
        <span
          data-testid="store-distance"
          class="shrink-0 rounded-full bg-indigo-50 px-2 py-0.5 text-sm font-medium text-indigo-700 empty:hidden"
        >
          {store.distance}
        </span>
      </div>
      <address class="mt-2 not-italic text-sm text-gray-600">
        {store.address.map((line) => (
          <span key={line} class="block">{line}</span>
        ))}
      </address>
      <p
        data-open={store.openToday ? "" : undefined}
        class="mt-3 flex items-center gap-2 text-sm font-medium text-gray-800"
      >
        <span
          aria-hidden="true"
          data-open={store.openToday ? "" : undefined}
          class="inline-block h-2 w-2 rounded-full bg-gray-400 data-[open]:bg-emerald-500"
        />
        {store.today}
      </p>
      <details class="mt-2 text-sm text-gray-600">
        <summary class="cursor-pointer text-indigo-700">{labels.hours}</summary>
        <dl class="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
          {store.week.map(({ day, hours }) => [
            <dt key={`${day}-d`}>{day}</dt>,
            <dd key={`${day}-h`}>{hours}</dd>,
          ])}
        </dl>
      </details>
      <div class="mt-auto flex flex-wrap gap-x-4 gap-y-2 pt-4 text-sm font-medium">
        <a
          href={`tel:${store.phone.replace(/[^+\d]/g, "")}`}
          aria-label={store.callLabel}
          class="text-indigo-700 hover:underline"
        >
          <span dir="ltr">{store.phone}</span>
        </a>
        <a
          href={store.mapHref}
          rel="noopener noreferrer"
          target="_blank"
          class="text-indigo-700 hover:underline"
        >
          {labels.map}
        </a>
      </div>
    </li>
  );
}
