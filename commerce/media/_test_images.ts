/**
 * Small images for tests, made byte by byte: a complete PNG, and files of
 * the other types whose headers are real (what the store reads) with a
 * token body.
 *
 * @module
 */

const text = (value: string) => new TextEncoder().encode(value);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  return new Uint8Array([
    value >>> 24,
    (value >>> 16) & 0xff,
    (value >>> 8) & 0xff,
    value & 0xff,
  ]);
}

function u24le(value: number): Uint8Array {
  return new Uint8Array([value & 0xff, (value >>> 8) & 0xff, value >>> 16]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat(text(type), data);
  return concat(u32(data.length), body, u32(crc32(body)));
}

/**
 * A valid PNG of `width` x `height` pixels, every one of them `rgba`
 * (a different colour makes different bytes, hence a different key).
 */
export async function png(
  width = 2,
  height = 2,
  rgba: [number, number, number, number] = [200, 30, 30, 255],
): Promise<Uint8Array<ArrayBuffer>> {
  const row = concat(
    new Uint8Array([0]),
    ...Array.from({ length: width }, () => new Uint8Array(rgba)),
  );
  const raw = concat(...Array.from({ length: height }, () => row));
  const deflated = new Uint8Array(
    await new Response(
      new Blob([raw]).stream().pipeThrough(new CompressionStream("deflate")),
    ).arrayBuffer(),
  );
  const header = concat(
    u32(width),
    u32(height),
    new Uint8Array([8, 6, 0, 0, 0]),
  );
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflated),
    chunk("IEND", new Uint8Array()),
  );
}

/** A JPEG header (SOI, JFIF, a quantization table, SOF0) and EOI. */
export function jpeg(width = 640, height = 480): Uint8Array<ArrayBuffer> {
  const app0 = concat(
    new Uint8Array([0xff, 0xe0, 0x00, 0x10]),
    text("JFIF\0"),
    new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0]),
  );
  const dqt = concat(
    new Uint8Array([0xff, 0xdb, 0x00, 0x43, 0x00]),
    new Uint8Array(64).fill(1),
  );
  const sof0 = new Uint8Array([
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ]);
  return concat(
    new Uint8Array([0xff, 0xd8]),
    app0,
    dqt,
    sof0,
    new Uint8Array([0xff, 0xd9]),
  );
}

/** An extended (VP8X) WebP header of `width` x `height`. */
export function webp(width = 320, height = 200): Uint8Array<ArrayBuffer> {
  const vp8x = concat(
    text("VP8X"),
    u32le(10),
    new Uint8Array([0, 0, 0, 0]),
    u24le(width - 1),
    u24le(height - 1),
  );
  return concat(text("RIFF"), u32le(4 + vp8x.length), text("WEBP"), vp8x);
}

/** A lossy (VP8) WebP header of `width` x `height`. */
export function webpLossy(width = 16, height = 9): Uint8Array<ArrayBuffer> {
  const frame = concat(
    new Uint8Array([0x10, 0x02, 0x00]), // frame tag: a key frame
    new Uint8Array([0x9d, 0x01, 0x2a]),
    new Uint8Array([width & 0xff, width >> 8, height & 0xff, height >> 8]),
  );
  const vp8 = concat(text("VP8 "), u32le(frame.length), frame);
  return concat(text("RIFF"), u32le(4 + vp8.length), text("WEBP"), vp8);
}

function u32le(value: number): Uint8Array {
  return new Uint8Array([
    value & 0xff,
    (value >>> 8) & 0xff,
    (value >>> 16) & 0xff,
    value >>> 24,
  ]);
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  return concat(u32(8 + body.length), text(type), body);
}

/**
 * An AVIF's boxes: `ftyp` (brand `avif`), and `meta` with the image's size
 * in `ispe`, plus a 64 x 64 thumbnail's.
 */
export function avif(width = 1200, height = 800): Uint8Array<ArrayBuffer> {
  const ispe = (w: number, h: number) =>
    box("ispe", new Uint8Array(4), u32(w), u32(h));
  return concat(
    box("ftyp", text("avif"), u32(0), text("avifmif1miaf")),
    box(
      "meta",
      new Uint8Array(4),
      box("hdlr", new Uint8Array(8), text("pict"), new Uint8Array(13)),
      box("iprp", box("ipco", ispe(64, 64), ispe(width, height))),
    ),
    box("mdat", new Uint8Array(16)),
  );
}

/** A small SVG carrying a script: what the store must refuse. */
export const SVG = text(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);
