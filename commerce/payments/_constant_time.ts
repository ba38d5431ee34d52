/**
 * Compare two byte arrays in time that depends only on their lengths, never
 * on where they first differ, so checking a webhook signature leaks nothing
 * through timing. Lengths are not secret (a signature's length is fixed by
 * its algorithm), so a length mismatch returns early.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
