/**
 * WeChat Pay API v3 signatures, both ways.
 *
 * - The merchant signs each request: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`
 *   with SHA256withRSA under its API private key, sent as
 *   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",signature="..",timestamp="..",serial_no=".."`.
 * - WeChat Pay signs its answers and its callbacks:
 *   `TIMESTAMP\nNONCE\nBODY\n` under a platform key, in the headers
 *   `Wechatpay-Timestamp`, `Wechatpay-Nonce`, `Wechatpay-Signature` and
 *   `Wechatpay-Serial` (which platform key: a platform certificate's
 *   serial, or `PUB_KEY_ID_...` in the newer public-key mode).
 *
 * Keys are read with `node:crypto` (PEM, certificates) and used through
 * WebCrypto (RSASSA-PKCS1-v1_5 with SHA-256).
 *
 * @module
 */
import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  X509Certificate,
} from "node:crypto";
import type { SignatureProblem } from "../errors.ts";
import { buffer, decodeBase64, encodeBase64 } from "./_util.ts";

/** The scheme of the `Authorization` header (and of WeChat Pay's signatures). */
export const AUTHORIZATION_SCHEME = "WECHATPAY2-SHA256-RSA2048";

/** The headers WeChat Pay's signature travels in, on answers and callbacks. */
export const WECHATPAY_HEADERS = {
  timestamp: "Wechatpay-Timestamp",
  nonce: "Wechatpay-Nonce",
  signature: "Wechatpay-Signature",
  serial: "Wechatpay-Serial",
  signatureType: "Wechatpay-Signature-Type",
} as const;

const RSA: RsaHashedImportParams = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
};

/** The parts of a signed merchant request, as its `Authorization` header carries them. */
export interface AuthorizationParts {
  mchId: string;
  nonce: string;
  /** Base64 SHA256withRSA signature. */
  signature: string;
  /** Unix seconds, as text. */
  timestamp: string;
  /** The serial of the merchant API certificate that signed. */
  serial: string;
}

/** The text a merchant request's signature covers. */
export function requestMessage(
  parts: {
    method: string;
    /** The path and query as sent (`/v3/pay/transactions/native`). */
    url: string;
    timestamp: string;
    nonce: string;
    /** The exact body; empty for a GET. */
    body: string;
  },
): string {
  return `${parts.method}\n${parts.url}\n${parts.timestamp}\n${parts.nonce}\n${parts.body}\n`;
}

/** The text WeChat Pay's signature on an answer or a callback covers. */
export function responseMessage(
  parts: { timestamp: string; nonce: string; body: string },
): string {
  return `${parts.timestamp}\n${parts.nonce}\n${parts.body}\n`;
}

/** `message` signed SHA256withRSA under `privateKey`, in base64. */
export async function signMessage(
  message: string,
  privateKey: CryptoKey,
): Promise<string> {
  const signature = await crypto.subtle.sign(
    RSA,
    privateKey,
    new TextEncoder().encode(message),
  );
  return encodeBase64(new Uint8Array(signature));
}

/** Whether `signature` is `publicKey`'s SHA256withRSA signature of `message`. */
export async function verifyMessage(
  message: string,
  signature: Uint8Array,
  publicKey: CryptoKey,
): Promise<boolean> {
  try {
    return await crypto.subtle.verify(
      RSA,
      publicKey,
      buffer(signature),
      new TextEncoder().encode(message),
    );
  } catch {
    return false;
  }
}

/** The `Authorization` header value of a signed merchant request. */
export function authorizationHeader(parts: AuthorizationParts): string {
  return `${AUTHORIZATION_SCHEME} mchid="${parts.mchId}",nonce_str="${parts.nonce}",signature="${parts.signature}",timestamp="${parts.timestamp}",serial_no="${parts.serial}"`;
}

/**
 * The parts of an `Authorization` header, or `null` when it is not a
 * complete `WECHATPAY2-SHA256-RSA2048` one.
 */
