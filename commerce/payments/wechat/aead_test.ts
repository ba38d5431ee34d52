import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { Buffer } from "node:buffer";
import { AEAD_ALGORITHM, decryptResource, encryptResource } from "./aead.ts";

const KEY = "a3f9c2e1b7d84f60a1c5e9b2d7f3a8c4";

Deno.test("`decryptResource()` opens a resource sealed as WeChat Pay seals it", async () => {
  // Sealed independently: AES-256-GCM, the tag appended to the ciphertext.
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(KEY), "fdasflkja484")
    .setAAD(Buffer.from("transaction"));
  const sealed = Buffer.concat([
    cipher.update('{"trade_state":"SUCCESS"}', "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const plaintext = await decryptResource({
    algorithm: AEAD_ALGORITHM,
    ciphertext: sealed.toString("base64"),
    nonce: "fdasflkja484",
    associated_data: "transaction",
  }, KEY);
  assert.equal(plaintext, '{"trade_state":"SUCCESS"}');
});

Deno.test("`decryptResource()` refuses a resource whose tag does not check out", async () => {
  const sealed = await encryptResource('{"refund_status":"SUCCESS"}', {
    apiV3Key: KEY,
    associatedData: "refund",
    originalType: "refund",
  });
  assert.equal(
    await decryptResource(sealed, KEY),
    '{"refund_status":"SUCCESS"}',
  );
  const bytes = Uint8Array.from(
    atob(sealed.ciphertext),
    (c) => c.charCodeAt(0),
  );
  bytes[bytes.length - 1] ^= 1;
  for (
    const [resource, key] of [
      [{ ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) }, KEY],
      [{ ...sealed, associated_data: "transaction" }, KEY],
      [{ ...sealed, nonce: "000000000000" }, KEY],
      [sealed, "b".repeat(32)],
      [{ ...sealed, algorithm: "AEAD_SM4_GCM" }, KEY],
      [{ ...sealed, ciphertext: "not base64" }, KEY],
      [{ ...sealed, ciphertext: "AAAA" }, KEY],
    ] as const
  ) {
    assert.equal(await decryptResource(resource, key), null);
  }
});
