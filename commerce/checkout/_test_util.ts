/**
 * Test helpers for the checkout: a shopper that keeps its cookies like a
 * browser (the guest cart cookie) or carries a Bearer token, talking to a
 * real store through `app.request()`.
 *
 * @module
 */
import type { Hono } from "hono";
import { signAccessToken } from "../../edge/auth/jwt.ts";
import type { AppEnv } from "../../edge/env.ts";
import type { Store } from "../../edge/server.ts";

/** An answer as tests look at it. */
export interface Reply {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** A shopper with a cookie jar, speaking JSON to the store. */
export class Shopper {
  readonly cookies = new Map<string, string>();
  token?: string;
  /** Headers sent with every request (language, currency, geo). */
  headers: Record<string, string>;
  readonly #app: Hono<AppEnv>;

  constructor(store: Store, headers: Record<string, string> = {}) {
    this.#app = store.app;
    this.headers = headers;
  }

  /** Call the store; `body` is sent as JSON. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const all: Record<string, string> = {
      origin: "http://store.test",
      "sec-fetch-site": "same-origin",
      ...this.headers,
      ...headers,
    };
    if (this.cookies.size) {
      all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    if (this.token) all.authorization = `Bearer ${this.token}`;
    if (body !== undefined) all["content-type"] = "application/json";
    const response = await this.#app.request(`http://store.test${path}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair.split("=");
      if (/max-age=0/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch { /* not JSON */ }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}

/** The id of the fixture variant with `sku`. */
export async function variantId(store: Store, sku: string): Promise<string> {
  const [row] = await store.deps.db.sql`
    select id from catalog.variants where sku = ${sku}`;
  return row.id;
}

/** Create a customer account and a shopper signed in as it (Bearer). */
export async function signedInShopper(
  store: Store,
  headers: Record<string, string> = {},
): Promise<{ shopper: Shopper; userId: string; email: string }> {
  const email = `${crypto.randomUUID()}@example.com`;
  const [{ id }] = await store.deps.db.sql`
    insert into identity.users (email, name) values (${email}, 'Test Buyer')
    returning id`;
  await store.deps.db.sql`
    insert into identity.user_roles (user_id, role) values (${id}, 'customer')`;
  const shopper = new Shopper(store, headers);
  shopper.token = await signAccessToken(store.deps.keys, {
    sub: id,
    roles: ["customer"],
  });
  return { shopper, userId: id, email };
}

/** Addresses that pass each country's rules. */
export const ADDRESSES = {
  DE: {
    name: "Erika Mustermann",
    line1: "Heidestraße 17",
    city: "Köln",
    postalCode: "51147",
    country: "DE",
  },
  JP: {
    name: "山田 太郎",
    line1: "千代田1-1",
    city: "千代田区",
    region: "13",
    postalCode: "100-0001",
    country: "JP",
  },
  US: {
    name: "Ada Lovelace",
    line1: "1 Market St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94105",
    country: "US",
  },
  KW: {
    name: "Fatima Al-Sabah",
    line1: "Block 3, Street 12",
    city: "Kuwait City",
    country: "KW",
  },
} as const;
