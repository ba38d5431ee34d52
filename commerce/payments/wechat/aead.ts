/**
 * WeChat Pay's encrypted callback resources: `AEAD_AES_256_GCM` under the
 * merchant's APIv3 key (32 bytes), with the resource's `nonce` (12
 * characters) as IV and its `associated_data` as additional data; the
 * base64 `ciphertext` ends with the 16-byte authentication tag.
 *
 * WebCrypto's AES-GCM checks the tag, so a resource changed in transit or
 * sealed under another key never decrypts.
 *
 * @module
 */
import { buffer, decodeBase64, encodeBase64, randomNonce } from "./_util.ts";

/** The one algorithm WeChat Pay seals callback resources with. */
export const AEAD_ALGORITHM = "AEAD_AES_256_GCM";

/** A callback's `resource`, as WeChat Pay sends it. */
export interface EncryptedResource {
  algorithm: string;
  /** Base64 of the ciphertext followed by the 16-byte GCM tag. */
  ciphertext: string;
  nonce: string;
  associated_data?: string;
  /** What the plaintext is: `transaction`, `refund`... */
  original_type?: string;
}

/**
 * The plaintext of `resource` under `apiV3Key`, or `null` when it does
 * not decrypt: another algorithm, bad base64, or a failed tag check (a
 * changed ciphertext, nonce or associated data, or another key).
 */
export async function decryptResource(
  resource: EncryptedResource,
  apiV3Key: string,
): Promise<string | null> {
  if (resource.algorithm !== AEAD_ALGORITHM) return null;
  const ciphertext = decodeBase64(resource.ciphertext);
  if (!ciphertext || ciphertext.length < 16) return null;
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: new TextEncoder().encode(resource.nonce),
        additionalData: new TextEncoder().encode(
          resource.associated_data ?? "",
        ),
        tagLength: 128,
      },
      await aesKey(apiV3Key, "decrypt"),
      buffer(ciphertext),
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    return null;
  }
}

/**
 * Seal `plaintext` as WeChat Pay does (its fake, and tests): a fresh
 * 12-character nonce unless one is given.
 */
export async function encryptResource(
  plaintext: string,
  options: {
    apiV3Key: string;
    associatedData: string;
    originalType: string;
    nonce?: string;
  },
): Promise<Required<EncryptedResource>> {
  const nonce = options.nonce ?? randomNonce(12);
  const sealed = await crypto.subtle.encrypt(
    {
      name: "AES-GCM",
      iv: new TextEncoder().encode(nonce),
      additionalData: new TextEncoder().encode(options.associatedData),
      tagLength: 128,
    },
    await aesKey(options.apiV3Key, "encrypt"),
    new TextEncoder().encode(plaintext),
  );
  return {
    original_type: options.originalType,
    algorithm: AEAD_ALGORITHM,
    ciphertext: encodeBase64(new Uint8Array(sealed)),
    associated_data: options.associatedData,
    nonce,
  };
}

function aesKey(
  apiV3Key: string,
  usage: "encrypt" | "decrypt",
): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(apiV3Key),
    "AES-GCM",
    false,
    [usage],
  );
}
