/**
 * Test helpers of the catalog admin routes: JSON requests as a staff
 * member, storefront reads, and the audit rows of an entity.
 *
 * @module
 */
import type { Store } from "../../../../edge/server.ts";

/** A JSON answer: status, parsed body and headers. */
export interface JsonAnswer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
  headers: Headers;
}

/**
 * `method path` on `store` with `body` as JSON, as the holder of `token`
 * (anonymous without one).
 */
export async function call(
  store: Store,
  request: {
    method?: string;
    path: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  },
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const response = await store.app.request(request.path, {
    method: request.method ?? "GET",
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
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