export function parseAuthorization(
  header: string | null,
): AuthorizationParts | null {
  const prefix = `${AUTHORIZATION_SCHEME} `;
  if (!header?.startsWith(prefix)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const match = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    fields.set(match[1], match[2]);
  }
  const mchId = fields.get("mchid");
  const nonce = fields.get("nonce_str");
  const signature = fields.get("signature");
  const timestamp = fields.get("timestamp");
  const serial = fields.get("serial_no");
  if (!mchId || !nonce || !signature || !timestamp || !serial) return null;
  return { mchId, nonce, signature, timestamp, serial };
}

/**
 * The PKCS#8 DER of an RSA private key in PEM; throws `TypeError` when
 * `pem` is not one.
 */
export function privateKeyDer(pem: string): Uint8Array {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch (cause) {
    throw new TypeError("The merchant private key is not a PEM private key", {
      cause,
    });
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new TypeError(
      `The merchant private key is '${key.asymmetricKeyType}', not RSA`,
    );
  }
  return new Uint8Array(key.export({ type: "pkcs8", format: "der" }));
}

/**
 * The SPKI DER of an RSA public key given in PEM as a public key or as
 * an X.509 certificate, with the certificate's serial (upper-case hex)
 * when it is one; throws `TypeError` otherwise.
 */
export function publicKeyDer(
  pem: string,
): { der: Uint8Array; certificateSerial?: string } {
  let key: KeyObject;
  let certificateSerial: string | undefined;
  try {
    if (pem.includes("-----BEGIN CERTIFICATE-----")) {
      const certificate = new X509Certificate(pem);
      key = certificate.publicKey;
      certificateSerial = certificate.serialNumber.toUpperCase();
    } else {
      key = createPublicKey({ key: pem, format: "pem" });
    }
  } catch (cause) {
    throw new TypeError(
      "A WeChat Pay platform key is neither a PEM public key nor a certificate",
      { cause },
    );
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new TypeError(
      `A WeChat Pay platform key is '${key.asymmetricKeyType}', not RSA`,
    );
  }
  return {
    der: new Uint8Array(key.export({ type: "spki", format: "der" })),
    ...(certificateSerial ? { certificateSerial } : {}),
  };
}

/** A WebCrypto signing key from PKCS#8 DER (see {@link privateKeyDer}). */
export function importPrivateKey(der: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("pkcs8", buffer(der), RSA, false, ["sign"]);
}

/** A WebCrypto verifying key from SPKI DER (see {@link publicKeyDer}). */
export function importPublicKey(der: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("spki", buffer(der), RSA, false, ["verify"]);
}

/**
 * Check WeChat Pay's signature on an answer or a callback: `null` when
 * it holds, else which check failed. Missing headers, then their form,
 * then the key (an unknown serial is a mismatch: `onUnknownSerial` hears
 * of it, as it usually means a platform key was rotated), then the
 * signature over the exact body, then the timestamp against `now`.
 */
export async function checkWechatSignature(
  headers: Headers,
  body: string,
  options: {
    /** The platform keys by serial (upper case). */
    keys: ReadonlyMap<string, CryptoKey>;
    now: Date;
    toleranceSeconds: number;
    onUnknownSerial?: (serial: string) => void;
  },
): Promise<SignatureProblem | null> {
  const timestamp = headers.get(WECHATPAY_HEADERS.timestamp);
  const nonce = headers.get(WECHATPAY_HEADERS.nonce);
  const signature = headers.get(WECHATPAY_HEADERS.signature);
  const serial = headers.get(WECHATPAY_HEADERS.serial);
  if (!timestamp || !nonce || !signature || !serial) return "missing_header";
  const bytes = decodeBase64(signature);
  if (!/^\d{1,12}$/.test(timestamp) || !bytes || bytes.length === 0) {
    return "malformed_header";
  }
  const key = options.keys.get(serial.toUpperCase());
  if (!key) {
    options.onUnknownSerial?.(serial);
    return "signature_mismatch";
  }
  const message = responseMessage({ timestamp, nonce, body });
  if (!await verifyMessage(message, bytes, key)) return "signature_mismatch";
  const skew = Math.abs(options.now.getTime() / 1000 - Number(timestamp));
  if (skew > options.toleranceSeconds) return "stale_timestamp";
  return null;
}
