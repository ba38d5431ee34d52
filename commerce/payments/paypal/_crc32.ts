/**
 * CRC-32 (IEEE 802.3, the zlib one): PayPal signs a webhook's body through
 * its CRC-32, written as an unsigned decimal.
 *
 * @module
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 of `data` (a string is taken as its UTF-8 bytes), as an
 * unsigned integer: `crc32("123456789")` is 3421780262.
 */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
