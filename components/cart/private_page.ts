/**
 * The rule of the per-shopper pages (cart, checkout, orders): no shared or
 * disk cache may keep them.
 *
 * @module
 */

/** Mark a page response as one shopper's: `Cache-Control: private, no-store`. */
export function privatePage(response: Response): Response {
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}
