/**
 * Test helpers for the localization admin API: calls as a given bearer
 * (or none), audit rows, and the 401/403 every admin route owes.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Store } from "../../../../edge/server.ts";

/** An answer as the tests look at it. */
export interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
  headers: Headers;
}

/** Call `path` on `store` as `token` (anonymous when undefined). */
export async function call(
  store: Store,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await store.app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
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
export async function assertStaffOnly(
  store: Store,
  customerToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const customer = await call(store, customerToken, method, path, body);
  assert.equal(customer.status, 403, `${method} ${path} as a customer`);
  assert.equal(customer.json.error.code, "forbidden");
  const anonymous = await call(store, undefined, method, path, body);
  assert.equal(anonymous.status, 401, `${method} ${path} anonymously`);
}

/** Assert a 400 with the one error shape and `code`. */
export function assertBadRequest(answer: Answer, code: string): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.json));
  assert.equal(answer.json.error.code, code, JSON.stringify(answer.json));
  assert.equal(typeof answer.json.error.message, "string");
}

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
