/**
 * Test helpers for the localization admin API: calls as a given bearer
 * (or none), audit rows, and the 401/403 every admin route owes.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Store } from "../../../../edge/server.ts";
import {
  assertStaffOnly as assertStaffOnlyShared,
  call as callAdmin,
  type JsonAnswer,
} from "../_test_util.ts";

/** An answer as the tests look at it. */
export type Answer = JsonAnswer;

/** Call `path` on `store` as `token` (anonymous when undefined). */
export function call(
  store: Store,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return callAdmin(store, { method, path, token, body });
}

/** The audit rows of `action` on `entityId`, newest first. */
export async function auditRows(
  store: Store,
  action: string,
  entityId: string,
) {
  return await store.deps.db.sql`
    select actor_id, action, entity_type, entity_id, before, after, request_id
    from admin.audit_log
    where action = ${action} and entity_id = ${entityId}
    order by created_at desc`;
}

/** Assert a customer gets 403 and an anonymous caller 401 on `path`. */
export function assertStaffOnly(
  store: Store,
  customerToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  return assertStaffOnlyShared(store, { customerToken, method, path, body });
}

export { assertBadRequest } from "../_test_util.ts";

/** The storefront's price of the SKU's variant in `currency` (next request). */
export async function shelfPrice(
  store: Store,
  sku: string,
  currency: string,
): Promise<string> {
  const [{ product_id: id }] = await store.deps.db.sql`
    select product_id from catalog.variants where sku = ${sku}`;
  const answer = await call(
    store,
    undefined,
    "GET",
    `/api/products/${id}?currency=${currency}`,
  );
  assert.equal(answer.status, 200);
  return answer.json.variants.find((v: { sku: string }) => v.sku === sku)
    .price.amount;
}
