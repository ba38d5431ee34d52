/**
 * What an uploaded file really is, from its bytes: the magic numbers of
 * JPEG, PNG, WebP and AVIF (and of the types the store refuses, so the
 * refusal can name them), and the pixel size its header declares. A file
 * whose header cannot be read is not an image the store keeps.
 *
 * @module
 */
import type { ImageType } from "./types.ts";

/** Types recognized only to be refused by name. */
export type RefusedType =
  | "image/svg+xml"
  | "image/gif"
  | "image/bmp"
  | "image/tiff"
  | "image/heic"
  | "application/pdf";

/** A pixel size. */
export interface Dimensions {
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * The type the bytes of a file are, or `null` when they match nothing
 * known. Only the bytes decide, never a name or a declared type.
 */
export function detectType(bytes: Uint8Array): ImageType | RefusedType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    return "image/jpeg";
  }
  if (
    b.length >= 8 &&
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)
  ) {
    return "image/png";
  }
  if (
    b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP"
  ) {
    return "image/webp";
  }
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp") {
    const size = readU32(b, 0);
    const end = Math.min(b.length, size >= 16 ? size : 16);
    const brands = [ascii(b, 8, 4)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, 4));
    if (brands.some((brand) => brand === "avif" || brand === "avis")) {
      return "image/avif";
    }
    if (
      brands.some((brand) => /^(heic|heix|heim|heis|mif1|msf1)$/.test(brand))
    ) {
      return "image/heic";
    }
    return null;
  }
  if (b.length >= 6 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) return "image/gif";
  if (b.length >= 2 && ascii(b, 0, 2) === "BM") return "image/bmp";
  if (
    b.length >= 4 &&
    (ascii(b, 0, 4) === "II*\0" || ascii(b, 0, 4) === "MM\0*")
  ) {
    return "image/tiff";
  }
  if (b.length >= 5 && ascii(b, 0, 5) === "%PDF-") return "application/pdf";
  if (looksLikeSvg(b)) return "image/svg+xml";
  return null;
}

// SVG is text: an XML prolog, comments or a doctype, then `<svg`.
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart();
  return head.startsWith("<") && /<svg[\s>]/i.test(head);
}

/**
 * The width and height the header of an image of `type` declares, or
 * `null` when the header cannot be read (a truncated or forged file).
 */
export function imageDimensions(
  bytes: Uint8Array,
  type: ImageType,
): Dimensions | null {
  const size = (() => {
    switch (type) {
      case "image/png":
        return pngSize(bytes);
      case "image/jpeg":
        return jpegSize(bytes);
      case "image/webp":
        return webpSize(bytes);
      case "image/avif":
        return avifSize(bytes);
    }
  })();
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function readU16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) |
    b[at + 3]);
}

function readU24LE(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}

// The IHDR chunk comes first, right after the signature.
function pngSize(b: Uint8Array): Dimensions | null {
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return null;
  return { width: readU32(b, 16), height: readU32(b, 20) };
}

// Walk the marker segments up to a start-of-frame, which holds the size.
function jpegSize(b: Uint8Array): Dimensions | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM and RST0-7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // EOI, SOS
    const length = readU16(b, at + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf &&
      marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > b.length) return null;
      return { height: readU16(b, at + 5), width: readU16(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

// The first chunk after the RIFF header: lossy, lossless or extended.
function webpSize(b: Uint8Array): Dimensions | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return {
      width: (b[26] | (b[27] << 8)) & 0x3fff,
      height: (b[28] | (b[29] << 8)) & 0x3fff,
    };
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return {
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === "VP8X") {
    return { width: readU24LE(b, 24) + 1, height: readU24LE(b, 27) + 1 };
  }
  return null;
}

// ISO BMFF: meta > iprp > ipco > ispe holds each image item's size; the
// largest one is the picture's (others are thumbnails or alpha planes).
function avifSize(b: Uint8Array): Dimensions | null {
  let best: Dimensions | null = null;
  const walk = (start: number, end: number, path: string[]) => {
    let at = start;
    while (at + 8 <= end) {
      let size = readU32(b, at);
      const type = ascii(b, at + 4, 4);
      let header = 8;
      if (size === 1) {
        if (at + 16 > end) return;
        const high = readU32(b, at + 8);
        if (high !== 0) return; // larger than any upload
        size = readU32(b, at + 12);
        header = 16;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < header || at + size > end) return;
      const body = at + header;
      if (type === "meta" && path.length === 0) {
        walk(body + 4, at + size, [type]); // a full box: version and flags
      } else if (
        (type === "iprp" && path.join("/") === "meta") ||
        (type === "ipco" && path.join("/") === "meta/iprp")
      ) {
        walk(body, at + size, [...path, type]);
      } else if (type === "ispe" && path.join("/") === "meta/iprp/ipco") {
        if (body + 12 <= at + size) {
          const found = {
            width: readU32(b, body + 4),
            height: readU32(b, body + 8),
          };
          if (
            !best || found.width * found.height > best.width * best.height
          ) {
            best = found;
          }
        }
      }
      at += size;
    }
  };
  walk(0, b.length, []);
  return best;
}
