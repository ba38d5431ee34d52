/**
 * Media: the images admins upload, behind one object-store interface with
 * three backends (local disk under `DATA_DIR`, memory for `memory://`, any
 * S3-compatible bucket signed with Signature Version 4). Uploads are
 * checked by their bytes, stored under their SHA-256 and served as
 * immutable files from `/media/uploads/{key}`. The module owns the
 * `media` schema; other modules use only this file.
 *
 * @module
 */
export {
  InvalidImageError,
  MediaStoreUnavailableError,
  MediaTooLargeError,
  UnsupportedMediaTypeError,
} from "./errors.ts";
export {
  contentTypeOfKey,
  IMAGE_EXTENSIONS,
  isMediaKey,
  MEDIA_URL_PREFIX,
  mediaKey,
  mediaUrl,
} from "./keys.ts";
export { localMediaStore, memoryMediaStore } from "./local_store.ts";
export { s3MediaStore, type S3StoreOptions } from "./s3_store.ts";
export {
  checkMediaSettings,
  createMedia,
  DEFAULT_MEDIA_MAX_BYTES,
  type Media,
  MEDIA_ENV,
  mediaFor,
  type MediaSettings,
} from "./settings.ts";
export {
  amzDate,
  EMPTY_SHA256,
  sha256Hex,
  signV4,
  type SigV4Key,
} from "./sigv4.ts";
export { detectType, type Dimensions, imageDimensions } from "./sniff.ts";
export type * from "./types.ts";
export {
  ACCEPTED_TYPES,
  listMedia,
  MAX_PIXELS,
  type MediaDeps,
  uploadImage,
} from "./upload.ts";
