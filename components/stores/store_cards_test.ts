import assert from "node:assert/strict";
import type { StoreView } from "../../commerce/catalog/mod.ts";
import { translator } from "../../edge/i18n.ts";
import {
  byPlace,
  positionFromHeaders,
  storeCards,
  storeWeekday,
} from "./store_cards.ts";

const tokyo: StoreView = {
  id: "1",
  name: "Globex Tokyo",
  address: {
    line1: "1-1 Marunouchi",
    city: "Tokyo",
    region: null,
    postalCode: "100-0005",
    country: "JP",
  },
  latitude: 35.68,
  longitude: 139.77,
  phone: "+81 3-1234-5678",
  openingHours: {
    mon: "10:00-20:00",
    tue: "10:00-20:00",
    wed: "10:00-20:00",
    thu: "10:00-20:00",
    fri: "10:00-20:00",
    sat: "10:00-20:00",
    sun: null,
  },
  distanceKm: 3.24,
};

Deno.test("storeWeekday() uses the store's solar time, not the server's", () => {
  // Saturday 20:00 UTC is already Sunday 05:00 in Tokyo.
  const now = new Date("2024-06-01T20:00:00Z");
  assert.equal(storeWeekday(139.77, now), "sun");
  assert.equal(storeWeekday(2.35, now), "sat");
  assert.equal(storeWeekday(-122.4, new Date("2024-06-03T03:00:00Z")), "sun");
});

Deno.test("storeCards() formats hours, address and distance for the language", () => {
  const [card] = storeCards([tokyo], {
    t: translator("de"),
    language: "de",
    now: new Date("2024-06-03T03:00:00Z"), // Monday noon in Tokyo
  });
  assert.equal(card.today, "Heute: 10:00–20:00");
  assert.equal(card.openToday, true);
  assert.deepEqual(card.address, ["1-1 Marunouchi", "100-0005 Tokyo", "Japan"]);
  assert.equal(card.distance, "3,2 km");
  assert.deepEqual(card.week.at(-1), { day: "Sonntag", hours: "Geschlossen" });
  assert.equal(card.callLabel, "Globex Tokyo anrufen");

  const [closed] = storeCards([{ ...tokyo, distanceKm: null }], {
    t: translator("en"),
    language: "en",
    now: new Date("2024-06-02T03:00:00Z"), // Sunday in Tokyo
  });
  assert.equal(closed.today, "Closed today");
  assert.equal(closed.distance, undefined);
});

Deno.test("positionFromHeaders() takes the first edge with a valid position", () => {
  assert.deepEqual(
    positionFromHeaders(
      new Headers({
        "x-vercel-ip-latitude": "abc",
        "cloudfront-viewer-latitude": "48.85",
        "cloudfront-viewer-longitude": "2.35",
        "cf-iplatitude": "1",
        "cf-iplongitude": "1",
      }),
    ),
    { lat: 48.85, lng: 2.35 },
  );
  assert.equal(positionFromHeaders(new Headers()), undefined);
  assert.equal(
    positionFromHeaders(
      new Headers({ "cf-iplatitude": "95", "cf-iplongitude": "0" }),
    ),
    undefined,
  );
});

Deno.test("byPlace() orders by country name in the language, then city", () => {
  const at = (id: string, country: string, city: string): StoreView => ({
    ...tokyo,
    id,
    address: { ...tokyo.address, country, city },
  });
  const stores = [
    at("graz", "AT", "Graz"),
    at("berlin", "DE", "Berlin"),
    at("wien", "AT", "Wien"),
  ];
  // Austria < Germany, but Deutschland < Österreich.
  assert.deepEqual(byPlace(stores, "en").map((s) => s.id), [
    "graz",
    "wien",
    "berlin",
  ]);
  assert.deepEqual(byPlace(stores, "de").map((s) => s.id), [
    "berlin",
    "graz",
    "wien",
  ]);
});
