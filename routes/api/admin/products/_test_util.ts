/**
 * Test helpers of the catalog admin routes: JSON requests as a staff
 * member, storefront reads, and the audit rows of an entity.
 *
 * @module
 */
import type { Store } from "../../../../edge/server.ts";
import { call } from "../_test_util.ts";

export { auditOf, call, client, type JsonAnswer } from "../_test_util.ts";

/** What a shopper gets from `GET /api/products/{slug}` (404: null). */
export async function storefrontProduct(
  store: Store,
  options: { slug: string; lang?: string; currency?: string },
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  const { json, status } = await call(store, {
    path: `/api/products/${encodeURIComponent(options.slug)}?lang=${
      options.lang ?? "en"
    }&currency=${options.currency ?? "USD"}`,
  });
  return status === 404 ? null : json;
}
