/**
 * Alipay's RSA2 signatures (RSASSA-PKCS1-v1_5 over SHA-256, base64) and the
 * text they cover, with WebCrypto:
 *
 * - a request signs its parameters except `sign`, empty values dropped,
 *   sorted by key and joined `k=v&k2=v2` with the raw (unencoded) values
 *   ({@link signContent});
 * - an asynchronous notification signs the same way but without
 *   `sign_type` either ({@link notifyContent});
 * - an API answer signs the exact text of its `<method>_response` value as
 *   it stands in the body ({@link responseContent}), never a re-serialized
 *   copy.
 *
 * Times travel as `yyyy-MM-dd HH:mm:ss` in China time (UTC+8), see
 * {@link formatChinaTime} and {@link parseChinaTime}.
 *
 * @module
 */

/** The RSA2 algorithm in WebCrypto's terms. */
const RSA2 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

// rsaEncryption (1.2.840.113549.1.1.1), as it appears inside SPKI and
// PKCS#8 DER.
const RSA_OID = [
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
];

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The text a request's signature covers: every parameter but `sign`, empty
 * values dropped, sorted by key (ASCII) and joined as `k=v&k2=v2` with
 * the values as they are (not URL-encoded).
 */
export function signContent(params: Record<string, string>): string {
  return canonical(params, ["sign"]);
}

/**
 * The text an asynchronous notification's signature covers: like
 * {@link signContent}, but without `sign_type` either.
 */
export function notifyContent(params: Record<string, string>): string {
  return canonical(params, ["sign", "sign_type"]);
}

function canonical(
  params: Record<string, string>,
  excluded: readonly string[],
): string {
  return Object.keys(params)
    .filter((key) => !excluded.includes(key) && params[key] !== "")
    .sort((a, b) => a < b ? -1 : a > b ? 1 : 0)
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

/**
 * The DER bytes of an RSA key given as PEM (`label` is `PRIVATE KEY` for
 * PKCS#8, `PUBLIC KEY` for SPKI) or as the bare base64 Alipay's key tool
 * prints. `null` when it is neither, or not an RSA key.
 */
export function rsaKeyDer(
  text: string,
  label: "PRIVATE KEY" | "PUBLIC KEY",
): Uint8Array<ArrayBuffer> | null {
  const trimmed = text.trim();
  let body = trimmed;
  if (trimmed.startsWith("-----")) {
    const pem = new RegExp(
      `^-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----$`,
    ).exec(trimmed);
    if (!pem) return null;
    body = pem[1];
  }
  const der = decodeBase64(body.replace(/\s+/g, ""));
  if (!der || der[0] !== 0x30 || !containsRsaOid(der)) return null;
  return der;
}

function containsRsaOid(der: Uint8Array): boolean {
  // The algorithm identifier sits in the first few dozen bytes.
  const end = Math.min(der.length - RSA_OID.length, 64);
  for (let i = 0; i <= end; i++) {
    if (RSA_OID.every((byte, j) => der[i + j] === byte)) return true;
  }
  return false;
}

/** Import a PKCS#8 DER RSA private key for RSA2 signing. */
export function importPrivateKey(
  der: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  return crypto.subtle.importKey("pkcs8", der, RSA2, false, ["sign"]);
}

/** Import an SPKI DER RSA public key for RSA2 verification. */
export function importPublicKey(
  der: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  return crypto.subtle.importKey("spki", der, RSA2, false, ["verify"]);
}

/** The base64 RSA2 signature of `content` (UTF-8) under `key`. */
export async function sign(key: CryptoKey, content: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    RSA2,
    key,
    new TextEncoder().encode(content),
  );
  return encodeBase64(new Uint8Array(signature));
}

/**
 * Whether `signature` (raw bytes, see {@link decodeBase64}) is the RSA2
 * signature of `content` (UTF-8) under `key`.
 */
export function verify(
  key: CryptoKey,
  signed: { content: string; signature: Uint8Array<ArrayBuffer> },
): Promise<boolean> {
  return crypto.subtle.verify(
    RSA2,
    key,
    signed.signature,
    new TextEncoder().encode(signed.content),
  );
}

/** Standard base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of standard, padded base64 `text`, or `null` when it is not. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text === "" || !BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const CHINA_TIME =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** `date` as Alipay writes times: `yyyy-MM-dd HH:mm:ss` in UTC+8. */
export function formatChinaTime(date: Date): string {
  const china = new Date(date.getTime() + CHINA_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${china.getUTCFullYear()}-${pad(china.getUTCMonth() + 1)}-${
    pad(china.getUTCDate())
  } ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}:${
    pad(china.getUTCSeconds())
  }`;
}

/**
 * Read an Alipay time (`yyyy-MM-dd HH:mm:ss`, optionally with
 * milliseconds as in `gmt_refund`) as the instant it names in UTC+8;
 * `null` when it is not one, or names no real date ("2024-02-30").
 */
export function parseChinaTime(text: string): Date | null {
  const match = CHINA_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(
    Number,
  );
  const millis = Number((match[7] ?? "").padEnd(3, "0"));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day || check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second
  ) {
    return null;
  }
  return new Date(utc - CHINA_OFFSET_MS);
}

/**
 * The exact text of the top-level member `key` of the JSON object `body`
 * (`alipay_trade_refund_response`'s `{...}`, whitespace and escapes as
 * sent), which is what an Alipay answer's `sign` covers; `null` when the
 * body is no JSON object or has no such member.
 */
export function responseContent(body: string, key: string): string | null {
  let i = skipSpace(body, 0);
  if (body[i] !== "{") return null;
  i = skipSpace(body, i + 1);
  while (i < body.length && body[i] === '"') {
    const keyEnd = stringEnd(body, i);
    if (keyEnd < 0) return null;
    let name: unknown;
    try {
      name = JSON.parse(body.slice(i, keyEnd));
    } catch {
      return null;
    }
    i = skipSpace(body, keyEnd);
    if (body[i] !== ":") return null;
    const start = skipSpace(body, i + 1);
    const end = valueEnd(body, start);
    if (end < 0) return null;
    if (name === key) return body.slice(start, end);
    i = skipSpace(body, end);
    if (body[i] !== ",") return null;
    i = skipSpace(body, i + 1);
  }
  return null;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && " \t\r\n".includes(text[i])) i++;
  return i;
}

// The index after the string starting at `i` (a quote), or -1.
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

// The index after the JSON value starting at `i`, or -1.
function valueEnd(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] === "{" || text[i] === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') {
        j = stringEnd(text, j) - 1;
        if (j < 0) return -1;
      } else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !",}] \t\r\n".includes(text[j])) j++;
  return j === i ? -1 : j;
}
