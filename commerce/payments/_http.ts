/**
 * One way for the fetch-based gateway adapters (PayPal, Alipay, WeChat Pay)
 * to call their gateway: the caller's abort signal passed on, the answer
 * read as text (signatures cover the exact bytes), and failures sorted
 * into the two kinds the rest of the module acts on: transient
 * ({@link GatewayTransientError}: retried, counted by the breaker) and
 * refusals ({@link GatewayRefused}: the gateway is up and said no).
 *
 * @module
 */
import { GatewayRefused, GatewayTransientError } from "./errors.ts";

/** The `fetch` an adapter calls (tests and fakes may pass their own). */
export type Fetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

/** A gateway's answer that was not a refusal. */
export interface GatewayResponse {
  status: number;
  headers: Headers;
  /** The body exactly as received. */
  text: string;
}

/**
 * Send `init` to `url` for `gateway`. Resolves 2xx (and, with
 * `accept`, the other statuses listed) answers; rejects with
 * {@link GatewayTransientError} for a network failure, an abort, a 429 or
 * a 5xx, and with {@link GatewayRefused} for any other 4xx, whose code is
 * read by `refusalCode` from the body (its `name`/`code` field by default).
 */
export async function gatewayFetch(
  gateway: string,
  url: string | URL,
  init: RequestInit & {
    fetch?: Fetch;
    accept?: number[];
    refusalCode?: (body: string) => { code: string; message?: string };
  },
): Promise<GatewayResponse> {
  const { fetch: send = fetch, accept = [], refusalCode, ...request } = init;
  let response: Response;
  try {
    response = await send(url, request);
  } catch (cause) {
    throw new GatewayTransientError(
      gateway,
      `Payment gateway '${gateway}' could not be reached`,
      { cause },
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new GatewayTransientError(
      gateway,
      `Payment gateway '${gateway}' broke off its answer`,
      { status: response.status, cause },
    );
  }
  const { status } = response;
  if ((status >= 200 && status < 300) || accept.includes(status)) {
    return { status, headers: response.headers, text };
  }
  if (status === 429 || status >= 500) {
    throw new GatewayTransientError(
      gateway,
      `Payment gateway '${gateway}' answered ${status}`,
      { status },
    );
  }
  const refusal = (refusalCode ?? defaultRefusal)(text);
  throw new GatewayRefused(gateway, {
    gatewayCode: refusal.code,
    message: refusal.message,
  });
}

function defaultRefusal(body: string): { code: string; message?: string } {
  try {
    const json = JSON.parse(body);
    const code = json?.name ?? json?.code ?? json?.error?.code;
    const message = json?.message ?? json?.error?.message;
    return {
      code: typeof code === "string" ? code : "refused",
      ...(typeof message === "string" ? { message } : {}),
    };
  } catch {
    return { code: "refused" };
  }
}
