/**
 * Small helpers of the WeChat Pay adapter and its fake: strict base64 and
 * the random strings WeChat Pay's signatures and resources carry.
 *
 * @module
 */

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The bytes of standard, padded base64 `text`, or `null` when it is not that. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `bytes` as standard, padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked: spreading a large array into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A random string of `length` upper-case letters and digits. */
export function randomNonce(length = 32): string {
  let nonce = "";
  while (nonce.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      // 252 is the largest multiple of 36 below 256: no bias.
      if (byte < 252 && nonce.length < length) {
        nonce += ALPHANUMERIC[byte % ALPHANUMERIC.length];
      }
    }
  }
  return nonce;
}

/** `bytes` as the `BufferSource` WebCrypto's typings insist on. */
export function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/**
 * `date` as WeChat Pay writes times: RFC 3339 in China Standard Time, to
 * the second (`2024-05-20T13:29:35+08:00`). Milliseconds are dropped, so
 * the time never moves later.
 */
export function chinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
