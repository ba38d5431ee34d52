/**
 * Media keys: the SHA-256 of a file's bytes plus the extension of its
 * type, so a key names its content for ever (served as immutable) and
 * cannot name anything outside the store (no path to traverse).
 *
 * @module
 */
import type { ImageType } from "./types.ts";

/** The file extension of each accepted type. */
export const IMAGE_EXTENSIONS: Readonly<Record<ImageType, string>> = Object
  .freeze({
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/avif": "avif",
  });

/** Where the app serves uploaded files. */
export const MEDIA_URL_PREFIX = "/media/uploads/";

const KEY = /^([0-9a-f]{64})\.(jpg|png|webp|avif)$/;

/** The key of a file whose bytes hash to `sha256` (hex) and of `type`. */
export function mediaKey(sha256: string, type: ImageType): string {
  return `${sha256}.${IMAGE_EXTENSIONS[type]}`;
}

/** Whether `key` is a well-formed media key. */
export function isMediaKey(key: string): boolean {
  return KEY.test(key);
}

/** The content type a key's extension stands for, or `null`. */
export function contentTypeOfKey(key: string): ImageType | null {
  const extension = KEY.exec(key)?.[2];
  const entry = Object.entries(IMAGE_EXTENSIONS)
    .find(([, ext]) => ext === extension);
  return entry ? entry[0] as ImageType : null;
}

/** The URL the store serves `key` at. */
export function mediaUrl(key: string): string {
  return MEDIA_URL_PREFIX + key;
}
