/**
 * Image uploads: checked by their bytes (type, header, size), stored under
 * the SHA-256 of those bytes, recorded in `media.objects` and audited as
 * `media.upload`. The object is written before its row, so a row never
 * names a missing file (a file without a row, after a failed commit, is
 * harmless: the next upload of it finds it in place).
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import type { Logger } from "../../edge/logger.ts";
import { type AuditActor, recordAudit } from "../admin/mod.ts";
import {
  InvalidImageError,
  MediaStoreUnavailableError,
  MediaTooLargeError,
  UnsupportedMediaTypeError,
} from "./errors.ts";
import { IMAGE_EXTENSIONS, mediaKey, mediaUrl } from "./keys.ts";
import { sha256Hex } from "./sigv4.ts";
import { detectType, imageDimensions } from "./sniff.ts";
import type {
  ImageType,
  MediaPage,
  MediaRecord,
  MediaStore,
  UploadedMedia,
} from "./types.ts";

/** The types an upload may be, by their bytes. */
export const ACCEPTED_TYPES: readonly ImageType[] = Object.freeze(
  Object.keys(IMAGE_EXTENSIONS) as ImageType[],
);

/** The most pixels an image may have (a guard for whoever resizes it). */
export const MAX_PIXELS = 50_000_000;

/** What an upload needs. */
export interface MediaDeps {
  sql: Sql;
  store: MediaStore;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** Where a failing store is reported. */
  logger?: Logger;
}

// Names browsers and tools use for the accepted types.
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/x-png": "image/png",
};

/**
 * Store one image. Its bytes decide its type (JPEG, PNG, WebP or AVIF); a
 * declared type (the multipart part's) must agree unless it is generic
 * (`application/octet-stream`). Throws `MediaTooLargeError` (413),
 * `UnsupportedMediaTypeError` (415: SVG is refused, it can carry
 * scripts), `InvalidImageError` (400: empty, unreadable header, more than
 * {@link MAX_PIXELS}) and `MediaStoreUnavailableError` (503).
 */
export async function uploadImage(
  deps: MediaDeps,
  upload: {
    bytes: Uint8Array;
    declaredType?: string;
    actor: AuditActor;
  },
): Promise<UploadedMedia> {
  const { bytes, actor } = upload;
  if (bytes.length === 0) throw new InvalidImageError("The file is empty");
  if (bytes.length > deps.maxBytes) {
    throw new MediaTooLargeError({
      maxBytes: deps.maxBytes,
      bytes: bytes.length,
    });
  }
  const detected = detectType(bytes);
  if (!detected || !(ACCEPTED_TYPES as string[]).includes(detected)) {
    throw new UnsupportedMediaTypeError(
      detected === "image/svg+xml"
        ? "SVG images are not accepted: they can carry scripts"
        : detected
        ? `'${detected}' images are not accepted`
        : "The file is not an image of an accepted type",
      { accepted: ACCEPTED_TYPES, detected },
    );
  }
  const type = detected as ImageType;
  const declared = normalizeType(upload.declaredType);
  if (
    declared && declared !== "application/octet-stream" && declared !== type
  ) {
    throw new UnsupportedMediaTypeError(
      `The file was sent as '${declared}' but is '${type}'`,
      { accepted: ACCEPTED_TYPES, detected: type, declared },
    );
  }
  const size = imageDimensions(bytes, type);
  if (!size) {
    throw new InvalidImageError(`The ${type} header cannot be read`, {
      contentType: type,
    });
  }
  if (size.width * size.height > MAX_PIXELS) {
    throw new InvalidImageError(
      `The image has ${size.width} x ${size.height} pixels; at most ${MAX_PIXELS} are accepted`,
      { ...size, maxPixels: MAX_PIXELS },
    );
  }

  const key = mediaKey(await sha256Hex(bytes), type);
  try {
    await deps.store.put(key, { body: bytes, contentType: type });
  } catch (error) {
    if (error instanceof MediaStoreUnavailableError) {
      deps.logger?.error("media store failed", {
        requestId: upload.actor.requestId,
        store: deps.store.kind,
        error,
        cause: error.cause,
      });
    }
    throw error;
  }
  const media: UploadedMedia = {
    key,
    url: mediaUrl(key),
    contentType: type,
    bytes: bytes.length,
    ...size,
  };
  await deps.sql.begin(async (tx) => {
    const inserted = await tx`
      insert into media.objects (
        key, content_type, bytes, width, height, store, uploaded_by
      ) values (
        ${key}, ${type}, ${bytes.length}, ${size.width}, ${size.height},
        ${deps.store.kind}, ${uuidOrNull(actor.id)}
      )
      on conflict (key) do nothing
      returning key`;
    await recordAudit(tx, actor, {
      action: "media.upload",
      entityType: "media",
      entityId: key,
      after: { ...media, stored: deps.store.kind, new: inserted.length > 0 },
    });
  });
  return media;
}

function normalizeType(value: string | undefined): string | undefined {
  const type = value?.split(";")[0].trim().toLowerCase();
  return type ? ALIASES[type] ?? type : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOrNull(id: string): string | null {
  return UUID.test(id) ? id : null;
}

// Postgres's text form of a timestamptz, as the cursor keeps it.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const KEY = /^[0-9a-f]{64}\.[a-z]{3,4}$/;

/**
 * Uploaded images, newest first, `limit` at a time. An unreadable cursor
 * is `null` (the caller answers 400 `invalid_cursor`).
 */
export async function listMedia(
  sql: Sql | postgres.TransactionSql,
  query: { limit: number; cursor?: string },
): Promise<MediaPage | null> {
  const after = query.cursor ? readCursor(query.cursor) : undefined;
  if (after === null) return null;
  const rows = await sql`
    select *, created_at::text as created_key from media.objects
    where ${
    after
      ? sql`(created_at, key) < (${after.at}::text::timestamptz, ${after.key})`
      : sql`true`
  }
    order by created_at desc, key desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row): MediaRecord => ({
      key: row.key,
      url: mediaUrl(row.key),
      contentType: row.content_type,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      uploadedBy: row.uploaded_by,
      createdAt: new Date(row.created_at).toISOString(),
    })),
    nextCursor: rows.length > query.limit && last
      ? btoa(JSON.stringify([last.created_key, last.key]))
      : null,
  };
}

function readCursor(cursor: string): { at: string; key: string } | null {
  try {
    const [at, key] = JSON.parse(atob(cursor));
    return typeof at === "string" && TIMESTAMP.test(at) &&
        typeof key === "string" && KEY.test(key)
      ? { at, key }
      : null;
  } catch {
    return null;
  }
}
