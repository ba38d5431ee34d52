/**
 * "3.2 km", "120 km" in the page's language: one decimal below 10 km.
 * Shared by the server and the store locator island.
 */
export function formatDistance(km: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit: "kilometer",
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}
