/**
 * A guest shopper talking to a running store over HTTP the way a browser
 * does: it keeps the `cart` cookie the store sets and sends a same-origin
 * `Origin` with every write (the store refuses cookie-carrying writes from
 * other sites). The cart target's set-up and the checkout flow use it.
 *
 * @module
 */

/** One answer: its status, its body as text and how long it took. */
export interface Reply {
  status: number;
  text: string;
  /** From the request being sent to the whole body being read. */
  ms: number;
}

/** A variant a guest can put in the cart. */
export interface StockedVariant {
  id: string;
  sku: string;
}

/** What a request carries besides its method and path. */
export interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const CART_COOKIE = "cart";

/** A browser without an account: one guest cart, named by its cookie. */
export class Guest {
  readonly origin: string;
  #cart?: string;

  constructor(origin: string) {
    this.origin = origin;
  }

  /** The `Cookie` header naming this guest's cart; empty before the first item. */
  get cookie(): string {
    return this.#cart ? `${CART_COOKIE}=${this.#cart}` : "";
  }

  /** Send `method path` and read the whole answer, keeping the cart cookie. */
  async call(
    method: string,
    path: string,
    { body, headers = {}, signal }: CallOptions = {},
  ): Promise<Reply> {
    const sent: Record<string, string> = { ...headers };
    if (method !== "GET") sent.origin = this.origin;
    if (body !== undefined) sent["content-type"] = "application/json";
    if (this.#cart) sent.cookie = this.cookie;
    const started = performance.now();
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      if (pair.slice(0, at).trim() !== CART_COOKIE) continue;
      const value = pair.slice(at + 1).trim();
      this.#cart = value && !/max-age=0/i.test(cookie) ? value : undefined;
    }
    return { status: response.status, text, ms };
  }

  /**
   * Put one unit of `variantId` in the cart and return how many lines it
   * holds; throws unless the store answers 201.
   */
  async addItem(variantId: string, signal?: AbortSignal): Promise<number> {
    const reply = await this.call("POST", "/api/cart/items", {
      body: { variantId, quantity: 1 },
      signal,
    });
    const cart = expectJson<{ items: unknown[] }>(reply, {
      status: 201,
      request: "POST /api/cart/items",
    });
    return cart.items.length;
  }
}

/**
 * The first in-stock variant of each of the first `count` products the
 * store lists as in stock; throws when it lists fewer.
 */
export async function stockedVariants(
  origin: string,
  count: number,
): Promise<StockedVariant[]> {
  const guest = new Guest(origin);
  const path = `/api/products?limit=${count}&in_stock=true`;
  const list = expectJson<{ items: { id: string }[] }>(
    await guest.call("GET", path),
    { status: 200, request: `GET ${path}` },
  );
  if (list.items.length < count) {
    throw new Error(
      `The store lists ${list.items.length} products in stock; the bench needs ${count}`,
    );
  }
  return await Promise.all(list.items.map(async ({ id }) => {
    const product = expectJson<{
      slug: string;
      variants: (StockedVariant & { availability: { status: string } })[];
    }>(await guest.call("GET", `/api/products/${id}`), {
      status: 200,
      request: `GET /api/products/${id}`,
    });
    const variant = product.variants.find((v) =>
      v.availability.status === "in_stock"
    );
    if (!variant) {
      throw new Error(`Product '${product.slug}' has no variant in stock`);
    }
    return { id: variant.id, sku: variant.sku };
  }));
}

/** A reply's JSON body, or an error naming the request, status and body. */
export function expectJson<T>(
  reply: Reply,
  { status, request }: { status: number; request: string },
): T {
  if (reply.status !== status) {
    throw new Error(
      `'${request}' answered ${reply.status} instead of ${status}: ${
        truncate(reply.text)
      }`,
    );
  }
  return JSON.parse(reply.text) as T;
}

/** `text` cut to `max` characters, for error messages and reports. */
export function truncate(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
