/**
 * What the admin API tests share: JSON requests as a staff member (or
 * anonymously), the audit rows of an entity, and the 401/403 and 400
 * shapes every admin route owes.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Store } from "../../../edge/server.ts";

/** A JSON answer: status, parsed body and headers. */
export interface JsonAnswer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
  headers: Headers;
}

/**
 * `method path` on `store` as the holder of `token` (anonymous without
 * one), with `body` as JSON or `raw` as the exact body text.
 */
export async function call(
  store: Store,
  request: {
    method?: string;
    path: string;
    token?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  },
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined || request.raw !== undefined) {
    headers["content-type"] = "application/json";
  }
  const response = await store.app.request(request.path, {
    method: request.method ?? "GET",
    headers,
    body: request.raw ??
      (request.body === undefined ? undefined : JSON.stringify(request.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}

/** A staff member's client: `get`, `post`, `patch`, `put`, `del`. */
export function client(store: Store, token?: string) {
  const send = (method: string) => (path: string, body?: unknown) =>
    call(store, { method, path, token, body });
  return {
    get: send("GET"),
    post: send("POST"),
    patch: send("PATCH"),
    put: send("PUT"),
    del: send("DELETE"),
  };
}

/** The audit rows of one entity, newest first, as an admin reads them. */
export async function auditOf(
  store: Store,
  options: { token: string; entityType: string; entityId: string },
  // deno-lint-ignore no-explicit-any
): Promise<any[]> {
  const { json } = await call(store, {
    path:
      `/api/admin/audit?entityType=${options.entityType}&entityId=${options.entityId}`,
    token: options.token,
  });
  return json.items;
}

/** Assert a customer gets 403 and an anonymous caller 401 on `path`. */
export async function assertStaffOnly(
  store: Store,
  request: {
    customerToken: string;
    method: string;
    path: string;
    body?: unknown;
  },
): Promise<void> {
  const { customerToken, method, path, body } = request;
  const customer = await call(store, {
    method,
    path,
    body,
    token: customerToken,
  });
  assert.equal(customer.status, 403, `${method} ${path} as a customer`);
  assert.equal(customer.json.error.code, "forbidden");
  const anonymous = await call(store, { method, path, body });
  assert.equal(anonymous.status, 401, `${method} ${path} anonymously`);
}

/** Assert a 400 with the one error shape and `code`. */
export function assertBadRequest(answer: JsonAnswer, code: string): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.json));
  assert.equal(answer.json.error.code, code, JSON.stringify(answer.json));
  assert.equal(typeof answer.json.error.message, "string");
}
