/**
 * The media module's types: the object store every backend implements,
 * and what an upload returns.
 *
 * @module
 */

/** The image types the store accepts (SVG never: it can carry scripts). */
export type ImageType =
  | "image/jpeg"
  | "image/png"
  | "image/webp"
  | "image/avif";

/** An object as a store hands it back. */
export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Its size in bytes, when the store knows it up front. */
  bytes: number | null;
}

/**
 * Where uploaded files live: local disk under `DATA_DIR` (in memory for
 * `memory://`), or an S3-compatible bucket. Keys are content hashes, so a
 * `put` of a key that exists stores the same bytes again (or skips it).
 */
export interface MediaStore {
  /** Which backend this is, as `media.objects.store` records it. */
  readonly kind: "local" | "memory" | "s3";
  /** Store `body` under `key`; throws `MediaStoreUnavailableError`. */
  put(
    key: string,
    object: { body: Uint8Array; contentType: string },
  ): Promise<void>;
  /** The object under `key`, or `null`; throws `MediaStoreUnavailableError`. */
  get(key: string): Promise<StoredObject | null>;
}

/** An uploaded image: where it is served and what it is. */
export interface UploadedMedia {
  /** `<sha256 of the bytes>.<extension>`. */
  key: string;
  /** Where the store serves it (`/media/uploads/{key}`). */
  url: string;
  contentType: ImageType;
  bytes: number;
  width: number;
  height: number;
}

/** An uploaded image as the admin list shows it. */
export interface MediaRecord extends UploadedMedia {
  /** The staff member who first uploaded it. */
  uploadedBy: string | null;
  createdAt: string;
}

/** A page of uploads, newest first. */
export interface MediaPage {
  items: MediaRecord[];
  /** Pass as `cursor` for the next page; `null` on the last. */
  nextCursor: string | null;
}
