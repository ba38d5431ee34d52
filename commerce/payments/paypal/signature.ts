/**
 * PayPal's webhook signatures, checked offline: PayPal signs
 * `transmissionId|transmissionTime|webhookId|crc32(body)` with
 * SHA256withRSA under the key of a certificate it names in the
 * `PAYPAL-CERT-URL` header. The certificate is fetched only from PayPal's
 * own certificate path on its live or sandbox API host, without following
 * redirects (TLS to PayPal is the trust anchor, so a sender cannot point
 * us at a key of its own, nor make us call anything else), within a
 * deadline; it is cached per URL and used only within its validity dates.
 *
 * @module
 */
import { X509Certificate } from "node:crypto";
import { type Fetch, gatewayFetch } from "../_http.ts";
import {
  GatewayRefused,
  GatewayTransientError,
  InvalidWebhookSignature,
} from "../errors.ts";
import { crc32 } from "./_crc32.ts";

/** The headers a PayPal webhook delivery carries its signature in. */
export const PAYPAL_SIGNATURE_HEADERS = {
  transmissionId: "paypal-transmission-id",
  transmissionTime: "paypal-transmission-time",
  transmissionSig: "paypal-transmission-sig",
  certUrl: "paypal-cert-url",
  authAlgo: "paypal-auth-algo",
} as const;

/** The only signature algorithm PayPal uses (`PAYPAL-AUTH-ALGO`). */
export const PAYPAL_AUTH_ALGO = "SHA256withRSA";

/** How far a transmission's time may be from now, in seconds. */
export const PAYPAL_TOLERANCE_SECONDS = 300;

/** The hosts PayPal serves its signing certificates from: live and sandbox. */
export const PAYPAL_CERT_HOSTS: readonly string[] = [
  "api.paypal.com",
  "api-m.paypal.com",
  "api.sandbox.paypal.com",
  "api-m.sandbox.paypal.com",
];

/** The path every PayPal signing certificate's URL starts with. */
export const PAYPAL_CERT_PATH = "/v1/notifications/certs/";

/** How long a certificate fetch may take, in milliseconds (5000). */
export const PAYPAL_CERT_TIMEOUT_MS = 5000;

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
// Printable ASCII without `|`, the separator of the signed text.
const TRANSMISSION_ID = /^[\x21-\x7b\x7d\x7e]{1,200}$/;
const BASE64 = /^[A-Za-z0-9+/]{2,2048}={0,2}$/;

/** A delivery's signature headers, read and checked for shape. */
export interface Transmission {
  id: string;
  /** The header exactly as sent: it is part of the signed text. */
  time: string;
  /** `time` as a date. */
  sentAt: Date;
  /** The header exactly as sent (the API verification passes it on). */
  sig: string;
  signature: Uint8Array<ArrayBuffer>;
  certUrl: string;
  authAlgo: string;
}

/**
 * Read the five signature headers. Throws {@link InvalidWebhookSignature}
 * `missing_header` when one is absent and `malformed_header` when one is
 * unreadable: a time that is not ISO 8601, a signature that is not
 * base64, an algorithm other than SHA256withRSA, a certificate URL not on
 * PayPal's own https host (see {@link isPayPalCertUrl}).
 */
export function readTransmission(headers: Headers): Transmission {
  const get = (name: string) => headers.get(name)?.trim() || undefined;
  const id = get(PAYPAL_SIGNATURE_HEADERS.transmissionId);
  const time = get(PAYPAL_SIGNATURE_HEADERS.transmissionTime);
  const sig = get(PAYPAL_SIGNATURE_HEADERS.transmissionSig);
  const certUrl = get(PAYPAL_SIGNATURE_HEADERS.certUrl);
  const authAlgo = get(PAYPAL_SIGNATURE_HEADERS.authAlgo);
  if (!id || !time || !sig || !certUrl || !authAlgo) {
    throw new InvalidWebhookSignature("missing_header");
  }
  const sentAt = new Date(time);
  if (
    !TRANSMISSION_ID.test(id) || !ISO_TIME.test(time) ||
    Number.isNaN(sentAt.getTime()) || !BASE64.test(sig) ||
    authAlgo !== PAYPAL_AUTH_ALGO || !isPayPalCertUrl(certUrl)
  ) {
    throw new InvalidWebhookSignature("malformed_header");
  }
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = Uint8Array.from(atob(sig), (c) => c.charCodeAt(0));
  } catch {
    throw new InvalidWebhookSignature("malformed_header");
  }
  return { id, time, sentAt, sig, signature, certUrl, authAlgo };
}

/**
 * Whether `url` may name a PayPal signing certificate: `https:` on exactly
 * one of {@link PAYPAL_CERT_HOSTS}, on the default port, without
 * credentials, query or fragment, under {@link PAYPAL_CERT_PATH}.
 * Anything else is never fetched.
 */
export function isPayPalCertUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // `URL` has already lower-cased the host and resolved `..` segments,
  // so the path checked is the path fetched.
  return parsed.protocol === "https:" && parsed.port === "" &&
    parsed.username === "" && parsed.password === "" &&
    parsed.search === "" && parsed.hash === "" &&
    PAYPAL_CERT_HOSTS.includes(parsed.hostname) &&
    parsed.pathname.startsWith(PAYPAL_CERT_PATH) &&
    parsed.pathname.length > PAYPAL_CERT_PATH.length;
}

