import assert from "node:assert/strict";
import {
  hashToken,
  isOpaqueToken,
  newOpaqueToken,
  OPAQUE_TOKEN_BYTES,
  tokenMatches,
} from "./mod.ts";
import { timingSafeEqual } from "./_constant_time.ts";

Deno.test("newOpaqueToken() is 32 random bytes as unpadded base64url", () => {
  const token = newOpaqueToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  const bytes = Uint8Array.fromBase64(token, { alphabet: "base64url" });
  assert.equal(bytes.length, OPAQUE_TOKEN_BYTES);
  assert.equal(isOpaqueToken(token), true);
});

Deno.test("newOpaqueToken() never repeats and uses the whole alphabet", () => {
  const tokens = new Set<string>();
  for (let i = 0; i < 10_000; i++) tokens.add(newOpaqueToken());
  assert.equal(tokens.size, 10_000);
  const seen = new Set([...tokens].join(""));
  // 430,000 random characters cover all 64 base64url symbols.
  assert.equal(seen.size, 64);
});

Deno.test("isOpaqueToken() refuses anything newOpaqueToken() would not make", () => {
  const token = newOpaqueToken();
  for (
    const value of [
      token + "A",
      token.slice(1),
      token.slice(1) + "=",
      token.slice(1) + "+",
      token.slice(1) + "/",
      "",
      null,
      undefined,
      42,
    ]
  ) {
    assert.equal(isOpaqueToken(value), false, String(value));
  }
});

Deno.test("hashToken() is the SHA-256 hex digest of the token", () => {
  // FIPS 180-2 test vector.
  assert.equal(
    hashToken("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    hashToken(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  const token = newOpaqueToken();
  assert.match(hashToken(token), /^[0-9a-f]{64}$/);
  assert.equal(hashToken(token), hashToken(token));
  assert.notEqual(hashToken(token), hashToken(newOpaqueToken()));
});

Deno.test("hashToken() agrees with WebCrypto", async () => {
  const token = newOpaqueToken();
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(token),
  );
  assert.equal(hashToken(token), new Uint8Array(digest).toHex());
});

Deno.test("tokenMatches() accepts the token whose hash was stored and nothing else", () => {
  const token = newOpaqueToken();
  const stored = hashToken(token);
  assert.equal(tokenMatches(token, stored), true);
  assert.equal(tokenMatches(token, stored.toUpperCase()), true);
  assert.equal(tokenMatches(newOpaqueToken(), stored), false);
  // One character off in the token, one digit off in the hash.
  const flipped = (token[0] === "A" ? "B" : "A") + token.slice(1);
  assert.equal(tokenMatches(flipped, stored), false);
  const lastDigit = stored.at(-1) === "0" ? "1" : "0";
  assert.equal(tokenMatches(token, stored.slice(0, -1) + lastDigit), false);
});

Deno.test("tokenMatches() answers false for unusable input and never throws", () => {
  const token = newOpaqueToken();
  const stored = hashToken(token);
  for (
    const bad of [
      "",
      stored.slice(0, -1),
      stored + "0",
      stored.slice(0, -1) + "g",
      token,
      null,
      undefined,
      42,
    ]
  ) {
    assert.equal(tokenMatches(token, bad as string), false, String(bad));
  }
  assert.equal(tokenMatches(null as unknown as string, stored), false);
});

Deno.test("timingSafeEqual() compares by value and by length", () => {
  const a = new Uint8Array([1, 2, 3, 4]);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2, 3, 4])), true);
  assert.equal(timingSafeEqual(a, new Uint8Array([0, 2, 3, 4])), false);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2, 3, 5])), false);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2, 3])), false);
  assert.equal(timingSafeEqual(new Uint8Array(), new Uint8Array()), true);
});

Deno.test("timingSafeEqual() takes as long for an early difference as for none", () => {
  // On 1 MiB inputs an early-exit comparison would answer a first-byte
  // difference about a million times faster than a full match; a constant-
  // time one takes about as long. The bound is loose because timers and
  // the JIT are noisy, and still catches any early exit.
  const size = 1 << 20;
  const a = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let i = 0; i < size; i += 65536) {
    crypto.getRandomValues(a.subarray(i, i + 65536));
  }
  const same = a.slice();
  const firstDiffers = a.slice();
  firstDiffers[0] ^= 1;
  const median = (b: Uint8Array) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      timingSafeEqual(a, b);
      times.push(performance.now() - started);
    }
    return times.sort((x, y) => x - y)[7];
  };
  median(same); // warm up the JIT
  const full = median(same);
  const early = median(firstDiffers);
  console.log(
    `1 MiB compare: equal ${full.toFixed(3)} ms, ` +
      `first byte differs ${early.toFixed(3)} ms`,
  );
  assert.ok(
    early > full / 4,
    `first-byte difference ${early} ms vs full match ${full} ms`,
  );
});
