/**
 * Compares two byte arrays in time that depends only on their lengths, never
 * on where they first differ, so a caller comparing a secret-derived value
 * (a password hash, a token hash) leaks nothing through timing. Lengths are
 * not secret here (hash lengths are fixed or stored beside the hash), so a
 * length mismatch returns early.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