/**
 * Throws {@link InvalidWebhookSignature} `stale_timestamp` when
 * `transmission` was sent more than `toleranceSeconds` before or after
 * `now`.
 */
export function checkTransmissionTime(
  transmission: Pick<Transmission, "sentAt">,
  options: { now: Date; toleranceSeconds: number },
): void {
  const skew = Math.abs(options.now.getTime() - transmission.sentAt.getTime());
  if (skew > options.toleranceSeconds * 1000) {
    throw new InvalidWebhookSignature("stale_timestamp");
  }
}

/**
 * The text PayPal signs for a delivery:
 * `transmissionId|transmissionTime|webhookId|crc32(rawBody)`.
 */
export function signedText(
  transmission: Pick<Transmission, "id" | "time">,
  options: { webhookId: string; rawBody: string },
): string {
  return `${transmission.id}|${transmission.time}|${options.webhookId}|${
    crc32(options.rawBody)
  }`;
}

interface CachedCertificate {
  key: CryptoKey;
  validFrom: Date;
  validTo: Date;
}

/** Options of {@link CertificateCache}. */
export interface CertificateCacheOptions {
  /** How certificates are fetched (the adapter's `fetch`). */
  fetch?: Fetch;
  /** Certificates kept at most; the oldest goes first (16). */
  max?: number;
  /** The gateway name errors carry (`paypal`). */
  gateway?: string;
  /**
   * How long one certificate fetch may take, in milliseconds
   * ({@link PAYPAL_CERT_TIMEOUT_MS}).
   */
  timeoutMs?: number;
}

/**
 * PayPal's signing certificates by URL: fetched once, parsed with
 * `node:crypto`, kept (up to `max`) as WebCrypto keys with their validity
 * dates. Concurrent deliveries naming the same URL share one fetch, which
 * has its own deadline (no delivery's) and is forgotten when it fails, so
 * the next delivery fetches again.
 */
export class CertificateCache {
  readonly #fetch: Fetch | undefined;
  readonly #max: number;
  readonly #gateway: string;
  readonly #timeoutMs: number;
  readonly #entries = new Map<string, Promise<CachedCertificate>>();

  constructor(options: CertificateCacheOptions = {}) {
    this.#fetch = options.fetch;
    this.#max = options.max ?? 16;
    this.#gateway = options.gateway ?? "paypal";
    const timeoutMs = options.timeoutMs ?? PAYPAL_CERT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError(
        `A certificate fetch's timeout must be a positive number, not '${timeoutMs}'`,
      );
    }
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Verify that `signature` over `text` was made with the key of the
   * certificate at `url`, valid at `now`. Throws
   * {@link InvalidWebhookSignature} `malformed_header` for a URL off
   * PayPal's host and `signature_mismatch` for a wrong signature or a
   * certificate that is missing, unreadable or outside its validity; a
   * certificate PayPal failed to serve (network, 5xx, a redirect, no
   * answer within the deadline) is a `GatewayTransientError`, so the
   * delivery is answered 503 and retried.
   */
  async verify(
    url: string,
    options: { text: string; signature: Uint8Array<ArrayBuffer>; now: Date },
  ): Promise<void> {
    if (!isPayPalCertUrl(url)) {
      throw new InvalidWebhookSignature("malformed_header");
    }
    const certificate = await this.#get(new URL(url).href);
    const now = options.now.getTime();
    if (
      now < certificate.validFrom.getTime() ||
      now > certificate.validTo.getTime()
    ) {
      throw new InvalidWebhookSignature("signature_mismatch");
    }
    const ok = await crypto.subtle.verify(
      RSA,
      certificate.key,
      options.signature,
      new TextEncoder().encode(options.text),
    );
    if (!ok) throw new InvalidWebhookSignature("signature_mismatch");
  }

  #get(url: string): Promise<CachedCertificate> {
    const cached = this.#entries.get(url);
    if (cached) return cached;
    const loading = this.#load(url);
    // A failed or timed-out load is forgotten, so the next delivery tries
    // again instead of sharing the failure.
    loading.catch(() => {
      if (this.#entries.get(url) === loading) this.#entries.delete(url);
    });
    if (this.#entries.size >= this.#max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(url, loading);
    return loading;
  }

  async #load(url: string): Promise<CachedCertificate> {
    let pem: string;
    // The load's own deadline, not a delivery's: others may be waiting on
    // it too.
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      ({ text: pem } = await gatewayFetch(this.#gateway, url, {
        method: "GET",
        // A redirect would leave the host just checked: never followed.
        redirect: "error",
        signal,
        fetch: this.#fetch,
      }));
    } catch (error) {
      if (error instanceof GatewayRefused) {
        throw new InvalidWebhookSignature("signature_mismatch");
      }
      if (signal.aborted) {
        throw new GatewayTransientError(
          this.#gateway,
          `PayPal's certificate '${url}' did not arrive within ${this.#timeoutMs} ms`,
          { cause: error },
        );
      }
      throw error;
    }
    try {
      // The first certificate of the chain PayPal serves is its own.
      const certificate = new X509Certificate(pem);
      const spki = certificate.publicKey.export({
        type: "spki",
        format: "der",
      });
      return {
        key: await crypto.subtle.importKey(
          "spki",
          new Uint8Array(spki),
          RSA,
          false,
          [
            "verify",
          ],
        ),
        validFrom: certificate.validFromDate,
        validTo: certificate.validToDate,
      };
    } catch {
      throw new InvalidWebhookSignature("signature_mismatch");
    }
  }
}
