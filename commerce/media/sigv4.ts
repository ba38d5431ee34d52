/**
 * AWS Signature Version 4 with WebCrypto: the canonical request, the
 * string to sign, the derived signing key and the `Authorization` header,
 * as S3 and every S3-compatible store (MinIO, R2, Ceph, Wasabi...) check
 * them. No SDK: the app runs at the edge.
 *
 * @module
 */

/** The SHA-256 of an empty payload, as `x-amz-content-sha256` sends it. */
export const EMPTY_SHA256 =
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Who signs, and for which region and service. */
export interface SigV4Key {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** `s3` for object stores. */
  service: string;
}

/** A request to sign: the headers given are the ones signed. */
export interface SignableRequest {
  method: string;
  url: URL;
  /** Header names in any case; `host` is taken from `url` when absent. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`). */
  payloadHash: string;
}

/** A signature and the steps that led to it (for tests and debugging). */
export interface SigV4Result {
  /** The headers to send: those given, `x-amz-date`, `authorization`. */
  headers: Record<string, string>;
  authorization: string;
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

const encoder = new TextEncoder();

/** Lowercase hex of `bytes`. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(
    bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    (byte) => byte.toString(16).padStart(2, "0"),
  ).join("");
}

/** Hex SHA-256 of `data` (a string is hashed as UTF-8). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
}

async function hmac(
  key: Uint8Array | ArrayBuffer,
  data: string,
): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(data));
}

/** `20150830T123600Z`: the form `x-amz-date` takes. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

// RFC 3986 unreserved characters stay, everything else is %XX (uppercase).
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase(),
  );
}

// S3 encodes each path segment once; every other service encodes the
// already-encoded path a second time.
function canonicalUri(url: URL, service: string): string {
  const segments = url.pathname.split("/").map((segment) => {
    const once = uriEncode(decodeURIComponent(segment));
    return service === "s3" ? once : uriEncode(once);
  });
  return segments.join("/") || "/";
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)])
    .sort(([a, x], [b, y]) =>
      a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0
    )
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/**
 * The signature of `request` as of `date` (its `x-amz-date`), over exactly
 * the headers it carries (plus `host` from its URL when absent). What a
 * server recomputes to check a request, and what {@link signV4} sends.
 */
export async function signatureOf(
  request: SignableRequest,
  key: SigV4Key,
  date: string,
): Promise<Omit<SigV4Result, "headers">> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, " "));
  }
  if (!headers.has("host")) headers.set("host", request.url.host);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.url, key.service),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${headers.get(name)}\n`).join(""),
    signedHeaders,
    request.payloadHash,
  ].join("\n");
  const day = date.slice(0, 8);
  const scope = `${day}/${key.region}/${key.service}/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    date,
    scope,
    await sha256Hex(canonicalRequest),
  ].join("\n");
  let signingKey = await hmac(
    encoder.encode(`AWS4${key.secretAccessKey}`),
    day,
  );
  for (const part of [key.region, key.service, "aws4_request"]) {
    signingKey = await hmac(signingKey, part);
  }
  const signature = toHex(await hmac(signingKey, stringToSign));
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, ` +
      `SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    canonicalRequest,
    stringToSign,
  };
}

/**
 * Sign `request` at `now`: adds `x-amz-date` to its headers and returns
 * them with `authorization`. `host` is signed from the URL but left out of
 * the headers to send (fetch sets it from the URL itself).
 */
export async function signV4(
  request: SignableRequest,
  key: SigV4Key,
  now: Date = new Date(),
): Promise<SigV4Result> {
  const date = amzDate(now);
  const headers = { ...request.headers, "x-amz-date": date };
  const result = await signatureOf({ ...request, headers }, key, date);
  const toSend = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== "host"),
  );
  return {
    ...result,
    headers: { ...toSend, authorization: result.authorization },
  };
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Read an `Authorization` header of SigV4's form, or `null`. */
export function parseAuthorization(
  header: string | null,
): SigV4Authorization | null {
  const match = header?.match(
    /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/,
  );
  if (!match) return null;
  return {
    accessKeyId: match[1],
    date: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: match[5].split(";"),
    signature: match[6],
  };
}
