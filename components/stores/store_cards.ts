/**
 * The store locator's view of stores: addresses, today's hours and the
 * week's, distances, all formatted and translated for the page.
 *
 * @module
 */
import type { StoreView } from "../../commerce/catalog/mod.ts";
import { countryName, type Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import type { StoreCardView } from "../../islands/_StoreCard.tsx";
import { formatDistance } from "../../islands/_distance.ts";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
// Countries that write "City, Region Postcode" on one line.
const CITY_FIRST = new Set(["US", "CA", "AU"]);

/**
 * The weekday (`mon`..`sun`) at a store at `now`. Stores carry no time zone,
 * so its solar offset stands in for one (longitude / 15 hours): off by an
 * hour at worst around midnight, which is when no store is open anyway.
 */
export function storeWeekday(
  longitude: number,
  now: Date,
): typeof DAYS[number] {
  const local = new Date(
    now.getTime() + Math.round(longitude / 15) * 3_600_000,
  );
  return DAYS[(local.getUTCDay() + 6) % 7];
}

/** Opening hours "09:00-18:00" as shown ("09:00–18:00"). */
function hoursText(hours: string): string {
  return hours.replace(/\s*-\s*/, "–");
}

function addressLines(
  address: StoreView["address"],
  language: Language,
): string[] {
  const { line1, city, region, postalCode, country } = address;
  const place = CITY_FIRST.has(country)
    ? `${city}, ${[region, postalCode].filter(Boolean).join(" ")}`
    : [postalCode, city].filter(Boolean).join(" ");
  return [
    line1,
    place,
    ...(region && !CITY_FIRST.has(country) ? [region] : []),
    countryName(country, language),
  ];
}

/**
 * Stores in the order a shopper scans a list without a position: by country
 * name in their language, then city.
 */
export function byPlace(stores: StoreView[], language: Language): StoreView[] {
  const collator = new Intl.Collator(language);
  const key = (store: StoreView) =>
    countryName(store.address.country, language);
  return stores.toSorted((a, b) =>
    collator.compare(key(a), key(b)) ||
    collator.compare(a.address.city, b.address.city)
  );
}

/** The stores as the locator lists them. */
export function storeCards(
  stores: StoreView[],
  options: { t: Translate; language: Language; now: Date },
): StoreCardView[] {
  const { t, language, now } = options;
  const weekday = new Intl.DateTimeFormat(language, {
    weekday: "long",
    timeZone: "UTC",
  });
  // 1 January 2024 was a Monday.
  const dayNames = DAYS.map((_, i) => weekday.format(Date.UTC(2024, 0, 1 + i)));
  return stores.map((store) => {
    const today = store.openingHours[storeWeekday(store.longitude, now)];
    return {
      id: store.id,
      name: store.name,
      address: addressLines(store.address, language),
      phone: store.phone,
      today: today
        ? t("stores.today", { hours: hoursText(today) })
        : t("stores.closedToday"),
      openToday: Boolean(today),
      week: DAYS.map((day, i) => {
        const hours = store.openingHours[day];
        return {
          day: dayNames[i],
          hours: hours ? hoursText(hours) : t("stores.closed"),
        };
      }),
      distance: store.distanceKm === null
        ? undefined
        : formatDistance(store.distanceKm, language),
      mapHref:
        `https://www.openstreetmap.org/?mlat=${store.latitude}&mlon=${store.longitude}#map=16/${store.latitude}/${store.longitude}`,
      callLabel: t("stores.call", { store: store.name }),
    };
  });
}

// Edge networks that geolocate the client put its position in these headers
// (Vercel, CloudFront, Cloudflare's managed transform).
const POSITION_HEADERS = [
  ["x-vercel-ip-latitude", "x-vercel-ip-longitude"],
  ["cloudfront-viewer-latitude", "cloudfront-viewer-longitude"],
  ["cf-iplatitude", "cf-iplongitude"],
] as const;

/** The shopper's position from the first edge that sent a valid one. */
export function positionFromHeaders(
  headers: Headers,
): { lat: number; lng: number } | undefined {
  for (const [latName, lngName] of POSITION_HEADERS) {
    const lat = Number(headers.get(latName)?.trim() || NaN);
    const lng = Number(headers.get(lngName)?.trim() || NaN);
    if (
      Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 &&
      Math.abs(lng) <= 180
    ) {
      return { lat, lng };
    }
  }
  return undefined;
}
