/**
 * The test gateway's webhook signature, built like Stripe's: the header
 * `Test-Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` signs
 * `t + "." + rawBody` under the shared secret. The timestamp inside the
 * signed text is what makes a captured request useless after the
 * tolerance; several `v1` entries are accepted (a secret being rotated).
 *
 * @module
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { timingSafeEqual } from "../_constant_time.ts";
import { InvalidWebhookSignature } from "../errors.ts";

/** The header the signature travels in. */
export const SIGNATURE_HEADER = "Test-Gateway-Signature";

/** How far a signature's timestamp may be from now, in seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

/**
 * The signature header value for `rawBody` signed under `secret` at
 * `timestamp` (unix seconds; now by default).
 */
export function signatureHeader(
  rawBody: string,
  options: { secret: string; timestamp?: number },
): string {
  const { secret, timestamp = Math.floor(Date.now() / 1000) } = options;
  return `t=${timestamp},v1=${bytesToHex(mac(secret, timestamp, rawBody))}`;
}

/**
 * Verify the signature `header` over `rawBody` under `secret`: throws
 * {@link InvalidWebhookSignature} when it is missing, malformed, signed
 * under another secret or over another body, or dated more than the
 * tolerance (300 s) from `now`.
 */
export function verifySignature(
  rawBody: string,
  options: {
    secret: string;
    header: string | null;
    now?: Date;
    toleranceSeconds?: number;
  },
): void {
  const { secret, header } = options;
  if (!header) throw new InvalidWebhookSignature("missing_header");
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && HEX_SIGNATURE.test(value)) {
      signatures.push(hexToBytes(value));
    }
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new InvalidWebhookSignature("malformed_header");
  }
  const expected = mac(secret, timestamp, rawBody);
  if (!signatures.some((candidate) => timingSafeEqual(candidate, expected))) {
    throw new InvalidWebhookSignature("signature_mismatch");
  }
  const now = (options.now ?? new Date()).getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) {
    throw new InvalidWebhookSignature("stale_timestamp");
  }
}

function mac(secret: string, timestamp: number, rawBody: string): Uint8Array {
  return hmac(
    sha256,
    utf8ToBytes(secret),
    utf8ToBytes(`${timestamp}.${rawBody}`),
  );
}
